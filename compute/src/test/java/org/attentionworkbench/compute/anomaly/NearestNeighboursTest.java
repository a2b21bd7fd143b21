package org.attentionworkbench.compute.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The k-NN scorer against an exact plain-Java reference, and against the softmax's τ → 0 limit. */
class NearestNeighboursTest {

    /** Exact: every cosine in double, sorted, the k largest turned into mean (1 − cos). */
    static float[] reference(List<PatchFeatures> prompts, PatchFeatures target, int k) {
        int dim = target.dim();
        float[] p = PatchFeatures.stack(prompts);
        int m = p.length / dim;
        float[] out = new float[target.patches()];
        for (int n = 0; n < out.length; n++) {
            double[] cos = new double[m];
            for (int j = 0; j < m; j++) {
                double dot = 0;
                for (int i = 0; i < dim; i++) {
                    dot += (double) target.data()[n * dim + i] * p[j * dim + i];
                }
                cos[j] = dot;
            }
            Arrays.sort(cos);
            double sum = 0;
            for (int q = 0; q < k; q++) {
                sum += 1 - cos[m - 1 - q];
            }
            out[n] = (float) (sum / k);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void matchesTheExactReferenceForSeveralK(String kind) {
        Random r = new Random(3);
        List<PatchFeatures> prompts = List.of(PromptReconstructionTest.random(r, 7, 32),
                PromptReconstructionTest.random(r, 7, 32));
        PatchFeatures target = PromptReconstructionTest.random(r, 6, 32);
        Device d = TestDevices.device(kind);
        for (int k : new int[] {1, 3, 98}) {
            try (NearestNeighbours nn = new NearestNeighbours(d, prompts, k)) {
                assertEquals(98, nn.promptPatches());
                float[] got = nn.score(target);
                float[] want = reference(prompts, target, k);
                for (int n = 0; n < want.length; n++) {
                    assertEquals(want[n], got[n], 1e-4, d + " k=" + k + " patch " + n);
                }
                assertTrue(nn.describe().contains("k=" + k), nn.describe());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void promptBankLargerThanOneChunkIsScoredWhole(String kind) {
        Random r = new Random(4);
        // 96² = 9216 prompt patches > CHUNK: the best match may sit in the second chunk
        List<PatchFeatures> prompts = List.of(PromptReconstructionTest.random(r, 96, 8));
        PatchFeatures target = PromptReconstructionTest.random(r, 4, 8);
        Device d = TestDevices.device(kind);
        try (NearestNeighbours nn = new NearestNeighbours(d, prompts, 2)) {
            float[] got = nn.score(target);
            float[] want = reference(prompts, target, 2);
            for (int n = 0; n < want.length; n++) {
                assertEquals(want[n], got[n], 1e-4, d + " patch " + n);
            }
        }
    }

    /**
     * softmax(T·Pᵀ/τ) tends to the one-hot of the best match as τ → 0, so the rebuilt patch is that
     * prompt patch and the reconstruction's 1 − cos(T, R) is the k = 1 score. Random 32-d vectors leave
     * cosine gaps ≫ τ = 1e-4 between the best and the second match, so the limit is reached in float.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void kOneIsTheSoftmaxAtVanishingTemperature(String kind) {
        Random r = new Random(5);
        List<PatchFeatures> prompts = List.of(PromptReconstructionTest.random(r, 8, 32));
        PatchFeatures target = PromptReconstructionTest.random(r, 8, 32);
        Device d = TestDevices.device(kind);
        try (NearestNeighbours nn = new NearestNeighbours(d, prompts, 1);
                PromptReconstruction sharp = new PromptReconstruction(d, prompts, 1e-4f);
                PromptReconstruction soft = new PromptReconstruction(d, prompts, 0.05f)) {
            float[] knn = nn.score(target);
            float[] limit = sharp.score(target);
            float[] blurred = soft.score(target);
            double gap = 0;
            for (int n = 0; n < knn.length; n++) {
                assertEquals(knn[n], limit[n], 1e-3, d + " patch " + n);
                gap = Math.max(gap, Math.abs(knn[n] - blurred[n]));
            }
            // and the default τ is not that limit (the test would pass vacuously otherwise)
            assertTrue(gap > 1e-2, d + ": τ = 0.05 differs by only " + gap);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void kOutsideThePromptPatchesIsRejected(String kind) {
        List<PatchFeatures> prompts = List.of(PromptReconstructionTest.random(new Random(6), 2, 8));
        Device d = TestDevices.device(kind);
        assertThrows(IllegalArgumentException.class, () -> new NearestNeighbours(d, prompts, 0));
        assertThrows(IllegalArgumentException.class, () -> new NearestNeighbours(d, prompts, 5));
    }
}
