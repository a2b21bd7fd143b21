package org.attentionworkbench.compute.device.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every non-GEMM op against {@link ReferenceOps}, over the awkward lengths 1, 7, 197, 785, 1000.
 * Tolerances are relative to the magnitude of the expected value (with a floor for values near 0):
 * element-wise ops 1e-6, exp-based ops 2e-6, reductions 1e-5.
 */
class OpsTest {
    private static final JavaDevice DEV = new JavaDevice();
    private static final int[] SIZES = {1, 7, 197, 785, 1000};

    @AfterAll
    static void close() {
        DEV.close();
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 197, 785, 1000})
    void softmaxRows(int len) {
        Random r = new Random(len);
        int rows = 1000 / len + 3;
        float[] x = Check.random(r, rows * len);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 20; // wide range: the max subtraction must keep exp finite
        }
        x[0] = 1000f;
        double[] want = ReferenceOps.softmaxRows(x, rows, len);
        try (Tensor in = DEV.upload(x, rows, len); Tensor out = DEV.allocate(rows, len)) {
            DEV.softmaxRows(out, in);
            Check.close("softmax " + len, want, out.toArray(), 2e-6, 1e-6);
            DEV.softmaxRows(in, in); // in place
            Check.close("softmax in place " + len, want, in.toArray(), 2e-6, 1e-6);
        }
    }

    @Test
    void softmaxWithMaskedEntries() {
        // attention masks use -inf: those entries get exactly 0, the rest renormalise
        float ninf = Float.NEGATIVE_INFINITY;
        float[] x = {1, ninf, 2, ninf, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ninf};
        float[] rest = {1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        double[] sub = ReferenceOps.softmaxRows(rest, 1, rest.length);
        try (Tensor in = DEV.upload(x, 1, x.length)) {
            DEV.softmaxRows(in, in);
            float[] got = in.toArray();
            assertEquals(0f, got[1]);
            assertEquals(0f, got[3]);
            assertEquals(0f, got[17]);
            assertEquals(sub[0], got[0], 1e-6 * sub[0]);
            assertEquals(sub[1], got[2], 1e-6 * sub[1]);
            assertEquals(sub[2], got[4], 1e-6 * sub[2]);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 197, 785, 1000})
    void layerNorm(int len) {
        Random r = new Random(len);
        int rows = 7;
        float[] x = Check.random(r, rows * len);
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i] * 3 + 50; // offset mean: the variance must not cancel
        }
        float[] g = Check.random(r, len), b = Check.random(r, len);
        try (Tensor in = DEV.upload(x, 1, rows, len); Tensor out = DEV.allocate(1, rows, len);
                Tensor tg = DEV.upload(g, len); Tensor tb = DEV.upload(b, 1, len)) {
            DEV.layerNorm(out, in, tg, tb, 1e-5f);
            // scale 1 + |γ|: the normalised value is accurate to ~1e-5 relative to unit variance
            Check.close("layerNorm " + len, ReferenceOps.layerNorm(x, rows, len, g, b, 1e-5), out.toArray(), 1e-5, 4);
            DEV.layerNorm(out, in, null, null, 1e-5f);
            Check.close("layerNorm plain " + len, ReferenceOps.layerNorm(x, rows, len, null, null, 1e-5),
                    out.toArray(), 1e-5, 1);
            DEV.layerNorm(in, in, tg, null, 1e-5f);
            Check.close("layerNorm in place " + len, ReferenceOps.layerNorm(x, rows, len, g, null, 1e-5),
                    in.toArray(), 1e-5, 4);
        }
    }

    @Test
    void activations() {
        Random r = new Random(5);
        for (int n : SIZES) {
            float[] x = Check.random(r, n * 37 + 3);
            for (int i = 0; i < x.length; i++) {
                x[i] *= 6;
            }
            double[] relu = new double[x.length], relu6 = new double[x.length], gelu = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                relu[i] = Math.max(0, x[i]);
                relu6[i] = Math.min(6, Math.max(0, x[i]));
                gelu[i] = ReferenceOps.gelu(x[i]);
            }
            try (Tensor in = DEV.upload(x, x.length); Tensor out = DEV.allocate(x.length)) {
                DEV.activate(out, in, Activation.RELU);
                Check.close("relu", relu, out.toArray(), 0, 0);
                DEV.activate(out, in, Activation.RELU6);
                Check.close("relu6", relu6, out.toArray(), 0, 0);
                DEV.activate(out, in, Activation.GELU);
                Check.close("gelu", gelu, out.toArray(), 1e-6, 1e-6);
                DEV.activate(in, in, Activation.GELU);
                Check.close("gelu in place", gelu, in.toArray(), 1e-6, 1e-6);
            }
        }
    }

    @Test
    void geluIsAccurateOverItsRange() {
        // dense sweep; relative accuracy kept down to the far negative tail
        int n = 200_001;
        float[] x = new float[n];
        double[] want = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -12f + 24f * i / (n - 1);
            want[i] = ReferenceOps.gelu(x[i]);
        }
        try (Tensor in = DEV.upload(x, n); Tensor out = DEV.allocate(n)) {
            DEV.activate(out, in, Activation.GELU);
            Check.close("gelu sweep", want, out.toArray(), 1e-6, 1e-30);
        }
        for (int i = 0; i < n; i += 997) {
            double tol = 1e-6 * Math.abs(want[i]) + 1e-37;
            assertEquals(want[i], ElementOps.gelu(x[i]), tol, "scalar gelu at " + x[i]);
        }
        // extremes: the large-|x| limits, and no overflow inside the formula
        float[] ext = new float[32];
        for (int i = 0; i < ext.length; i++) {
            ext[i] = (i % 2 == 0 ? 1 : -1) * (float) Math.pow(10, i / 2 + 2); // from 100: gelu(-100) underflows to -0
        }
        try (Tensor in = DEV.upload(ext, ext.length); Tensor out = DEV.allocate(ext.length)) {
            DEV.activate(out, in, Activation.GELU);
            float[] got = out.toArray();
            for (int i = 0; i < ext.length; i++) {
                assertEquals(ext[i] > 0 ? ext[i] : 0f, got[i], 0f, "gelu(" + ext[i] + ")");
            }
        }
        assertEquals(Float.POSITIVE_INFINITY, ElementOps.gelu(Float.POSITIVE_INFINITY));
    }

    @Test
    void addWithBroadcast() {
        Random r = new Random(6);
        for (int len : SIZES) {
            int rows = 5;
            float[] a = Check.random(r, 2 * rows * len), row = Check.random(r, len), full = Check.random(r, a.length);
            double[] wantRow = new double[a.length], wantFull = new double[a.length], wantScalar = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                wantRow[i] = (double) a[i] + row[i % len];
                wantFull[i] = (double) a[i] + full[i];
                wantScalar[i] = (double) a[i] + row[0];
            }
            try (Tensor ta = DEV.upload(a, 2, rows, len); Tensor out = DEV.allocate(2, rows, len);
                    Tensor tRow = DEV.upload(row, 1, 1, len); Tensor tFull = DEV.upload(full, 2, rows, len);
                    Tensor tScalar = DEV.upload(new float[] {row[0]}, 1)) {
                DEV.add(out, ta, tRow);
                Check.close("add row " + len, wantRow, out.toArray(), 1e-7, 1);
                DEV.add(out, ta, tFull);
                Check.close("add full " + len, wantFull, out.toArray(), 1e-7, 1);
                DEV.add(out, ta, tScalar);
                Check.close("add scalar " + len, wantScalar, out.toArray(), 1e-7, 1);
                try (Tensor plane = DEV.upload(Check.random(r, rows * len), rows, len)) {
                    float[] p = plane.toArray();
                    double[] want = new double[a.length];
                    for (int i = 0; i < a.length; i++) {
                        want[i] = (double) a[i] + p[i % (rows * len)];
                    }
                    DEV.add(ta, ta, plane); // in place
                    Check.close("add plane in place " + len, want, ta.toArray(), 1e-7, 1);
                }
            }
        }
    }

    @Test
    void scaleAndCopy() {
        Random r = new Random(7);
        for (int n : SIZES) {
            float[] x = Check.random(r, n * 33);
            double[] want = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                want[i] = -0.3f * x[i];
            }
            try (Tensor in = DEV.upload(x, 33, n); Tensor out = DEV.allocate(n, 33)) {
                DEV.scale(in, in, -0.3f);
                Check.close("scale " + n, want, in.toArray(), 1e-7, 1e-30);
                DEV.copy(out, in);
                assertArrayEquals(in.toArray(), out.toArray());
            }
        }
    }

    @Test
    void permuteAnyRank() {
        Random r = new Random(8);
        int[][] shapes = {{7}, {197, 7}, {1, 785}, {3, 1, 7, 5}, {2, 3, 4, 5, 6}, {4, 197, 12, 7}, {1000, 3},
            // a ViT's patch rows, (B, C, gh, P, gw, P) → (B, gh, gw, C, P, P); the large one is split
            // between threads, so rows start mid-way through the outer axes
            {2, 3, 5, 4, 7, 4}, {1, 3, 14, 16, 14, 16}};
        int[][][] perms = {{{0}}, {{1, 0}}, {{1, 0}}, {{3, 1, 0, 2}, {0, 2, 1, 3}, {0, 1, 2, 3}},
            {{4, 3, 2, 1, 0}, {0, 1, 4, 2, 3}, {1, 0, 2, 3, 4}}, {{0, 2, 1, 3}, {0, 2, 3, 1}}, {{1, 0}},
            {{0, 2, 4, 1, 3, 5}, {5, 4, 3, 2, 1, 0}}, {{0, 2, 4, 1, 3, 5}}};
        for (int s = 0; s < shapes.length; s++) {
            int[] shape = shapes[s];
            int size = 1;
            for (int d : shape) {
                size *= d;
            }
            float[] x = Check.random(r, size);
            for (int[] axes : perms[s]) {
                int[] outShape = new int[shape.length];
                for (int i = 0; i < shape.length; i++) {
                    outShape[i] = shape[axes[i]];
                }
                try (Tensor in = DEV.upload(x, shape); Tensor out = DEV.allocate(outShape)) {
                    DEV.permute(out, in, axes);
                    Check.close("permute", ReferenceOps.permute(x, shape, axes), out.toArray(), 0, 0);
                }
            }
        }
        try (Tensor in = DEV.upload(Check.random(r, 197 * 64), 197, 64); Tensor out = DEV.allocate(64, 197)) {
            DEV.transpose(out, in);
            Check.close("transpose", ReferenceOps.permute(in.toArray(), new int[] {197, 64}, new int[] {1, 0}),
                    out.toArray(), 0, 0);
        }
    }

    @Test
    void meanOverEachAxis() {
        Random r = new Random(9);
        int[] shape = {7, 197, 5};
        float[] x = Check.random(r, 7 * 197 * 5);
        for (int axis = 0; axis < 3; axis++) {
            int outer = 1, inner = 1;
            for (int i = 0; i < axis; i++) {
                outer *= shape[i];
            }
            for (int i = axis + 1; i < 3; i++) {
                inner *= shape[i];
            }
            int[] outShape = new int[2];
            for (int i = 0, j = 0; i < 3; i++) {
                if (i != axis) {
                    outShape[j++] = shape[i];
                }
            }
            try (Tensor in = DEV.upload(x, shape); Tensor out = DEV.allocate(outShape)) {
                DEV.mean(out, in, axis - 3); // negative axes count from the end
                Check.close("mean axis " + axis, ReferenceOps.mean(x, outer, shape[axis], inner), out.toArray(), 1e-5, 0.1);
            }
        }
        // large: token mean [1, 785, 1000] → [1, 1000], and row means
        float[] big = Check.random(r, 785 * 1000);
        try (Tensor in = DEV.upload(big, 1, 785, 1000); Tensor out = DEV.allocate(1, 1000); Tensor rows = DEV.allocate(1, 785)) {
            DEV.mean(out, in, 1);
            Check.close("mean tokens", ReferenceOps.mean(big, 1, 785, 1000), out.toArray(), 1e-5, 0.1);
            DEV.mean(rows, in, 2);
            Check.close("mean rows", ReferenceOps.mean(big, 785, 1000, 1), rows.toArray(), 1e-5, 0.1);
        }
    }

    @Test
    void resizeBilinearBothConventions() {
        Random r = new Random(10);
        int[][] cases = {{7, 5, 14, 10}, {7, 5, 3, 2}, {1, 1, 4, 3}, {4, 4, 1, 1}, {197, 13, 224, 7}, {10, 10, 17, 33}};
        for (int[] c : cases) {
            int planes = 3;
            float[] x = Check.random(r, planes * c[0] * c[1]);
            for (boolean align : new boolean[] {false, true}) {
                try (Tensor in = DEV.upload(x, 1, planes, c[0], c[1]); Tensor out = DEV.allocate(1, planes, c[2], c[3])) {
                    DEV.resizeBilinear(out, in, align);
                    Check.close("resize " + java.util.Arrays.toString(c) + " align=" + align,
                            ReferenceOps.resizeBilinear(x, planes, c[0], c[1], c[2], c[3], align), out.toArray(), 1e-5, 1);
                }
            }
        }
    }

    @Test
    void maxPool2dMatchesAWindowScan() {
        Random r = new Random(12);
        // {H, W, kernel, stride, padding}: ResNet's stem (3, 2, 1) on even and odd sizes, and others
        int[][] cases = {{8, 8, 3, 2, 1}, {7, 9, 3, 2, 1}, {1, 1, 3, 2, 1}, {5, 6, 2, 2, 0}, {6, 5, 3, 1, 1}, {13, 4, 4, 3, 2}};
        for (int[] c : cases) {
            int planes = 5, h = c[0], w = c[1], k = c[2], s = c[3], pad = c[4];
            int oh = (h + 2 * pad - k) / s + 1, ow = (w + 2 * pad - k) / s + 1;
            float[] x = Check.random(r, planes * h * w);
            double[] want = new double[planes * oh * ow];
            for (int p = 0; p < planes; p++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double m = Double.NEGATIVE_INFINITY;
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                int y = oy * s - pad + ky, xx = ox * s - pad + kx;
                                if (y >= 0 && y < h && xx >= 0 && xx < w) {
                                    m = Math.max(m, x[(p * h + y) * w + xx]);
                                }
                            }
                        }
                        want[(p * oh + oy) * ow + ox] = m;
                    }
                }
            }
            try (Tensor in = DEV.upload(x, planes, 1, h, w); Tensor out = DEV.allocate(planes, 1, oh, ow)) {
                DEV.maxPool2d(out, in, k, s, pad);
                Check.close("maxPool2d " + java.util.Arrays.toString(c), want, out.toArray(), 0, 0);
            }
        }
        try (Tensor in = DEV.upload(new float[] {1, Float.NaN, 3, 4}, 1, 2, 2); Tensor out = DEV.allocate(1, 1, 1)) {
            DEV.maxPool2d(out, in, 2, 2, 0);
            assertEquals(Float.NaN, out.toArray()[0], "a NaN in the window propagates, as in PyTorch");
        }
        try (Tensor in = DEV.allocate(1, 8, 8); Tensor out = DEV.allocate(1, 4, 4); Tensor bad = DEV.allocate(1, 3, 3)) {
            assertThrows(IllegalArgumentException.class, () -> DEV.maxPool2d(bad, in, 3, 2, 1));
            assertThrows(IllegalArgumentException.class, () -> DEV.maxPool2d(out, in, 3, 2, 2)); // padding > k/2
            assertThrows(IllegalArgumentException.class, () -> DEV.maxPool2d(out, in, 3, 0, 1));
        }
    }

    @Test
    void tensorsAreViewsAndCopies() {
        float[] x = {1, 2, 3, 4, 5, 6};
        try (Tensor t = DEV.upload(x, 2, 3)) {
            x[0] = 99; // upload copied
            Tensor v = t.reshape(3, -1);
            assertArrayEquals(new int[] {3, 2}, v.shape());
            DEV.scale(v, v, 2f);
            assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, t.toArray()); // the view shares storage
            float[] d = t.toArray();
            d[0] = -1; // download copied
            assertEquals(2f, t.toArray()[0]);
            v.close();
            assertEquals(2f, t.toArray()[0]); // closing a view leaves the others open
        }
        Tensor closed = DEV.allocate(2);
        closed.close();
        assertThrows(IllegalStateException.class, closed::toArray);
        assertThrows(IllegalStateException.class, () -> closed.reshape(1, 2));
        assertThrows(IllegalArgumentException.class, () -> DEV.allocate(2, 3).reshape(4, -1));
        assertThrows(IllegalArgumentException.class, () -> DEV.upload(new float[3], 2, 2));
    }

    @Test
    void rejectsBadArguments() {
        try (Tensor a = DEV.allocate(4, 5); Tensor b = DEV.allocate(5, 4); Tensor c = DEV.allocate(3);
                Tensor col = DEV.allocate(4, 1)) {
            assertThrows(IllegalArgumentException.class, () -> DEV.softmaxRows(a, b));
            assertThrows(IllegalArgumentException.class, () -> DEV.layerNorm(a, a, c, null, 1e-5f));
            assertThrows(IllegalArgumentException.class, () -> DEV.activate(a, b, Activation.GELU));
            assertThrows(IllegalArgumentException.class, () -> DEV.add(a, a, col));
            assertThrows(IllegalArgumentException.class, () -> DEV.add(a, a, b));
            assertThrows(IllegalArgumentException.class, () -> DEV.scale(a, c, 1f));
            assertThrows(IllegalArgumentException.class, () -> DEV.permute(b, a, 0, 0));
            assertThrows(IllegalArgumentException.class, () -> DEV.permute(a, a, 1, 0));
            assertThrows(IllegalArgumentException.class, () -> DEV.permute(a, a, 0, 1)); // aliasing
            assertThrows(IllegalArgumentException.class, () -> DEV.mean(c, a, 1));
            assertThrows(IllegalArgumentException.class, () -> DEV.mean(a, a, 2));
            assertThrows(IllegalArgumentException.class, () -> DEV.copy(a, c));
            assertThrows(IllegalArgumentException.class, () -> DEV.resizeBilinear(c, a, false));
            try (Tensor img = DEV.allocate(1, 2, 4, 4); Tensor other = DEV.allocate(1, 3, 8, 8)) {
                assertThrows(IllegalArgumentException.class, () -> DEV.resizeBilinear(other, img, true));
            }
        }
    }
}
