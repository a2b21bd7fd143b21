package org.attentionworkbench.app.depth360;

import java.util.Objects;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.panorama.ErpPixels;
import org.attentionworkbench.compute.panorama.cloud.ErpClouds;
import org.attentionworkbench.compute.panorama.depth.PanoramaDepthResult;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.viewers.panorama.ErpConvention;
import org.attentionworkbench.viewers.panorama.PanoramaRenderer;
import org.attentionworkbench.viewers.panorama.ViewState;
import org.attentionworkbench.viewers.points.render.Camera;

/**
 * The 360° page's depth as a point cloud for the 3D view (no UI): which depth (the sample room's exact
 * one, or a pipeline result), the coloured cloud around the camera at the origin (z up, λ = 0 along +y;
 * {@link ErpClouds}), and the 3D camera that sees what the panorama view shows.
 */
public final class PanoramaClouds {
    /** Points drawn at most: the Java point renderer's budget, so every point is drawn. */
    public static final int MAX_POINTS = 1_000_000;

    private PanoramaClouds() {}

    /**
     * Radial depth on an ERP grid.
     *
     * @param weight coverage (0 = no depth there), or null
     */
    public record ErpDepth(float[] depth, float[] weight, int width, int height, ErpPixels pixels) {
        public ErpDepth {
            Objects.requireNonNull(depth, "depth");
            Objects.requireNonNull(pixels, "pixels");
            if (width < 2 || height < 2 || depth.length != (long) width * height
                    || (weight != null && weight.length != depth.length)) {
                throw new IllegalArgumentException("depth of " + depth.length + " values is not " + width + "×" + height);
            }
        }

        /** The exact depth a panorama came with (the sample room), or null. */
        public static ErpDepth known(LoadedPanorama p) {
            if (p == null || p.knownDepth() == null) {
                return null;
            }
            return new ErpDepth(p.knownDepth(), null, p.image().width(), p.image().height(),
                    PanoramaClouds.pixels(p.convention()));
        }

        /**
         * The depth step's result on the page, times its scale factor (metres once a scale is set); pixels
         * without depth are left out.
         */
        public static ErpDepth of(PanoramaDepth d, double factor) {
            float[] scaled = d.depth().clone();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] *= (float) factor;
            }
            return new ErpDepth(scaled, d.weight(), d.grid().width(), d.grid().height(), ErpPixels.ENDPOINTS);
        }

        /** A pipeline result (Equirect's grid; pixels no patch saw are left out). */
        public static ErpDepth of(PanoramaDepthResult r) {
            return new ErpDepth(r.depth(), r.weight(), r.grid().width(), r.grid().height(), ErpPixels.ENDPOINTS);
        }
    }

    /** The engine's name for a viewer convention. */
    public static ErpPixels pixels(ErpConvention c) {
        return c == ErpConvention.ENDPOINTS ? ErpPixels.ENDPOINTS : ErpPixels.PIXEL_CENTERS;
    }

    /** The panorama's colours on the depth's grid (each pixel sampled along its own ray). */
    public static RgbImage colours(LoadedPanorama p, ErpDepth d) {
        PanoramaRenderer.Source src = p.source();
        int w = d.width(), h = d.height();
        int[] rgb = new int[w * h];
        for (int r = 0; r < h; r++) {
            double elevation = d.pixels().elevation(r, h);
            for (int c = 0; c < w; c++) {
                rgb[r * w + c] = src.colourAt(d.pixels().longitude(c, w), elevation) & 0xffffff;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    /** The coloured cloud of {@code d}, thinned by a stride to at most {@code maxPoints}. */
    public static PointCloud cloud(LoadedPanorama p, ErpDepth d, int maxPoints) {
        String source = p.file() == null ? p.displayName() : p.file().toString();
        ErpClouds.Input in = new ErpClouds.Input(colours(p, d), d.depth(), d.weight(), d.pixels(), source);
        return ErpClouds.points(in, ErpClouds.strideFor(d.width(), d.height(), maxPoints));
    }

    /** One opaque ARGB per point from the cloud's colours. */
    public static int[] argb(PointCloud c) {
        byte[] rgb = c.rgb();
        int[] out = new int[c.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = 0xff000000 | (rgb[3 * i] & 0xff) << 16 | (rgb[3 * i + 1] & 0xff) << 8 | rgb[3 * i + 2] & 0xff;
        }
        return out;
    }

    /** How far ahead of the eye the orbit centre sits at the start (metres, or the depth's unit). */
    public static final double START_TARGET_DISTANCE = 0.5;

    /**
     * A 3D camera standing at the origin (the panorama's centre) and looking where {@code view} looks,
     * with its vertical field of view for a {@code width × height} frame; the orbit centre is
     * {@link #START_TARGET_DISTANCE} ahead, so zooming out flies backwards out of the room.
     */
    public static Camera cameraAtCentre(ViewState view, int width, int height, double sceneRadius) {
        double yaw = Math.toRadians(view.yaw()), pitch = Math.toRadians(view.pitch());
        double[] dir = new double[3];
        ErpPixels.ray(yaw, pitch, dir);
        Camera c = new Camera();
        c.setWorldUp(0, 0, 1);
        c.lookAlong(dir, new double[] {0, 0, 1});
        double t = START_TARGET_DISTANCE;
        c.setTarget(dir[0] * t, dir[1] * t, dir[2] * t);
        c.setDistance(t);
        c.setSceneRadius(sceneRadius);
        c.setFovY(Math.toRadians(Math.min(170, view.vfov(Math.max(1, width), Math.max(1, height)))));
        return c;
    }
}
