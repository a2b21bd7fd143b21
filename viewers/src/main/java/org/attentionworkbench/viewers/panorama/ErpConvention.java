package org.attentionworkbench.viewers.panorama;

/**
 * Where longitudes and latitudes fall on an equirectangular image's pixels. Both put longitude −180°
 * on the left and the top row looking up; they differ by up to half a pixel.
 * <ul>
 *   <li>{@link #ENDPOINTS}: column 0 = −180°, column W−1 = +180°, row 0 = +90° (up), row H−1 = −90°
 *       (the engine's {@code compute.panorama.Equirect}, OmniFusion's grids);</li>
 *   <li>{@link #PIXEL_CENTERS}: pixel centres at (c + 0.5)·360/W − 180 (most panorama files).</li>
 * </ul>
 * The conventions apply to the part of the sphere an image covers ({@link SphereArea}).
 */
public enum ErpConvention {
    ENDPOINTS,
    PIXEL_CENTERS;

    /** Fractional column for a fraction u in [0, 1] of the covered longitude range. */
    public double column(double u, int width) {
        return this == ENDPOINTS ? u * (width - 1) : u * width - 0.5;
    }

    /** Fraction of the covered range at a fractional column (inverse of {@link #column}). */
    public double fraction(double column, int width) {
        return this == ENDPOINTS ? column / (width - 1) : (column + 0.5) / width;
    }

    /** Columns after which a full 360° image repeats (its wrap period). */
    public int period(int width) {
        return this == ENDPOINTS ? width - 1 : width;
    }
}
