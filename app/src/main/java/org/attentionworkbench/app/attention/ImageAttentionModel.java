package org.attentionworkbench.app.attention;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.attentionworkbench.compute.explain.HeadFusion;

/**
 * State of image mode, as properties only (no view nodes): which model and input size, the last
 * result, what the overlay shows (layer, head or fused heads, query patch, reverse, rollout, mask)
 * and the map that follows from it. The {@link AttentionController} keeps {@link #gridProperty()}
 * and {@link #contoursProperty()} in step with the rest; views bind to them.
 */
public final class ImageAttentionModel {
    /** Head value meaning "the heads fused" (the small multiples' "All" column). */
    public static final int FUSED = -1;
    /** Patch value meaning "no patch": the class token is the query. */
    public static final int NO_PATCH = -1;

    private final ObservableList<ModelChoice> models = FXCollections.observableArrayList();
    private final ObjectProperty<ModelChoice> model = new SimpleObjectProperty<>(this, "model");
    private final BooleanProperty hasTrainedModel = new SimpleBooleanProperty(this, "hasTrainedModel");
    private final BooleanProperty nativeGrid = new SimpleBooleanProperty(this, "nativeGrid");
    private final ObjectProperty<ImageRunResult> result = new SimpleObjectProperty<>(this, "result");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");

    private final IntegerProperty layer = new SimpleIntegerProperty(this, "layer");
    private final IntegerProperty head = new SimpleIntegerProperty(this, "head", FUSED);
    private final ObjectProperty<HeadFusion> fusion = new SimpleObjectProperty<>(this, "fusion", HeadFusion.MEAN);
    private final IntegerProperty pinnedPatch = new SimpleIntegerProperty(this, "pinnedPatch", NO_PATCH);
    private final IntegerProperty hoveredPatch = new SimpleIntegerProperty(this, "hoveredPatch", NO_PATCH);
    private final BooleanProperty liveHover = new SimpleBooleanProperty(this, "liveHover", true);
    private final BooleanProperty reverse = new SimpleBooleanProperty(this, "reverse");
    private final BooleanProperty rollout = new SimpleBooleanProperty(this, "rollout");
    private final DoubleProperty discardRatio = new SimpleDoubleProperty(this, "discardRatio", 0.9);
    private final ObjectProperty<float[]> rolloutMatrix = new SimpleObjectProperty<>(this, "rolloutMatrix");
    private final BooleanProperty rolloutBusy = new SimpleBooleanProperty(this, "rolloutBusy");
    private final BooleanProperty mask = new SimpleBooleanProperty(this, "mask");
    private final DoubleProperty maskShare = new SimpleDoubleProperty(this, "maskShare", 0.6);
    private final BooleanProperty showArtifacts = new SimpleBooleanProperty(this, "showArtifacts");

    private final ObjectProperty<float[]> grid = new SimpleObjectProperty<>(this, "grid");
    private final IntegerProperty gridWidth = new SimpleIntegerProperty(this, "gridWidth");
    private final IntegerProperty gridHeight = new SimpleIntegerProperty(this, "gridHeight");
    private final ObjectProperty<List<float[]>> contours = new SimpleObjectProperty<>(this, "contours", List.of());
    private final StringProperty caption = new SimpleStringProperty(this, "caption", "");

    public ObservableList<ModelChoice> models() { return models; }
    public ObjectProperty<ModelChoice> modelProperty() { return model; }
    public ModelChoice getModel() { return model.get(); }
    /** False while only the untrained sample is installed: the page shows how to get a real model. */
    public BooleanProperty hasTrainedModelProperty() { return hasTrainedModel; }
    public BooleanProperty nativeGridProperty() { return nativeGrid; }
    public ObjectProperty<ImageRunResult> resultProperty() { return result; }
    public ImageRunResult getResult() { return result.get(); }
    public BooleanProperty runningProperty() { return running; }
    public StringProperty statusProperty() { return status; }

    public IntegerProperty layerProperty() { return layer; }
    public int getLayer() { return layer.get(); }
    /** A head, or {@link #FUSED}. */
    public IntegerProperty headProperty() { return head; }
    public int getHead() { return head.get(); }
    public ObjectProperty<HeadFusion> fusionProperty() { return fusion; }
    /** The clicked query patch, or {@link #NO_PATCH} for the class token. */
    public IntegerProperty pinnedPatchProperty() { return pinnedPatch; }
    /** The patch under the pointer while live hover is on, or {@link #NO_PATCH}. */
    public IntegerProperty hoveredPatchProperty() { return hoveredPatch; }
    public BooleanProperty liveHoverProperty() { return liveHover; }
    /** Who attends to the query patch, instead of where it attends. */
    public BooleanProperty reverseProperty() { return reverse; }
    public BooleanProperty rolloutProperty() { return rollout; }
    public DoubleProperty discardRatioProperty() { return discardRatio; }
    /** The rollout R [N·N] for the current layer, fusion and discard ratio; null until computed. */
    public ObjectProperty<float[]> rolloutMatrixProperty() { return rolloutMatrix; }
    public BooleanProperty rolloutBusyProperty() { return rolloutBusy; }
    public BooleanProperty maskProperty() { return mask; }
    public DoubleProperty maskShareProperty() { return maskShare; }
    public BooleanProperty showArtifactsProperty() { return showArtifacts; }

    /** The map shown over the image [gridH · gridW]; a new array per change. */
    public ObjectProperty<float[]> gridProperty() { return grid; }
    public float[] getGrid() { return grid.get(); }
    public IntegerProperty gridWidthProperty() { return gridWidth; }
    public IntegerProperty gridHeightProperty() { return gridHeight; }
    /** Mask outlines and artifact boxes, in cell units. */
    public ObjectProperty<List<float[]>> contoursProperty() { return contours; }
    public List<float[]> getContours() { return contours.get(); }
    /** What the map shows, in words ("Layer 3 · head 1 · CLS → patches"). */
    public StringProperty captionProperty() { return caption; }

    /** The query patch in effect: the hovered one while hovering, else the pinned one. */
    public int queryPatch() {
        return liveHover.get() && hoveredPatch.get() != NO_PATCH ? hoveredPatch.get() : pinnedPatch.get();
    }
}
