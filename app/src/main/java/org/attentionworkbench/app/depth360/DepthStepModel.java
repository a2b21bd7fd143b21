package org.attentionworkbench.app.depth360;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.attentionworkbench.compute.panorama.TangentLayout;

/**
 * The depth step's state on the 360° page (javafx.beans only): the models to choose from, the running
 * run (progress, its patches and how many are done), the finished depth, its scale, the measurement, and
 * a message line (hover distance, results, errors).
 */
public final class DepthStepModel {
    final ObservableList<DepthModelChoice> choices = FXCollections.observableArrayList();
    /** One wrapper for everyone: a listener on a wrapper nobody keeps would be collected with it. */
    private final ObservableList<DepthModelChoice> readOnlyChoices = FXCollections.unmodifiableObservableList(choices);
    final ObjectProperty<PanoramaDepth> depth = new SimpleObjectProperty<>(this, "depth");
    final ObjectProperty<DepthScale> scale = new SimpleObjectProperty<>(this, "scale", DepthScale.none());
    final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    final DoubleProperty progress = new SimpleDoubleProperty(this, "progress");
    final ObjectProperty<TangentLayout> layout = new SimpleObjectProperty<>(this, "layout");
    final IntegerProperty patchesDone = new SimpleIntegerProperty(this, "patchesDone");
    final ObjectProperty<Preview> preview = new SimpleObjectProperty<>(this, "preview");
    final ObjectProperty<Measurement> measurement = new SimpleObjectProperty<>(this, "measurement");
    final StringProperty message = new SimpleStringProperty(this, "message", "");
    final StringProperty hover = new SimpleStringProperty(this, "hover", "");

    public ObservableList<DepthModelChoice> choices() { return readOnlyChoices; }
    public ReadOnlyObjectProperty<PanoramaDepth> depthProperty() { return depth; }
    public PanoramaDepth depth() { return depth.get(); }
    public ReadOnlyObjectProperty<DepthScale> scaleProperty() { return scale; }
    public DepthScale scale() { return scale.get(); }
    public ReadOnlyBooleanProperty runningProperty() { return running; }
    public boolean isRunning() { return running.get(); }
    /** Fraction done of the running run, 0..1. */
    public ReadOnlyDoubleProperty progressProperty() { return progress; }
    /** The patches of the running run, or of the finished one; null for OmniFusion or before a run. */
    public ReadOnlyObjectProperty<TangentLayout> layoutProperty() { return layout; }
    /** How many of {@link #layoutProperty()}'s patches have their depth (they finish in order). */
    public ReadOnlyIntegerProperty patchesDoneProperty() { return patchesDone; }
    /** While a run goes: the patches finished so far, each on its own scale (see {@link PatchPreview}); else null. */
    public ReadOnlyObjectProperty<Preview> previewProperty() { return preview; }
    public ReadOnlyObjectProperty<Measurement> measurementProperty() { return measurement; }
    public Measurement measurement() { return measurement.get(); }
    /** Results, measurements and errors of the depth step. */
    public ReadOnlyStringProperty messageProperty() { return message; }
    /** The distance under the pointer, or "". */
    public ReadOnlyStringProperty hoverProperty() { return hover; }

    /** A snapshot of {@link PatchPreview}: values on a width×height ERP grid in the viewer's convention, NaN = none yet. */
    public record Preview(float[] values, int width, int height) {}
}
