package org.attentionworkbench.compute.panorama.blend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.attentionworkbench.compute.panorama.Blend;
import org.attentionworkbench.compute.panorama.DepthRays;
import org.attentionworkbench.compute.panorama.Equirect;
import org.attentionworkbench.compute.panorama.ErpMap;
import org.attentionworkbench.compute.panorama.TangentLayout;
import org.attentionworkbench.compute.panorama.depth.BoxRoom;
import org.junit.jupiter.api.Test;

class PanoramaBlendingTest {
    private static final Equirect GRID = new Equirect(160, 80);
    private static final TangentLayout LAYOUT = TangentLayout.omnifusion(4, 80, 48);

    /** Exact radial depth per patch; patch {@code bumped} 10 % too far (a seam no alignment removed). */
    private static List<float[]> patches(int bumped) {
        List<float[]> out = new ArrayList<>();
        for (int p = 0; p < LAYOUT.size(); p++) {
            float[] r = DepthRays.radialFromPlanar(BoxRoom.planar(LAYOUT.patch(p)), LAYOUT.patch(p));
            if (p == bumped) {
                for (int i = 0; i < r.length; i++) {
                    r[i] *= 1.1f;
                }
            }
            out.add(r);
        }
        return out;
    }

    private static double meanRelativeError(ErpMap m, float[] gt) {
        double e = 0;
        for (int i = 0; i < gt.length; i++) {
            e += Math.abs(m.values()[i] - gt[i]) / gt[i];
        }
        return e / gt.length;
    }

    /** Largest relative jump between horizontal or vertical neighbours, beyond what the truth itself has. */
    private static double worstStep(float[] v, float[] gt) {
        double worst = 0;
        int w = GRID.width();
        for (int r = 0; r + 1 < GRID.height(); r++) {
            for (int c = 0; c + 1 < w; c++) {
                int i = r * w + c;
                double dx = Math.abs((v[i + 1] / gt[i + 1]) - (v[i] / gt[i]));
                double dy = Math.abs((v[i + w] / gt[i + w]) - (v[i] / gt[i]));
                worst = Math.max(worst, Math.max(dx, dy));
            }
        }
        return worst;
    }

    @Test
    void everyBlendGivesBackConsistentPatches() {
        float[] gt = BoxRoom.erp(GRID);
        for (Blend b : Blend.values()) {
            ErpMap m = PanoramaBlending.blend(patches(-1), LAYOUT, GRID, b, null);
            assertEquals(0, m.uncoveredCount(), b.name());
            assertTrue(meanRelativeError(m, gt) < 2e-3, b + ": " + meanRelativeError(m, gt));
        }
    }

    /** A patch 10 % off: MEAN shows a step at its border, FRUSTUM and POISSON fade it out. */
    @Test
    void frustumAndPoissonHideASeam() {
        float[] gt = BoxRoom.erp(GRID);
        List<float[]> bumped = patches(7);
        double mean = worstStep(PanoramaBlending.blend(bumped, LAYOUT, GRID, Blend.MEAN, null).values(), gt);
        double frustum = worstStep(PanoramaBlending.blend(bumped, LAYOUT, GRID, Blend.FRUSTUM, null).values(), gt);
        double poisson = worstStep(PanoramaBlending.blend(bumped, LAYOUT, GRID, Blend.POISSON, null).values(), gt);
        System.out.printf("worst step: mean %.4f frustum %.4f poisson %.4f%n", mean, frustum, poisson);
        assertTrue(mean > 0.03, "mean step " + mean);
        assertTrue(frustum < 0.6 * mean, "frustum " + frustum + " vs mean " + mean);
        assertTrue(poisson < 0.5 * mean, "poisson " + poisson + " vs mean " + mean);
    }

    /** Column W−1 is column 0's meridian: Poisson makes them equal and the wrap continuous. */
    @Test
    void poissonWrapsAroundTheSeam() {
        ErpMap m = PanoramaBlending.blend(patches(-1), LAYOUT, GRID, Blend.POISSON, null);
        float[] gt = BoxRoom.erp(GRID);
        int w = GRID.width();
        for (int r = 0; r < GRID.height(); r++) {
            assertEquals(m.values()[r * w], m.values()[r * w + w - 1], 0f);
            assertEquals(gt[r * w + w - 2], m.values()[r * w + w - 2], 0.01 * gt[r * w + w - 2]);
        }
    }

    @Test
    void nonFiniteAndUncoveredPixelsAreHandled() {
        List<float[]> p = patches(-1);
        java.util.Arrays.fill(p.get(0), Float.NaN);
        ErpMap m = PanoramaBlending.blend(p, LAYOUT, GRID, Blend.FRUSTUM, null);
        for (float v : m.values()) {
            assertTrue(Float.isFinite(v));
        }
        TangentLayout gappy = TangentLayout.omnifusion(3, 80, 48); // leaves the equator between patches unseen
        List<float[]> q = new ArrayList<>();
        for (int i = 0; i < gappy.size(); i++) {
            q.add(DepthRays.radialFromPlanar(BoxRoom.planar(gappy.patch(i)), gappy.patch(i)));
        }
        ErpMap poisson = PanoramaBlending.blend(q, gappy, GRID, Blend.POISSON, null);
        ErpMap mean = PanoramaBlending.blend(q, gappy, GRID, Blend.MEAN, null);
        assertTrue(mean.uncoveredCount() > 0);
        assertEquals(mean.uncoveredCount(), poisson.uncoveredCount(), "Poisson keeps the coverage honest");
        for (int i = 0; i < poisson.values().length; i++) {
            if (!(poisson.weight()[i] > 0)) {
                assertTrue(poisson.values()[i] > 0.5 && poisson.values()[i] < 8, "filled smoothly: " + poisson.values()[i]);
            }
        }
        assertThrows(CancellationException.class,
                () -> PanoramaBlending.blend(q, gappy, GRID, Blend.POISSON, () -> true));
    }
}
