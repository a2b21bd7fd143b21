package org.attentionworkbench.compute.panorama.depth;

import java.util.Arrays;
import org.attentionworkbench.compute.panorama.Equirect;

/**
 * Puts a relative ERP radial depth map into metres from one thing the user knows: the camera's height
 * above the floor, or the distance between two points of the panorama.
 */
public final class MetricScale {
    /**
     * Pixels looking down at least this steeply (degrees below the horizon) are taken to see the floor;
     * at 1.5 m that is a disc of 0.87 m around the camera's foot, where furniture rarely stands.
     */
    public static final double FLOOR_DEGREES = 60;

    private MetricScale() {}

    /**
     * A scale: multiply the depth by {@code factor} to get metres.
     *
     * @param measured the quantity read from the unscaled map (camera height or distance)
     * @param pixels how many pixels the estimate rests on
     */
    public record Estimate(double factor, double measured, int pixels) {}

    /**
     * From the camera height: the floor's distance below the camera is the median of r·sin(θ) over the
     * pixels looking down by θ ≥ {@link #FLOOR_DEGREES} (a median, so a table leg or a box under the camera
     * does not move it), and factor = height / that.
     *
     * @param depth H×W radial depth in {@code grid}'s convention
     * @param mask null or true where the depth may be used (e.g. covered pixels)
     */
    public static Estimate fromCameraHeight(float[] depth, boolean[] mask, Equirect grid, double cameraHeightMetres) {
        grid.requireMap(depth, 1);
        if (!(cameraHeightMetres > 0) || !Double.isFinite(cameraHeightMetres)) {
            throw new IllegalArgumentException("camera height must be a positive number of metres, got " + cameraHeightMetres);
        }
        if (mask != null && mask.length != depth.length) {
            throw new IllegalArgumentException("mask has " + mask.length + " values for " + depth.length + " pixels");
        }
        int w = grid.width();
        double limit = Math.toRadians(FLOOR_DEGREES);
        double[] heights = new double[depth.length];
        int n = 0;
        for (int r = 0; r < grid.height(); r++) {
            double down = grid.latitude(r); // downwards positive
            if (down < limit) {
                continue;
            }
            for (int c = 0; c < w - 1; c++) { // column W−1 repeats column 0
                int i = r * w + c;
                float d = depth[i];
                if ((mask == null || mask[i]) && d > 0 && Float.isFinite(d)) {
                    heights[n++] = d * Math.sin(down);
                }
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no valid depth looking " + FLOOR_DEGREES
                    + "° or more downwards: cannot find the floor");
        }
        double[] h = Arrays.copyOf(heights, n);
        Arrays.sort(h);
        double median = n % 2 == 1 ? h[n / 2] : 0.5 * (h[n / 2 - 1] + h[n / 2]);
        return new Estimate(cameraHeightMetres / median, median, n);
    }

    /**
     * From one known distance between the points seen at two ERP pixels (fractional column, row in
     * {@code grid}'s convention; depth sampled bilinearly).
     */
    public static Estimate fromKnownDistance(float[] depth, Equirect grid, double column1, double row1, double column2,
            double row2, double metres) {
        grid.requireMap(depth, 1);
        if (!(metres > 0) || !Double.isFinite(metres)) {
            throw new IllegalArgumentException("the known distance must be a positive number of metres, got " + metres);
        }
        double[] a = point(depth, grid, column1, row1);
        double[] b = point(depth, grid, column2, row2);
        double d = Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
        if (!(d > 0) || !Double.isFinite(d)) {
            throw new IllegalArgumentException("the two points are at the same place or have no depth: cannot scale");
        }
        return new Estimate(metres / d, d, 2);
    }

    /**
     * The 3D point at an ERP pixel, camera at the origin: x right at λ = 90°, y forward at λ = 0, z up
     * (samples.rooms' world axes), from the bilinear depth there.
     */
    public static double[] point(float[] depth, Equirect grid, double column, double row) {
        if (!(column >= 0 && column <= grid.width() - 1 && row >= 0 && row <= grid.height() - 1)) {
            throw new IllegalArgumentException("pixel (" + column + ", " + row + ") is outside the "
                    + grid.width() + "×" + grid.height() + " panorama");
        }
        double r = grid.sample(depth, 0, column, row);
        double lon = grid.longitude(column);
        double elevation = -grid.latitude(row);
        double c = Math.cos(elevation);
        return new double[] {r * c * Math.sin(lon), r * c * Math.cos(lon), r * Math.sin(elevation)};
    }

    /** A scaled copy of {@code depth}. */
    public static float[] apply(float[] depth, double factor) {
        float[] out = new float[depth.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (depth[i] * factor);
        }
        return out;
    }
}
