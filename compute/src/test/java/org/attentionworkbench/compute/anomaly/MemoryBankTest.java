package org.attentionworkbench.compute.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Greedy coreset and k-NN scoring. */
class MemoryBankTest {

    /** Points in tight clusters around c well-separated centres. */
    private static float[] clusters(Random r, int c, int per, int dim) {
        float[] x = new float[c * per * dim];
        for (int k = 0; k < c; k++) {
            float[] centre = new float[dim];
            for (int i = 0; i < dim; i++) {
                centre[i] = (float) r.nextGaussian() * 10;
            }
            for (int p = 0; p < per; p++) {
                for (int i = 0; i < dim; i++) {
                    x[((k * per) + p) * dim + i] = centre[i] + (float) r.nextGaussian() * 0.05f;
                }
            }
        }
        return x;
    }

    @Test
    void kCenterGreedyPicksOnePointPerClusterFirst() {
        Random r = new Random(4);
        int c = 6, per = 50, dim = 16;
        float[] x = clusters(r, c, per, dim);
        Device d = TestDevices.java();
        KCenterGreedy.Selection s = KCenterGreedy.select(d, x, c * per, dim, c, 9);
        Set<Integer> hit = new HashSet<>();
        for (int i : s.indices()) {
            hit.add(i / per);
        }
        assertEquals(c, hit.size(), "the first " + c + " picks cover all clusters");
        assertTrue(s.radius() < 1, "radius within a cluster after one pick each: " + s.radius());
    }

    @Test
    void coverageRadiusFallsAsTheRatioGrows() {
        Random r = new Random(5);
        int n = 600, dim = 200; // above the projection width: exercises the random projection
        float[] x = new float[n * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        Device d = TestDevices.java();
        double prev = Double.POSITIVE_INFINITY;
        for (double ratio : new double[] {0.01, 0.05, 0.2, 0.5}) {
            double radius = KCenterGreedy.select(d, x, n, dim, (int) (n * ratio), 1).radius();
            assertTrue(radius < prev, "ratio " + ratio + ": radius " + radius + " not below " + prev);
            prev = radius;
        }
        assertEquals(0.0, KCenterGreedy.select(d, x, n, dim, n, 1).radius(), 1e-6, "all points: radius 0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void memoryBankScoresKnownPatchesZeroAndNovelOnesHigh(String kind) {
        Random r = new Random(6);
        PatchFeatures a = PromptReconstructionTest.random(r, 8, 48);
        PatchFeatures b = PromptReconstructionTest.random(r, 8, 48);
        float[] t = a.data().clone();
        System.arraycopy(PromptReconstructionTest.random(r, 1, 48).data(), 0, t, 10 * 48, 48);
        PatchFeatures target = new PatchFeatures(8, 8, 48, t);
        Device d = TestDevices.device(kind);
        try (MemoryBank bank = new MemoryBank(d, List.of(a, b), 1.0, 1, 0)) {
            assertEquals(128, bank.size());
            float[] s = bank.score(target);
            for (int p = 0; p < s.length; p++) {
                if (p == 10) {
                    assertTrue(s[p] > 1.0, d + ": novel patch distance " + s[p]);
                } else {
                    assertTrue(s[p] < 1e-2, d + ": known patch " + p + " distance " + s[p]);
                }
            }
        }
        try (MemoryBank small = new MemoryBank(d, List.of(a, b), 0.25, 1, 0)) {
            assertEquals(32, small.size());
            assertTrue(small.coverage() > 0);
        }
    }
}
