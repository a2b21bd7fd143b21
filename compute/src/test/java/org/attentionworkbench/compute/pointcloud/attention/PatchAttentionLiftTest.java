package org.attentionworkbench.compute.pointcloud.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attentionworkbench.compute.image.Preprocess;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.Provenance;
import org.attentionworkbench.compute.pointcloud.attention.PatchAttentionLift.PatchGrid;
import org.junit.jupiter.api.Test;

class PatchAttentionLiftTest {
    /** Points at source pixels (u, v) of a w × h image; -1 for a point without one. */
    private static PointCloud at(int w, int h, int... pixels) {
        return new PointCloud(null, new float[3 * pixels.length], null, null, List.of(),
                new Provenance("frame.png", w, h, pixels));
    }

    @Test
    void wholeImageGridIsTheOverlaysCellRule() {
        // 8 × 4 image on a 4 × 2 grid: 2 × 2 pixels per patch
        PatchGrid g = PatchGrid.wholeImage(8, 4, 4, 2);
        assertEquals(0, g.patchAt(0, 0));
        assertEquals(0, g.patchAt(1, 1));
        assertEquals(1, g.patchAt(2, 0));
        assertEquals(3, g.patchAt(7, 1));
        assertEquals(4, g.patchAt(0, 2));
        assertEquals(7, g.patchAt(7, 3));
        // HeatmapOverlay.cellAtImage(u + 0.5, v + 0.5) for a 10 × 7 image on a 3 × 2 grid
        PatchGrid odd = PatchGrid.wholeImage(10, 7, 3, 2);
        for (int v = 0; v < 7; v++) {
            for (int u = 0; u < 10; u++) {
                int cx = Math.min(2, (int) ((u + 0.5) * 3 / 10));
                int cy = Math.min(1, (int) ((v + 0.5) * 2 / 7));
                assertEquals(cy * 3 + cx, odd.patchAt(u, v), "pixel " + u + ", " + v);
            }
        }
    }

    @Test
    void liftGivesEachPointItsPatchsValue() {
        PatchGrid g = PatchGrid.wholeImage(8, 4, 4, 2);
        float[] attention = {0, 1, 2, 3, 4, 5, 6, 7};
        // pixels (1, 0) → patch 0, (6, 3) → 7, (4, 2) → 6, none
        PointCloud c = at(8, 4, 1, 3 * 8 + 6, 2 * 8 + 4, -1);
        float[] lifted = PatchAttentionLift.lift(c, g, attention);
        assertArrayEquals(new float[] {0, 7, 6, Float.NaN}, lifted);
        assertEquals(7, PatchAttentionLift.patchOf(c, 1, g));
        assertEquals(-1, PatchAttentionLift.patchOf(c, 3, g));

        assertThrows(IllegalArgumentException.class, () -> PatchAttentionLift.lift(c, g, new float[7]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PatchAttentionLift.lift(at(9, 4, 0), g, attention));
        assertTrue(e.getMessage().contains("9×4") && e.getMessage().contains("frame.png"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PatchAttentionLift.lift(PointCloud.of(new float[3]), g, attention));
    }

    @Test
    void resizeAndCentreCropFollowPreprocess() {
        // ImageNet recipe at 224 on a 300 × 200 image: shorter side to 256 → 384 × 256, crop 224 at (80, 16)
        Preprocess.Recipe r = Preprocess.Recipe.imagenet(224);
        PatchGrid g = PatchGrid.of(300, 200, r, 16);
        assertEquals(384, g.resizedW());
        assertEquals(256, g.resizedH());
        assertEquals(80, g.cropLeft());
        assertEquals(16, g.cropTop());
        assertEquals(14, g.gridW());
        assertEquals(14, g.gridH());
        int[] size = new int[2];
        Preprocess.apply(new RgbImage(300, 200, new int[300 * 200]), r, size);
        assertArrayEquals(new int[] {g.gridH() * 16, g.gridW() * 16}, size, "the same input size as Preprocess");
        // (150, 100): x = 150.5 · 1.28 − 80 = 112.64 → column 7; y = 100.5 · 1.28 − 16 = 112.64 → row 7
        assertEquals(7 * 14 + 7, g.patchAt(150, 100));
        // cut away by the crop: the left 62 columns (62.5 · 1.28 = 80 → 0)
        assertEquals(-1, g.patchAt(0, 100));
        assertEquals(-1, g.patchAt(61, 100));
        assertEquals(7 * 14, g.patchAt(62, 100));
        // the top rows: y = (v + 0.5) · 1.28 < 16 for v ≤ 11
        assertEquals(-1, g.patchAt(150, 11));
        assertEquals(7, g.patchAt(150, 12));
    }

    @Test
    void nativeGridSnapsToThePatch() {
        // 100 × 50 at patch 16: 96 × 48 → 6 × 3 patches
        PatchGrid g = PatchGrid.nativeGrid(100, 50, 16, 1024);
        assertEquals(6, g.gridW());
        assertEquals(3, g.gridH());
        assertEquals(17, g.patchAt(99, 49)); // x 95.52 → 5, y 47.52 → 2
        assertEquals(0, g.patchAt(0, 0));
        int[] size = new int[2];
        Preprocess.nativeGrid(new RgbImage(100, 50, new int[5000]), Preprocess.Recipe.imagenet(224), 16, 1024, size);
        assertArrayEquals(new int[] {48, 96}, size);
    }
}
