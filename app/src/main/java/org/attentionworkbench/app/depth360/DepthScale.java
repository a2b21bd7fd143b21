package org.attentionworkbench.app.depth360;

import java.util.Locale;
import org.attentionworkbench.compute.panorama.depth.MetricScale;

/**
 * How the depth's units become metres: {@code factor} × depth = metres, unless the source is
 * {@link Source#NONE} (a relative model with no scale set: values are relative units).
 */
public record DepthScale(double factor, Source source, String note) {
    public enum Source { NONE, MODEL, CAMERA_HEIGHT, KNOWN_DISTANCE }

    public DepthScale {
        if (!(factor > 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("depth scale must be a positive number, got " + factor);
        }
    }

    /** Relative units (factor 1). */
    public static DepthScale none() {
        return new DepthScale(1, Source.NONE, "relative units: set a scale for metres");
    }

    /** What a run starts with: metres for a metric model, relative units otherwise. */
    public static DepthScale initial(PanoramaDepth depth) {
        return depth.metric() ? new DepthScale(1, Source.MODEL, "metres from the model") : none();
    }

    /** Metres from the camera's height above the floor ({@link MetricScale#fromCameraHeight}). */
    public static DepthScale fromCameraHeight(PanoramaDepth depth, double metres) {
        MetricScale.Estimate e = MetricScale.fromCameraHeight(depth.depth(), depth.coveredMask(), depth.grid(), metres);
        return new DepthScale(e.factor(), Source.CAMERA_HEIGHT, String.format(Locale.ROOT,
                "metres from a camera height of %.2f m (floor seen by %d pixels)", metres, e.pixels()));
    }

    /**
     * Metres from one known distance between the points seen along two directions (lon, lat in radians,
     * latitude up), measured as {@link DepthMeasure} measures (MetricScale's rule, with the page's depth lookup).
     */
    public static DepthScale fromKnownDistance(PanoramaDepth depth, double lon1, double lat1, double lon2, double lat2,
            double metres) {
        if (!(metres > 0) || !Double.isFinite(metres)) {
            throw new IllegalArgumentException("the known distance must be a positive number of metres, got " + metres);
        }
        double d = new DepthMeasure(depth, none()).distance(lon1, lat1, lon2, lat2);
        if (!(d > 0) || !Double.isFinite(d)) {
            throw new IllegalArgumentException("the two points are at the same place or have no depth: cannot scale");
        }
        return new DepthScale(metres / d, Source.KNOWN_DISTANCE, String.format(Locale.ROOT,
                "metres from a known distance of %.3f m", metres));
    }

    public boolean isMetric() {
        return source != Source.NONE;
    }

    /** "2.35 m", or "0.873 (relative)" without a scale. */
    public String format(double scaledValue) {
        if (Double.isNaN(scaledValue)) {
            return "no depth";
        }
        return isMetric() ? String.format(Locale.ROOT, "%.2f m", scaledValue)
                : String.format(Locale.ROOT, "%.3f (relative units)", scaledValue);
    }

    /** The legend's title. */
    public String legendTitle() {
        return isMetric() ? "depth (m)" : "depth (relative)";
    }
}
