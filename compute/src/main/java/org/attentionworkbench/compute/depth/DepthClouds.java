package org.attentionworkbench.compute.depth;

import java.util.Locale;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.models.depth.DepthKind;
import org.attentionworkbench.compute.models.depth.DepthMap;
import org.attentionworkbench.compute.panorama.ErpPixels;
import org.attentionworkbench.compute.panorama.cloud.ErpClouds;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.attention.DepthToCloud;

/**
 * A photo and a depth model's prediction turned into a coloured point cloud: each point keeps its
 * pixel (the cloud's {@link org.attentionworkbench.compute.pointcloud.Provenance}), so attention on
 * points works on it. Camera coordinates as {@link DepthToCloud} (OpenCV: x right, y down, z forward),
 * a pinhole at the image centre with square pixels and the given horizontal field of view.
 *
 * <p>Depth along the optical axis, in metres:
 * <ul>
 *   <li>{@link DepthKind#METRIC_METRES}: the prediction as it is.</li>
 *   <li>{@link DepthKind#RELATIVE_INVERSE}: Depth Anything's relative output is disparity up to an
 *       unknown scale <i>and shift</i>. We take the shift as 0 and normalise by the largest disparity:
 *       {@code z = scale / (d / max d)}, so the nearest pixel is {@code scale} metres away and a pixel
 *       with half its disparity twice as far. The shape is only plausible, not measured: the unknown
 *       shift bends depth, and the scale is the user's guess. Pixels below
 *       {@link #MIN_RELATIVE_DISPARITY} of the largest (sky, the far background) are dropped.</li>
 * </ul>
 * Non-finite, non-positive and farther-than-{@code maxDepth} values give no point.
 */
public final class DepthClouds {
    private DepthClouds() {}

    /** Relative pixels with less than this fraction of the largest disparity are too far to place (z &gt; 50·scale). */
    public static final double MIN_RELATIVE_DISPARITY = 0.02;

    /**
     * @param horizontalFovDegrees the camera's horizontal field of view, in (0, 180); 60 when unknown
     * @param relativeScale        metres of the nearest pixel of a relative prediction (ignored for metric)
     * @param maxDepth             farther points are dropped (metres; infinity keeps all)
     * @param stride               one point every {@code stride} pixels along rows and columns (1 = all)
     */
    public record Settings(double horizontalFovDegrees, double relativeScale, double maxDepth, int stride) {
        public static final double DEFAULT_FOV = 60;

