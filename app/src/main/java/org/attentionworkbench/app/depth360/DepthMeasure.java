package org.attentionworkbench.app.depth360;

import java.util.Objects;

/**
 * Measuring on a depth panorama (what Pannellum users ask for): a direction (lon, lat in radians, latitude
 * up, as the viewer's pointer gives it) times its depth is a 3D point, camera at the origin; distances are
 * in the scale's units (metres once a scale is set). Axes: x right at lon 90°, y forward at lon 0, z up
 * ({@link org.attentionworkbench.compute.panorama.depth.MetricScale#point}'s).
 */
public final class DepthMeasure {
    private final PanoramaDepth depth;
    private final DepthScale scale;

    public DepthMeasure(PanoramaDepth depth, DepthScale scale) {
        this.depth = Objects.requireNonNull(depth, "depth");
        this.scale = Objects.requireNonNull(scale, "scale");
    }

    public DepthScale scale() {
        return scale;
    }

    /** The unit vector along (lon, lat). */
    public static double[] direction(double lon, double lat) {
        double c = Math.cos(lat);
        return new double[] {c * Math.sin(lon), c * Math.cos(lon), Math.sin(lat)};
    }

    /** The scaled 3D point seen along (lon, lat), or null where there is no depth. */
    public double[] point(double lon, double lat) {
        double r = range(lon, lat);
        if (Double.isNaN(r)) {
            return null;
        }
        double[] d = direction(lon, lat);
        return new double[] {r * d[0], r * d[1], r * d[2]};
    }

    /** Scaled distance from the camera to the point along (lon, lat); NaN where there is no depth. */
    public double range(double lon, double lat) {
        return depth.depthAt(lon, lat) * scale.factor();
    }

    /** Scaled 3D distance between the points seen along two directions; NaN if either has no depth. */
    public double distance(double lon1, double lat1, double lon2, double lat2) {
        double[] a = point(lon1, lat1), b = point(lon2, lat2);
        if (a == null || b == null) {
            return Double.NaN;
        }
        return Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
    }
}
