package org.attentionworkbench.compute.pointcloud.attention;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.attentionworkbench.compute.image.Gray16Image;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.io.NpyArray;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointCloudException;
import org.attentionworkbench.compute.pointcloud.Provenance;

/**
 * A depth map and a pinhole camera turned into points, each remembering its source pixel, so an
 * image model's attention can be lifted onto them ({@link PatchAttentionLift}).
 *
 * <p>Camera coordinates, OpenCV's convention: x to the right, y down, z forward (along the optical
 * axis), in the depth's units times {@code depthScale} (0.001 turns millimetres into metres). Pixel
 * (u, v) has its centre at integer coordinates, as OpenCV's intrinsics assume: with depth
 * {@code d}, {@code z = d · scale}, {@code x = (u − cx) · z / fx}, {@code y = (v − cy) · z / fy}.
 * Zero, negative and non-finite depths (no measurement) give no point.
 *
 * <p>Depth files: .npy of shape [H, W] (or [H, W, 1], [1, H, W]), any type {@link Npy} reads, or a
 * 16-bit single-channel PNG (millimetres, by the usual convention of RGB-D datasets).
 */
public final class DepthToCloud {
    private DepthToCloud() {}

    /** Pinhole intrinsics in pixels. */
    public record Intrinsics(double fx, double fy, double cx, double cy) {
        public Intrinsics {
            if (!(fx > 0) || !(fy > 0) || !Double.isFinite(fx) || !Double.isFinite(fy)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "focal lengths must be positive and finite: fx = %s, fy = %s", fx, fy));
            }
            if (!Double.isFinite(cx) || !Double.isFinite(cy)) {
                throw new IllegalArgumentException("principal point must be finite: cx = " + cx + ", cy = " + cy);
            }
        }

        /**
         * From fields of view in degrees for a {@code width × height} image; {@code vFovDeg} NaN means
         * square pixels (fy = fx). The principal point is the image centre, ((w − 1)/2, (h − 1)/2) with
         * pixel centres at integers: {@code fx = (w / 2) / tan(hFov / 2)}.
         */
        public static Intrinsics fromFov(int width, int height, double hFovDeg, double vFovDeg) {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("image size must be positive: " + width + "×" + height);
            }
            if (!(hFovDeg > 0 && hFovDeg < 180) || !(Double.isNaN(vFovDeg) || vFovDeg > 0 && vFovDeg < 180)) {
                throw new IllegalArgumentException("fields of view must be between 0 and 180 degrees: horizontal "
                        + hFovDeg + ", vertical " + vFovDeg);
            }
            double fx = width / 2.0 / Math.tan(Math.toRadians(hFovDeg) / 2);
            double fy = Double.isNaN(vFovDeg) ? fx : height / 2.0 / Math.tan(Math.toRadians(vFovDeg) / 2);
            return new Intrinsics(fx, fy, (width - 1) / 2.0, (height - 1) / 2.0);
        }
    }

    /** Depth values, row-major {@code height × width}; {@code source} names the file in messages. */
    public record DepthMap(int width, int height, float[] values, String source) {
        public DepthMap {
            if (width <= 0 || height <= 0 || values.length != (long) width * height) {
                throw new IllegalArgumentException((source == null ? "depth map" : source) + ": " + width + "×"
                        + height + " with " + values.length + " values");
            }
        }
    }

    /** A depth map from .npy or a 16-bit PNG, chosen by the file name's extension. */
    public static DepthMap read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            return readNpy(file);
        }
        if (name.endsWith(".png")) {
            return readPng16(file);
        }
        throw new PointCloudException(file, "depth maps are read from .npy (float) or 16-bit .png files");
    }

    public static DepthMap readNpy(Path file) throws IOException {
        NpyArray a = Npy.read(file);
        int[] s = a.shape();
        int h, w;
        if (s.length == 2) {
            h = s[0];
            w = s[1];
        } else if (s.length == 3 && s[2] == 1) {
            h = s[0];
            w = s[1];
        } else if (s.length == 3 && s[0] == 1) {
            h = s[1];
            w = s[2];
        } else {
            throw new PointCloudException(file, "shape", -1, "a depth map must be [H, W] (or [H, W, 1], [1, H, W]), "
                    + "got " + Arrays.toString(s));
        }
        if (h == 0 || w == 0) {
            throw new PointCloudException(file, "shape", -1, "empty depth map " + Arrays.toString(s));
        }
        return new DepthMap(w, h, a.toFloats(), file.toString());
    }

    /** A 16-bit grey PNG, values as stored (apply the scale, e.g. 0.001 for millimetres, in {@link #toCloud}). */
    public static DepthMap readPng16(Path file) throws IOException {
        Gray16Image g = ImageFiles.readGray16(file);
        float[] v = new float[g.values().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = g.values()[i];
        }
        return new DepthMap(g.width(), g.height(), v, file.toString());
    }

    /**
     * Reads a depth file and an optional colour image (null for none) and makes the cloud; errors name
     * the file at fault.
     */
    public static PointCloud fromFiles(Path depthFile, Intrinsics intrinsics, double depthScale, Path rgbFile)
            throws IOException {
        DepthMap depth = read(depthFile);
        RgbImage rgb = rgbFile == null ? null : ImageFiles.read(rgbFile, ImageFiles.Workload.VIEW);
        try {
            return toCloud(depth, intrinsics, depthScale, rgb, rgbFile == null ? null : rgbFile.toString());
        } catch (IllegalArgumentException e) {
            throw new PointCloudException(depthFile, e.getMessage());
        }
    }

    /**
     * The points of {@code depth}: {@code rgb} (same size, or null) colours them; the provenance names
     * {@code rgbName} when given (the image a model runs on), else the depth map's source.
     */
    public static PointCloud toCloud(DepthMap depth, Intrinsics k, double depthScale, RgbImage rgb, String rgbName) {
        if (!(depthScale > 0) || !Double.isFinite(depthScale)) {
            throw new IllegalArgumentException("depth scale must be positive and finite: " + depthScale);
        }
        int w = depth.width(), h = depth.height();
        if (rgb != null && (rgb.width() != w || rgb.height() != h)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the colour image %s is %d×%d, the depth map %s %d×%d: they must be the same size",
                    rgbName == null ? "" : rgbName, rgb.width(), rgb.height(), depth.source(), w, h));
        }
        float[] d = depth.values();
        int n = 0;
        for (float v : d) {
            if (v > 0 && Float.isFinite(v)) {
                n++;
            }
        }
        float[] xyz = new float[3 * n];
        byte[] colours = rgb == null ? null : new byte[3 * n];
        int[] pixel = new int[n];
        int k2 = 0;
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                float raw = d[v * w + u];
                if (!(raw > 0) || !Float.isFinite(raw)) {
                    continue;
                }
                double z = raw * depthScale;
                xyz[3 * k2] = (float) ((u - k.cx()) * z / k.fx());
                xyz[3 * k2 + 1] = (float) ((v - k.cy()) * z / k.fy());
                xyz[3 * k2 + 2] = (float) z;
                if (colours != null) {
                    int c = rgb.rgb()[v * w + u];
                    colours[3 * k2] = (byte) (c >> 16);
                    colours[3 * k2 + 1] = (byte) (c >> 8);
                    colours[3 * k2 + 2] = (byte) c;
                }
                pixel[k2++] = v * w + u;
            }
        }
        String source = rgbName != null ? rgbName : depth.source();
        return new PointCloud(null, xyz, colours, null, List.of(), new Provenance(source, w, h, pixel));
    }
}
