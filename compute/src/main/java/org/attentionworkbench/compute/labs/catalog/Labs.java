package org.attentionworkbench.compute.labs.catalog;

import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.compute.labs.Lab;
import org.attentionworkbench.compute.labs.LabException;

/**
 * Every lab, in the order the workspace lists them. Add a lab here when you write one. (Its own package: the
 * registry knows every lab package, and they all know {@code compute.labs}.)
 */
public final class Labs {
    private Labs() {}

    public static List<Lab> all() {
        List<Lab> labs = new ArrayList<>();
        // in-context learning labs (compute.labs.icl)
        labs.add(lab("org.attentionworkbench.compute.labs.icl.IclLab"));
        labs.add(lab("org.attentionworkbench.compute.labs.icl.IclOptimalLab"));
        labs.add(lab("org.attentionworkbench.compute.labs.icl.SoftmaxRegressionLab"));
        labs.add(lab("org.attentionworkbench.compute.labs.icl.FilterStoreLab"));
        // probes on a loaded ViT (compute.labs.probes)
        labs.addAll(org.attentionworkbench.compute.labs.probes.Probes.all());
        return List.copyOf(labs);
    }

    /**
     * A lab by class name: the labs' sub-packages depend on this package, so naming them here by class (not
     * {@code new}) keeps the packages free of cycles (ArchitectureTest.packagesAreFreeOfCycles).
     */
    private static Lab lab(String className) {
        try {
            return (Lab) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("lab class " + className + " cannot be made", e);
        }
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
