package org.attentionworkbench.viewers.image;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import javafx.scene.image.Image;

/**
 * Shows one image with zoom (wheel, around the cursor) and pan (drag). Holds the view state —
 * zoom, the image's offset in the control, whether it tracks the window size ("fit") — and the
 * pixel under the pointer; {@link ImageViewerSkin} draws and turns mouse gestures into calls here.
 *
 * <p>Coordinates: "view" = this control's local pixels; "image" = source pixels. A view point
 * {@code v} shows image point {@code (v - offset) / zoom}.
 */
public class ImageViewer extends Control {
    public static final String STYLE_CLASS = "image-viewer";
    /** Added while the user drags the image. */
    public static final String PANNING_PSEUDO = "panning";

    public static final double MIN_ZOOM = 1.0 / 64;
    public static final double MAX_ZOOM = 64;
    /** One wheel notch or one Zoom in/out step. */
    public static final double ZOOM_STEP = 1.25;

    /** A source pixel position. */
    public record Pixel(int x, int y) {}

    private final ObjectProperty<Image> image = new SimpleObjectProperty<>(this, "image");
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(this, "zoom", 1);
    private final ReadOnlyDoubleWrapper offsetX = new ReadOnlyDoubleWrapper(this, "offsetX");
    private final ReadOnlyDoubleWrapper offsetY = new ReadOnlyDoubleWrapper(this, "offsetY");
    private final ReadOnlyBooleanWrapper fitting = new ReadOnlyBooleanWrapper(this, "fitting", true);
    private final ReadOnlyObjectWrapper<Pixel> hoveredPixel = new ReadOnlyObjectWrapper<>(this, "hoveredPixel");

    private Point2D lastPointer;

    public ImageViewer() {
        getStyleClass().add(STYLE_CLASS);
        setFocusTraversable(true);
        // A new image, or a resize while fitted, re-fits: the user sees the whole image until they zoom.
        image.addListener((obs, old, img) -> {
            fitting.set(true);
            refit();
            refreshHover();
        });
        widthProperty().addListener(obs -> refit());
        heightProperty().addListener(obs -> refit());
    }

    public ImageViewer(Image image) {
        this();
        setImage(image);
    }

    // ---- properties --------------------------------------------------------------------------

    public final ObjectProperty<Image> imageProperty() { return image; }
    public final Image getImage() { return image.get(); }
    public final void setImage(Image value) { image.set(value); }

    /** Screen pixels per image pixel (1 = actual size). */
    public final ReadOnlyDoubleProperty zoomProperty() { return zoom.getReadOnlyProperty(); }
    public final double getZoom() { return zoom.get(); }

    /** View position of the image's top-left corner. */
    public final ReadOnlyDoubleProperty offsetXProperty() { return offsetX.getReadOnlyProperty(); }
    public final ReadOnlyDoubleProperty offsetYProperty() { return offsetY.getReadOnlyProperty(); }

    /** True while the image follows the control's size (after a new image or {@link #fit()}). */
    public final ReadOnlyBooleanProperty fittingProperty() { return fitting.getReadOnlyProperty(); }
    public final boolean isFitting() { return fitting.get(); }

    /** The source pixel under the pointer; null when the pointer is off the image. */
    public final ReadOnlyObjectProperty<Pixel> hoveredPixelProperty() { return hoveredPixel.getReadOnlyProperty(); }
    public final Pixel getHoveredPixel() { return hoveredPixel.get(); }

    // ---- actions -----------------------------------------------------------------------------

    /** Scales the whole image into the view, centred, and keeps it fitted on resize. */
    public void fit() {
        fitting.set(true);
        refit();
    }

    /** One image pixel per screen pixel, keeping the view centre on the same image point. */
    public void actualSize() {
        zoomTo(1, getWidth() / 2, getHeight() / 2);
    }

    public void zoomIn() {
        zoomBy(ZOOM_STEP, getWidth() / 2, getHeight() / 2);
    }

    public void zoomOut() {
        zoomBy(1 / ZOOM_STEP, getWidth() / 2, getHeight() / 2);
    }

    /** Multiplies the zoom, keeping the image point under view point (vx, vy) where it is. */
    public void zoomBy(double factor, double vx, double vy) {
        zoomTo(getZoom() * factor, vx, vy);
    }

    /** Sets the zoom (clamped), keeping the image point under view point (vx, vy) where it is. */
    public void zoomTo(double newZoom, double vx, double vy) {
        double z = clamp(newZoom, MIN_ZOOM, MAX_ZOOM);
        Point2D anchor = viewToImage(vx, vy);
        fitting.set(false);
        setView(z, vx - anchor.getX() * z, vy - anchor.getY() * z);
    }

    /** Moves the image by (dx, dy) view pixels. */
    public void panBy(double dx, double dy) {
        fitting.set(false);
        setView(getZoom(), offsetX.get() + dx, offsetY.get() + dy);
    }

    /** The (fractional) image point shown at view point (vx, vy). */
    public Point2D viewToImage(double vx, double vy) {
        return new Point2D((vx - offsetX.get()) / getZoom(), (vy - offsetY.get()) / getZoom());
    }

    /** Called by the skin as the pointer moves; null when it leaves the control. */
    void pointerMoved(Point2D view) {
        lastPointer = view;
        refreshHover();
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new ImageViewerSkin(this);
    }

    @Override
    public String getUserAgentStylesheet() {
        return ImageViewer.class.getResource("image-viewer.css").toExternalForm();
    }

    // ---- internals ---------------------------------------------------------------------------

    private void refit() {
        Image img = getImage();
        double w = getWidth();
        double h = getHeight();
        if (!isFitting() || img == null || img.getWidth() <= 0 || w <= 0 || h <= 0) {
            return;
        }
        double z = clamp(Math.min(w / img.getWidth(), h / img.getHeight()), MIN_ZOOM, MAX_ZOOM);
        setView(z, (w - img.getWidth() * z) / 2, (h - img.getHeight() * z) / 2);
    }

    private void setView(double z, double ox, double oy) {
        zoom.set(z);
        offsetX.set(ox);
        offsetY.set(oy);
        refreshHover();
    }

    private void refreshHover() {
        Image img = getImage();
        if (lastPointer == null || img == null) {
            hoveredPixel.set(null);
            return;
        }
        Point2D p = viewToImage(lastPointer.getX(), lastPointer.getY());
        int x = (int) Math.floor(p.getX());
        int y = (int) Math.floor(p.getY());
        boolean inside = x >= 0 && y >= 0 && x < img.getWidth() && y < img.getHeight();
        Pixel next = inside ? new Pixel(x, y) : null;
        if (!java.util.Objects.equals(next, hoveredPixel.get())) {
            hoveredPixel.set(next);
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
