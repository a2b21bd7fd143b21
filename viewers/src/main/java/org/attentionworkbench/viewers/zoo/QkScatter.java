package org.attentionworkbench.viewers.zoo;

import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * One head's queries and keys in one 2-D map (AttentionViz): N query points and N key points, each
 * drawn as its token — its word, or its image patch when {@link #setPatches} gave an image on a grid —
 * with queries framed in orange and keys in blue (dots only when {@link #setCompact} is on, for small
 * multiples). Hovering a query publishes it ({@link #hoveredQueryProperty()}) and, when an attention
 * matrix was given, shows its attention row: every key's size and opacity follow its weight and lines
 * join the query to its strongest keys.
 */
public class QkScatter extends Region {
    public static final String STYLE_CLASS = "qk-scatter";
    public static final Color QUERY = Color.web("#e8710a");
    public static final Color KEY = Color.web("#1a73e8");
    private static final double PAD = 14;
    private static final int TOP_LINES = 5;

    private final Canvas canvas = new Canvas();
    private final ReadOnlyIntegerWrapper hoveredQuery = new ReadOnlyIntegerWrapper(this, "hoveredQuery", -1);
    private float[] xy = new float[0];
    private int n;
    private List<String> labels = List.of();
    private float[] attention;
    private Image patchImage;
    private int gridRows;
    private int gridCols;
    private boolean compact;
    private double minX;
    private double minY;
    private double scale;
    private double offX;
    private double offY;

    public QkScatter() {
        getStyleClass().add(STYLE_CLASS);
        getChildren().add(canvas);
        canvas.setMouseTransparent(true);
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> setHovered(queryAt(e.getX(), e.getY())));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> setHovered(-1));
        setMinSize(60, 60);
        setPrefSize(360, 300);
    }

    /**
     * The points: xy holds 2N (x, y) pairs, queries 0…N−1 then keys; labels one per token; attention
     * the head's N×N matrix (row = query) or null.
     */
    public void setPoints(float[] xy, int n, List<String> labels, float[] attention) {
        if (xy.length != 4L * n || labels.size() != n || attention != null && attention.length != (long) n * n) {
            throw new IllegalArgumentException("qk scatter: " + xy.length + " coordinates, " + labels.size()
                    + " labels for " + n + " tokens");
        }
        this.xy = xy.clone();
        this.n = n;
        this.labels = List.copyOf(labels);
        this.attention = attention == null ? null : attention.clone();
        hoveredQuery.set(-1);
        fit();
        draw();
    }

    /** Draws each point as its patch of this image, cut into rows × cols (null: words). */
    public void setPatches(Image image, int rows, int cols) {
        this.patchImage = image;
        this.gridRows = rows;
        this.gridCols = cols;
        draw();
    }

    /** Dots instead of words or patches (for small multiples). */
    public void setCompact(boolean compact) {
        this.compact = compact;
        draw();
    }

    public final ReadOnlyIntegerProperty hoveredQueryProperty() {
        return hoveredQuery.getReadOnlyProperty();
    }

    /** Shows a query's attention row as if it were hovered (−1: none). */
    public void setHovered(int query) {
        if (query != hoveredQuery.get()) {
            hoveredQuery.set(query);
            draw();
        }
    }

    /** Where point p (0…2N−1) is drawn, in local coordinates. */
    public javafx.geometry.Point2D pointAt(int p) {
        return new javafx.geometry.Point2D(sx(xy[2 * p]), sy(xy[2 * p + 1]));
    }

    /** The query nearest a local point within 12 px, or −1. */
    public int queryAt(double x, double y) {
        int best = -1;
        double bestD = 12 * 12;
        for (int i = 0; i < n; i++) {
            double dx = sx(xy[2 * i]) - x;
            double dy = sy(xy[2 * i + 1]) - y;
            double d = dx * dx + dy * dy;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        fit();
        draw();
    }

    private void fit() {
        if (n == 0) {
            return;
        }
        minX = Double.POSITIVE_INFINITY;
        minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < 2 * n; p++) {
            minX = Math.min(minX, xy[2 * p]);
            maxX = Math.max(maxX, xy[2 * p]);
            minY = Math.min(minY, xy[2 * p + 1]);
            maxY = Math.max(maxY, xy[2 * p + 1]);
        }
        double w = Math.max(1e-9, maxX - minX);
        double h = Math.max(1e-9, maxY - minY);
        double pad = compact ? 4 : PAD;
        scale = Math.max(0, Math.min((getWidth() - 2 * pad) / w, (getHeight() - 2 * pad) / h));
        offX = (getWidth() - w * scale) / 2;
        offY = (getHeight() - h * scale) / 2;
    }

    private double sx(double x) {
        return offX + (x - minX) * scale;
    }

    private double sy(double y) {
        return offY + (y - minY) * scale;
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (n == 0 || scale <= 0) {
            return;
        }
        int q = hoveredQuery.get();
        float max = 0;
        if (q >= 0 && attention != null) {
            for (int j = 0; j < n; j++) {
                max = Math.max(max, Math.abs(attention[q * n + j]));
            }
            drawLines(g, q, max);
        }
        for (int p = 0; p < 2 * n; p++) {
            boolean isQuery = p < n;
            int token = isQuery ? p : p - n;
            double weight = 1;
            if (q >= 0 && attention != null) {
                weight = isQuery ? (token == q ? 1 : 0.15) : max > 0 ? Math.abs(attention[q * n + token]) / max : 0;
            }
            g.setGlobalAlpha(0.2 + 0.8 * weight);
            drawPoint(g, sx(xy[2 * p]), sy(xy[2 * p + 1]), token, isQuery, 0.7 + 0.8 * (q >= 0 && !isQuery ? weight : 0.5));
        }
        g.setGlobalAlpha(1);
    }

    private void drawLines(GraphicsContext g, int q, float max) {
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(Math.abs(attention[q * n + b]), Math.abs(attention[q * n + a])));
        g.setStroke(QUERY);
        for (int r = 0; r < Math.min(TOP_LINES, n); r++) {
            int j = order[r];
            double w = max > 0 ? Math.abs(attention[q * n + j]) / max : 0;
            g.setGlobalAlpha(0.25 + 0.6 * w);
            g.setLineWidth(0.5 + 2.5 * w);
            g.strokeLine(sx(xy[2 * q]), sy(xy[2 * q + 1]), sx(xy[2 * (n + j)]), sy(xy[2 * (n + j) + 1]));
        }
        g.setGlobalAlpha(1);
    }

    private void drawPoint(GraphicsContext g, double x, double y, int token, boolean isQuery, double size) {
        Color frame = isQuery ? QUERY : KEY;
        if (compact) {
            double r = 2.2 * size;
            g.setFill(frame);
            if (isQuery) {
                g.fillOval(x - r, y - r, 2 * r, 2 * r);
            } else {
                g.fillRect(x - r, y - r, 2 * r, 2 * r);
            }
            return;
        }
        if (patchImage != null && gridRows > 0 && gridCols > 0) {
            double s = 14 * size;
            double pw = patchImage.getWidth() / gridCols;
            double ph = patchImage.getHeight() / gridRows;
            g.setImageSmoothing(false);
            g.drawImage(patchImage, (token % gridCols) * pw, (token / gridCols) * ph, pw, ph, x - s / 2, y - s / 2, s, s);
            g.setStroke(frame);
            g.setLineWidth(isQuery ? 2 : 1.5);
            if (isQuery) {
                g.strokeOval(x - s / 2 - 1, y - s / 2 - 1, s + 2, s + 2);
            } else {
                g.strokeRect(x - s / 2 - 1, y - s / 2 - 1, s + 2, s + 2);
            }
            return;
        }
        g.setFont(Font.font(10 * Math.min(1.4, size)));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.setFill(frame);
        g.fillText(labels.get(token), x, y);
    }
}
