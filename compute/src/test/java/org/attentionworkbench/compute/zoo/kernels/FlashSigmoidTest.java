package org.attentionworkbench.compute.zoo.kernels;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.device.opencl.OpenClRuntime;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.DeviceInfo;
import org.attentionworkbench.compute.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sigmoid-attention op (FlashSigmoid) on both backends against a plain double-precision
 * reference, out and σ values, for shapes with ragged Nk (not a multiple of the lanes, of the
 * packed panels or of the OpenCL tile) and rows past the last block. The OpenCL half skips when
 * there is no OpenCL device.
 */
class FlashSigmoidTest {
    /** out[u, i] = Σ_j σ(scale · q_i·k_j + bias) · v_j, and the σ matrix, in double. */
    static double[][] reference(float[] q, float[] k, float[] v, int units, int nq, int nk, int dh, double scale,
            double bias) {
        double[] out = new double[units * nq * dh];
        double[] probs = new double[units * nq * nk];
        for (int u = 0; u < units; u++) {
            for (int i = 0; i < nq; i++) {
                for (int j = 0; j < nk; j++) {
                    double s = 0;
                    for (int c = 0; c < dh; c++) {
                        s += (double) q[(u * nq + i) * dh + c] * k[(u * nk + j) * dh + c];
                    }
                    double p = 1 / (1 + Math.exp(-(scale * s + bias)));
                    probs[(u * nq + i) * nk + j] = p;
                    for (int c = 0; c < dh; c++) {
                        out[(u * nq + i) * dh + c] += p * v[(u * nk + j) * dh + c];
                    }
                }
            }
        }
        return new double[][] {out, probs};
    }

    static float[] random(Random r, int n, double sd) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextGaussian() * sd);
        }
        return a;
    }

    /** |got - want| ≤ tol · (1 + |want|), naming the first element that is not. */
    static void assertClose(String what, double[] want, float[] got, double tol) {
        assertTrue(got.length == want.length, what + ": length " + got.length + " vs " + want.length);
        for (int i = 0; i < want.length; i++) {
            if (!(Math.abs(got[i] - want[i]) <= tol * (1 + Math.abs(want[i])))) {
                throw new AssertionError(what + ": element " + i + " is " + got[i] + ", expected " + want[i]);
            }
        }
    }

    private static void check(Device d, String dims) {
        String[] f = dims.split(",");
        int b = 2, h = 3, nq = Integer.parseInt(f[0]), nk = Integer.parseInt(f[1]), dh = Integer.parseInt(f[2]);
        Random r = new Random(31L * nq + nk + dh);
        // logits of a few units: σ is exercised on both sides of 0 and in its flat tails
        float[] q = random(r, b * h * nq * dh, 1.5), k = random(r, b * h * nk * dh, 1.5), v = random(r, b * h * nk * dh, 1);
        float scale = (float) (1 / Math.sqrt(dh)), bias = (float) -Math.log(nk);
        double[][] want = reference(q, k, v, b * h, nq, nk, dh, scale, bias);
        double tol = 2e-5 * Math.sqrt(dh) * Math.sqrt(nk);
        try (Tensor tq = d.upload(q, b, h, nq, dh); Tensor tk = d.upload(k, b, h, nk, dh); Tensor tv = d.upload(v, b, h, nk, dh);
                Tensor out = d.allocate(b, h, nq, dh); Tensor probs = d.allocate(b, h, nq, nk)) {
            d.sigmoidAttention(out, null, tq, tk, tv, scale, bias);
            assertClose(d.info().id() + " out " + dims, want[0], d.download(out), tol);
            d.sigmoidAttention(out, probs, tq, tk, tv, scale, bias);
            assertClose(d.info().id() + " out with probs " + dims, want[0], d.download(out), tol);
            assertClose(d.info().id() + " σ " + dims, want[1], d.download(probs), 1e-5);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,1,8", "7,13,16", "50,33,40", "5,70,24", "9,197,64", "3,40,80", "17,1000,32"})
    void javaMatchesDoubleReference(String dims) {
        try (JavaDevice java = new JavaDevice()) {
            check(java, dims);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,1,8", "7,13,16", "50,33,40", "5,70,24", "9,197,64", "3,40,80", "17,1000,32"})
    void openClMatchesDoubleReference(String dims) {
        DeviceInfo info = OpenClRuntime.firstDevice();
        assumeTrue(info != null, "no OpenCL device: " + OpenClRuntime.discover().problem());
        try (Device cl = OpenClRuntime.open(info)) {
            check(cl, dims);
        }
    }

    /** A large positive bias saturates σ at 1: the op is then plain (q·kᵀ-free) summation of v. */
    @Test
    void saturatedSigmoidSumsTheValues() {
        try (JavaDevice java = new JavaDevice(); Tensor q = java.upload(new float[] {1, 0}, 1, 1, 1, 2);
                Tensor k = java.upload(new float[] {1, 2, 3, 4, 5, 6}, 1, 1, 3, 2);
                Tensor v = java.upload(new float[] {1, 10, 2, 20, 4, 40}, 1, 1, 3, 2); Tensor out = java.allocate(1, 1, 1, 2)) {
            java.sigmoidAttention(out, null, q, k, v, 1f, 200f);
            assertClose("saturated", new double[] {7, 70}, java.download(out), 1e-6);
            java.sigmoidAttention(out, null, q, k, v, 1f, -200f);
            assertClose("vanished", new double[] {0, 0}, java.download(out), 1e-6);
        }
    }

    @Test
    void rejectsMismatchedShapesAndAliases() {
        try (JavaDevice d = new JavaDevice(); Tensor q = d.allocate(1, 2, 5, 8); Tensor k = d.allocate(1, 2, 6, 8);
                Tensor v = d.allocate(1, 2, 6, 4); Tensor out = d.allocate(1, 2, 5, 8)) {
            assertThrows(IllegalArgumentException.class, () -> d.sigmoidAttention(out, null, q, k, v, 1f, 0f));
            assertThrows(IllegalArgumentException.class, () -> d.sigmoidAttention(q, null, q, k, k, 1f, 0f));
        }
    }
}
