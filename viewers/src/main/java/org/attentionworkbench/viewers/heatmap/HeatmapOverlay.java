package org.attentionworkbench.viewers.heatmap;

import java.util.List;
import java.util.Objects;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ObjectPropertyBase;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.event.EventHandler;
import javafx.geometry.Point2D;
import javafx.scene.control.Skin;
import javafx.scene.image.Image;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import org.attentionworkbench.viewers.image.ImageViewer;

/**
 * An {@link ImageViewer} (same zoom, pan, fit) with a heatmap of a coarse grid laid over the image:
 * the grid (gw x gh, row-major) is stretched over the whole image, so cell (x, y) covers image
 * pixels {@code [x * W / gw, (x + 1) * W / gw)} horizontally and likewise vertically.
 *
 * <p>Contours are polylines in cell units, {@code {x0, y0, x1, y1, ...}}, where cell (i, j) spans
 * [i, i+1] x [j, j+1] (so a cell centre is at i + 0.5). The pointer's cell is
 * {@link #hoveredCellProperty()}; a click (not a pan) sets {@link #clickedCellProperty()} and fires
 * {@link CellEvent#CELL_CLICKED}, so an application can show "that patch's attention row" live.
 */
public class HeatmapOverlay extends ImageViewer {
    public static final String STYLE_CLASS = "heatmap-overlay";

    private final ObjectProperty<float[]> grid = new SimpleObjectProperty<>(this, "grid");
    private final IntegerProperty gridWidth = new SimpleIntegerProperty(this, "gridWidth");
    private final IntegerProperty gridHeight = new SimpleIntegerProperty(this, "gridHeight");
    private final ObjectProperty<Colormap> colormap = new SimpleObjectProperty<>(this, "colormap", Colormap.VIRIDIS);
    private final DoubleProperty heatmapOpacity = new SimpleDoubleProperty(this, "heatmapOpacity", 0.6);
    private final ObjectProperty<Interpolation> interpolation =
            new SimpleObjectProperty<>(this, "interpolation", Interpolation.BILINEAR);
    private final ObjectProperty<ValueRange> range = new SimpleObjectProperty<>(this, "range");
    private final ObjectProperty<List<float[]>> contours = new SimpleObjectProperty<>(this, "contours", List.of());
    private final ObjectProperty<GridCell> highlightedCell = new SimpleObjectProperty<>(this, "highlightedCell");
    private final ObjectProperty<Color> contourColor = new SimpleObjectProperty<>(this, "contourColor", Color.WHITE);
    private final ObjectProperty<Color> highlightColor = new SimpleObjectProperty<>(this, "highlightColor", Color.RED);
    private final ReadOnlyObjectWrapper<GridCell> hoveredCell = new ReadOnlyObjectWrapper<>(this, "hoveredCell");
    private final ReadOnlyObjectWrapper<GridCell> clickedCell = new ReadOnlyObjectWrapper<>(this, "clickedCell");
    private final ObjectProperty<EventHandler<? super CellEvent>> onCellClicked = new ObjectPropertyBase<>() {
        @Override
        protected void invalidated() {
            setEventHandler(CellEvent.CELL_CLICKED, get());
        }

        @Override
        public Object getBean() { return HeatmapOverlay.this; }

        @Override
        public String getName() { return "onCellClicked"; }
    };

    public HeatmapOverlay() {
        getStyleClass().add(STYLE_CLASS);
        hoveredPixelProperty().addListener(obs -> refreshHoveredCell());
        gridWidth.addListener(obs -> refreshHoveredCell());
        gridHeight.addListener(obs -> refreshHoveredCell());
        addEventHandler(MouseEvent.MOUSE_CLICKED, this::onClicked);
    }

    public HeatmapOverlay(Image image) {
        this();
        setImage(image);
    }

    /** Sets grid and dimensions together (one redraw; checks the length). */
    public void setGrid(float[] values, int gw, int gh) {
        if (values != null && (gw <= 0 || gh <= 0 || values.length != gw * gh)) {
            throw new IllegalArgumentException("grid of " + values.length + " values is not " + gw + "x" + gh);
        }
        // Dimensions first: the skin draws on a grid change and then sees matching dimensions.
        grid.set(null);
        gridWidth.set(gw);
        gridHeight.set(gh);
        grid.set(values);
    }

    // ---- properties --------------------------------------------------------------------------

    /** Row-major gw x gh values; null hides the heatmap. Replace the array to redraw. */
    public final ObjectProperty<float[]> gridProperty() { return grid; }
    public final float[] getGrid() { return grid.get(); }
    public final void setGrid(float[] v) { grid.set(v); }

    public final IntegerProperty gridWidthProperty() { return gridWidth; }
    public final int getGridWidth() { return gridWidth.get(); }
    public final void setGridWidth(int v) { gridWidth.set(v); }

    public final IntegerProperty gridHeightProperty() { return gridHeight; }
    public final int getGridHeight() { return gridHeight.get(); }
    public final void setGridHeight(int v) { gridHeight.set(v); }

