package org.attentionworkbench.app.pointcloud.view;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Polygon;
import org.attentionworkbench.app.pointcloud.PointCloudController;
import org.attentionworkbench.compute.pointcloud.edit.Keep;
import org.attentionworkbench.viewers.points.PointCloudView;

/**
 * Polygon selection drawn over the 3D view (CloudCompare's segment tool): while active, clicks add
 * corners (the view does not orbit), right-click removes the last one; Keep inside / Keep outside
 * apply it as an edit with the camera of the moment, Cancel drops it.
 */
final class PolygonTool {
    private final PointCloudView view;
    private final PointCloudController controller;
    private final Pane overlay = new Pane();
    private final Polygon shape = new Polygon();
    private final List<Double> corners = new ArrayList<>();
    final BooleanProperty active = new SimpleBooleanProperty(false);
    final BooleanProperty closable = new SimpleBooleanProperty(false);

    PolygonTool(PointCloudView view, PointCloudController controller) {
        this.view = view;
        this.controller = controller;
        shape.setFill(Color.rgb(255, 200, 0, 0.15));
        shape.setStroke(Color.rgb(255, 200, 0));
        shape.setStrokeWidth(1.5);
        shape.setMouseTransparent(true);
        overlay.getChildren().add(shape);
        overlay.setPickOnBounds(true);
        overlay.visibleProperty().bind(active);
        overlay.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                corners.add(e.getX());
                corners.add(e.getY());
            } else if (e.getButton() == MouseButton.SECONDARY && !corners.isEmpty()) {
                corners.remove(corners.size() - 1);
                corners.remove(corners.size() - 1);
            }
            redraw();
            e.consume();
        });
    }

    /** The pane laid over the view. */
    Pane overlay() {
        return overlay;
    }

    void start() {
        corners.clear();
        redraw();
        active.set(true);
    }

    void cancel() {
        corners.clear();
        redraw();
        active.set(false);
    }

    /** Applies the polygon (at least 3 corners) keeping the points inside or outside it. */
    void apply(Keep keep) {
        int n = corners.size() / 2;
        if (n >= 3) {
            double[] xs = new double[n];
            double[] ys = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = corners.get(2 * i);
                ys[i] = corners.get(2 * i + 1);
            }
            // the view's logical size: the projection depends on the aspect only, and the corners are logical
            int w = (int) Math.max(1, Math.round(view.getWidth()));
            int h = (int) Math.max(1, Math.round(view.getHeight()));
            controller.polygon(xs, ys, view.getCamera().copy(), w, h, keep);
        }
        cancel();
    }

    private void redraw() {
        shape.getPoints().setAll(corners);
        closable.set(corners.size() >= 6);
    }
}
