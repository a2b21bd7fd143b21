package org.attentionworkbench.app.colorize.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.attentionworkbench.app.colorize.AbColour;
import org.attentionworkbench.app.colorize.ColorizeModel;
import org.attentionworkbench.app.colorize.ColorizeResult;
import org.attentionworkbench.app.colorize.Palette;
import org.attentionworkbench.app.colorize.PreparedImage;
import org.attentionworkbench.app.colorize.ViewMode;
import org.attentionworkbench.compute.colorize.Hint;

/**
 * The images of the Colorize page on one canvas: grey input, live result and ground truth side by
 * side, or result | truth (or input) split by a vertical line; every panel fitted to its cell and
 * the hints drawn on the input and the result as squares of their size, filled with their colour at
 * their pixel's lightness and outlined (the selected one in yellow). Maps view points to image
 * pixels for {@link ColorizeBindings}.
 */
public final class HintCanvas extends Region {
    /** Markers are drawn at least this many screen pixels wide, so 1-px hints stay visible. */
    static final double MIN_MARKER = 9;
    private static final double GAP = 10;
    private static final double CAPTION = 24;
    private static final Color SELECTED = Color.web("#ffd400");

    /** Which image a panel shows. */
    public enum Kind { INPUT, RESULT, TRUTH, SPLIT }

    /** Where one image sits on the canvas: view = (x, y) + image·scale. */
    record Placement(Kind kind, double x, double y, double scale, double w, double h) {
        boolean contains(double vx, double vy) {
            return vx >= x && vy >= y && vx < x + w * scale && vy < y + h * scale;
        }
    }

    private final ColorizeModel model;
    private final Canvas canvas = new Canvas();
    private final List<Label> captions = new ArrayList<>();
    private final ReadOnlyObjectWrapper<int[]> hovered = new ReadOnlyObjectWrapper<>(this, "hovered");
    private WritableImage grey;
    private WritableImage truth;
    private WritableImage result;
    private List<Placement> placements = List.of();

    public HintCanvas(ColorizeModel model) {
        this.model = model;
        getStyleClass().add(ColorizeStyles.CANVAS);
        setFocusTraversable(true);
        setMinSize(0, 0);
        getChildren().add(canvas);
        for (int i = 0; i < 3; i++) {
            Label l = new Label();
            l.getStyleClass().add(ColorizeStyles.CAPTION);
            l.setManaged(false);
            l.setMouseTransparent(true);
            captions.add(l);
            getChildren().add(l);
        }
        model.imageProperty().addListener((obs, old, img) -> {
            grey = img == null ? null : FxPixels.write(null, img.greyArgb(), img.width(), img.height());
            truth = img == null || !img.hasTruth() ? null
                    : FxPixels.write(null, opaque(img.truth().rgb()), img.width(), img.height());
            result = null;
            requestLayout();
            draw();
        });
        model.resultProperty().addListener((obs, old, r) -> {
            result = r == null ? null : FxPixels.write(result, r.argb(), r.width(), r.height());
            draw();
        });
        for (Observable o : List.of(model.hints(), model.selectedProperty(), model.viewModeProperty(),
                model.splitProperty(), model.methodProperty())) {
            o.addListener(obs -> draw());
        }
    }

    /** The image pixel under the pointer (x, y), or null. */
    public ReadOnlyObjectProperty<int[]> hoveredProperty() {
        return hovered.getReadOnlyProperty();
    }

    void setHovered(int[] p) {
        hovered.set(p);
    }

    /** Image pixel at view point (vx, vy) on any panel, or null off the images. */
    public int[] imagePixelAt(double vx, double vy) {
        PreparedImage img = model.getImage();
        if (img == null) {
            return null;
        }
        for (Placement p : placements) {
            if (p.contains(vx, vy)) {
                int x = (int) Math.floor((vx - p.x()) / p.scale());
                int y = (int) Math.floor((vy - p.y()) / p.scale());
                return new int[] {Math.min(img.width() - 1, x), Math.min(img.height() - 1, y)};
            }
        }
        return null;
    }

    /** Image pixels per screen pixel at (vx, vy) (for grab tolerances); 1 off the images. */
    public double imagePixelsPerViewPixel(double vx, double vy) {
        return placements.stream().filter(p -> p.contains(vx, vy)).findFirst().map(p -> 1 / p.scale()).orElse(1.0);
    }

    /** View point of the centre of image pixel (x, y) on the given panel (tests click here). */
    public Point2D viewPoint(Kind kind, int x, int y) {
        for (Placement p : placements) {
            if (p.kind() == kind) {
                return new Point2D(p.x() + (x + 0.5) * p.scale(), p.y() + (y + 0.5) * p.scale());
            }
        }
        throw new IllegalStateException("no " + kind + " panel shown");
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 900;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 500;
    }

    // ---- drawing -----------------------------------------------------------------------------