    public final ObjectProperty<Colormap> colormapProperty() { return colormap; }
    public final Colormap getColormap() { return colormap.get(); }
    public final void setColormap(Colormap v) { colormap.set(v); }

    /** Opacity of the heatmap alone in [0, 1] (Node's own opacity would fade the image too). */
    public final DoubleProperty heatmapOpacityProperty() { return heatmapOpacity; }
    public final double getHeatmapOpacity() { return heatmapOpacity.get(); }
    public final void setHeatmapOpacity(double v) { heatmapOpacity.set(v); }

    public final ObjectProperty<Interpolation> interpolationProperty() { return interpolation; }
    public final Interpolation getInterpolation() { return interpolation.get(); }
    public final void setInterpolation(Interpolation v) { interpolation.set(v); }

    /** Fixed value range; null = auto (the grid's finite min..max). */
    public final ObjectProperty<ValueRange> rangeProperty() { return range; }
    public final ValueRange getRange() { return range.get(); }
    public final void setRange(ValueRange v) { range.set(v); }

    /** Outlines in cell units (see the class comment); empty or null for none. */
    public final ObjectProperty<List<float[]>> contoursProperty() { return contours; }
    public final List<float[]> getContours() { return contours.get(); }
    public final void setContours(List<float[]> v) { contours.set(v); }

    /** A cell drawn as a box (e.g. the query patch); null for none. */
    public final ObjectProperty<GridCell> highlightedCellProperty() { return highlightedCell; }
    public final GridCell getHighlightedCell() { return highlightedCell.get(); }
    public final void setHighlightedCell(GridCell v) { highlightedCell.set(v); }

    public final ObjectProperty<Color> contourColorProperty() { return contourColor; }
    public final ObjectProperty<Color> highlightColorProperty() { return highlightColor; }

    /** The grid cell under the pointer; null off the image or without a grid. */
    public final ReadOnlyObjectProperty<GridCell> hoveredCellProperty() { return hoveredCell.getReadOnlyProperty(); }
    public final GridCell getHoveredCell() { return hoveredCell.get(); }

    /** The last cell clicked (a click that did not pan). */
    public final ReadOnlyObjectProperty<GridCell> clickedCellProperty() { return clickedCell.getReadOnlyProperty(); }
    public final GridCell getClickedCell() { return clickedCell.get(); }

    public final ObjectProperty<EventHandler<? super CellEvent>> onCellClickedProperty() { return onCellClicked; }
    public final void setOnCellClicked(EventHandler<? super CellEvent> h) { onCellClicked.set(h); }

    /** The current look as one value (what {@link HeatmapRenderer} takes). */
    public HeatmapStyle getHeatmapStyle() {
        double o = Math.max(0, Math.min(1, getHeatmapOpacity()));
        return new HeatmapStyle(getColormap(), getRange(), o, getInterpolation());
    }

    /** The cell at a (fractional) image point; null outside the image or without a grid. */
    public GridCell cellAtImage(double ix, double iy) {
        Image img = getImage();
        int gw = getGridWidth();
        int gh = getGridHeight();
        if (img == null || gw <= 0 || gh <= 0 || ix < 0 || iy < 0 || ix >= img.getWidth() || iy >= img.getHeight()) {
            return null;
        }
        int cx = Math.min(gw - 1, (int) (ix * gw / img.getWidth()));
        int cy = Math.min(gh - 1, (int) (iy * gh / img.getHeight()));
        return new GridCell(cx, cy);
    }

    /** The cell at a view point (this control's local coordinates). */
    public GridCell cellAtView(double vx, double vy) {
        Point2D p = viewToImage(vx, vy);
        return cellAtImage(p.getX(), p.getY());
    }

    /** The base image with the current heatmap at the image's own resolution (for export). */
    public Image renderComposite() {
        Image img = Objects.requireNonNull(getImage(), "no image");
        float[] g = getGrid();
        if (g == null) {
            return img;
        }
        return HeatmapRenderer.composite(img, g, getGridWidth(), getGridHeight(), getHeatmapStyle());
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new HeatmapOverlaySkin(this);
    }

    @Override
    public String getUserAgentStylesheet() {
        return HeatmapOverlay.class.getResource("heatmap-overlay.css").toExternalForm();
    }

    // ---- internals ---------------------------------------------------------------------------

    private void refreshHoveredCell() {
        Pixel p = getHoveredPixel();
        GridCell next = p == null ? null : cellAtImage(p.x() + 0.5, p.y() + 0.5);
        if (!Objects.equals(next, hoveredCell.get())) {
            hoveredCell.set(next);
        }
    }

    private void onClicked(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress() || e.getClickCount() != 1) {
            return;
        }
        GridCell cell = cellAtView(e.getX(), e.getY());
        if (cell != null) {
            clickedCell.set(cell);
            fireEvent(new CellEvent(this, this, CellEvent.CELL_CLICKED, cell));
        }
    }
}
