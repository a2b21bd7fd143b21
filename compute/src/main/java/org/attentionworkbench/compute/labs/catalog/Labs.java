package org.attentionworkbench.compute.labs.catalog;

import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.compute.labs.Lab;
import org.attentionworkbench.compute.labs.LabException;
import org.attentionworkbench.compute.labs.icl.FilterStoreLab;
import org.attentionworkbench.compute.labs.icl.IclLab;
import org.attentionworkbench.compute.labs.icl.IclOptimalLab;
import org.attentionworkbench.compute.labs.icl.SoftmaxRegressionLab;
import org.attentionworkbench.compute.labs.probes.Probes;

/**
 * Every lab, in the order the workspace lists them. Add a lab here when you write one. (Its own package: the
 * registry knows every lab package, and they all know {@code compute.labs}.)
 */
public final class Labs {
    private Labs() {}

    public static List<Lab> all() {
        List<Lab> labs = new ArrayList<>();
        // in-context learning labs (compute.labs.icl)
        labs.add(new IclLab());
        labs.add(new IclOptimalLab());
        labs.add(new SoftmaxRegressionLab());
        labs.add(new FilterStoreLab());
        // probes on a loaded ViT (compute.labs.probes)
        labs.addAll(Probes.all());
        return List.copyOf(labs);
    }

    /** The lab with this id, or an error listing the ids there are. */
    public static Lab byId(String id) throws LabException {
        for (Lab l : all()) {
            if (l.id().equals(id)) {
                return l;
            }
        }
        throw new LabException("no lab '" + id + "' (there are: "
                + String.join(", ", all().stream().map(Lab::id).toList()) + ")");
    }
}
