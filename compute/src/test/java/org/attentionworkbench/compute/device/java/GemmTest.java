package org.attentionworkbench.compute.device.java;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GEMM against a double-precision reference. Tolerance: 1e-6 · √K · Σ|a·b| per element (float
 * rounding of a K-term sum grows about like √K; Σ|a·b| makes it relative to the terms' magnitude).
 */
class GemmTest {
    private static final JavaDevice DEV = new JavaDevice();

    @AfterAll
    static void close() {
        DEV.close();
    }

    private static void check(int batch, int m, int n, int k, boolean transA, boolean transB, boolean aBatched,
            boolean bBatched, boolean bias, float alpha, long seed) {
        Random r = new Random(seed);
        float[] a = Check.random(r, (aBatched ? batch : 1) * m * k);
        float[] b = Check.random(r, (bBatched ? batch : 1) * k * n);
        float[] bs = bias ? Check.random(r, n) : null;
        int[] aShape = aBatched ? new int[] {batch, transA ? k : m, transA ? m : k} : new int[] {transA ? k : m, transA ? m : k};
        int[] bShape = bBatched ? new int[] {batch, transB ? n : k, transB ? k : n} : new int[] {transB ? n : k, transB ? k : n};
        try (Tensor ta = DEV.upload(a, aShape); Tensor tb = DEV.upload(b, bShape);
                Tensor tc = DEV.allocate(batch, m, n); Tensor tbias = bias ? DEV.upload(bs, n) : null) {
            // fill c with garbage: gemm must overwrite, not accumulate
            try (Tensor garbage = DEV.upload(Check.random(r, batch * m * n), batch, m, n)) {
                DEV.copy(tc, garbage);
            }
            DEV.gemm(tc, ta, transA, tb, transB, tbias, alpha);
            double[] mag = new double[batch * m * n];
            double[] want = ReferenceOps.gemm(batch, m, n, k, a, transA, aBatched, b, transB, bBatched, bs, alpha, mag);
            Check.closeTo("gemm " + batch + "x" + m + "x" + n + "x" + k + (transA ? " Aᵀ" : "") + (transB ? " Bᵀ" : ""),
                    want, tc.toArray(), mag, 1e-6 * Math.sqrt(Math.max(1, k)) + 1e-7);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "1, 1, 1", "1, 7, 7", "7, 1, 7", "7, 7, 1", "197, 197, 64", "64, 197, 197", "785, 33, 197",
        "33, 785, 300", "1000, 17, 7", "7, 1000, 785", "1, 1000, 197", "197, 1, 785", "130, 96, 600",
    })
    void allTransposeCombinations(int m, int n, int k) {
        for (int t = 0; t < 4; t++) {
            check(1, m, n, k, (t & 1) != 0, (t & 2) != 0, true, true, false, 1f, 31L * m + 7L * n + k + t);
        }
    }

    /**
     * linear's epilogues against the reference plus exact GELU / the old C: serial (7 rows) and
     * shared out over threads (ViT-S fc1/fc2 shapes at 197 tokens), a ragged last row panel included.
     */
    @ParameterizedTest
    @CsvSource({"7, 1536, 384, false", "197, 1536, 384, false", "197, 384, 1536, false", "3, 33, 17, false",
        "7, 1536, 384, true", "197, 1536, 384, true", "197, 384, 1536, true", "3, 33, 17, true",
        "1, 1000, 385, true", "200, 1000, 1025, true", "1576, 64, 97, true", "9, 1, 1, true", "197, 31, 2000, true",
        "603, 200, 300, true"})
    void linearEpilogues(int m, int n, int k, boolean packedWeight) {
        Random r = new Random(m * 31L + n);
        float[] a = Check.random(r, m * k), b = Check.random(r, k * n), bs = Check.random(r, n);
        float[] old = Check.random(r, m * n);
        double[] mag = new double[m * n];
        double[] prod = ReferenceOps.gemm(1, m, n, k, a, false, true, b, false, true, bs, 1f, mag);
        double tol = 1e-6 * Math.sqrt(k) + 1e-7;
        try (Tensor ta = DEV.upload(a, m, k); Tensor tb = packedWeight ? DEV.uploadWeight(b, k, n) : DEV.upload(b, k, n);
                Tensor tbias = DEV.upload(bs, n); Tensor tc = DEV.upload(old, m, n)) {
            DEV.linear(tc, ta, tb, tbias, null, true);
            double[] want = new double[m * n];
            double[] wmag = new double[m * n];
            for (int i = 0; i < want.length; i++) {
                want[i] = prod[i] + old[i];
                wmag[i] = mag[i] + Math.abs(old[i]);
            }
            Check.closeTo("linear accumulate " + m + "x" + n + "x" + k, want, tc.toArray(), wmag, tol);
            DEV.linear(tc, ta, tb, tbias, Activation.GELU, false);
            float[] got = tc.toArray();
            for (int i = 0; i < want.length; i++) {
                // GELU(x) = x·Φ(x) has |d/dx| ≤ 1.13: the product's tolerance carries over
                double x = prod[i];
                double g = ReferenceOps.gelu(x);
                double err = Math.abs(got[i] - g);
                if (!(err <= 1.2 * tol * mag[i] + 1e-6 * Math.abs(g) + 1e-7)) {
                    throw new AssertionError("linear gelu " + m + "x" + n + "x" + k + " element " + i + ": " + got[i]
                            + " vs " + g);
                }
            }
            assertThrows(IllegalArgumentException.class, () -> DEV.linear(tc, ta, tb, tbias, Activation.GELU, true));
        }
    }

    /**
     * A weight in the panel layout (Linear's B) over a batch of inputs [B, M, K], with and without
     * bias, against the reference; its download gives back the row-major values, and the general
     * GEMM reads it like any tensor.
     */
    @Test
    void packedWeightBatchDownloadAndGemm() {
        Random r = new Random(21);
        int batch = 3, m = 70, n = 97, k = 129;
        float[] a = Check.random(r, batch * m * k), b = Check.random(r, k * n);
        try (Tensor ta = DEV.upload(a, batch, m, k); Tensor tb = DEV.uploadWeight(b, k, n);
                Tensor tc = DEV.allocate(batch, m, n); Tensor tg = DEV.allocate(batch, m, n)) {
            DEV.linear(tc, ta, tb, null, null, false);
            double[] mag = new double[batch * m * n];
            double[] want = ReferenceOps.gemm(batch, m, n, k, a, false, true, b, false, false, null, 1f, mag);
            Check.closeTo("packed weight, batch 3", want, tc.toArray(), mag, 1e-6 * Math.sqrt(k) + 1e-7);
            org.junit.jupiter.api.Assertions.assertArrayEquals(b, DEV.download(tb));
            DEV.gemm(tg, ta, false, tb, false, null, 1f);
            Check.closeTo("gemm reading a packed weight", want, tg.toArray(), mag, 1e-6 * Math.sqrt(k) + 1e-7);
        }
        assertThrows(IllegalArgumentException.class, () -> DEV.uploadWeight(new float[5], 2, 3));
        // a weight is only read: an op writing it fails instead of leaving its panels stale
        try (Tensor w = DEV.uploadWeight(b, k, n); Tensor x = DEV.upload(b, k, n)) {
            assertThrows(IllegalArgumentException.class, () -> DEV.add(w, x, x));
            assertThrows(IllegalArgumentException.class, () -> DEV.copy(w, x));
            DEV.add(x, w, x); // reading it is fine
            org.junit.jupiter.api.Assertions.assertEquals(2 * b[5], DEV.download(x)[5], 0f);
        }
    }

    @Test
    void biasAndAlpha() {
        check(1, 197, 785, 257, false, false, true, true, true, 0.125f, 1);
        check(1, 7, 1000, 33, true, true, true, true, true, -2f, 2);
        check(1, 1, 1, 1, false, true, true, true, true, 3f, 3);
    }

    @Test
    void batchedAndBroadcast() {
        // attention-like: per-head Q·Kᵀ with alpha, and a shared weight broadcast over the batch
        check(12, 197, 197, 64, false, true, true, true, false, 0.125f, 4);
        check(5, 33, 70, 129, false, false, true, false, true, 1f, 5);
        check(3, 70, 33, 129, true, false, false, true, false, 1f, 6);
        check(1000, 1, 7, 7, false, false, true, true, false, 1f, 7);
    }

    @Test
    void threadSplitsMatchReference() {
        // above Sgemm's serial threshold (8M multiply-adds), each way the work is shared out:
        // columns of one product, rows of a narrow product, parts of an odd batch, broadcast operands
        check(1, 197, 785, 257, false, true, true, true, true, 1f, 11);
        check(1, 2000, 7, 785, false, true, true, true, false, 1f, 12);
        check(5, 197, 64, 197, false, false, true, true, false, 1f, 13);
        check(3, 130, 200, 129, true, false, false, true, true, 0.5f, 14);
        check(3, 200, 130, 129, false, true, true, false, false, 1f, 15);
    }

    @Test
    void largeMatchesReference() {
        check(1, 300, 1000, 785, false, false, true, true, true, 1f, 8);
    }

    @Test
    void zeroDepthGivesBias() {
        check(1, 7, 9, 0, false, false, true, true, true, 1f, 9);
        check(2, 7, 9, 0, false, false, true, true, false, 1f, 10);
    }

    @Test
    void rejectsBadShapesAndAliasing() {
        try (Tensor a = DEV.allocate(3, 4); Tensor b = DEV.allocate(5, 6); Tensor c = DEV.allocate(3, 6);
                Tensor sq = DEV.allocate(4, 4); Tensor bias = DEV.allocate(5)) {
            assertThrows(IllegalArgumentException.class, () -> DEV.matmul(c, a, b));
            assertThrows(IllegalArgumentException.class, () -> DEV.gemm(c, a, false, b, true, null, 1f));
            try (Tensor b2 = DEV.allocate(4, 6)) {
                assertThrows(IllegalArgumentException.class, () -> DEV.gemm(c, a, false, b2, false, bias, 1f));
                try (Tensor c2 = DEV.allocate(2, 3, 6); Tensor a3 = DEV.allocate(3, 3, 4)) {
                    assertThrows(IllegalArgumentException.class, () -> DEV.matmul(c2, a3, b2));
                }
            }
            assertThrows(IllegalArgumentException.class, () -> DEV.matmul(sq, sq, sq));
            try (Tensor view = sq.reshape(16).reshape(4, 4); Tensor sq2 = DEV.allocate(4, 4);
                    JavaDevice otherDevice = new JavaDevice(); Tensor other = otherDevice.allocate(4, 4)) {
                assertThrows(IllegalArgumentException.class, () -> DEV.matmul(view, sq2, sq));
                assertThrows(IllegalArgumentException.class, () -> DEV.matmul(sq2, other, sq));
                assertThrows(IllegalArgumentException.class, () -> DEV.matmul(other, other, other));
            }
        }
    }
}
