package org.attentionworkbench.viewers.points.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a small axes gizmo draws: the screen directions of the world x, y and z axes for a camera
 * (orthographic look, no perspective), x right and y down like the frame. An axis pointing at the
 * viewer has length 0 on screen; {@code towardViewer} says how much it points out of the screen, so a
 * gizmo can draw back to front and dim the axes that point away.
 */
public final class AxesGizmo {
    private AxesGizmo() {
    }

    /**
     * One world axis on screen: {@code dx, dy} its projected direction (length 1 for an axis parallel to
     * the screen, shorter when it tilts), {@code towardViewer} its component towards the eye (-1..1).
     */
    public record Axis(char name, double dx, double dy, double towardViewer) {
        /** The screen end point of this axis for a gizmo centred at (cx, cy) with arms {@code length} pixels. */
        public double[] end(double cx, double cy, double length) {
            return new double[] {cx + dx * length, cy + dy * length};
        }
    }

    /** The x, y and z axes, in that order. */
    public static List<Axis> axes(Camera camera) {
        double[] r = camera.right();
        double[] u = camera.up();
        double[] b = camera.back();
        List<Axis> out = new ArrayList<>(3);
        for (int k = 0; k < 3; k++) {
            out.add(new Axis((char) ('x' + k), r[k], -u[k], b[k]));
        }
        return out;
    }

    /** The axes sorted farthest first, the order to draw them in. */
    public static List<Axis> backToFront(Camera camera) {
        List<Axis> axes = new ArrayList<>(axes(camera));
        axes.sort(Comparator.comparingDouble(Axis::towardViewer));
        return axes;
    }
}
