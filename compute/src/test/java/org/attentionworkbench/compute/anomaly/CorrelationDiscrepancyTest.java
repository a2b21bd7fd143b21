package org.attentionworkbench.compute.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The FOD-style scorer against a plain-Java reference of its formula, and on planted anomalies. */
class CorrelationDiscrepancyTest {

    /** Σ softmax(c/τ)·c over the rows of ref, in double; with a grid width, n's 3×3 window left out. */
    static double expected(float[] x, int n, float[] ref, int rows, int dim, float tau, int gridW, int gridH) {
        double max = Double.NEGATIVE_INFINITY;
        double[] c = new double[rows];
        boolean[] skip = new boolean[rows];
        for (int j = 0; j < rows; j++) {
            if (gridW > 0 && Math.abs(j / gridW - n / gridW) <= 1 && Math.abs(j % gridW - n % gridW) <= 1) {
                skip[j] = true;
                continue;
            }
            for (int i = 0; i < dim; i++) {
                c[j] += (double) x[n * dim + i] * ref[j * dim + i];
            }
            max = Math.max(max, c[j]);
        }
        double z = 0;
        double s = 0;
        for (int j = 0; j < rows; j++) {
            if (!skip[j]) {
                double w = Math.exp((c[j] - max) / tau);
                z += w;
                s += w * c[j];
            }
        }
        return s / z;
    }

    static float[] reference(List<PatchFeatures> prompts, PatchFeatures t, float tau) {
        float[] p = PatchFeatures.stack(prompts);
        int dim = t.dim();
        float[] out = new float[t.patches()];
        for (int n = 0; n < out.length; n++) {
            double inter = expected(t.data(), n, p, p.length / dim, dim, tau, 0, 0);
            double intra = expected(t.data(), n, t.data(), t.patches(), dim, tau, t.gridW(), t.gridH());
            out[n] = (float) ((1 - inter) + Math.max(0, intra - inter));
        }
        return out;
    }

    /** A "product" image: every patch one of three prototypes plus a little noise. */
    static PatchFeatures product(Random r, float[][] prototypes, int g, int dim) {
        float[] x = new float[g * g * dim];
        for (int p = 0; p < g * g; p++) {
            float[] proto = prototypes[(p / g + p % g) % prototypes.length];
            for (int i = 0; i < dim; i++) {
                x[p * dim + i] = proto[i] + 0.05f * (float) r.nextGaussian();
            }
        }
        PatchFeatures.normaliseRows(x, g * g, dim);
        return new PatchFeatures(g, g, dim, x);
    }

    static float[][] prototypes(Random r, int count, int dim) {
        float[][] out = new float[count][dim];
        for (float[] p : out) {
            double ss = 0;
            for (int i = 0; i < dim; i++) {
                p[i] = (float) r.nextGaussian();
                ss += p[i] * p[i];
            }
            for (int i = 0; i < dim; i++) {
                p[i] /= (float) Math.sqrt(ss);
            }
        }
        return out;
    }

    /** Overwrites patch p with a fresh random unit vector (the planted anomaly). */
    static void plant(PatchFeatures f, int p, Random r) {
        float[] x = f.data();
        for (int i = 0; i < f.dim(); i++) {
            x[p * f.dim() + i] = (float) r.nextGaussian();
        }
        PatchFeatures.normaliseRows(x, f.patches(), f.dim());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void matchesTheFormulaComputedInDouble(String kind) {
        Random r = new Random(5);
        List<PatchFeatures> prompts = List.of(PromptReconstructionTest.random(r, 6, 24),
                PromptReconstructionTest.random(r, 6, 24));
        PatchFeatures target = PromptReconstructionTest.random(r, 7, 24);
        Device d = TestDevices.device(kind);
        for (float tau : new float[] {0.05f, 0.5f}) {
            try (CorrelationDiscrepancy s = new CorrelationDiscrepancy(d, prompts, tau)) {
                float[] got = s.score(target);
                float[] want = reference(prompts, target, tau);
                for (int n = 0; n < want.length; n++) {
                    assertEquals(want[n], got[n], 2e-4, d + " τ=" + tau + " patch " + n);
                }
                assertTrue(s.describe().contains("τ=" + tau), s.describe());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void aTargetEqualToThePromptScoresAboutZero(String kind) {
        PatchFeatures prompt = PromptReconstructionTest.random(new Random(1), 8, 64);
        try (CorrelationDiscrepancy s = new CorrelationDiscrepancy(TestDevices.device(kind), List.of(prompt), 0.05f)) {
            for (float v : s.score(prompt)) {
                assertTrue(v >= -1e-4 && v < 0.01, "equal images: " + v);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void aPlantedOddPatchScoresHighest(String kind) {
        Random r = new Random(7);
        float[][] protos = prototypes(r, 3, 48);
        PatchFeatures prompt = product(r, protos, 10, 48);
        PatchFeatures target = product(r, protos, 10, 48);
        int odd = 4 * 10 + 6;
        plant(target, odd, r);
        try (CorrelationDiscrepancy s = new CorrelationDiscrepancy(TestDevices.device(kind), List.of(prompt), 0.05f)) {
            float[] score = s.score(target);
            float second = 0;
            for (int p = 0; p < score.length; p++) {
                if (p != odd) {
                    second = Math.max(second, score[p]);
                }
            }
            assertTrue(score[odd] > second + 0.3f, "odd patch " + score[odd] + " vs the next " + second);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void aDefectThatRepeatsInItsImageGetsTheDiscrepancyOnTop(String kind) {
        // the same foreign vector planted in two far-apart patches: each finds its like in its own image
        // (intra high) but not in the prompt, so it scores above plain 1 − e_inter
        Random r = new Random(11);
        float[][] protos = prototypes(r, 3, 48);
        PatchFeatures prompt = product(r, protos, 10, 48);
        PatchFeatures target = product(r, protos, 10, 48);
        plant(target, 11, r);
        System.arraycopy(target.data(), 11 * 48, target.data(), 88 * 48, 48);
        try (CorrelationDiscrepancy s = new CorrelationDiscrepancy(TestDevices.device(kind), List.of(prompt), 0.05f)) {
            float[][] c = s.correlations(target);
            float[] score = s.score(target);
            assertTrue(c[0][11] > 0.99f && c[1][11] < 0.6f, "intra " + c[0][11] + ", inter " + c[1][11]);
            assertEquals((1 - c[1][11]) + (c[0][11] - c[1][11]), score[11], 1e-5);
            assertTrue(score[11] > 1.2f * (1 - c[1][11]), "discrepancy added: " + score[11]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void rejectsBadInput(String kind) {
        Device d = TestDevices.device(kind);
        PatchFeatures p = PromptReconstructionTest.random(new Random(2), 4, 16);
        assertThrows(IllegalArgumentException.class, () -> new CorrelationDiscrepancy(d, List.of(), 0.05f));
        assertThrows(IllegalArgumentException.class, () -> new CorrelationDiscrepancy(d, List.of(p), 0f));
        try (CorrelationDiscrepancy s = new CorrelationDiscrepancy(d, List.of(p), 0.05f)) {
            assertThrows(IllegalArgumentException.class,
                    () -> s.score(PromptReconstructionTest.random(new Random(3), 4, 8)));
        }
    }
}
