package org.attentionworkbench.viewers.points;

import java.util.Arrays;
import java.util.Comparator;
import javafx.scene.Group;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.text.Text;
import org.attentionworkbench.viewers.points.render.Camera;

/**
 * The world axes as the camera sees them: x red, y green, z blue, drawn from the camera's right and
 * up vectors with plain JavaFX lines (no 3D scene); an axis pointing towards the viewer is drawn on top.
 */
final class AxesGizmo extends Region {
    static final String STYLE_CLASS = "axes-gizmo";
    static final double SIZE = 64;
    private static final double LENGTH = 24;
    private static final Color[] COLORS = {Color.web("#e5484d"), Color.web("#46a758"), Color.web("#3e8ef7")};
    private static final String[] NAMES = {"x", "y", "z"};

    private final Line[] lines = new Line[3];
    private final Text[] labels = new Text[3];
    private final Group[] axes = new Group[3];

    AxesGizmo() {
        getStyleClass().add(STYLE_CLASS);
        setMouseTransparent(true);
        for (int k = 0; k < 3; k++) {
            lines[k] = new Line(SIZE / 2, SIZE / 2, SIZE / 2, SIZE / 2);
            lines[k].setStroke(COLORS[k]);
            lines[k].setStrokeWidth(2.5);
            labels[k] = new Text(NAMES[k]);
            labels[k].setFill(COLORS[k]);
            axes[k] = new Group(lines[k], labels[k]);
            getChildren().add(axes[k]);
        }
        setPrefSize(SIZE, SIZE);
        setMinSize(SIZE, SIZE);
        setMaxSize(SIZE, SIZE);
    }

    void update(Camera camera) {
        double[] right = camera.right();
        double[] up = camera.up();
        double[] back = camera.back();
        double c = SIZE / 2;
        for (int k = 0; k < 3; k++) {
            // World axis k seen on screen: its components along the camera's right and up (y down).
            double sx = right[k];
            double sy = -up[k];
            lines[k].setEndX(c + sx * LENGTH);
            lines[k].setEndY(c + sy * LENGTH);
            labels[k].setX(c + sx * (LENGTH + 7) - 3);
            labels[k].setY(c + sy * (LENGTH + 7) + 4);
        }
        Integer[] order = {0, 1, 2};
        Arrays.sort(order, Comparator.comparingDouble(k -> back[k]));
        for (int k : order) {
            axes[k].toFront();
        }
    }

    /** Where axis {@code k}'s line ends, relative to the gizmo (for tests). */
    double[] axisEnd(int k) {
        return new double[] {lines[k].getEndX() - SIZE / 2, lines[k].getEndY() - SIZE / 2};
    }
}
