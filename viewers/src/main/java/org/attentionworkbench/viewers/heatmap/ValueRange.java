package org.attentionworkbench.viewers.heatmap;

/**
 * The values mapped to the colormap's ends. Views take a null range to mean "auto": the finite
 * min and max of the data shown.
 */
public record ValueRange(double min, double max) {
    public ValueRange {
        if (!Double.isFinite(min) || !Double.isFinite(max) || max < min) {
            throw new IllegalArgumentException("bad range [" + min + ", " + max + "]");
        }
    }

    /** Finite min and max of the values; [0, 1] when there are none. */
    public static ValueRange of(float[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo > hi ? new ValueRange(0, 1) : new ValueRange(lo, hi);
    }

    /** The given range, or the data's own when it is null. */
    public static ValueRange orAuto(ValueRange fixed, float[] values) {
        return fixed != null ? fixed : of(values);
    }

    /** (v - min) / (max - min); a flat range maps everything to 0. */
    public double normalize(double v) {
        double span = max - min;
        return span > 0 ? (v - min) / span : 0;
    }
}
