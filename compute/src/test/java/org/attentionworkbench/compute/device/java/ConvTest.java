package org.attentionworkbench.compute.device.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * conv2d against a direct double-precision loop: ordinary, 1×1, strided, padded, grouped,
 * depthwise and patchify (kernel = stride). Tolerance 1e-6 · √(Cin/G·kh·kw) · Σ|terms| per output, as for GEMM.
 */
class ConvTest {
    private static final JavaDevice DEV = new JavaDevice();

    @AfterAll
    static void close() {
        DEV.close();
    }

    @ParameterizedTest(name = "n{0} cin{1} {2}x{3} cout{4} k{5}x{6} s{7} p{8} g{9} bias{10}")
    @CsvSource({
        // n, cin, h, w, cout, kh, kw, stride, pad, groups, bias
        "1, 3, 7, 7, 8, 3, 3, 1, 1, 1, true",
        "2, 3, 33, 29, 16, 7, 7, 2, 3, 1, true",
        "1, 16, 14, 14, 24, 1, 1, 1, 0, 1, false",
        "2, 16, 15, 13, 32, 1, 1, 2, 0, 1, true",
        "1, 8, 9, 9, 12, 3, 3, 2, 1, 4, true",
        "1, 32, 17, 19, 32, 3, 3, 1, 1, 32, true",
        "2, 32, 17, 19, 32, 3, 3, 2, 1, 32, false",
        "1, 7, 20, 23, 7, 5, 5, 1, 2, 7, true",
        "1, 7, 20, 23, 7, 5, 5, 2, 2, 7, true",
        "1, 4, 6, 6, 8, 3, 3, 1, 1, 4, true",
        "1, 6, 23, 29, 6, 3, 3, 5, 1, 6, true",
        "1, 5, 40, 41, 5, 3, 3, 3, 0, 5, true",
        "1, 1, 1, 1, 1, 1, 1, 1, 0, 1, true",
        "1, 2, 3, 3, 5, 3, 3, 1, 2, 1, true",
        "1, 3, 197, 7, 4, 3, 2, 3, 1, 1, true",
        "1, 64, 28, 28, 64, 3, 3, 1, 1, 1, true",
        // MobileNet's shapes: 3×3 depthwise rows wider than a vector at stride 1 and 2 (odd widths: the
        // last vector overlaps), 1×1 pointwise with a ragged pixel tail and several 8-channel tiles
        "2, 24, 33, 70, 24, 3, 3, 1, 1, 24, true",
        "1, 16, 40, 71, 16, 3, 3, 2, 1, 16, true",
        "1, 16, 41, 70, 16, 3, 3, 2, 1, 16, false",
        "2, 24, 7, 9, 16, 1, 1, 1, 0, 1, true",
        "1, 96, 16, 16, 24, 1, 1, 1, 0, 1, false",
        // non-overlapping patches (kernel = stride, no padding): odd sizes, leftover pixels, groups,
        // output channels off the register tile, and shapes large enough to split across threads
        "1, 3, 35, 50, 20, 16, 16, 16, 0, 1, true",
        "2, 3, 30, 21, 7, 3, 3, 3, 0, 1, false",
        "1, 5, 9, 11, 13, 2, 2, 2, 0, 1, true",
        "2, 4, 29, 15, 6, 7, 7, 7, 0, 2, true",
        "1, 3, 160, 176, 100, 16, 16, 16, 0, 1, true",
        "1, 3, 224, 224, 384, 16, 16, 16, 0, 1, true",
    })
    void matchesReference(int n, int cin, int h, int w, int cout, int kh, int kw, int stride, int pad, int groups,
            boolean bias) {
        Random r = new Random(n * 1000L + cin * 31 + h + w + cout + groups);
        float[] x = Check.random(r, n * cin * h * w);
        float[] wt = Check.random(r, cout * (cin / groups) * kh * kw);
        float[] b = bias ? Check.random(r, cout) : null;
        int oh = (h + 2 * pad - kh) / stride + 1, ow = (w + 2 * pad - kw) / stride + 1;
        double[] mag = new double[n * cout * oh * ow];
        double[] want = ReferenceOps.conv2d(x, n, cin, h, w, wt, cout, kh, kw, b, stride, pad, groups, mag);
        try (Tensor in = DEV.upload(x, n, cin, h, w); Tensor weight = DEV.upload(wt, cout, cin / groups, kh, kw);
                Tensor tb = bias ? DEV.upload(b, cout) : null; Tensor out = DEV.allocate(n, cout, oh, ow)) {
            DEV.conv2d(out, in, weight, tb, stride, pad, groups);
            double k = (double) (cin / groups) * kh * kw;
            Check.closeTo("conv2d", want, out.toArray(), mag, 1e-6 * Math.sqrt(k) + 1e-7);
        }
    }

