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
 * image's name ({@link Provenance}) and its depth as the scalar field {@link #DEPTH_FIELD}. Normals come
 * from the neighbouring pixels' points (central differences, one-sided beside a hole) and face the
 * camera, since the camera saw that side of the surface; so a viewer can leave out surfaces seen from
 * behind (a cutaway of the room from outside).
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
        float[] normals = new float[3 * n];
        Rays rays = new Rays(in);
        double[] nrm = new double[3];
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
                rays.normal(r, c, nrm);
                normals[3 * k] = (float) nrm[0];
                normals[3 * k + 1] = (float) nrm[1];
                normals[3 * k + 2] = (float) nrm[2];
                range[k] = d;
                pixel[k] = i;
                k++;
            }
        }
        return new PointCloud(null, xyz, rgb, normals, List.of(ScalarField.of(DEPTH_FIELD, range)),
                new Provenance(in.sourceImage(), w, h, pixel));
    }

    /** Every pixel's point on demand, and the surface normal there from its neighbours. */
    private static final class Rays {
        private final Input in;
        private final int w, h, period;
        private final double[] sinLon, cosLon, sinEl, cosEl;
        private final double[] p = new double[3], a = new double[3], b = new double[3], u = new double[3],
                v = new double[3];

        Rays(Input in) {
            this.in = in;
            w = in.width();
            h = in.height();
            period = in.pixels().uniqueColumns(w);
            sinLon = new double[period];
            cosLon = new double[period];
            for (int c = 0; c < period; c++) {
                double lon = in.pixels().longitude(c, w);
                sinLon[c] = Math.sin(lon);
                cosLon[c] = Math.cos(lon);
            }
            sinEl = new double[h];
            cosEl = new double[h];
            for (int r = 0; r < h; r++) {
                double e = in.pixels().elevation(r, h);
                sinEl[r] = Math.sin(e);
                cosEl[r] = Math.cos(e);
            }
        }

        // the point of pixel (r, c), columns wrapping; false where it has no depth
        boolean point(int r, int c, double[] out) {
            int cc = Math.floorMod(c, period);
            int i = r * w + cc;
            if (!usable(in, i)) {
                return false;
            }
            double d = in.depth()[i];
            out[0] = d * cosEl[r] * sinLon[cc];
            out[1] = d * cosEl[r] * cosLon[cc];
            out[2] = d * sinEl[r];
            return true;
        }

        void normal(int r, int c, double[] n) {
            point(r, c, p);
            boolean du = difference(r, c + 1, r, c - 1, u);
            boolean dv = difference(Math.min(h - 1, r + 1), c, Math.max(0, r - 1), c, v);
            double nx = u[1] * v[2] - u[2] * v[1], ny = u[2] * v[0] - u[0] * v[2], nz = u[0] * v[1] - u[1] * v[0];
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
            double pl = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
            if (!du || !dv || !(len > 1e-12 * pl * pl)) { // no neighbours: face the camera
                n[0] = -p[0] / pl;
                n[1] = -p[1] / pl;
                n[2] = -p[2] / pl;
                return;
            }
            double sign = nx * p[0] + ny * p[1] + nz * p[2] > 0 ? -1 : 1; // towards the camera
            n[0] = sign * nx / len;
            n[1] = sign * ny / len;
            n[2] = sign * nz / len;
        }

        // out = point(r1, c1) − point(r0, c0), one-sided with the centre p where a neighbour has no depth
        private boolean difference(int r1, int c1, int r0, int c0, double[] out) {
            boolean hasA = point(r1, c1, a), hasB = point(r0, c0, b);
            double[] hi = hasA ? a : p, lo = hasB ? b : p;
            if ((!hasA && !hasB) || (r1 == r0 && c1 == c0)) {
                return false;
            }
            out[0] = hi[0] - lo[0];
            out[1] = hi[1] - lo[1];
            out[2] = hi[2] - lo[2];
            return true;
        }
    }

    private static boolean usable(Input in, int i) {
        float d = in.depth()[i];
        return Float.isFinite(d) && d > 0 && (in.weight() == null || in.weight()[i] > 0);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
