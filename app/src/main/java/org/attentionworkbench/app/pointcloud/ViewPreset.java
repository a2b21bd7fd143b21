package org.attentionworkbench.app.pointcloud;

import java.util.Locale;
import org.attentionworkbench.compute.pointcloud.Bounds;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.viewers.points.render.Camera;

/**
 * The preset views (z up, as LAS, PCD and most scans have it): from above, from the front (-y),
 * from the side (+x), and an isometric corner. {@link #apply} also fits the cloud into the view.
 */
public enum ViewPreset {
    ISO(new double[] {-1, 1, -0.8}, new double[] {0, 0, 1}),
    TOP(new double[] {0, 0, -1}, new double[] {0, 1, 0}),
    FRONT(new double[] {0, 1, 0}, new double[] {0, 0, 1}),
    SIDE(new double[] {-1, 0, 0}, new double[] {0, 0, 1});

    private final double[] direction;
    private final double[] up;

    ViewPreset(double[] direction, double[] up) {
        this.direction = direction;
        this.up = up;
    }

    /** The preset named {@code name} (case-insensitive), or an IllegalArgumentException listing them. */
    public static ViewPreset parse(String name) {
        for (ViewPreset v : values()) {
            if (v.name().equalsIgnoreCase(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown view '" + name + "' (known: iso, top, front, side)");
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Looks along this preset's direction and fits the cloud: the camera's coordinates are the
     * cloud's local ones (relative to its origin), as the renderers draw {@code cloud.xyz()}.
     */
    public void apply(Camera camera, PointCloud cloud) {
        camera.lookAlong(direction, up);
        fit(camera, cloud);
    }

    /** Centres the cloud's bounding sphere and backs off until it fills the view. */
    public static void fit(Camera camera, PointCloud cloud) {
        Bounds b = cloud.bounds();
        double[] o = cloud.origin();
        double[] c = b.isEmpty() ? new double[3] : b.center();
        double radius = b.isEmpty() || !(b.diagonal() > 0) ? 1 : b.diagonal() / 2;
        camera.setTarget(c[0] - o[0], c[1] - o[1], c[2] - o[2]);
        camera.setSceneRadius(radius);
        camera.setDistance(radius / Math.sin(camera.fovY() / 2) * 1.02);
    }
}
