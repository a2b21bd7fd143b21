package org.attentionworkbench.compute.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One-prompt reconstruction on synthetic features, on every backend. */
class PromptReconstructionTest {

    /** A grid whose patches are random unit vectors (distinct, so each is its own best match). */
    static PatchFeatures random(Random r, int g, int dim) {
        float[] x = new float[g * g * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        PatchFeatures.normaliseRows(x, g * g, dim);
        return new PatchFeatures(g, g, dim, x);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void targetIdenticalToPromptScoresNearZero(String kind) {
        PatchFeatures prompt = random(new Random(1), 8, 64);
        Device d = TestDevices.device(kind);
        try (PromptReconstruction rec = new PromptReconstruction(d, List.of(prompt), 0.02f)) {
            float[] s = rec.score(prompt);
            for (int p = 0; p < s.length; p++) {
                assertTrue(Math.abs(s[p]) < 1e-3, d + " patch " + p + ": " + s[p]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void patchReplacedByNoiseScoresHighThere(String kind) {
        Random r = new Random(2);
        PatchFeatures prompt = random(r, 8, 64);
        float[] t = prompt.data().clone();
        int bad = 27;
        PatchFeatures noise = random(r, 1, 64);
        System.arraycopy(noise.data(), 0, t, bad * 64, 64);
        PatchFeatures target = new PatchFeatures(8, 8, 64, t);
        Device d = TestDevices.device(kind);
        try (PromptReconstruction rec = new PromptReconstruction(d, List.of(prompt), 0.05f)) {
            float[] s = rec.score(target);
            float others = 0;
            for (int p = 0; p < s.length; p++) {
                if (p != bad) {
                    others = Math.max(others, s[p]);
                }
            }
            assertTrue(s[bad] > 0.3, d + ": noise patch scores " + s[bad]);
            assertTrue(others < 0.05, d + ": other patches up to " + others);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void attentionRowPointsAtTheMatchingPromptPatch(String kind) {
        Random r = new Random(3);
        PatchFeatures prompt = random(r, 6, 32);
        // the target is the prompt with its patches in reverse order
        float[] t = new float[prompt.data().length];
        int n = prompt.patches();
        for (int p = 0; p < n; p++) {
            System.arraycopy(prompt.data(), (n - 1 - p) * 32, t, p * 32, 32);
        }
        PatchFeatures target = new PatchFeatures(6, 6, 32, t);
        Device d = TestDevices.device(kind);
        try (PromptReconstruction rec = new PromptReconstruction(d, List.of(prompt), 0.05f)) {
            float[] row = rec.attention(target, 4);
            double sum = 0;
            int best = 0;
            for (int j = 0; j < row.length; j++) {
                sum += row[j];
                best = row[j] > row[best] ? j : best;
            }
            assertEquals(1.0, sum, 1e-4);
            assertEquals(n - 1 - 4, best);
        }
    }
}
