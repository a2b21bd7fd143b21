package org.attentionworkbench.viewers.grid;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.heatmap.HeatmapRenderer;
import org.attentionworkbench.viewers.heatmap.HeatmapStyle;
import org.attentionworkbench.viewers.heatmap.Interpolation;
import org.attentionworkbench.viewers.heatmap.ValueRange;

/**
 * A layers x heads grid of small heatmaps (DINO's per-head maps, BertViz's model view). Rows are
 * layers (L0 at the top), columns heads (H0...), plus an optional leading "all heads" column
 * (head {@link LayerHead#ALL_HEADS}). Each cell is a cellWidth x cellHeight grid of values from a
 * {@link CellSource}, rendered once to a texture of that size and scaled up by prism without
 * smoothing, so a full 12 x 12 redraw costs 144 tiny uploads.
 *
 * <p>Click a cell or move with the arrow keys to change {@link #selectionProperty()}.
 */
public class SmallMultiples extends Region {
    public static final String STYLE_CLASS = "small-multiples";
    public static final String ROW_LABEL_STYLE_CLASS = "row-label";
    public static final String COLUMN_LABEL_STYLE_CLASS = "column-label";
    public static final String FUSED_LABEL = "All";

    private static final double GAP = 2;
    private static final double ROW_LABEL_WIDTH = 34;
    private static final double COLUMN_LABEL_HEIGHT = 18;

    private final IntegerProperty layers = new SimpleIntegerProperty(this, "layers");
    private final IntegerProperty heads = new SimpleIntegerProperty(this, "heads");
    private final IntegerProperty cellWidth = new SimpleIntegerProperty(this, "cellWidth", 1);
    private final IntegerProperty cellHeight = new SimpleIntegerProperty(this, "cellHeight", 1);
    private final BooleanProperty fusedColumn = new SimpleBooleanProperty(this, "fusedColumn");
    private final ObjectProperty<CellSource> source = new SimpleObjectProperty<>(this, "source");
    private final ObjectProperty<Colormap> colormap = new SimpleObjectProperty<>(this, "colormap", Colormap.VIRIDIS);
    private final ObjectProperty<ValueRange> range = new SimpleObjectProperty<>(this, "range");
    private final ObjectProperty<LayerHead> selection = new SimpleObjectProperty<>(this, "selection");
    private final ObjectProperty<Color> selectionColor = new SimpleObjectProperty<>(this, "selectionColor", Color.ORANGERED);
    private final ReadOnlyObjectWrapper<LayerHead> hovered = new ReadOnlyObjectWrapper<>(this, "hovered");

    private final Canvas canvas = new Canvas();
    private final List<Label> rowLabels = new ArrayList<>();
    private final List<Label> columnLabels = new ArrayList<>();
    /** Rendered cells, [row * columns + column]; null until drawn. */
    private WritableImage[] textures = new WritableImage[0];
    private boolean labelsDirty = true;
    private boolean cellsDirty = true;
    private boolean canvasDirty = true;
    // Geometry of the last layout.
    private double cell;
    private double originX;
    private double originY;

