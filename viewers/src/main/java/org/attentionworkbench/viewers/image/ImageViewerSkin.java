package org.attentionworkbench.viewers.image;

import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.SkinBase;
import javafx.scene.image.Image;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * Draws the visible part of the image on a canvas the size of the control, and maps the mouse:
 * wheel zooms around the pointer, drag pans, double-click fits.
 */
public class ImageViewerSkin extends SkinBase<ImageViewer> {
    private static final PseudoClass PANNING = PseudoClass.getPseudoClass(ImageViewer.PANNING_PSEUDO);
    /** Wheel delta of one notch on common platforms. */
    private static final double NOTCH = 40;
    /** Below this zoom the image is smoothed; above, pixels are drawn as crisp squares. */
    private static final double CRISP_FROM = 3;

    private final Canvas canvas = new Canvas();
    private Point2D dragFrom;

    public ImageViewerSkin(ImageViewer viewer) {
        super(viewer);
        getChildren().add(canvas);
        registerInvalidationListener(viewer.imageProperty(), obs -> draw());
        registerInvalidationListener(viewer.zoomProperty(), obs -> draw());
        registerInvalidationListener(viewer.offsetXProperty(), obs -> draw());
        registerInvalidationListener(viewer.offsetYProperty(), obs -> draw());

        viewer.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        viewer.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        viewer.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        viewer.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onReleased);
        viewer.addEventHandler(MouseEvent.MOUSE_MOVED, e -> viewer.pointerMoved(new Point2D(e.getX(), e.getY())));
        viewer.addEventHandler(MouseEvent.MOUSE_EXITED, e -> viewer.pointerMoved(null));
        viewer.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                viewer.fit();
            }
        });
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        // The canvas covers the whole control (insets ignored) so that view coordinates are local ones.
        ImageViewer v = getSkinnable();
        if (canvas.getWidth() != v.getWidth() || canvas.getHeight() != v.getHeight()) {
            canvas.setWidth(v.getWidth());
            canvas.setHeight(v.getHeight());
            draw();
        }
        canvas.relocate(0, 0);
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return 400;
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return 300;
    }

    @Override
    protected double computeMinWidth(double height, double top, double right, double bottom, double left) {
        return 0;
    }

    @Override
    protected double computeMinHeight(double width, double top, double right, double bottom, double left) {
        return 0;
    }

    private void draw() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        double cw = canvas.getWidth();
        double ch = canvas.getHeight();
        gc.clearRect(0, 0, cw, ch);
        ImageViewer v = getSkinnable();
        Image img = v.getImage();
        if (img == null || img.getWidth() <= 0) {
            return;
        }
        double z = v.getZoom();
        double ox = v.offsetXProperty().get();
        double oy = v.offsetYProperty().get();
        // Only the source rectangle that lands on the canvas, widened to whole pixels so that
        // magnified pixels line up with their neighbours.
        double sx0 = Math.max(0, Math.floor(-ox / z));
        double sy0 = Math.max(0, Math.floor(-oy / z));
        double sx1 = Math.min(img.getWidth(), Math.ceil((cw - ox) / z));
        double sy1 = Math.min(img.getHeight(), Math.ceil((ch - oy) / z));
        if (sx1 <= sx0 || sy1 <= sy0) {
            return;
        }
        gc.setImageSmoothing(z < CRISP_FROM);
        gc.drawImage(img, sx0, sy0, sx1 - sx0, sy1 - sy0,
                ox + sx0 * z, oy + sy0 * z, (sx1 - sx0) * z, (sy1 - sy0) * z);
    }

    private void onScroll(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        getSkinnable().zoomBy(Math.pow(ImageViewer.ZOOM_STEP, e.getDeltaY() / NOTCH), e.getX(), e.getY());
        e.consume();
    }

    private void onPressed(MouseEvent e) {
        getSkinnable().requestFocus();
        if (e.getButton() == MouseButton.PRIMARY || e.getButton() == MouseButton.MIDDLE) {
            dragFrom = new Point2D(e.getX(), e.getY());
        }
    }

    private void onDragged(MouseEvent e) {
        if (dragFrom == null) {
            return;
        }
        ImageViewer v = getSkinnable();
        v.pseudoClassStateChanged(PANNING, true);
        v.setCursor(Cursor.CLOSED_HAND);
        v.panBy(e.getX() - dragFrom.getX(), e.getY() - dragFrom.getY());
        dragFrom = new Point2D(e.getX(), e.getY());
        v.pointerMoved(dragFrom);
    }

    private void onReleased(MouseEvent e) {
        dragFrom = null;
        ImageViewer v = getSkinnable();
        v.pseudoClassStateChanged(PANNING, false);
        v.setCursor(null);
    }
}
