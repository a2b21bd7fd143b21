package org.attentionworkbench.compute.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused attention op against the unfused path it replaces (gemm, softmax, gemm) on every test
 * device, and SelfAttention's fused pass (no mask) against its unfused one (a zero mask), with
 * and without keeping the probabilities. Tolerance 1e-5 absolute on values of order 1.
 */
class FusedAttentionTest {
    private static final double TOL = 1e-5;

    static Stream<String> devices() {
        return TestDevices.kinds();
    }

    private static float[] random(Random r, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextGaussian() * scale);
        }
        return a;
    }

    private static void assertClose(String what, float[] want, float[] got) {
        assertEquals(want.length, got.length, what + ": length");
        for (int i = 0; i < want.length; i++) {
            if (!(Math.abs(want[i] - got[i]) <= TOL)) {
                throw new AssertionError(what + ": element " + i + " fused " + got[i] + " vs unfused " + want[i]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void opMatchesGemmSoftmaxGemm(String kind) {
        Device d = TestDevices.device(kind);
        int b = 2, h = 3, n = 197, dh = 64;
        Random r = new Random(7);
        float scale = 0.125f;
        try (Tensor q = d.upload(random(r, b * h * n * dh, 1f), b, h, n, dh);
                Tensor k = d.upload(random(r, b * h * n * dh, 1f), b, h, n, dh);
                Tensor v = d.upload(random(r, b * h * n * dh, 1f), b, h, n, dh);
                Tensor scores = d.allocate(b, h, n, n);
                Tensor want = d.allocate(b, h, n, dh);
                Tensor got = d.allocate(b, h, n, dh);
                Tensor probs = d.allocate(b, h, n, n)) {
            d.gemm(scores, q, false, k, true, null, scale);
            d.softmaxRows(scores, scores);
            d.matmul(want, scores, v);
            d.attention(got, q, k, v, scale);
            assertClose("out", d.download(want), d.download(got));
            d.attention(got, probs, q, k, v, scale);
            assertClose("out with probs", d.download(want), d.download(got));
            assertClose("probs", d.download(scores), d.download(probs));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void selfAttentionFusedMatchesUnfused(String kind) {
        Device d = TestDevices.device(kind);
        int b = 2, n = 50, dim = 96, heads = 4;
        Random r = new Random(11);
        try (SelfAttention attn = new SelfAttention(d, linear(d, r, dim), linear(d, r, dim), linear(d, r, dim),
                        linear(d, r, dim), heads, 0.2f);
                Tensor x = d.upload(random(r, b * n * dim, 1f), b, n, dim);
                Tensor zeroMask = d.allocate(n, n);
                Tensor fused = d.allocate(b, n, dim);
                Tensor unfused = d.allocate(b, n, dim)) {
            Captured.Sink keptFused = new Captured.Sink(true);
            Captured.Sink keptUnfused = new Captured.Sink(true);
            attn.forward(unfused, x, zeroMask, keptUnfused);
            float[] want = d.download(unfused);
            attn.forward(fused, x, null, null);
            assertClose("y, nothing kept", want, d.download(fused));
            attn.forward(fused, x, null, keptFused);
            assertClose("y, maps kept", want, d.download(fused));
            Captured cf = keptFused.build(), cu = keptUnfused.build();
            assertClose("probabilities", cu.attention().data(), cf.attention().data());
            assertClose("q", cu.q().data(), cf.q().data());
            assertClose("k", cu.k().data(), cf.k().data());
            assertClose("v", cu.v().data(), cf.v().data());
            // kept maps are the views' own: another pass (other input) must not write into them
            float[] before = cf.attention().data().clone();
            try (Tensor x2 = d.upload(random(r, b * n * dim, 1f), b, n, dim)) {
                Captured.Sink next = new Captured.Sink(false);
                attn.forward(fused, x2, null, next);
                assertClose("first maps after a second pass", before, cf.attention().data());
                if (java.util.Arrays.equals(before, next.build().attention().data())) {
                    throw new AssertionError("a second input gave the same maps");
                }
            }
        }
    }

    private static Linear linear(Device d, Random r, int dim) {
        return new Linear(d, random(r, dim * dim, 0.1f), random(r, dim, 0.1f), dim, dim);
    }

    /** Kept maps too large for one array are refused with the sizes, not an arithmetic overflow. */
    @Test
    void mapsTooLargeForAnArrayAreRefusedClearly() {
        Device d = new JavaDevice();
        int heads = 8, dim = 8, n = 20_000; // 8 × 20000² floats > 2³¹, while q, k, v stay small
        Random r = new Random(5);
        Linear[] parts = new Linear[4];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = new Linear(d, random(r, dim * dim, 0.1f), null, dim, dim);
        }
        try (SelfAttention attn = new SelfAttention(d, parts[0], parts[1], parts[2], parts[3], heads, 1f);
                Tensor x = d.upload(random(r, n * dim, 1f), 1, n, dim); Tensor y = d.allocate(1, n, dim)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> attn.forward(y, x, null, new Captured.Sink(false)));
            assertTrue(e.getMessage().contains("do not fit one array") && e.getMessage().contains("20000"),
                    e.getMessage());
        }
    }
}
