package org.attentionworkbench.compute.panorama;

/**
 * Which directions an equirectangular image's pixels look along. Both put longitude −π on the left
 * and the top row looking up; they differ by up to half a pixel:
 * <ul>
 *   <li>{@link #ENDPOINTS}: {@link Equirect}'s grid (column 0 = −π, column W−1 = +π, row 0 straight up,
 *       row H−1 straight down): the pipeline's depth and OmniFusion's maps;</li>
 *   <li>{@link #PIXEL_CENTERS}: λ = (c + 0.5)·2π/W − π, elevation π/2 − (r + 0.5)·π/H: most panorama
 *       files and {@code SyntheticRoom.render}.</li>
 * </ul>
 * Elevations here are upwards positive (the opposite sign of {@link Equirect#latitude}). World
 * frame for rays: z up, λ = 0 looks along +y, λ = +π/2 along +x (as {@code samples.rooms.SyntheticRoom}).
 */
public enum ErpPixels {
    ENDPOINTS,
    PIXEL_CENTERS;

    /** Longitude (radians) of a fractional column. */
    public double longitude(double column, int width) {
        return this == ENDPOINTS ? -Math.PI + 2 * Math.PI * column / (width - 1)
                : (column + 0.5) * 2 * Math.PI / width - Math.PI;
    }

    /** Elevation (radians, up positive) of a fractional row. */
    public double elevation(double row, int height) {
        return this == ENDPOINTS ? Math.PI / 2 - Math.PI * row / (height - 1)
                : Math.PI / 2 - (row + 0.5) * Math.PI / height;
    }

    /** Fractional column of a longitude in [−π, π]. */
    public double column(double lon, int width) {
        double u = (lon + Math.PI) / (2 * Math.PI);
        return this == ENDPOINTS ? u * (width - 1) : u * width - 0.5;
    }

    /** Fractional row of an elevation (up positive). */
    public double row(double elevation, int height) {
        double v = (Math.PI / 2 - elevation) / Math.PI;
        return this == ENDPOINTS ? v * (height - 1) : v * height - 0.5;
    }

    /** Columns that look along distinct meridians (ENDPOINTS repeats column 0 as column W−1). */
    public int uniqueColumns(int width) {
        return this == ENDPOINTS ? width - 1 : width;
    }

    /** Unit ray (x, y, z) of (longitude, elevation), z up, λ = 0 along +y, written into {@code out}. */
    public static void ray(double lon, double elevation, double[] out) {
        double c = Math.cos(elevation);
        out[0] = c * Math.sin(lon);
        out[1] = c * Math.cos(lon);
        out[2] = Math.sin(elevation);
    }
}
