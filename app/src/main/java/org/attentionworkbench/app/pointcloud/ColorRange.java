package org.attentionworkbench.app.pointcloud;

/**
 * Which values span the colormap (CloudCompare's two kinds of range): {@code relative} takes the
 * {@code low}th and {@code high}th percentiles of the values (0..100), so a few outliers do not wash
 * out the ramp; absolute takes {@code low} and {@code high} as values.
 */
public record ColorRange(boolean relative, double low, double high) {
    /** 1st to 99th percentile. */
    public static final ColorRange DEFAULT = new ColorRange(true, 1, 99);
    /** The whole range of values. */
    public static final ColorRange FULL = new ColorRange(true, 0, 100);

    public ColorRange {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("range ends must be finite: " + low + ", " + high);
        }
        if (relative && (low < 0 || high > 100 || low > high)) {
            throw new IllegalArgumentException("percentiles must satisfy 0 <= low <= high <= 100: " + low + ", " + high);
        }
    }

    public static ColorRange absolute(double min, double max) {
        return new ColorRange(false, Math.min(min, max), Math.max(min, max));
    }
}