    public SmallMultiples() {
        getStyleClass().add(STYLE_CLASS);
        setFocusTraversable(true);
        canvas.setMouseTransparent(true);
        getChildren().add(canvas);
        for (Observable o : List.of(layers, heads, fusedColumn)) {
            o.addListener(obs -> {
                labelsDirty = true;
                cellsDirty = true;
                requestLayout();
            });
        }
        for (Observable o : List.of(source, cellWidth, cellHeight, colormap, range)) {
            o.addListener(obs -> invalidateCells());
        }
        for (Observable o : List.of(selection, selectionColor)) {
            o.addListener(obs -> {
                canvasDirty = true;
                requestLayout();
            });
        }
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> requestFocus());
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            LayerHead lh = cellAt(e.getX(), e.getY());
            if (lh != null) {
                setSelection(lh);
            }
        });
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> setHovered(cellAt(e.getX(), e.getY())));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> setHovered(null));
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
    }

    /** Sets the whole data in one go. */
    public void setData(int layers, int heads, int cellWidth, int cellHeight, boolean fusedColumn, CellSource source) {
        this.layers.set(layers);
        this.heads.set(heads);
        this.cellWidth.set(cellWidth);
        this.cellHeight.set(cellHeight);
        this.fusedColumn.set(fusedColumn);
        this.source.set(source);
        invalidateCells();
    }

    /** Forgets the rendered cells (call after the source's data changed in place). */
    public void invalidateCells() {
        cellsDirty = true;
        requestLayout();
    }

    // ---- properties --------------------------------------------------------------------------

    public final IntegerProperty layersProperty() { return layers; }
    public final int getLayers() { return layers.get(); }
    public final IntegerProperty headsProperty() { return heads; }
    public final int getHeads() { return heads.get(); }
    public final IntegerProperty cellWidthProperty() { return cellWidth; }
    public final IntegerProperty cellHeightProperty() { return cellHeight; }
    /** Whether a leading "All" column (head -1) is shown. */
    public final BooleanProperty fusedColumnProperty() { return fusedColumn; }
    public final boolean isFusedColumn() { return fusedColumn.get(); }
    public final ObjectProperty<CellSource> sourceProperty() { return source; }
    public final ObjectProperty<Colormap> colormapProperty() { return colormap; }
    public final void setColormap(Colormap c) { colormap.set(c); }
    /** Shared value range for every cell; null = each cell its own min..max. */
    public final ObjectProperty<ValueRange> rangeProperty() { return range; }
    public final void setRange(ValueRange r) { range.set(r); }
    public final ObjectProperty<LayerHead> selectionProperty() { return selection; }
    public final LayerHead getSelection() { return selection.get(); }
    public final void setSelection(LayerHead v) { selection.set(v); }
    public final ObjectProperty<Color> selectionColorProperty() { return selectionColor; }
    /** The cell under the pointer; null when none. */
    public final ReadOnlyObjectProperty<LayerHead> hoveredProperty() { return hovered.getReadOnlyProperty(); }
    public final LayerHead getHovered() { return hovered.get(); }

    /** Number of columns drawn (heads, plus one for the fused column). */
    public int getColumns() {
        return getHeads() + (isFusedColumn() ? 1 : 0);
    }

    /** The (layer, head) at a local point, or null off the cells (gaps and labels included). */
    public LayerHead cellAt(double x, double y) {
        if (cell <= 0) {
            return null;
        }
        double pitch = cell + GAP;
        int c = (int) Math.floor((x - originX) / pitch);
        int r = (int) Math.floor((y - originY) / pitch);
        if (c < 0 || r < 0 || c >= getColumns() || r >= getLayers()) {
            return null;
        }
        if (x - originX - c * pitch > cell || y - originY - r * pitch > cell) {
            return null;
        }
        return new LayerHead(r, headOfColumn(c));
    }

    /** Centre of a cell in local coordinates (for placing popups, and for tests). */
    public javafx.geometry.Point2D cellCentre(LayerHead lh) {
        int c = columnOfHead(lh.head());
        double pitch = cell + GAP;
        return new javafx.geometry.Point2D(originX + c * pitch + cell / 2, originY + lh.layer() * pitch + cell / 2);
    }

    @Override
    public String getUserAgentStylesheet() {
        return SmallMultiples.class.getResource("small-multiples.css").toExternalForm();
    }

    // ---- layout and drawing ------------------------------------------------------------------

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + ROW_LABEL_WIDTH + Math.max(1, getColumns()) * (40 + GAP) + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return snappedTopInset() + COLUMN_LABEL_HEIGHT + Math.max(1, getLayers()) * (40 + GAP) + snappedBottomInset();
    }

    @Override
    protected double computeMinWidth(double height) {
        return 0;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 0;
    }

    @Override
    protected void layoutChildren() {
        if (labelsDirty) {
            rebuildLabels();
        }
        double left = snappedLeftInset();
        double top = snappedTopInset();
        double w = getWidth() - left - snappedRightInset();
        double h = getHeight() - top - snappedBottomInset();
        int cols = getColumns();
        int rows = getLayers();
        double newCell = cols == 0 || rows == 0 ? 0
                : Math.floor(Math.max(0, Math.min((w - ROW_LABEL_WIDTH) / cols, (h - COLUMN_LABEL_HEIGHT) / rows) - GAP));
        double newX = left + ROW_LABEL_WIDTH;
        double newY = top + COLUMN_LABEL_HEIGHT;
        if (newCell != cell || newX != originX || newY != originY
                || canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            cell = newCell;
            originX = newX;
            originY = newY;
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            canvasDirty = true;
        }
        canvas.relocate(0, 0);
        double pitch = cell + GAP;
        for (int r = 0; r < rowLabels.size(); r++) {
            Label l = rowLabels.get(r);
            l.resizeRelocate(left, originY + r * pitch, ROW_LABEL_WIDTH - 4, cell);
        }
        for (int c = 0; c < columnLabels.size(); c++) {
            // Labels may be wider than a small cell: centred on it, never truncated.
            Label l = columnLabels.get(c);
            double lw = Math.max(cell, l.prefWidth(-1));
            l.resizeRelocate(originX + c * pitch + (cell - lw) / 2, top, lw, COLUMN_LABEL_HEIGHT);
        }
        if (cellsDirty) {
            cellsDirty = false;
            textures = new WritableImage[rows * cols];
            canvasDirty = true;
        }
        if (canvasDirty) {
            draw();
        }
    }

    private void rebuildLabels() {
        labelsDirty = false;
        getChildren().removeAll(rowLabels);
        getChildren().removeAll(columnLabels);
        rowLabels.clear();
        columnLabels.clear();
        for (int r = 0; r < getLayers(); r++) {
            rowLabels.add(label("L" + r, ROW_LABEL_STYLE_CLASS));
        }
        for (int c = 0; c < getColumns(); c++) {
            int head = headOfColumn(c);
            columnLabels.add(label(head == LayerHead.ALL_HEADS ? FUSED_LABEL : "H" + head, COLUMN_LABEL_STYLE_CLASS));
        }
        getChildren().addAll(rowLabels);
        getChildren().addAll(columnLabels);
    }

    private static Label label(String text, String styleClass) {
        Label l = new Label(text);
        l.getStyleClass().add(styleClass);
        l.setMouseTransparent(true);
        l.setMinSize(0, 0);
        return l;
    }

    private void draw() {
        canvasDirty = false;
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (cell <= 0) {
            return;
        }
        int cols = getColumns();
        double pitch = cell + GAP;
        gc.setImageSmoothing(false);
        for (int r = 0; r < getLayers(); r++) {
            for (int c = 0; c < cols; c++) {
                WritableImage img = texture(r, c);
                if (img != null) {
                    gc.drawImage(img, originX + c * pitch, originY + r * pitch, cell, cell);
                }
            }
        }
        LayerHead sel = getSelection();
        if (sel != null && sel.layer() >= 0 && sel.layer() < getLayers() && columnOfHead(sel.head()) >= 0) {
            javafx.geometry.Point2D p = cellCentre(sel);
            gc.setStroke(selectionColor.get());
            gc.setLineWidth(2);
            gc.strokeRect(p.getX() - cell / 2 - 1, p.getY() - cell / 2 - 1, cell + 2, cell + 2);
        }
    }

    private WritableImage texture(int row, int col) {
        int i = row * getColumns() + col;
        if (i >= textures.length) {
            return null;
        }
        if (textures[i] == null) {
            CellSource s = source.get();
            int cw = cellWidth.get();
            int ch = cellHeight.get();
            float[] v = s == null ? null : s.values(row, headOfColumn(col));
            if (v == null || cw <= 0 || ch <= 0 || v.length != cw * ch) {
                return null;
            }
            HeatmapStyle style = new HeatmapStyle(colormap.get(), range.get(), 1, Interpolation.NEAREST);
            textures[i] = HeatmapRenderer.renderImage(v, cw, ch, style, cw, ch);
        }
        return textures[i];
    }

    private int headOfColumn(int c) {
        return isFusedColumn() ? c - 1 : c;
    }

    private int columnOfHead(int head) {
        int c = isFusedColumn() ? head + 1 : head;
        return c >= 0 && c < getColumns() ? c : -1;
    }

    private void setHovered(LayerHead lh) {
        if (!java.util.Objects.equals(lh, hovered.get())) {
            hovered.set(lh);
        }
    }

    private void onKey(KeyEvent e) {
        LayerHead sel = getSelection();
        if (getLayers() == 0 || getColumns() == 0) {
            return;
        }
        int r = sel == null ? 0 : sel.layer();
        int c = sel == null ? 0 : Math.max(0, columnOfHead(sel.head()));
        switch (e.getCode()) {
            case LEFT -> c--;
            case RIGHT -> c++;
            case UP -> r--;
            case DOWN -> r++;
            default -> {
                return;
            }
        }
        if (sel != null) {
            r = Math.max(0, Math.min(getLayers() - 1, r));
            c = Math.max(0, Math.min(getColumns() - 1, c));
        } else {
            r = 0;
            c = 0;
        }
        setSelection(new LayerHead(r, headOfColumn(c)));
        e.consume();
    }
}
