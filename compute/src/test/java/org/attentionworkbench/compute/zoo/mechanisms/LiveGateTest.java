package org.attentionworkbench.compute.zoo.mechanisms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attentionworkbench.compute.zoo.MixingMatrix;
import org.attentionworkbench.compute.zoo.Probes;
import org.attentionworkbench.compute.zoo.ZooInput;
import org.attentionworkbench.compute.zoo.ZooInputs;
import org.junit.jupiter.api.Test;

/** The live-gate Jacobian maps (q = k = v = x tied) of the gated mixers against central differences. */
class LiveGateTest {
    /** A 5×6 grid (ragged rows and columns for the 3×3 boxes), d = 4. */
    private static final ZooInput GRID = ZooInputs.synthetic(5, 6, 4, 3);

    private static void assertMatchesCentralDifferences(LiveGate m, ZooInput in, double tol) {
        MixingMatrix live = m.liveMatrix(in);
        MixingMatrix numeric = Probes.jacobianNorm(x -> m.tied(in, x), in.x(), in.n(), in.d(), in.d(), 1e-2, "");
        double max = 0;
        for (float v : numeric.m()) {
            max = Math.max(max, v);
        }
        for (int i = 0; i < in.n(); i++) {
            for (int j = 0; j < in.n(); j++) {
                assertEquals(numeric.at(i, j), live.at(i, j), tol * max, "at " + i + "," + j);
            }
        }
        assertEquals(MixingMatrix.Kind.JACOBIAN_NORM, live.kind());
    }

    @Test
    void casVitLiveGateMatchesCentralDifferencesAndIsDense() {
        CasVitMixer cas = new CasVitMixer();
        assertMatchesCentralDifferences(cas, GRID, 2e-3);
        // the tied map is the mechanism's forward with q = k = v = x
        assertArrayEquals(cas.forward(GRID, GRID.v(), GRID.d()), cas.tied(GRID, GRID.x()), 1e-6f);
        // the frozen gate couples only 3×3×3×3 neighbourhoods; the live gate's channel average couples all
        MixingMatrix frozen = cas.matrix(GRID);
        MixingMatrix live = cas.liveMatrix(GRID);
        int far = 4 * 6 + 5; // token (4, 5), far from token 0
        assertEquals(0f, frozen.at(0, far));
        assertTrue(live.at(0, far) > 0, "live " + live.at(0, far));
    }

    @Test
    void extractorLiveGateMatchesCentralDifferencesAndAddsTheRunningSum() {
        ExtractorShe she = new ExtractorShe();
        ZooInput line = ZooInputs.synthetic(1, 12, 3, 5);
        assertMatchesCentralDifferences(she, line, 2e-3);
        MixingMatrix frozen = she.matrix(line);
        MixingMatrix live = she.liveMatrix(line);
        for (int t = 0; t < line.n(); t++) {
            for (int j = 0; j < line.n(); j++) {
                assertEquals(j > t, live.at(t, j) == 0, "causal at " + t + "," + j);
                if (j < t) {
                    assertEquals(frozen.at(t, j), live.at(t, j), 1e-5, "off the diagonal the gate adds nothing");
                }
            }
        }
    }

    @Test
    void withLiveGateSwapsOnlyTheGatedMixersMatrices() {
        var mixers = Mechanisms.withLiveGate(Mechanisms.byIds(java.util.List.of("softmax", "cas-vit", "extractor-she")));
        assertEquals(java.util.List.of("softmax", "cas-vit", "extractor-she"),
                mixers.stream().map(m -> m.id()).toList());
        assertTrue(mixers.get(0) instanceof SoftmaxAttention, "softmax is not gated: unchanged");
        assertEquals("CAS-ViT additive mixer (live gate)", mixers.get(1).title());
        assertArrayEquals(new CasVitMixer().liveMatrix(GRID).m(), mixers.get(1).matrix(GRID).m());
        assertArrayEquals(new CasVitMixer().forward(GRID, GRID.v(), GRID.d()), mixers.get(1).forward(GRID, GRID.v(),
                GRID.d()));
        assertTrue(mixers.get(2).learnedParts(GRID).contains("live gate"));
    }

    @Test
    void tooLargeOrUntiedInputsAreClearErrors() {
        var big = ZooInputs.synthetic(32, 32, 8, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> new CasVitMixer().liveMatrix(big));
        assertTrue(e.getMessage().contains("N·d ≤ " + LiveGate.MAX_LIVE_SIZE), e.getMessage());
        var untied = new ZooInput("c ≠ d", 4, 3, 2, 2, 2, new float[12], new float[8], new float[8], new float[8],
                ZooInput.gridLabels(2, 2), true);
        e = assertThrows(IllegalArgumentException.class, () -> new ExtractorShe().liveMatrix(untied));
        assertTrue(e.getMessage().contains("d = 2"), e.getMessage());
    }
}
