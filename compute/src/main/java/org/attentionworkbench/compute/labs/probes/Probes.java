package org.attentionworkbench.compute.labs.probes;

import java.util.List;
import org.attentionworkbench.compute.labs.Lab;

/** The probe labs, in the order the workspace lists them ({@code Labs.all()} adds them). */
public final class Probes {
    private Probes() {}

    public static List<Lab> all() {
        return List.of(new FusionLab(), new RedundancyLab(), new PathwaysLab(), new ShiftLab(), new PosEncLab());
    }
}
