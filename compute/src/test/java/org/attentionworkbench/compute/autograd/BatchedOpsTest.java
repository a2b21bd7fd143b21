package org.attentionworkbench.compute.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ops the in-context-learning labs added (bmm, cross-entropy) against finite differences and their definitions. */
class BatchedOpsTest {

    private static Var rand(Random r, int... shape) {
        float[] d = new float[Var.count(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian();
        }
        return Var.param(d, shape);
    }

    @Test
    void bmmGradientsMatchFiniteDifferences() {
        Random r = new Random(11);
        AutogradTest.check(in -> Autograd.bmm(in.get(0), in.get(1), false), List.of(rand(r, 3, 4, 2), rand(r, 3, 2, 5)));
        AutogradTest.check(in -> Autograd.bmm(in.get(0), in.get(1), true), List.of(rand(r, 3, 4, 2), rand(r, 3, 5, 2)));
        // linear attention per batch: (Q Kᵀ) V
        AutogradTest.check(in -> Autograd.bmm(Autograd.bmm(in.get(0), in.get(1), true), in.get(2), false),
                List.of(rand(r, 2, 3, 2), rand(r, 2, 4, 2), rand(r, 2, 4, 3)));
    }

    @Test
    void bmmIsOneMatmulPerBatch() {
        Random r = new Random(12);
        Var a = rand(r, 2, 3, 4);
        Var b = rand(r, 2, 4, 5);
        Var o = Autograd.bmm(a, b, false);
        for (int i = 0; i < 2; i++) {
            Var ai = Autograd.reshape(Autograd.slice(a, 0, i, i + 1), 3, 4);
            Var bi = Autograd.reshape(Autograd.slice(b, 0, i, i + 1), 4, 5);
            float[] want = Autograd.matmul(ai, bi).data();
            for (int j = 0; j < want.length; j++) {
                assertEquals(want[j], o.data()[i * 15 + j], 1e-6);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Autograd.bmm(a, a, false));
    }

    @Test
    void crossEntropyGradientAndValue() {
        Random r = new Random(13);
        int[] t = {2, 0, 4};
        AutogradTest.check(in -> Losses.crossEntropy(in.get(0), t), List.of(rand(r, 3, 5)));
        Var z = Var.param(new float[] {0f, Float.parseFloat("0.6931472")}, 1, 2); // logits 0, ln 2
        assertEquals(Math.log(3), Losses.crossEntropy(z, new int[] {0}).item(), 1e-6); // p0 = 1/3
        assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(z, new int[] {2}));
    }
}
