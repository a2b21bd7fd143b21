package org.attentionworkbench.compute.pointcloud.edit;

import org.attentionworkbench.compute.pointcloud.PointCloud;

/**
 * A polygon drawn on the screen: a point is selected when it projects inside the polygon (even-odd
 * rule) and lies in front of the camera (beyond the near plane: clip w &gt; 0 and z ≥ -w; the far
 * plane does not limit a selection). {@code keep} says whether the selected points or the others stay.
 *
 * <p>Screen coordinates are the renderer's: pixels, x to the right, y down, (0, 0) the top-left
 * corner of a {@code width × height} frame. {@code viewProjection} is projection × view, column-major
 * (OpenGL), over the cloud's local coordinates (those of {@link PointCloud#xyz()}, the renderer's
 * scene). A rectangle is a polygon of four corners ({@link #rectangle}).
 */
public record PolygonSelection(double[] xs, double[] ys, double[] viewProjection, int width, int height, Keep keep)
        implements CloudEdit.Selection {
    public PolygonSelection {
        if (xs.length != ys.length || xs.length < 3) {
            throw new IllegalArgumentException("a polygon needs at least 3 corners with x and y each, got "
                    + xs.length + " x and " + ys.length + " y");
        }
        if (viewProjection.length != 16) {
            throw new IllegalArgumentException("viewProjection must be a 4×4 matrix (16 values)");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("screen size must be positive: " + width + "x" + height);
        }
        java.util.Objects.requireNonNull(keep, "keep");
        xs = xs.clone();
        ys = ys.clone();
        viewProjection = viewProjection.clone();
    }

    /** The rectangle between two corners (in either order). */
    public static PolygonSelection rectangle(double x0, double y0, double x1, double y1, double[] viewProjection,
            int width, int height, Keep keep) {
        return new PolygonSelection(new double[] {x0, x1, x1, x0}, new double[] {y0, y0, y1, y1}, viewProjection,
                width, height, keep);
    }

    @Override
    public String name() {
        return (xs.length == 4 ? "selection" : "polygon selection") + (keep == Keep.INSIDE ? "" : " (keep outside)");
    }

    @Override
    public int[] keptIndices(PointCloud cloud) {
        float[] p = cloud.xyz();
        double[] m = viewProjection;
        double[] s = new double[2];
        return Indices.where(cloud.size(), i -> keep.keeps(project(m, p[3 * i], p[3 * i + 1], p[3 * i + 2], s)
                && inside(s[0], s[1])));
    }

    /** Whether the point is in front of the camera; if so its pixel position goes to {@code out}. */
    boolean project(double[] m, double x, double y, double z, double[] out) {
        double cx = m[0] * x + m[4] * y + m[8] * z + m[12];
        double cy = m[1] * x + m[5] * y + m[9] * z + m[13];
        double cz = m[2] * x + m[6] * y + m[10] * z + m[14];
        double cw = m[3] * x + m[7] * y + m[11] * z + m[15];
        if (!(cw > 0) || cz < -cw) {
            return false;
        }
        out[0] = (cx / cw + 1) * 0.5 * width;
        out[1] = (1 - cy / cw) * 0.5 * height;
        return true;
    }

    /** Even-odd rule: a ray to the right crosses the outline an odd number of times. */
    boolean inside(double px, double py) {
        boolean in = false;
        for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
            if ((ys[i] > py) != (ys[j] > py)
                    && px < (xs[j] - xs[i]) * (py - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                in = !in;
            }
        }
        return in;
    }
}
