package org.attentionworkbench.compute.panorama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** pers2equi_v3's merge: normalised weights, full coverage with 4 rows, its half-open pixel mapping. */
class OmniFusionMergeTest {
    @Test
    void constantPatchesMergeToTheConstantEverywhereFourRowsCover() {
        OmniFusionMerge m = OmniFusionMerge.create(4, 80, 16, new Equirect(64, 32));
        float[] ones = new float[18 * 16 * 16];
        Arrays.fill(ones, 2.5f);
        float[] erp = m.merge(ones);
        for (int i = 0; i < erp.length; i++) {
            assertEquals(2.5f, erp[i], 1e-5f, "pixel " + i);
        }
    }

    @Test
    void theRightmostPatchColumnIsReachedButTheLeftmostOnlyThroughItsNeighbour() {
        // A patch's column j lights up; with the half-open mapping x → (x/extent+1)·size/2 the merge reads
        // column size−1 (clamped far corner) yet never column 0 alone; align-corners would read both.
        int size = 8;
        OmniFusionMerge m = OmniFusionMerge.create(4, 80, size, new Equirect(256, 128));
        float[] last = new float[18 * size * size];
        float[] first = new float[18 * size * size];
        for (int p = 0; p < 18; p++) {
            for (int r = 0; r < size; r++) {
                last[p * size * size + r * size + size - 1] = 1;
                first[p * size * size + r * size] = 1;
            }
        }
        double sumLast = 0;
        double sumFirst = 0;
        for (float v : m.merge(last)) {
            sumLast += v;
        }
        for (float v : m.merge(first)) {
            sumFirst += v;
        }
        // column 0 spans u ∈ (0, 1): the full bilinear weight 1 − u; column size−1 spans u ∈ (size−2, size):
        // twice the width, so it carries more of the ERP than column 0
        org.junit.jupiter.api.Assertions.assertTrue(sumLast > 1.3 * sumFirst, sumLast + " vs " + sumFirst);
        assertThrows(IllegalArgumentException.class, () -> m.merge(new float[5]));
    }
}