    private void draw() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        PreparedImage img = model.getImage();
        placements = img == null ? List.of() : place(img);
        captions.forEach(l -> l.setVisible(false));
        if (img == null) {
            return;
        }
        gc.setImageSmoothing(true);
        for (Placement p : placements) {
            if (p.kind() == Kind.SPLIT) {
                drawSplit(gc, p);
            } else {
                Image shown = switch (p.kind()) {
                    case INPUT -> grey;
                    case RESULT -> result != null ? result : grey;
                    default -> truth;
                };
                gc.drawImage(shown, p.x(), p.y(), p.w() * p.scale(), p.h() * p.scale());
            }
            if (p.kind() != Kind.TRUTH) {
                drawMarkers(gc, p, img);
            }
        }
        captionPanels(img);
    }

    /**
     * Cells for input, result and truth (when known) in one row or two, whichever shows the images
     * larger (wide photos in a wide window: one row; else a 2×2 grid), or one split cell; images
     * fitted and centred in their cells.
     */
    private List<Placement> place(PreparedImage img) {
        List<Kind> kinds = model.viewModeProperty().get() == ViewMode.SLIDER ? List.of(Kind.SPLIT)
                : img.hasTruth() ? List.of(Kind.INPUT, Kind.RESULT, Kind.TRUTH) : List.of(Kind.INPUT, Kind.RESULT);
        int bestRows = 1;
        double best = 0;
        for (int rows = 1; rows <= Math.min(2, kinds.size()); rows++) {
            double s = scale(img, kinds.size(), rows);
            if (s > best * 1.05) {
                best = s;
                bestRows = rows;
            }
        }
        if (best <= 0) {
            return List.of();
        }
        int cols = (kinds.size() + bestRows - 1) / bestRows;
        double cellW = (getWidth() - GAP * (cols + 1)) / cols;
        double cellH = (getHeight() - GAP) / bestRows - CAPTION - GAP;
        List<Placement> out = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            int col = i % cols, row = i / cols;
            double x = GAP + col * (cellW + GAP) + (cellW - img.width() * best) / 2;
            double y = GAP + CAPTION + row * (cellH + CAPTION + GAP);
            out.add(new Placement(kinds.get(i), x, y, best, img.width(), img.height()));
        }
        return out;
    }

    /** Fitted scale of the images with n cells in this many rows. */
    private double scale(PreparedImage img, int n, int rows) {
        int cols = (n + rows - 1) / rows;
        double cellW = (getWidth() - GAP * (cols + 1)) / cols;
        double cellH = (getHeight() - GAP) / rows - CAPTION - GAP;
        return cellW <= 1 || cellH <= 1 ? 0 : Math.min(cellW / img.width(), cellH / img.height());
    }

    /** Result left of the split line, ground truth (or the grey input) right of it. */
    private void drawSplit(GraphicsContext gc, Placement p) {
        double splitX = p.w() * model.splitProperty().get();
        Image left = result != null ? result : grey;
        Image right = truth != null ? truth : grey;
        double s = p.scale();
        gc.drawImage(left, 0, 0, splitX, p.h(), p.x(), p.y(), splitX * s, p.h() * s);
        gc.drawImage(right, splitX, 0, p.w() - splitX, p.h(), p.x() + splitX * s, p.y(), (p.w() - splitX) * s,
                p.h() * s);
        gc.setStroke(Color.WHITE);
        gc.setLineWidth(2);
        gc.strokeLine(p.x() + splitX * s, p.y(), p.x() + splitX * s, p.y() + p.h() * s);
    }

    private void drawMarkers(GraphicsContext gc, Placement p, PreparedImage img) {
        int selected = model.selectedProperty().get();
        for (Hint h : model.hints()) {
            double side = Math.max(MIN_MARKER, h.size() * p.scale());
            double cx = p.x() + h.centreX() * p.scale(), cy = p.y() + h.centreY() * p.scale();
            double x = cx - side / 2, y = cy - side / 2;
            gc.setFill(FxPixels.color(Palette.argb(img.lightness(h.x(), h.y()), new AbColour(h.a(), h.b()))));
            gc.fillRect(x, y, side, side);
            // dark outer and light inner outline: visible on any colour
            gc.setLineWidth(1.5);
            gc.setStroke(Color.BLACK);
            gc.strokeRect(x - 1, y - 1, side + 2, side + 2);
            gc.setLineWidth(1);
            gc.setStroke(h.id() == selected ? SELECTED : Color.WHITE);
            gc.strokeRect(x, y, side, side);
            if (h.id() == selected) {
                gc.setLineWidth(2);
                gc.strokeRect(x - 3, y - 3, side + 6, side + 6);
            }
        }
    }

    private void captionPanels(PreparedImage img) {
        ColorizeResult r = model.getResult();
        String method = model.methodProperty().get();
        String resultText = "Result — " + method + (r != null && r.preview() ? " (preview)" : "");
        String truthText = "Ground truth" + (r != null && !Double.isNaN(r.psnr())
                ? String.format(Locale.ROOT, " — PSNR %.2f dB", r.psnr()) : "");
        for (int i = 0; i < placements.size(); i++) {
            Placement p = placements.get(i);
            String text = switch (p.kind()) {
                case INPUT -> "Input (grey) + hints";
                case RESULT -> resultText;
                case TRUTH -> truthText;
                case SPLIT -> resultText + "  |  " + (img.hasTruth() ? truthText : "Input (grey)");
            };
            Label l = captions.get(i);
            l.setText(text);
            l.setVisible(true);
            l.autosize();
            l.relocate(p.x(), p.y() - CAPTION + 2);
        }
    }

    private static int[] opaque(int[] rgb) {
        int[] out = new int[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            out[i] = 0xFF000000 | rgb[i];
        }
        return out;
    }
}
