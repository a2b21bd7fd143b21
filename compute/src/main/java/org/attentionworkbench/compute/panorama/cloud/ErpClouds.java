package org.attentionworkbench.compute.panorama.cloud;

import java.util.List;
import java.util.Objects;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.panorama.ErpPixels;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.Provenance;
import org.attentionworkbench.compute.pointcloud.ScalarField;

/**
 * An equirectangular image with radial depth → a coloured {@link PointCloud}, the camera at the
 * origin: pixel (c, r) becomes depth·ray(λ, elevation) in {@link ErpPixels}' frame (z up, λ = 0 along
 * +y), so the sample room's points land on its walls. Each point keeps its ERP pixel and the source
 * image's name ({@link Provenance}) and its depth as the scalar field {@link #DEPTH_FIELD}.
 *
 * <p>Only points: the workbench's 3D view ({@code viewers.points.PointCloudView}) draws points, not
 * meshes, so there is no mesh variant.
 */
public final class ErpClouds {
    /** Name of the per-point radial depth field. */
    public static final String DEPTH_FIELD = "depth";

    private ErpClouds() {}

    /**
     * What to turn into points.
     *
     * @param colours the panorama's pixels on the depth's grid (same width and height)
     * @param depth H×W radial depth (metres or one global scale); non-finite or ≤ 0 gives no point
     * @param weight H×W coverage (a pixel with weight ≤ 0 gives no point), or null for every pixel
     * @param pixels the grid's convention
     * @param sourceImage the file the panorama came from (provenance), or null
     */
    public record Input(RgbImage colours, float[] depth, float[] weight, ErpPixels pixels, String sourceImage) {
        public Input {
            Objects.requireNonNull(colours, "colours");
            Objects.requireNonNull(depth, "depth");
            Objects.requireNonNull(pixels, "pixels");
            long n = (long) colours.width() * colours.height();
            if (colours.width() < 2 || colours.height() < 2) {
                throw new IllegalArgumentException("a panorama needs at least 2×2 pixels, got "
                        + colours.width() + "×" + colours.height());
            }
            if (depth.length != n) {
                throw new IllegalArgumentException("depth has " + depth.length + " values, the panorama is "
                        + colours.width() + "×" + colours.height());
            }
            if (weight != null && weight.length != n) {
                throw new IllegalArgumentException("coverage has " + weight.length + " values, the panorama is "
                        + colours.width() + "×" + colours.height());
            }
        }

        public int width() {
            return colours.width();
        }

        public int height() {
            return colours.height();
        }
    }

    /** The stride that keeps a W×H panorama at or under {@code maxPoints} points (≥ 1). */
    public static int strideFor(int width, int height, long maxPoints) {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be ≥ 1, got " + maxPoints);
        }
        int s = 1;
        while ((long) ceilDiv(width, s) * ceilDiv(height, s) > maxPoints) {
            s++;
        }
        return s;
    }

    /**
     * Every {@code stride}-th pixel in both directions (rows and columns 0, stride, 2·stride, …) as a
     * point; ENDPOINTS' repeated last column is left out.
     */
    public static PointCloud points(Input in, int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be ≥ 1, got " + stride);
        }
        int w = in.width(), h = in.height();
        int cols = in.pixels().uniqueColumns(w);
        int n = 0;
        for (int r = 0; r < h; r += stride) {
            for (int c = 0; c < cols; c += stride) {
                if (usable(in, r * w + c)) {
                    n++;
                }
            }
        }
        float[] xyz = new float[3 * n];
        byte[] rgb = new byte[3 * n];
        float[] range = new float[n];
        int[] pixel = new int[n];
        double[] ray = new double[3];
        double[] lon = new double[cols];
        for (int c = 0; c < cols; c += stride) {
            lon[c] = in.pixels().longitude(c, w);
        }
        int[] colours = in.colours().rgb();
        int k = 0;
        for (int r = 0; r < h; r += stride) {
            double elevation = in.pixels().elevation(r, h);
            for (int c = 0; c < cols; c += stride) {
                int i = r * w + c;
                if (!usable(in, i)) {
                    continue;
                }
                float d = in.depth()[i];
                ErpPixels.ray(lon[c], elevation, ray);
                xyz[3 * k] = (float) (d * ray[0]);
                xyz[3 * k + 1] = (float) (d * ray[1]);
                xyz[3 * k + 2] = (float) (d * ray[2]);
                int rgbValue = colours[i];
                rgb[3 * k] = (byte) (rgbValue >> 16);
                rgb[3 * k + 1] = (byte) (rgbValue >> 8);
                rgb[3 * k + 2] = (byte) rgbValue;
                range[k] = d;
                pixel[k] = i;
                k++;
            }
        }
        return new PointCloud(null, xyz, rgb, null, List.of(ScalarField.of(DEPTH_FIELD, range)),
                new Provenance(in.sourceImage(), w, h, pixel));
    }

    private static boolean usable(Input in, int i) {
        float d = in.depth()[i];
        return Float.isFinite(d) && d > 0 && (in.weight() == null || in.weight()[i] > 0);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