        public Settings {
            if (!(horizontalFovDegrees > 0 && horizontalFovDegrees < 180) || !(relativeScale > 0)
                    || !Double.isFinite(relativeScale) || !(maxDepth > 0) || stride < 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "depth cloud settings: field of view "
                        + "%s° must be in (0, 180), relative scale %s and max depth %s positive, stride %d ≥ 1",
                        horizontalFovDegrees, relativeScale, maxDepth, stride));
            }
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_FOV, 1, Double.POSITIVE_INFINITY, 1);
        }

        public Settings withFov(double degrees) {
            return new Settings(degrees, relativeScale, maxDepth, stride);
        }

        public Settings withRelativeScale(double metres) {
            return new Settings(horizontalFovDegrees, metres, maxDepth, stride);
        }

        public Settings withMaxDepth(double metres) {
            return new Settings(horizontalFovDegrees, relativeScale, metres, stride);
        }

        public Settings withStride(int s) {
            return new Settings(horizontalFovDegrees, relativeScale, maxDepth, s);
        }
    }

    /** Depth in metres along the optical axis per pixel (NaN where no point can be placed), see the class comment. */
    public static float[] metres(DepthMap depth, Settings s) {
        float[] v = depth.values();
        float[] z = new float[v.length];
        if (depth.kind() == DepthKind.METRIC_METRES) {
            for (int i = 0; i < v.length; i++) {
                z[i] = v[i] > 0 && v[i] <= s.maxDepth() ? v[i] : Float.NaN;
            }
            return z;
        }
        double max = 0;
        for (float d : v) {
            if (d > max && Float.isFinite(d)) {
                max = d;
            }
        }
        for (int i = 0; i < v.length; i++) {
            double n = max > 0 ? v[i] / max : 0;
            double m = s.relativeScale() / n;
            z[i] = n >= MIN_RELATIVE_DISPARITY && Float.isFinite(v[i]) && m <= s.maxDepth() ? (float) m : Float.NaN;
        }
        return z;
    }

    /** The pinhole camera {@link #toCloud} uses for a {@code width × height} image. */
    public static DepthToCloud.Intrinsics intrinsics(int width, int height, Settings s) {
        return DepthToCloud.Intrinsics.fromFov(width, height, s.horizontalFovDegrees(), Double.NaN);
    }

    /**
     * The coloured cloud of {@code image} with {@code depth} (same size); {@code imageName} (the file, or
     * null) goes into the provenance, whose pixel indices are the full image's.
     */
    public static PointCloud toCloud(RgbImage image, String imageName, DepthMap depth, Settings s) {
        int w = image.width(), h = image.height();
        if (depth.width() != w || depth.height() != h) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the depth map is %d×%d but the image %s is %d×%d", depth.width(), depth.height(),
                    imageName == null ? "" : imageName, w, h));
        }
        float[] z = metres(depth, s);
        if (s.stride() > 1) {
            for (int v = 0; v < h; v++) {
                for (int u = 0; u < w; u++) {
                    if (u % s.stride() != 0 || v % s.stride() != 0) {
                        z[v * w + u] = Float.NaN;
                    }
                }
            }
        }
        String name = imageName == null ? "depth" : imageName;
        return DepthToCloud.toCloud(new DepthToCloud.DepthMap(w, h, z, name), intrinsics(w, h, s), 1.0, image, name);
    }

    /**
     * A panorama's cloud with the camera at the origin ({@link ErpClouds#points}): pixel (c, r) of the
     * ERP goes along its ray in {@code Equirect}'s convention (column 0 = longitude −180°, row 0 = the
     * top), in the room frame x east, y north (longitude 0), z up: direction (cos φ sin λ, cos φ cos λ, sin φ) with elevation
     * φ = −latitude, times the radial depth. {@code metric} false: the depth has one arbitrary scale
     * and is rescaled so that the median distance is {@code relativeScale} metres. Pixels not
     * {@code covered} (null: all), non-finite, ≤ 0 or beyond {@code maxDepth} give no point; {@code stride}
     * as for photos; the FOV setting does not apply.
     */
    public static PointCloud fromPanorama(RgbImage erp, String imageName, float[] radial, boolean[] covered,
            boolean metric, Settings s) {
        int w = erp.width(), h = erp.height();
        if (radial.length != (long) w * h || covered != null && covered.length != radial.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the panorama %s is %d×%d but its depth has "
                    + "%d values", imageName == null ? "" : imageName, w, h, radial.length));
        }
        double k = 1;
        if (!metric) {
            float[] valid = new float[radial.length];
            int n = 0;
            for (int i = 0; i < radial.length; i++) {
                if ((covered == null || covered[i]) && radial[i] > 0 && Float.isFinite(radial[i])) {
                    valid[n++] = radial[i];
                }
            }
            if (n == 0) {
                throw new IllegalArgumentException("the panorama's depth has no valid pixel");
            }
            float[] sorted = java.util.Arrays.copyOf(valid, n);
            java.util.Arrays.sort(sorted);
            k = s.relativeScale() / sorted[n / 2];
        }
        float[] scaled = new float[radial.length];
        for (int i = 0; i < radial.length; i++) {
            double d = radial[i] * k;
            boolean keep = (covered == null || covered[i]) && d > 0 && Double.isFinite(d) && d <= s.maxDepth();
            scaled[i] = keep ? (float) d : Float.NaN;
        }
        return ErpClouds.points(new ErpClouds.Input(erp, scaled, null, ErpPixels.ENDPOINTS, imageName), s.stride());
    }
}
