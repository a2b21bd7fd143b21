package org.attentionworkbench.app.pointcloud;

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
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.points.render.RenderSettings;
import org.attentionworkbench.viewers.points.render.SizeMode;

/**
 * The Point clouds page's state (javafx.beans only): the open cloud as loaded and as edited, how it
 * is coloured and drawn, the picked points and what they measure, the renderer in use.
 */
public final class PointCloudModel {
    /** The cloud as read from the file (null until one is open). */
    final ObjectProperty<LoadedCloud> loaded = new SimpleObjectProperty<>(this, "loaded");
    /** The cloud shown: the loaded one after the edits so far. */
    final ObjectProperty<PointCloud> cloud = new SimpleObjectProperty<>(this, "cloud");
    final ObjectProperty<ColorBy> colorBy = new SimpleObjectProperty<>(this, "colorBy", ColorBy.HEIGHT);
    final ObjectProperty<Colormap> colormap = new SimpleObjectProperty<>(this, "colormap", Colormap.VIRIDIS);
    final ObjectProperty<ColorRange> range = new SimpleObjectProperty<>(this, "range", ColorRange.DEFAULT);
    /** The {min, max} the colormap spans now, in the values' own units (for the legend). */
    final ObjectProperty<double[]> span = new SimpleObjectProperty<>(this, "span", new double[] {0, 1});
    /** One ARGB per point of {@link #cloud}, for the current colouring. */
    final ObjectProperty<int[]> colours = new SimpleObjectProperty<>(this, "colours");
    final DoubleProperty pointSize = new SimpleDoubleProperty(this, "pointSize", 2);
    final ObjectProperty<SizeMode> sizeMode = new SimpleObjectProperty<>(this, "sizeMode", SizeMode.FIXED);
    final BooleanProperty edl = new SimpleBooleanProperty(this, "edl", false);
    final DoubleProperty edlStrength = new SimpleDoubleProperty(this, "edlStrength", 1);
    final DoubleProperty edlRadius = new SimpleDoubleProperty(this, "edlRadius", 1.4);
    final IntegerProperty background = new SimpleIntegerProperty(this, "background", RenderSettings.DEFAULT_BACKGROUND);
    /** auto, gl or java (a setting). */
    final StringProperty renderer = new SimpleStringProperty(this, "renderer", "auto");
    /** Which renderer runs and why (the status line). */
    final StringProperty rendererNote = new SimpleStringProperty(this, "rendererNote", "");
    final ObservableList<PickedPoint> picked = FXCollections.observableArrayList();
    final StringProperty measurement = new SimpleStringProperty(this, "measurement", Measurements.describe(picked));
    final BooleanProperty canUndo = new SimpleBooleanProperty(this, "canUndo");
    final BooleanProperty canRedo = new SimpleBooleanProperty(this, "canRedo");
    /** Per-point attention values when colouring by attention, else null. */
    final ObjectProperty<float[]> attention = new SimpleObjectProperty<>(this, "attention");
    /** The shown cloud's level-of-detail octree, once built (only for clouds over the Java budget). */
    final ObjectProperty<Lod> lod = new SimpleObjectProperty<>(this, "lod");
    /** One line about the cloud or the last action ("Cropped: 1,234 of 5,678 points kept"). */
    final StringProperty status = new SimpleStringProperty(this, "status", "");

    public ObjectProperty<LoadedCloud> loadedProperty() { return loaded; }
    public ObjectProperty<PointCloud> cloudProperty() { return cloud; }
    public ObjectProperty<ColorBy> colorByProperty() { return colorBy; }
    public ObjectProperty<Colormap> colormapProperty() { return colormap; }
    public ObjectProperty<ColorRange> rangeProperty() { return range; }
    public ObjectProperty<double[]> spanProperty() { return span; }
    public ObjectProperty<int[]> coloursProperty() { return colours; }
    public DoubleProperty pointSizeProperty() { return pointSize; }
    public ObjectProperty<SizeMode> sizeModeProperty() { return sizeMode; }
    public BooleanProperty edlProperty() { return edl; }
    public DoubleProperty edlStrengthProperty() { return edlStrength; }
    public DoubleProperty edlRadiusProperty() { return edlRadius; }
    public IntegerProperty backgroundProperty() { return background; }
    public StringProperty rendererProperty() { return renderer; }
    public StringProperty rendererNoteProperty() { return rendererNote; }
    public ObservableList<PickedPoint> picked() { return picked; }
    public StringProperty measurementProperty() { return measurement; }
    public BooleanProperty canUndoProperty() { return canUndo; }
    public BooleanProperty canRedoProperty() { return canRedo; }
    public ObjectProperty<float[]> attentionProperty() { return attention; }
    public StringProperty statusProperty() { return status; }
    public ObjectProperty<Lod> lodProperty() { return lod; }

    public PointCloud cloud() {
        return cloud.get();
    }

    /** The render settings for a frame of {@code width × height} physical pixels. */
    public RenderSettings renderSettings(int width, int height) {
        return RenderSettings.of(width, height).withPointSize((float) pointSize.get(), sizeMode.get())
                .withEdl(edl.get(), (float) edlStrength.get(), (float) edlRadius.get())
                .withBackground(0xFF000000 | background.get());
    }
}
