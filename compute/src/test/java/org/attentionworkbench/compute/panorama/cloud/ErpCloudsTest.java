package org.attentionworkbench.compute.panorama.cloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.panorama.ErpPixels;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.junit.jupiter.api.Test;

class ErpCloudsTest {

    private static RgbImage image(int w, int h) {
        int[] rgb = new int[w * h];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = i * 2654435 & 0xffffff;
        }
        return new RgbImage(w, h, rgb);
    }

    /** A plane z = −1.5 (a floor under the camera): depth of each downward pixel is 1.5 / sin(−elevation). */
    @Test
    void floorPixelsLandOnTheFloorPlaneInBothConventions() {
        for (ErpPixels pixels : ErpPixels.values()) {
            int w = 64, h = 32;
            float[] depth = new float[w * h];
            for (int r = 0; r < h; r++) {
                double e = pixels.elevation(r, h);
                for (int c = 0; c < w; c++) {
                    depth[r * w + c] = e < -0.1 ? (float) (1.5 / Math.sin(-e)) : Float.NaN;
                }
            }
            PointCloud cloud = ErpClouds.points(new ErpClouds.Input(image(w, h), depth, null, pixels, "floor.png"), 1);
            assertEquals(true, cloud.size() > 100, pixels + ": " + cloud.size());
            float[] xyz = cloud.xyz();
            for (int k = 0; k < cloud.size(); k++) {
                assertEquals(-1.5, xyz[3 * k + 2], 1e-4, pixels + " point " + k);
                assertEquals(1, cloud.normals()[3 * k + 2], 1e-3, pixels + " normal of point " + k + " (up, to the camera)");
                // the pixel it came from looks the same way
                int px = cloud.provenance().pixel()[k];
                double lon = pixels.longitude(px % w, w);
                assertEquals(lon, Math.atan2(xyz[3 * k], xyz[3 * k + 1]), 1e-4, pixels + " longitude of point " + k);
            }
        }
    }

    @Test
    void centreColumnLooksAlongPlusYAndColoursAndProvenanceFollowThePixel() {
        int w = 9, h = 5; // pixel centres: column 4 is λ = 0, row 2 the horizon
        float[] depth = new float[w * h];
        Arrays.fill(depth, 2f);
        RgbImage img = image(w, h);
        PointCloud cloud = ErpClouds.points(new ErpClouds.Input(img, depth, null, ErpPixels.PIXEL_CENTERS, "a.jpg"), 1);
        assertEquals(w * h, cloud.size());
        int k = 2 * w + 4;
        assertEquals(k, cloud.provenance().pixel()[k]);
        assertEquals("a.jpg", cloud.provenance().sourceImage());
        assertEquals(4, cloud.provenance().u(k));
        assertEquals(2, cloud.provenance().v(k));
        assertArrayEquals(new float[] {0, 2, 0}, Arrays.copyOfRange(cloud.xyz(), 3 * k, 3 * k + 3), 1e-6f);
        int rgb = img.rgb()[k];
        assertEquals(rgb >> 16 & 0xff, cloud.rgb()[3 * k] & 0xff);
        assertEquals(rgb >> 8 & 0xff, cloud.rgb()[3 * k + 1] & 0xff);
        assertEquals(rgb & 0xff, cloud.rgb()[3 * k + 2] & 0xff);
        assertEquals(2f, cloud.field(ErpClouds.DEPTH_FIELD).values()[k]);
        // λ = +90° (column 6.75 would be exact; check the sign of x for a column right of centre)
        assertEquals(true, cloud.xyz()[3 * (2 * w + 6)] > 0);
    }

    @Test
    void strideCoverageAndBadDepthDropPoints() {
        int w = 10, h = 6;
        float[] depth = new float[w * h];
        Arrays.fill(depth, 1f);
        depth[0] = Float.NaN;
        depth[2] = 0;
        float[] weight = new float[w * h];
        Arrays.fill(weight, 1f);
        weight[4] = 0;
        ErpClouds.Input in = new ErpClouds.Input(image(w, h), depth, weight, ErpPixels.ENDPOINTS, null);
        // ENDPOINTS: 9 unique columns; stride 2 → columns 0,2,4,6,8 × rows 0,2,4 = 15, less 3 dropped in row 0
        assertEquals(12, ErpClouds.points(in, 2).size());
        assertEquals(9 * 6 - 3, ErpClouds.points(in, 1).size());
        assertEquals(2, ErpClouds.strideFor(2048, 1024, 1_000_000));
        assertEquals(1, ErpClouds.strideFor(100, 50, 5000));
        assertThrows(IllegalArgumentException.class, () -> ErpClouds.points(in, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ErpClouds.Input(image(w, h), new float[3], null, ErpPixels.ENDPOINTS, null));
    }

    @Test
    void conventionsRoundTrip() {
        for (ErpPixels p : ErpPixels.values()) {
            assertEquals(3.25, p.column(p.longitude(3.25, 40), 40), 1e-9);
            assertEquals(7.5, p.row(p.elevation(7.5, 20), 20), 1e-9);
        }
        assertEquals(-Math.PI, ErpPixels.ENDPOINTS.longitude(0, 40), 1e-12);
        assertEquals(Math.PI / 2, ErpPixels.ENDPOINTS.elevation(0, 20), 1e-12);
        assertEquals(-Math.PI + Math.PI / 40, ErpPixels.PIXEL_CENTERS.longitude(0, 40), 1e-12);
    }
}
