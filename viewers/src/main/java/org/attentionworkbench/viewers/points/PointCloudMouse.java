package org.attentionworkbench.viewers.points;

import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import org.attentionworkbench.viewers.points.render.Camera;

/**
 * The mouse of a {@link PointCloudView}: left-drag orbits, right-, middle- or Ctrl+left-drag pans,
 * the wheel zooms towards the point under the cursor, a click (no drag) picks, a double-click
 * centres the orbit on the point clicked.
 */
final class PointCloudMouse {
    /** Logical pixels the pointer may move between press and release for a click. */
    static final double CLICK_SLOP = 3;
    /** One wheel notch on common platforms, and the zoom it makes. */
    private static final double NOTCH = 40;
    static final double ZOOM_STEP = 1.2;

    private final PointCloudView view;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private boolean dragging;
    private boolean panning;
    private double panDepth;

    private PointCloudMouse(PointCloudView view) {
        this.view = view;
    }

    static void install(PointCloudView view) {
        PointCloudMouse m = new PointCloudMouse(view);
        view.addEventHandler(MouseEvent.MOUSE_PRESSED, m::pressed);
        view.addEventHandler(MouseEvent.MOUSE_DRAGGED, m::dragged);
        view.addEventHandler(MouseEvent.MOUSE_CLICKED, m::clicked);
        view.addEventHandler(ScrollEvent.SCROLL, m::scrolled);
    }

    private void pressed(MouseEvent e) {
        view.requestFocus();
        pressX = lastX = e.getX();
        pressY = lastY = e.getY();
        dragging = false;
        panning = e.getButton() == MouseButton.SECONDARY || e.getButton() == MouseButton.MIDDLE
                || (e.getButton() == MouseButton.PRIMARY && e.isShortcutDown());
        // A pan moves the point grabbed with the cursor; off the cloud, the plane through the target.
        panDepth = panning ? view.depthUnder(e.getX(), e.getY()) : Double.NaN;
        e.consume();
    }

    private void dragged(MouseEvent e) {
        if (!dragging && Math.hypot(e.getX() - pressX, e.getY() - pressY) <= CLICK_SLOP) {
            return;
        }
        dragging = true;
        // In frame pixels, as the camera was rendered (view pixels × the output scale).
        double[] from = view.toFrame(lastX, lastY);
        double[] to = view.toFrame(e.getX(), e.getY());
        int[] size = view.frameSize();
        lastX = e.getX();
        lastY = e.getY();
        Camera c = view.getCamera().copy();
        if (panning) {
            c.pan(to[0] - from[0], to[1] - from[1], size[0], size[1], panDepth);
        } else if (e.isPrimaryButtonDown()) {
            if (view.isTrackball()) {
                c.orbitTrackball(from[0], from[1], to[0], to[1], size[0], size[1]);
            } else {
                // Half a turn per view height; dragging right turns the scene right, down tilts it towards you.
                double k = Math.PI / size[1];
                c.orbitTurntable(-(to[0] - from[0]) * k, (to[1] - from[1]) * k);
            }
        } else {
            return;
        }
        view.setCamera(c);
        e.consume();
    }

    private void clicked(MouseEvent e) {
        if (dragging || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        if (e.getClickCount() == 2) {
            view.centreOn(e.getX(), e.getY());
        } else if (e.getClickCount() == 1) {
            PointPickEvent hit = view.pick(e.getX(), e.getY());
            if (hit != null) {
                view.fireEvent(hit);
            }
        }
        e.consume();
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        double notches = e.getDeltaY() / (e.getMultiplierY() > 0 ? e.getMultiplierY() : NOTCH);
        zoomAt(view, e.getX(), e.getY(), Math.pow(ZOOM_STEP, notches));
        e.consume();
    }

    /**
     * Zooms by {@code factor} (above 1 is closer) about the world point under view point (x, y): the
     * point drawn there, or where the cursor's ray meets the plane through the target.
     */
    static void zoomAt(PointCloudView view, double x, double y, double factor) {
        Camera c = view.getCamera().copy();
        double[] at = view.toFrame(x, y);
        int[] size = view.frameSize();
        c.zoomAt(at[0], at[1], factor, size[0], size[1], view.depthUnder(x, y));
        view.setCamera(c);
    }
}
