package org.attentionworkbench.compute.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.io.NpyArray;
import org.junit.jupiter.api.Test;

class RolloutTest {
    @Test
    void identityAttentionRollsOutToTheIdentity() {
        AttentionMaps m = Maps.oneHot(4, 3, 1, 3, 3, (h, q) -> q);
        int n = m.tokens();
        for (HeadFusion f : HeadFusion.values()) {
            float[] r = Rollout.compute(m, f, 0.5, 3);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(i == j ? 1f : 0f, r[i * n + j], 1e-6, f + " [" + i + "," + j + "]");
                }
            }
        }
    }

    @Test
    void uniformAttentionHasAClosedForm() {
        // U = J/N is a projection, so ((U + I)/2)^L = U + (I − U)/2^L
        int layers = 5;
        AttentionMaps m = Maps.uniform(layers, 2, 1, 4, 4);
        int n = m.tokens();
        float[] r = Rollout.compute(m, HeadFusion.MEAN, 0.0, layers - 1);
        double half = Math.pow(0.5, layers);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double want = 1.0 / n + ((i == j ? 1.0 : 0.0) - 1.0 / n) * half;
                assertEquals(want, r[i * n + j], 1e-6);
            }
        }
    }

    @Test
    void matchesTheNumpyReferenceOfVitExplain() throws Exception {
        Path dir = Path.of(RolloutTest.class.getResource("/explain/attention.npy").toURI()).getParent();
        NpyArray att = Npy.read(dir.resolve("attention.npy"));
        int[] s = att.shape();
        AttentionMaps m = new AttentionMaps(att.toFloats(), s[0], s[1], s[2], 1, 3, 3);
        NpyArray ref = Npy.read(dir.resolve("rollout.npy"));
        double[] want = ref.toDoubles();
        // layout [fusion (mean, min, max), ratio (0, 0.5, 0.9), norm (rows, vit-explain), last (1, L−1), N, N]
        HeadFusion[] fusions = {HeadFusion.MEAN, HeadFusion.MIN, HeadFusion.MAX};
        double[] ratios = {0.0, 0.5, 0.9};
        Rollout.Normalisation[] norms = Rollout.Normalisation.values();
        int[] lasts = {1, m.layers() - 1};
        int n = m.tokens();
        int block = 0;
        for (HeadFusion f : fusions) {
            for (double ratio : ratios) {
                for (Rollout.Normalisation norm : norms) {
                    for (int last : lasts) {
                        float[] got = Rollout.compute(m, f, ratio, last, norm);
                        String what = f + " discard " + ratio + " " + norm + " to layer " + last;
                        for (int i = 0; i < n * n; i++) {
                            assertEquals(want[block * n * n + i], got[i], 1e-5, what + " at " + i);
                        }
                        // the single-row path agrees with the full product, row by row
                        for (int q : new int[] {0, n - 1}) {
                            float[] row = Rollout.row(m, f, ratio, last, q, norm);
                            for (int j = 0; j < n; j++) {
                                assertEquals(got[q * n + j], row[j], 1e-6, what + " row " + q);
                            }
                        }
                        block++;
                    }
                }
            }
        }
        assertEquals(ref.size() / (n * n), block);
    }

    @Test
    void rowsSumToOneAndClsMapIsRowZeroOverThePatches() {
        AttentionMaps m = Maps.random(7, 6, 4, 1, 5, 5);
        int n = m.tokens();
        for (HeadFusion f : HeadFusion.values()) {
            float[] r = Rollout.compute(m, f, 0.9, 5);
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += r[i * n + j];
                }
                assertEquals(1.0, sum, 1e-5, f + " row " + i);
            }
            float[] cls = Rollout.clsMap(m, f, 0.9, 5);
            assertEquals(25, cls.length);
            for (int p = 0; p < 25; p++) {
                assertEquals(r[1 + p], cls[p], 1e-6);
            }
        }
    }

    @Test
    void discardZeroesTheLowestWeightsButSparesTheClassTokenSelfEntry() {
        // one layer whose class-token self weight is the smallest of all: vit-explain keeps it anyway
        int n = 3;
        float[] d = {
            0.01f, 0.49f, 0.50f,
            0.30f, 0.40f, 0.30f,
            0.20f, 0.20f, 0.60f};
        AttentionMaps m = new AttentionMaps(d, 1, 1, n, 1, 1, 2);
        double[] a = Rollout.layerMatrix(m, 0, HeadFusion.MEAN, 0.4, Rollout.Normalisation.ROWS);
        // int(9·0.4) = 3 lowest: 0.01 (spared, flat index 0), then 0.20, 0.20 (indices 6, 7)
        double[] fused = {0.01, 0.49, 0.50, 0.30, 0.40, 0.30, 0, 0, 0.60};
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += (fused[i * n + j] + (i == j ? 1 : 0)) / 2;
            }
            for (int j = 0; j < n; j++) {
                assertEquals((fused[i * n + j] + (i == j ? 1 : 0)) / 2 / sum, a[i * n + j], 1e-7, "[" + i + "," + j + "]");
            }
        }
        assertEquals(0.01f, m.get(0, 0, 0, 0), "the maps themselves are not touched");
    }

    @Test
    void vitExplainNormalisationDiffersFromRowNormalisation() {
        AttentionMaps m = Maps.random(3, 2, 2, 1, 2, 2);
        float[] rows = Rollout.compute(m, HeadFusion.MAX, 0.5, 1, Rollout.Normalisation.ROWS);
        float[] quirk = Rollout.compute(m, HeadFusion.MAX, 0.5, 1, Rollout.Normalisation.VIT_EXPLAIN);
        assertNotEquals(rows[1], quirk[1]);
        assertArrayEquals(rows, Rollout.compute(m, HeadFusion.MAX, 0.5, 1));
    }

    @Test
    void selectFindsTheKthSmallestKey() {
        java.util.Random rnd = new java.util.Random(8);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rnd.nextInt(200);
            long[] a = new long[n];
            for (int i = 0; i < n; i++) {
                // few distinct high halves, as attention with many equal (zeroed) weights gives
                a[i] = ((long) rnd.nextInt(trial % 2 == 0 ? 4 : 1 << 20) << 32) | i;
            }
            long[] sorted = a.clone();
            java.util.Arrays.sort(sorted);
            int k = rnd.nextInt(n);
            assertEquals(sorted[k], Rollout.select(a, n, k), "trial " + trial);
        }
    }

    @Test
    void rejectsBadArguments() {
        AttentionMaps m = Maps.uniform(2, 1, 1, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> Rollout.compute(m, HeadFusion.MEAN, 1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> Rollout.compute(m, HeadFusion.MEAN, -0.1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> Rollout.compute(m, HeadFusion.MEAN, 0, 2));
    }
}
