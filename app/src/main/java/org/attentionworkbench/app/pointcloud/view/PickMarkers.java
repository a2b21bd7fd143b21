package org.attentionworkbench.app.pointcloud.view;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.text.Text;
import org.attentionworkbench.app.pointcloud.PickedPoint;
import org.attentionworkbench.app.pointcloud.PointCloudModel;
import org.attentionworkbench.viewers.points.PointCloudView;
import org.attentionworkbench.viewers.points.render.Camera;

/**
 * Marks the picked points on the view: a ring and its number at each, and a line between the last
 * two (the measured distance). Redrawn when the camera moves; clicks pass through.
 */
final class PickMarkers extends Pane {
    private static final Color COLOUR = Color.rgb(255, 80, 200);
    private final PointCloudView view;
    private final PointCloudModel model;

    PickMarkers(PointCloudView view, PointCloudModel model) {
        this.view = view;
        this.model = model;
        setMouseTransparent(true);
        setPickOnBounds(false);
        view.cameraProperty().addListener(o -> redraw());
        view.widthProperty().addListener(o -> redraw());
        view.heightProperty().addListener(o -> redraw());
        model.picked().addListener((ListChangeListener<PickedPoint>) c -> redraw());
        model.cloudProperty().addListener(o -> redraw());
    }

    private void redraw() {
        getChildren().clear();
        List<PickedPoint> picked = model.picked();
        var cloud = model.cloud();
        int w = (int) Math.round(view.getWidth());
        int h = (int) Math.round(view.getHeight());
        if (picked.isEmpty() || cloud == null || w <= 0 || h <= 0) {
            return;
        }
        Camera cam = view.getCamera();
        double[] o = cloud.origin();
        double[][] at = new double[picked.size()][];
        for (int i = 0; i < picked.size(); i++) {
            PickedPoint p = picked.get(i);
            double[] s = new double[3];
            if (cam.project(p.x() - o[0], p.y() - o[1], p.z() - o[2], w, h, s)) {
                at[i] = s;
                Circle ring = new Circle(s[0], s[1], 6, Color.TRANSPARENT);
                ring.setStroke(COLOUR);
                ring.setStrokeWidth(2);
                Text label = new Text(s[0] + 8, s[1] - 8, Integer.toString(i + 1));
                label.setFill(COLOUR);
                getChildren().addAll(ring, label);
            }
        }
        int n = picked.size();
        if (n >= 2 && at[n - 1] != null && at[n - 2] != null) {
            Line line = new Line(at[n - 2][0], at[n - 2][1], at[n - 1][0], at[n - 1][1]);
            line.setStroke(COLOUR);
            line.getStrokeDashArray().setAll(6.0, 4.0);
            getChildren().add(0, line);
        }
    }
}
