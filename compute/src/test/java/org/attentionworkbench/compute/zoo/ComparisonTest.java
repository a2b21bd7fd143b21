package org.attentionworkbench.compute.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attentionworkbench.compute.zoo.mechanisms.Mechanisms;
import org.attentionworkbench.compute.zoo.mechanisms.SigmoidAttention;
import org.attentionworkbench.compute.zoo.mechanisms.SoftmaxAttention;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    @Test
    void softmaxAgainstItselfHasNoErrorAndIsStochastic() {
        ZooInput in = ZooInputs.synthetic(4, 5, 6, 1);
        MixingMatrix s = new SoftmaxAttention().matrix(in);
        float[] out = new SoftmaxAttention().forward(in, in.v(), in.d());
        Comparison c = Comparison.of(in, s, out, s, out);
        assertEquals(0, c.relMatrixError());
        assertEquals(0, c.relOutputError());
        assertTrue(c.stochastic());
        assertEquals(0, c.meanTotalVariation(), 1e-12);
        assertEquals(0, c.meanKl(), 1e-9);
        assertEquals(1, c.rowSumMin(), 1e-5);
        double total = 0;
        for (double m : c.massByDistance()) {
            total += m;
        }
        assertEquals(1, total, 1e-9);
    }

    @Test
    void sigmoidIsSoftmaxWithTheRowSumReplacedByN() {
        ZooInput in = ZooInputs.synthetic(1, 32, 4, 2);
        MixingMatrix sig = new SigmoidAttention().matrix(in);
        double[] logits = org.attentionworkbench.compute.zoo.mechanisms.Scores.logits(in, in.scale());
        for (int i = 0; i < in.n(); i++) {
            for (int j = 0; j < in.n(); j++) {
                double e = Math.exp(logits[i * in.n() + j]);
                assertEquals(e / (in.n() + e), sig.at(i, j), 1e-6);
            }
        }
        Comparison c = Comparison.of(in, sig, null, new SoftmaxAttention().matrix(in), null);
        assertTrue(Double.isNaN(c.relOutputError()));
        assertTrue(!c.stochastic() && Double.isNaN(c.meanKl()));
    }

    @Test
    void effectiveRankIsOneForRankOneAndNForIdentity() {
        int n = 6;
        float[] eye = new float[n * n];
        float[] outer = new float[n * n];
        for (int i = 0; i < n; i++) {
            eye[i * n + i] = 1;
            for (int j = 0; j < n; j++) {
                outer[i * n + j] = (i + 1) * (j + 2);
            }
        }
        assertEquals(n, Comparison.effectiveRank(eye, n), 1e-9);
        assertEquals(1, Comparison.effectiveRank(outer, n), 1e-6);
    }

    @Test
    void distanceIsEuclideanOnTheGridAndAbsoluteOnASequence() {
        ZooInput grid = ZooInputs.synthetic(3, 4, 2, 1);
        assertEquals(Math.sqrt(13), Comparison.distance(grid, 0, 11), 1e-12);
        assertEquals(7, Comparison.distance(ZooInputs.synthetic(1, 9, 2, 1), 1, 8));
    }

    @Test
    void unknownMechanismListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mechanisms.byIds(List.of("nope")));
        assertTrue(e.getMessage().contains("softmax"));
        ZooInput big = ZooInputs.synthetic(1, Probes.MAX_MATRIX_TOKENS + 1, 2, 1);
        assertThrows(IllegalArgumentException.class, () -> Probes.vProbe(new SoftmaxAttention(), big));
    }
}
