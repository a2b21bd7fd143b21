package org.attentionworkbench.compute.pointcloud;

import java.util.Objects;

/**
 * One named value per point (intensity, classification, GPS time, a label...).
 *
 * <p>Values are stored as float relative to {@code offset}, so a GPS time of 3e8 s keeps
 * sub-millisecond steps: {@code value(i) = offset + values[i]}. {@code categorical} marks labels
 * (classification, segment ids) that are coloured with a categorical palette, not a ramp.
 */
public record ScalarField(String name, float[] values, double offset, boolean categorical) {
    public ScalarField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a scalar field needs a name");
        }
    }

    /** A continuous field with no offset. */
    public static ScalarField of(String name, float[] values) {
        return new ScalarField(name, values, 0, false);
    }

    /** The value of point {@code i} in the file's units. */
    public double value(int i) {
        return offset + values[i];
    }

    /** The same field over the points {@code indices} (in that order). */
    public ScalarField select(int[] indices) {
        float[] v = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            v[i] = values[indices[i]];
        }
        return new ScalarField(name, v, offset, categorical);
    }

    /** Smallest and largest finite value, as {min, max}; {NaN, NaN} when none is finite. */
    public double[] range() {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float f : values) {
            if (f < lo) {
                lo = f;
            }
            if (f > hi) {
                hi = f;
            }
        }
        return lo > hi ? new double[] {Double.NaN, Double.NaN} : new double[] {offset + lo, offset + hi};
    }
}
