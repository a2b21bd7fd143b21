package org.attentionworkbench.compute.labs;

import java.util.ArrayList;
import java.util.List;

/** Every lab, in the order the workspace lists them. Add a lab here when you write one. */
public final class Labs {
    private Labs() {}

    public static List<Lab> all() {
        List<Lab> labs = new ArrayList<>();
        // in-context learning labs (compute.labs.icl)
        labs.add(new org.attentionworkbench.compute.labs.icl.IclLab());
        labs.add(new org.attentionworkbench.compute.labs.icl.IclOptimalLab());
        labs.add(new org.attentionworkbench.compute.labs.icl.SoftmaxRegressionLab());
        labs.add(new org.attentionworkbench.compute.labs.icl.FilterStoreLab());
        // probes on a loaded ViT (compute.labs.probes)
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
