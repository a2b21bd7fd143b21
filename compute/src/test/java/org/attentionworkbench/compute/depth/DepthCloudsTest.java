package org.attentionworkbench.compute.depth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.models.depth.DepthKind;
import org.attentionworkbench.compute.models.depth.DepthMap;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.junit.jupiter.api.Test;

/** Photo + depth → cloud on a tilted plane whose every pixel's depth is known in closed form. */
class DepthCloudsTest {
    static final int W = 40, H = 30;
    static final double FOV = 70;

    /** The plane n·X = 1 with n = (0.1, -0.2, 0.5) (z = 2 at the centre ray): depth of pixel (u, v). */
    static double planeDepth(int u, int v) {
        double f = W / 2.0 / Math.tan(Math.toRadians(FOV) / 2);
        double rx = (u - (W - 1) / 2.0) / f, ry = (v - (H - 1) / 2.0) / f;
        return 1 / (0.1 * rx - 0.2 * ry + 0.5);
    }

    static RgbImage image() {
        int[] rgb = new int[W * H];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (i * 7919) & 0xFFFFFF;
        }
        return new RgbImage(W, H, rgb);
    }

    static float[] depth(boolean inverse) {
        float[] d = new float[W * H];
        for (int v = 0; v < H; v++) {
            for (int u = 0; u < W; u++) {
                d[v * W + u] = (float) (inverse ? 3.7 / planeDepth(u, v) : planeDepth(u, v));
            }
        }
        return d;
    }

    static double onPlane(PointCloud c, int i, double scale) {
        double x = c.origin()[0] + c.xyz()[3 * i], y = c.origin()[1] + c.xyz()[3 * i + 1];
        double z = c.origin()[2] + c.xyz()[3 * i + 2];
        return (0.1 * x - 0.2 * y + 0.5 * z) / scale - 1;
    }

    @Test
    void metricDepthPutsEveryPixelOnThePlaneWithItsColourAndPixel() {
        RgbImage img = image();
        PointCloud c = DepthClouds.toCloud(img, "photo.png", new DepthMap(depth(false), W, H, DepthKind.METRIC_METRES),
                DepthClouds.Settings.defaults().withFov(FOV));
        assertEquals(W * H, c.size());
        assertEquals("photo.png", c.provenance().sourceImage());
        for (int i = 0; i < c.size(); i++) {
            assertEquals(0, onPlane(c, i, 1), 1e-5, "point " + i);
            int px = c.provenance().pixel()[i];
            int rgb = img.rgb()[px];
            assertEquals((byte) (rgb >> 16), c.rgb()[3 * i]);
            assertEquals((byte) rgb, c.rgb()[3 * i + 2]);
            int u = px % W, v = px / W;
            assertEquals(planeDepth(u, v), c.origin()[2] + c.xyz()[3 * i + 2], 1e-5);
        }
    }

    @Test
    void relativeDisparityIsTheSameShapeScaledSoTheNearestPixelIsAtTheScale() {
        double scale = 2.5;
        PointCloud c = DepthClouds.toCloud(image(), null, new DepthMap(depth(true), W, H, DepthKind.RELATIVE_INVERSE),
                DepthClouds.Settings.defaults().withFov(FOV).withRelativeScale(scale));
        double nearest = Double.MAX_VALUE;
        for (int v = 0; v < H; v++) {
            for (int u = 0; u < W; u++) {
                nearest = Math.min(nearest, planeDepth(u, v));
            }
        }
        double k = scale / nearest; // the true cloud times k
        double minZ = Double.MAX_VALUE;
        for (int i = 0; i < c.size(); i++) {
            assertEquals(0, onPlane(c, i, k), 1e-5, "point " + i);
            minZ = Math.min(minZ, c.origin()[2] + c.xyz()[3 * i + 2]);
        }
        assertEquals(scale, minZ, 1e-5);
    }

    @Test
    void strideFarAndInvalidPixelsAreDroppedAndPixelsStayFullResolution() {
        float[] d = depth(false);
        d[0] = Float.NaN;
        d[2] = -1;
        d[4] = 50;
        PointCloud c = DepthClouds.toCloud(image(), "p", new DepthMap(d, W, H, DepthKind.METRIC_METRES),
                DepthClouds.Settings.defaults().withStride(2).withMaxDepth(10));
        assertEquals(W / 2 * (H / 2) - 3, c.size());
        assertEquals(W, c.provenance().width());
        for (int p : c.provenance().pixel()) {
            assertTrue(p % W % 2 == 0 && p / W % 2 == 0 && p != 0 && p != 2 && p != 4, "pixel " + p);
        }
        // relative: far background (under 2 % of the largest disparity) and zeros give no point
        float[] r = new float[W * H];
        java.util.Arrays.fill(r, 1f);
        r[5] = 0.01f;
        r[6] = 0;
        assertEquals(W * H - 2, DepthClouds.toCloud(image(), null, new DepthMap(r, W, H, DepthKind.RELATIVE_INVERSE),
                DepthClouds.Settings.defaults()).size());
    }

    @Test
    void badInputIsRefusedWithWhatIsWrong() {
        DepthMap small = new DepthMap(new float[4], 2, 2, DepthKind.METRIC_METRES);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DepthClouds.toCloud(image(), "photo.png", small, DepthClouds.Settings.defaults()));
        assertTrue(e.getMessage().contains("photo.png"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DepthClouds.Settings.defaults().withFov(180));
        assertThrows(IllegalArgumentException.class, () -> DepthClouds.Settings.defaults().withStride(0));
    }
}
