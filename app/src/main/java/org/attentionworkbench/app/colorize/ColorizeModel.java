package org.attentionworkbench.app.colorize;

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
import org.attentionworkbench.compute.colorize.ColorizationMethods;
import org.attentionworkbench.compute.colorize.Hint;

/**
 * The Colorize page's state, properties only (no view classes): the prepared image, the hints as
 * the screen should show them, the result on screen, the picker's colour, suggestions and recent
 * colours, the method, and how the images are laid out. The controller writes it; views read it and
 * call the controller's commands.
 */
public final class ColorizeModel {
    public static final int DEFAULT_HINT_SIZE = 3;
    /** Where a fresh page starts: a warm orange, visible on any grey. */
    public static final AbColour DEFAULT_COLOUR = new AbColour(25f, 45f);
    static final int RECENT_MAX = 10;

    private final ObjectProperty<PreparedImage> image = new SimpleObjectProperty<>(this, "image");
    private final ObservableList<Hint> hints = FXCollections.observableArrayList();
    private final ObjectProperty<ColorizeResult> result = new SimpleObjectProperty<>(this, "result");
    private final ObservableList<String> methods = FXCollections.observableArrayList(ColorizationMethods.NAMES);
    private final StringProperty method = new SimpleStringProperty(this, "method", ColorizationMethods.NAMES.get(0));
    private final ObjectProperty<ViewMode> viewMode = new SimpleObjectProperty<>(this, "viewMode", ViewMode.SIDE_BY_SIDE);
    private final DoubleProperty split = new SimpleDoubleProperty(this, "split", 0.5);
    private final IntegerProperty hintSize = new SimpleIntegerProperty(this, "hintSize", DEFAULT_HINT_SIZE);
    private final ObjectProperty<AbColour> colour = new SimpleObjectProperty<>(this, "colour", DEFAULT_COLOUR);
    private final IntegerProperty selected = new SimpleIntegerProperty(this, "selected", 0);
    private final DoubleProperty pickLightness = new SimpleDoubleProperty(this, "pickLightness", 60);
    private final ObservableList<AbColour> recent = FXCollections.observableArrayList();
    private final ObservableList<AbColour> suggested = FXCollections.observableArrayList();
    private final ObjectProperty<AbColour> truthColour = new SimpleObjectProperty<>(this, "truthColour");
    private final BooleanProperty canUndo = new SimpleBooleanProperty(this, "canUndo");
    private final BooleanProperty canRedo = new SimpleBooleanProperty(this, "canRedo");
    private final BooleanProperty fullResolutionPending = new SimpleBooleanProperty(this, "fullResolutionPending");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");

    /** The open image, ready to colorize; null until one is prepared. */
    public ObjectProperty<PreparedImage> imageProperty() { return image; }
    public PreparedImage getImage() { return image.get(); }

    /** The hints as shown (a drag in progress included), in insertion order. */
    public ObservableList<Hint> hints() { return hints; }

    /** The newest result on screen (a preview for large images until the full one arrives). */
    public ObjectProperty<ColorizeResult> resultProperty() { return result; }
    public ColorizeResult getResult() { return result.get(); }

    /** Method names, from {@link ColorizationMethods#NAMES}: a new method appears here by itself. */
    public ObservableList<String> methods() { return methods; }
    public StringProperty methodProperty() { return method; }

    public ObjectProperty<ViewMode> viewModeProperty() { return viewMode; }
    /** Slider mode: the fraction of the width showing the result (the rest shows the truth or the input). */
    public DoubleProperty splitProperty() { return split; }

    /** Size of the next hint (1–9 px a side). */
    public IntegerProperty hintSizeProperty() { return hintSize; }

    /** The picker's colour: the next hint gets it; picking one recolours the selected hint. */
    public ObjectProperty<AbColour> colourProperty() { return colour; }

    /** Id of the selected hint; 0 when none. */
    public IntegerProperty selectedProperty() { return selected; }
    /** L of the picked pixel: the picker's ab gamut is drawn at this lightness. */
    public DoubleProperty pickLightnessProperty() { return pickLightness; }

    public ObservableList<AbColour> recent() { return recent; }
    /** Colours the current result has around the picked pixel, most frequent first. */
    public ObservableList<AbColour> suggested() { return suggested; }
    /** The ground truth's colour at the picked pixel (null without truth or pick). */
    public ObjectProperty<AbColour> truthColourProperty() { return truthColour; }

    public BooleanProperty canUndoProperty() { return canUndo; }
    public BooleanProperty canRedoProperty() { return canRedo; }
    /** True while a large image's full-resolution result is being computed behind the preview. */
    public BooleanProperty fullResolutionPendingProperty() { return fullResolutionPending; }
    public StringProperty statusProperty() { return status; }
}
