package org.attentionworkbench.viewers.zoo;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.heatmap.HeatmapRenderer;
import org.attentionworkbench.viewers.heatmap.HeatmapStyle;
import org.attentionworkbench.viewers.heatmap.Interpolation;
import org.attentionworkbench.viewers.heatmap.ValueRange;

/**
 * An N×N token-mixing matrix drawn square with the explorer's colormaps (one texel per entry, scaled
 * without smoothing). Hovering a row publishes it in {@link #hoveredRowProperty()} (−1 off the
 * matrix); {@link #setHighlightedRow} outlines a row (e.g. the one hovered in a sibling view).
 */
public class MatrixView extends Region {
    public static final String STYLE_CLASS = "matrix-view";

    private final Canvas canvas = new Canvas();
    private final ReadOnlyIntegerWrapper hoveredRow = new ReadOnlyIntegerWrapper(this, "hoveredRow", -1);
    private WritableImage texture;
    private int n;
    private int highlighted = -1;
    private double side;

    public MatrixView() {
        getStyleClass().add(STYLE_CLASS);
        getChildren().add(canvas);
        canvas.setMouseTransparent(true);
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> hoveredRow.set(rowAt(e.getX(), e.getY())));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> hoveredRow.set(-1));
        setMinSize(40, 40);
        setPrefSize(160, 160);
    }

    /** The matrix (row-major n×n), its colormap and range (null: the matrix's own min … max). */
    public void setMatrix(float[] m, int n, Colormap colormap, ValueRange range) {
        if (m.length != (long) n * n) {
            throw new IllegalArgumentException("matrix: " + m.length + " values for " + n + "×" + n);
        }
        this.n = n;
        HeatmapStyle style = new HeatmapStyle(colormap, range, 1, Interpolation.NEAREST);
        texture = HeatmapRenderer.renderImage(m, n, n, style, n, n);
        draw();
    }

    public int size() {
        return n;
    }

    public final ReadOnlyIntegerProperty hoveredRowProperty() {
        return hoveredRow.getReadOnlyProperty();
    }

    public void setHighlightedRow(int row) {
        highlighted = row;
        draw();
    }

    /** The row at a local point, −1 off the matrix. */
    public int rowAt(double x, double y) {
        if (n == 0 || side <= 0 || x < 0 || y < 0 || x >= side || y >= side) {
            return -1;
        }
        return Math.min(n - 1, (int) (y / side * n));
    }

    @Override
    protected void layoutChildren() {
        side = Math.max(0, Math.min(getWidth(), getHeight()));
        canvas.setWidth(side);
        canvas.setHeight(side);
        draw();
    }

    @Override
    protected double computePrefHeight(double width) {
        return width > 0 ? width : super.computePrefHeight(width);
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (texture == null || side <= 0) {
            return;
        }
        g.setImageSmoothing(false);
        g.drawImage(texture, 0, 0, side, side);
        if (highlighted >= 0 && highlighted < n) {
            double h = side / n;
            g.setStroke(Color.ORANGERED);
            g.setLineWidth(Math.max(1, Math.min(2, h / 2)));
            g.strokeRect(0.5, highlighted * h, side - 1, Math.max(1, h));
        }
    }
}
