package org.attentionworkbench.app.anomaly;

import java.nio.file.Path;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.attentionworkbench.compute.anomaly.data.AnomalyLabel;
import org.attentionworkbench.compute.anomaly.pipeline.ImageResult;

/**
 * One image of the inspected folder: what the folder says about it (label, class, mask), its result once
 * scored and the inspector's decision. Properties change on the FX thread only.
 */
public final class InspectionItem {
    private final Path image;
    private final String name;
    private final int order;
    private final AnomalyLabel label;
    private final String trueClass;
    private final Path mask;
    private final String category;
    private final ReadOnlyObjectWrapper<ImageResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper(this, "failure");
    private final ObjectProperty<Decision> decision = new SimpleObjectProperty<>(this, "decision");

    public InspectionItem(Path image, String name, int order, AnomalyLabel label, String trueClass, Path mask) {
        this(image, name, order, label, trueClass, mask, null);
    }

    /** @param category the category (product type) of a folder of categories; null for one dataset */
    public InspectionItem(Path image, String name, int order, AnomalyLabel label, String trueClass, Path mask,
            String category) {
        this.category = category;
        this.image = image;
        this.name = name;
        this.order = order;
        this.label = label;
        this.trueClass = trueClass;
        this.mask = mask;
    }

    public Path image() { return image; }
    /** Relative to the inspected folder, '/' separated (the key in the decision files). */
    public String name() { return name; }
    /** Position in file order. */
    public int order() { return order; }
    public AnomalyLabel label() { return label; }
    /** The folder's defect class ("scratch", "good"), or null. */
    public String trueClass() { return trueClass; }
    public Path mask() { return mask; }
    /** The item's category in a folder of categories, else null. */
    public String category() { return category; }

    public ReadOnlyObjectProperty<ImageResult> resultProperty() { return result.getReadOnlyProperty(); }
    public ImageResult result() { return result.get(); }
    void setResult(ImageResult r) { result.set(r); }

    /** Why the last run could not score this image (a corrupt file); null when it could. */
    public ReadOnlyStringProperty failureProperty() { return failure.getReadOnlyProperty(); }
    public String failure() { return failure.get(); }
    void setFailure(String reason) { failure.set(reason); }

    public ObjectProperty<Decision> decisionProperty() { return decision; }
    public Decision decision() { return decision.get(); }

    /** The score, or NaN while not scored. */
    public double score() {
        ImageResult r = result.get();
        return r == null ? Double.NaN : r.score();
    }

    public boolean flagged(double threshold) {
        return result.get() != null && result.get().score() > threshold;
    }

    @Override
    public String toString() {
        return name;
    }
}
