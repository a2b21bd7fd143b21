package org.attentionworkbench.compute.zoo.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte counts of our tiled attention: the formula equals the count taken inside the kernel's
 * loops run in Java (whose output is checked against the fused op, so the loops are the real
 * algorithm), and the counts scale as the paper says: ∝ 1/M, ∝ N² for tiled, and below the naive
 * count once N is large.
 */
class AttentionTrafficTest {
    @ParameterizedTest
    @ValueSource(strings = {"1,1,8,4", "7,13,16,4", "33,65,24,8", "64,64,16,32", "50,100,8,16", "5,3,4,32"})
    void formulaEqualsTheCountedLoops(String dims) {
        String[] f = dims.split(",");
        int heads = 2, nq = Integer.parseInt(f[0]), nk = Integer.parseInt(f[1]), dh = Integer.parseInt(f[2]),
                wg = Integer.parseInt(f[3]);
        Random r = new Random(nq + 31L * nk);
        float[] q = FlashSigmoidTest.random(r, heads * nq * dh, 1), k = FlashSigmoidTest.random(r, heads * nk * dh, 1),
                v = FlashSigmoidTest.random(r, heads * nk * dh, 1);
        float scale = (float) (1 / Math.sqrt(dh));
        AttentionTraffic.Simulated sim = AttentionTraffic.simulateTiled(q, k, v, heads, nq, nk, dh, wg, scale);
        assertEquals(AttentionTraffic.tiled(heads, nq, nk, dh, wg, false), sim.count(), dims);
        try (JavaDevice java = new JavaDevice(); Tensor tq = java.upload(q, 1, heads, nq, dh);
                Tensor tk = java.upload(k, 1, heads, nk, dh); Tensor tv = java.upload(v, 1, heads, nk, dh);
                Tensor out = java.allocate(1, heads, nq, dh)) {
            java.attention(out, tq, tk, tv, scale);
            FlashSigmoidTest.assertClose("simulated loops vs fused op " + dims, toDouble(java.download(out)), sim.out(),
                    1e-5 * Math.sqrt(dh));
        }
    }

    @Test
    void countsScaleAsTheBoundSays() {
        int dh = 64, n = 4096;
        // K/V traffic ∝ 1/WG = 1/M: doubling the tile halves it
        long kv16 = AttentionTraffic.tiled(1, n, n, dh, 16, false).floats() - 2L * n * dh;
        long kv32 = AttentionTraffic.tiled(1, n, n, dh, 32, false).floats() - 2L * n * dh;
        assertEquals(2 * kv32, kv16);
        // and equals 4·N²d²/M exactly when WG divides N
        assertEquals(4 * AttentionTraffic.paperTiled(n, dh, AttentionTraffic.localFloats(32, dh)), kv32, 1e-6);
        double[] ns = {512, 1024, 2048, 4096, 8192}, tiled = new double[5], naive = new double[5];
        for (int i = 0; i < 5; i++) {
            tiled[i] = AttentionTraffic.tiled(1, (int) ns[i], (int) ns[i], dh, 32, false).bytes();
            naive[i] = AttentionTraffic.naive(1, (int) ns[i], (int) ns[i], dh).bytes();
        }
        assertEquals(2.0, AttentionTraffic.logLogSlope(ns, tiled), 0.05);
        assertEquals(2.0, AttentionTraffic.logLogSlope(ns, naive), 0.1);
        // naive 4Nd + 4N² floats
        assertEquals(4L * (4L * 1000 * dh + 4L * 1000 * 1000), AttentionTraffic.naive(1, 1000, 1000, dh).bytes());
    }

    @Test
    void slopeOfAPowerLawAndBadInput() {
        assertEquals(-1.0, AttentionTraffic.logLogSlope(new double[] {1, 2, 4}, new double[] {8, 4, 2}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> AttentionTraffic.logLogSlope(new double[] {1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> AttentionTraffic.logLogSlope(new double[] {1, 0}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> AttentionTraffic.tiled(1, 4, 4, 8, 0, false));
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