    /** conv2d with a fused activation equals conv2d, then activate (depthwise, pointwise, im2col paths). */
    @ParameterizedTest(name = "cin{0} cout{1} k{2} s{3} g{4} {5}")
    @CsvSource({
        "32, 32, 3, 1, 32, RELU", "32, 32, 3, 2, 32, RELU6", "7, 7, 5, 1, 7, RELU6", "16, 24, 1, 1, 1, RELU",
        "16, 24, 1, 1, 1, RELU6", "8, 12, 3, 1, 4, RELU", "16, 24, 1, 1, 1, GELU", "32, 32, 3, 1, 32, GELU"})
    void fusedActivationEqualsConvThenActivate(int cin, int cout, int k, int stride, int groups, Activation act) {
        Random r = new Random(cin * 7L + cout + k + stride);
        int h = 21, w = 37, pad = k / 2;
        float[] x = Check.random(r, cin * h * w);
        float[] wt = Check.random(r, cout * (cin / groups) * k * k);
        float[] b = Check.random(r, cout);
        for (int i = 0; i < b.length; i++) {
            b[i] *= 4; // both sides of ReLU6's clip
        }
        int oh = (h + 2 * pad - k) / stride + 1, ow = (w + 2 * pad - k) / stride + 1;
        try (Tensor in = DEV.upload(x, 1, cin, h, w); Tensor weight = DEV.upload(wt, cout, cin / groups, k, k);
                Tensor tb = DEV.upload(b, cout); Tensor fused = DEV.allocate(1, cout, oh, ow);
                Tensor plain = DEV.allocate(1, cout, oh, ow)) {
            DEV.conv2d(fused, in, weight, tb, stride, pad, groups, act);
            DEV.conv2d(plain, in, weight, tb, stride, pad, groups);
            DEV.activate(plain, plain, act);
            float[] want = plain.toArray(), got = fused.toArray();
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-6f * Math.max(1, Math.abs(want[i])), "element " + i);
            }
        }
    }

    @Test
    void rejectsBadGeometry() {
        try (Tensor in = DEV.allocate(1, 4, 8, 8); Tensor w = DEV.allocate(6, 4, 3, 3); Tensor out = DEV.allocate(1, 6, 8, 8);
                Tensor wg = DEV.allocate(6, 3, 3, 3); Tensor bias = DEV.allocate(5)) {
            DEV.conv2d(out, in, w, null, 1, 1, 1);
            assertThrows(IllegalArgumentException.class, () -> DEV.conv2d(out, in, w, null, 1, 0, 1));
            assertThrows(IllegalArgumentException.class, () -> DEV.conv2d(out, in, wg, null, 1, 1, 1));
            assertThrows(IllegalArgumentException.class, () -> DEV.conv2d(out, in, w, null, 1, 1, 3));
            assertThrows(IllegalArgumentException.class, () -> DEV.conv2d(out, in, w, bias, 1, 1, 1));
            assertThrows(IllegalArgumentException.class, () -> DEV.conv2d(out, in, w, null, 0, 1, 1));
            try (Tensor same = DEV.allocate(1, 4, 8, 8); Tensor w4 = DEV.allocate(4, 4, 3, 3)) {
                assertThrows(IllegalArgumentException.class, () -> DEV.conv2d(same, same, w4, null, 1, 1, 1));
            }
        }
    }

    @ParameterizedTest(name = "transposed n{0} cin{1} {2}x{3} cout{4} k{5}x{6} s{7} p{8} op{9} bias{10}")
    @CsvSource({
        // n, cin, h, w, cout, kh, kw, stride, pad, outPad, bias
        // DPT's reassemble: kernel = stride = 4 and 2, no padding (odd sizes, 37 = 518/14 patches)
        "1, 16, 37, 37, 8, 4, 4, 4, 0, 0, true",
        "2, 9, 5, 7, 13, 2, 2, 2, 0, 0, false",
        "1, 96, 37, 37, 96, 4, 4, 4, 0, 0, true",
        "1, 48, 19, 23, 48, 2, 2, 2, 0, 0, true",
        // general: overlapping taps, padding that crops, output padding, stride 1, non-square
        "1, 5, 7, 6, 3, 3, 3, 2, 1, 1, true",
        "2, 4, 9, 11, 6, 4, 4, 2, 1, 0, true",
        "1, 3, 8, 8, 5, 3, 3, 1, 1, 0, false",
        "1, 7, 5, 9, 4, 5, 3, 3, 2, 2, true",
        "1, 2, 1, 1, 3, 3, 3, 2, 0, 1, true",
        "1, 6, 10, 4, 2, 1, 1, 3, 0, 2, true",
        "1, 3, 6, 6, 4, 2, 5, 3, 1, 0, true",
    })
    void transposedMatchesReference(int n, int cin, int h, int w, int cout, int kh, int kw, int stride, int pad,
            int outPad, boolean bias) {
        Random r = new Random(n * 1000L + cin * 31 + h + w + cout + kh + stride);
        float[] x = Check.random(r, n * cin * h * w);
        float[] wt = Check.random(r, cin * cout * kh * kw);
        float[] b = bias ? Check.random(r, cout) : null;
        int oh = (h - 1) * stride - 2 * pad + kh + outPad, ow = (w - 1) * stride - 2 * pad + kw + outPad;
        double[] mag = new double[n * cout * oh * ow];
        double[] want = ReferenceOps.convTranspose2d(x, n, cin, h, w, wt, cout, kh, kw, b, stride, pad, outPad, mag);
        try (Tensor in = DEV.upload(x, n, cin, h, w); Tensor weight = DEV.upload(wt, cin, cout, kh, kw);
                Tensor tb = bias ? DEV.upload(b, cout) : null; Tensor out = DEV.allocate(n, cout, oh, ow)) {
            DEV.convTranspose2d(out, in, weight, tb, stride, pad, outPad);
            double k = (double) cin * kh * kw;
            Check.closeTo("convTranspose2d", want, out.toArray(), mag, 1e-6 * Math.sqrt(k) + 1e-7);
        }
    }

    @Test
    void transposedRejectsBadGeometry() {
        // in [1, 4, 5, 5], weight [4, 6, 2, 2], stride 2: out [1, 6, 10, 10]
        try (Tensor in = DEV.allocate(1, 4, 5, 5); Tensor w = DEV.allocate(4, 6, 2, 2); Tensor out = DEV.allocate(1, 6, 10, 10);
                Tensor wSwapped = DEV.allocate(6, 4, 2, 2); Tensor bias = DEV.allocate(5); Tensor out11 = DEV.allocate(1, 6, 11, 11)) {
            DEV.convTranspose2d(out, in, w, null, 2, 0, 0);
            DEV.convTranspose2d(out11, in, w, null, 2, 0, 1);
            assertThrows(IllegalArgumentException.class, () -> DEV.convTranspose2d(out, in, wSwapped, null, 2, 0, 0));
            assertThrows(IllegalArgumentException.class, () -> DEV.convTranspose2d(out, in, w, null, 2, 1, 0));
            assertThrows(IllegalArgumentException.class, () -> DEV.convTranspose2d(out, in, w, bias, 2, 0, 0));
            assertThrows(IllegalArgumentException.class, () -> DEV.convTranspose2d(out, in, w, null, 0, 0, 0));
            assertThrows(IllegalArgumentException.class, () -> DEV.convTranspose2d(out, in, w, null, 2, 0, 2));
            assertThrows(IllegalArgumentException.class, () -> DEV.convTranspose2d(out, in, w, null, 2, -1, 0));
            try (Tensor same = DEV.allocate(1, 4, 4, 4); Tensor w1 = DEV.allocate(4, 4, 1, 1)) {
                assertThrows(IllegalArgumentException.class, () -> DEV.convTranspose2d(same, same, w1, null, 1, 0, 0));
            }
        }
    }
}
