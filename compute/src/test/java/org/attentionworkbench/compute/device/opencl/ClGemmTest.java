package org.attentionworkbench.compute.device.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.attentionworkbench.compute.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GEMM on OpenCL against the double-precision reference. Tolerance per element:
 * 1e-6 · sqrt(K) · Σ|a·b| + 1e-6 · |c| (float rounding grows like sqrt(K) · 2^-24 · Σ|a·b|;
 * a wrong element is off by about sqrt(K) · |a||b|, far above it).
 */
class ClGemmTest {

    static void check(OpenClDevice dev, int batch, int batchA, int batchB, int m, int n, int k, boolean transA,
            boolean transB, boolean withBias, float alpha, long seed) {
        Random rnd = new Random(seed);
        float[] a = ClTestDevice.random(rnd, batchA * m * k);
        float[] b = ClTestDevice.random(rnd, batchB * k * n);
        float[] bias = withBias ? ClTestDevice.random(rnd, n) : null;
        int[] aShape = transA ? new int[] {k, m} : new int[] {m, k};
        int[] bShape = transB ? new int[] {n, k} : new int[] {k, n};
        try (Tensor ta = dev.upload(a, batchA == 1 ? aShape : new int[] {batchA, aShape[0], aShape[1]});
                Tensor tb = dev.upload(b, batchB == 1 ? bShape : new int[] {batchB, bShape[0], bShape[1]});
                Tensor tbias = withBias ? dev.upload(bias, n) : null;
                Tensor tc = dev.allocate(batch, m, n)) {
            dev.gemm(tc, ta, transA, tb, transB, tbias, alpha);
            float[] got = tc.toArray();
            ReferenceOps.Gemm want = ReferenceOps.gemm(a, batchA, transA, b, batchB, transB, bias, alpha, batch, m,
                    n, k);
            for (int i = 0; i < want.c().length; i++) {
                double tol = 1e-6 * Math.sqrt(k) * want.magnitude()[i] + 1e-6 * Math.abs(want.c()[i]) + 1e-30;
                if (!(Math.abs(got[i] - want.c()[i]) <= tol)) {
                    throw new AssertionError(String.format("gemm b=%d m=%d n=%d k=%d tA=%b tB=%b: element %d is %s,"
                            + " expected %s (tolerance %g) on %s", batch, m, n, k, transA, transB, i, got[i],
                            want.c()[i], tol, dev.gemmConfig()));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2} tA={3} tB={4}")
    @CsvSource({
        "1, 1, 1, false, false", "7, 7, 7, false, false", "7, 7, 7, true, true",
        "197, 64, 197, false, true", "197, 197, 64, false, false", "64, 197, 197, true, false",
        "785, 33, 1000, false, false", "33, 1000, 785, true, true", "1, 1000, 785, false, true",
        "1000, 1, 7, true, false", "256, 256, 256, false, false", "100, 300, 0, false, false"})
    void matchesReference(int m, int n, int k, boolean transA, boolean transB) {
        check(ClTestDevice.get(), 1, 1, 1, m, n, k, transA, transB, true, 1f, m * 31L + n * 7L + k);
    }

    @ParameterizedTest(name = "{0}x{1}x{2} tA={3} tB={4}")
    @CsvSource({"1, 1, 1, false, false", "7, 7, 7, true, false", "197, 64, 197, false, true",
        "65, 130, 17, true, true", "33, 1000, 785, false, false"})
    void tiledGpuKernelMatchesReference(int m, int n, int k, boolean transA, boolean transB) {
        check(ClTestDevice.tiled(), 1, 1, 1, m, n, k, transA, transB, true, 0.5f, m * 13L + n + k);
    }

    @Test
    void batchedWithAlphaAndBroadcast() {
        OpenClDevice dev = ClTestDevice.get();
        check(dev, 3, 3, 3, 197, 64, 197, false, true, false, 0.125f, 1);
        check(dev, 4, 1, 4, 7, 197, 33, false, false, true, 2f, 2);
        check(dev, 4, 4, 1, 197, 7, 64, true, false, false, -1f, 3);
        check(ClTestDevice.tiled(), 3, 1, 3, 70, 45, 33, false, true, true, 1f, 4);
        check(ClTestDevice.tiled(), 3, 3, 1, 45, 70, 20, true, false, false, 1f, 5);
    }

    @Test
    void rejectsMismatchedShapes() {
        OpenClDevice dev = ClTestDevice.get();
        try (Tensor a = dev.allocate(3, 4); Tensor b = dev.allocate(5, 6); Tensor c = dev.allocate(3, 6)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dev.matmul(c, a, b));
            assertEquals(true, e.getMessage().startsWith("gemm:"));
        }
    }
}
