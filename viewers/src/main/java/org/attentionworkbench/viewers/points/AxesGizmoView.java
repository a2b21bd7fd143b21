package org.attentionworkbench.viewers.points;

import javafx.scene.Group;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.text.Text;
import org.attentionworkbench.viewers.points.render.AxesGizmo;
import org.attentionworkbench.viewers.points.render.Camera;

/**
 * The world axes as the camera sees them ({@link AxesGizmo}): x red, y green, z blue, plain JavaFX
 * lines (no 3D scene), drawn back to front so an axis pointing at the viewer is on top.
 */
final class AxesGizmoView extends Region {
    static final String STYLE_CLASS = "axes-gizmo";
    static final double SIZE = 64;
    private static final double LENGTH = 24;
    private static final Color[] COLORS = {Color.web("#e5484d"), Color.web("#46a758"), Color.web("#3e8ef7")};

    private final Line[] lines = new Line[3];
    private final Text[] labels = new Text[3];
    private final Group[] axes = new Group[3];

    AxesGizmoView() {
        getStyleClass().add(STYLE_CLASS);
        setMouseTransparent(true);
        for (int k = 0; k < 3; k++) {
            lines[k] = new Line(SIZE / 2, SIZE / 2, SIZE / 2, SIZE / 2);
            lines[k].setStroke(COLORS[k]);
            lines[k].setStrokeWidth(2.5);
            labels[k] = new Text(String.valueOf((char) ('x' + k)));
            labels[k].setFill(COLORS[k]);
            axes[k] = new Group(lines[k], labels[k]);
            getChildren().add(axes[k]);
        }
        setPrefSize(SIZE, SIZE);
        setMinSize(SIZE, SIZE);
        setMaxSize(SIZE, SIZE);
    }

    void update(Camera camera) {
        double c = SIZE / 2;
        for (AxesGizmo.Axis a : AxesGizmo.backToFront(camera)) {
            int k = a.name() - 'x';
            double[] end = a.end(c, c, LENGTH);
            double[] label = a.end(c, c, LENGTH + 7);
            lines[k].setEndX(end[0]);
            lines[k].setEndY(end[1]);
            labels[k].setX(label[0] - 3);
            labels[k].setY(label[1] + 4);
            axes[k].toFront();
        }
    }

    /** Where axis {@code k}'s line ends, relative to the gizmo's centre (for tests). */
    double[] axisEnd(int k) {
        return new double[] {lines[k].getEndX() - SIZE / 2, lines[k].getEndY() - SIZE / 2};
    }
}
