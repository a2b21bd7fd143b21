package org.attentionworkbench.compute.device.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.attentionworkbench.compute.tensor.Tensor;
import org.attentionworkbench.compute.zoo.kernels.AttentionTraffic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused attention kernel built with COUNT_IO counts its own global loads and stores; they equal
 * {@link AttentionTraffic#tiled} for the WG the device chose, with and without the probabilities
 * pass, for ragged Nq and Nk; the counting build still computes the same output.
 */
class ClAttentionTrafficTest {
    @ParameterizedTest
    @ValueSource(strings = {"1,1,8", "7,13,16", "50,33,40", "33,65,24", "197,197,64"})
    void kernelCountsEqualTheFormula(String dims) {
        OpenClDevice cl = ClTestDevice.get();
        String[] f = dims.split(",");
        int b = 2, h = 3, nq = Integer.parseInt(f[0]), nk = Integer.parseInt(f[1]), dh = Integer.parseInt(f[2]);
        Random r = new Random(nq + 11L * nk);
        float scale = (float) (1 / Math.sqrt(dh));
        try (Tensor q = cl.upload(ClTestDevice.random(r, b * h * nq * dh), b, h, nq, dh);
                Tensor k = cl.upload(ClTestDevice.random(r, b * h * nk * dh), b, h, nk, dh);
                Tensor v = cl.upload(ClTestDevice.random(r, b * h * nk * dh), b, h, nk, dh);
                Tensor out = cl.allocate(b, h, nq, dh); Tensor plain = cl.allocate(b, h, nq, dh);
                Tensor probs = cl.allocate(b, h, nq, nk)) {
            long[] io = cl.fusedAttentionTraffic(out, null, q, k, v, scale);
            int wg = (int) io[2];
            AttentionTraffic.Count want = AttentionTraffic.tiled(b * h, nq, nk, dh, wg, false);
            assertEquals(want, new AttentionTraffic.Count(io[0], io[1]), dims + ", WG " + wg);
            cl.fusedAttention(plain, null, q, k, v, scale);
            float[] a = cl.download(plain);
            ClTestDevice.assertClose("counting build's output " + dims, toDouble(a), cl.download(out), 1e-6, 1);
            long[] withProbs = cl.fusedAttentionTraffic(out, probs, q, k, v, scale);
            assertEquals(AttentionTraffic.tiled(b * h, nq, nk, dh, wg, true),
                    new AttentionTraffic.Count(withProbs[0], withProbs[1]), dims + " with probabilities");
        }
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
