package org.attentionworkbench.compute.device.opencl;

import static org.attentionworkbench.compute.device.opencl.ClTestDevice.assertClose;
import static org.attentionworkbench.compute.device.opencl.ClTestDevice.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every non-GEMM op on OpenCL against the double-precision reference, on random inputs with
 * awkward sizes. Tolerances are relative to the magnitude of the expected values (stated per test).
 */
class ClOpsTest {

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    /** Softmax, tolerance 1e-5 relative plus 1e-7 absolute (exp and one division in float). */
    @ParameterizedTest
    @CsvSource({"1, 1", "7, 197", "3, 1000", "2, 785", "12, 7", "1, 4097"})
    void softmaxRows(int rows, int len) {
        OpenClDevice dev = ClTestDevice.get();
        float[] x = random(new Random(rows * 1000L + len), rows * len);
        x[0] += 80; // large values: only stable if the maximum is subtracted
        try (Tensor in = dev.upload(x, rows, len); Tensor out = dev.allocate(rows, len)) {
            dev.softmaxRows(out, in);
            assertClose("softmax", ReferenceOps.softmaxRows(x, len), out.toArray(), 1e-5, 1e-7);
            dev.softmaxRows(in, in); // out may be in
            assertClose("softmax in place", ReferenceOps.softmaxRows(x, len), in.toArray(), 1e-5, 1e-7);
        }
    }

    /** Layer norm, tolerance 1e-5 · (|y| + 1). */
    @ParameterizedTest
    @CsvSource({"1, 1, true", "7, 197, true", "3, 785, false", "2, 1000, true", "5, 768, false"})
    void layerNorm(int rows, int len, boolean affine) {
        OpenClDevice dev = ClTestDevice.get();
        Random rnd = new Random(len);
        float[] x = random(rnd, rows * len);
        for (int i = 0; i < x.length; i++) {
            x[i] = 3 + 2 * x[i]; // offset mean: a one-pass variance would lose digits here
        }
        float[] gamma = affine ? random(rnd, len) : null;
        float[] beta = affine ? random(rnd, len) : null;
        try (Tensor in = dev.upload(x, rows, len); Tensor out = dev.allocate(rows, len);
                Tensor g = affine ? dev.upload(gamma, len) : null; Tensor b = affine ? dev.upload(beta, len) : null) {
            dev.layerNorm(out, in, g, b, 1e-5f);
            assertClose("layerNorm", ReferenceOps.layerNorm(x, len, gamma, beta, 1e-5), out.toArray(), 1e-5, 1);
        }
    }

    /** Activations, tolerance 2e-6 relative plus 1e-7 absolute (erfc in float for GELU). */
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 197, 785, 1000})
    void activations(int n) {
        OpenClDevice dev = ClTestDevice.get();
        float[] x = random(new Random(n), n);
        for (int i = 0; i < n; i++) {
            x[i] *= 4; // reach RELU6's upper clamp and GELU's tails
        }
        try (Tensor in = dev.upload(x, n); Tensor out = dev.allocate(n)) {
            for (Activation fn : Activation.values()) {
                dev.activate(out, in, fn);
                double[] want = new double[n];
                for (int i = 0; i < n; i++) {
                    want[i] = switch (fn) {
                        case RELU -> ReferenceOps.relu(x[i]);
                        case RELU6 -> ReferenceOps.relu6(x[i]);
                        case GELU -> ReferenceOps.gelu(x[i]);
                    };
                }
                assertClose(fn.name(), want, out.toArray(), 2e-6, 1e-7);
            }
        }
    }

    @Test
    void erfReferenceIsAccurate() {
        // the reference must be trustworthy: erf(0.5) and erf(3.5) from tables
        org.junit.jupiter.api.Assertions.assertEquals(0.5204998778130465, ReferenceOps.erf(0.5), 1e-14);
        org.junit.jupiter.api.Assertions.assertEquals(0.9999992569016276, ReferenceOps.erf(3.5), 1e-14);
        org.junit.jupiter.api.Assertions.assertEquals(-0.8427007929497149, ReferenceOps.erf(-1), 1e-14);
    }

    /** add (same shape, trailing broadcast, single element) and scale: exact up to one rounding. */
    @ParameterizedTest
    @CsvSource({"'7,197', '7,197'", "'7,197', '197'", "'2,3,785', '3,785'", "'2,3,785', '1,785'",
        "'1000', '1'", "'1', '1'", "'5,7', '1,1'"})
    void addAndScale(String aDims, String bDims) {
        OpenClDevice dev = ClTestDevice.get();
        int[] as = parse(aDims);
        int[] bs = parse(bDims);
        Random rnd = new Random(aDims.hashCode());
        float[] a = random(rnd, (int) org.attentionworkbench.compute.tensor.Shapes.size(as));
        float[] b = random(rnd, (int) org.attentionworkbench.compute.tensor.Shapes.size(bs));
        try (Tensor ta = dev.upload(a, as); Tensor tb = dev.upload(b, bs); Tensor out = dev.allocate(as)) {
            dev.add(out, ta, tb);
            double[] want = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                want[i] = (double) a[i] + b[i % b.length];
            }
            assertClose("add", want, out.toArray(), 1e-7, 1e-7);
            dev.scale(out, ta, -0.37f);
            for (int i = 0; i < a.length; i++) {
                want[i] = -0.37f * (double) a[i];
            }
            assertClose("scale", want, out.toArray(), 1e-7, 1e-7);
            dev.add(ta, ta, tb); // out may be a
            for (int i = 0; i < a.length; i++) {
                want[i] = (double) a[i] + b[i % b.length];
            }
            assertClose("add in place", want, ta.toArray(), 1e-7, 1e-7);
        }
    }

    private static int[] parse(String dims) {
        String[] p = dims.split(",");
        int[] s = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            s[i] = Integer.parseInt(p[i].trim());
        }
        return s;
    }

    @Test
    void addRejectsNonTrailingShape() {
        OpenClDevice dev = ClTestDevice.get();
        try (Tensor a = dev.allocate(3, 4); Tensor b = dev.allocate(3); Tensor out = dev.allocate(3, 4)) {
            assertThrows(IllegalArgumentException.class, () -> dev.add(out, a, b));
        }
    }

    /** permute moves values exactly. */
    @ParameterizedTest
    @CsvSource({"'197,785', '1,0'", "'2,197,12,64', '0,2,1,3'", "'3,1,5,7,2,4', '5,3,1,0,4,2'",
        "'2,3,2,3,2,3,2', '6,0,5,1,4,2,3'", "'1000', '0'", "'7,1,7', '2,1,0'", "'4,5,6', '0,1,2'",
        "'2,3,4,5,2,3,2,2', '7,6,5,4,3,2,1,0'"})
    void permute(String dims, String axesText) {
        OpenClDevice dev = ClTestDevice.get();
        int[] s = parse(dims);
        int[] axes = parse(axesText);
        int[] os = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            os[i] = s[axes[i]];
        }
        float[] x = random(new Random(dims.hashCode()), (int) org.attentionworkbench.compute.tensor.Shapes.size(s));
        try (Tensor in = dev.upload(x, s); Tensor out = dev.allocate(os)) {
            dev.permute(out, in, axes);
            assertClose("permute", ReferenceOps.permute(x, s, axes), out.toArray(), 0, 0);
        }
    }

    @Test
    void transposeSwapsLastAxes() {
        OpenClDevice dev = ClTestDevice.get();
        float[] x = random(new Random(5), 3 * 7 * 197);
        try (Tensor in = dev.upload(x, 3, 7, 197); Tensor out = dev.allocate(3, 197, 7)) {
            dev.transpose(out, in);
            assertClose("transpose", ReferenceOps.permute(x, new int[] {3, 7, 197}, new int[] {0, 2, 1}),
                    out.toArray(), 0, 0);
        }
    }

    /** conv2d, tolerance 1e-5 · (|y| + rms-scale of a product sum) with K = Cin/groups · kh · kw. */
    @ParameterizedTest(name = "n={0} cin={1} {2}x{3} cout={4} k={5}x{6} s={7} p={8} g={9} bias={10}")
    @CsvSource({
        "1, 3, 13, 11, 8, 3, 3, 1, 1, 1, true", "2, 5, 7, 7, 7, 3, 3, 2, 0, 1, false",
        "1, 3, 29, 31, 16, 7, 7, 2, 3, 1, true", "2, 16, 9, 9, 33, 1, 1, 1, 0, 1, true",
        "1, 1, 1, 1, 1, 1, 1, 1, 0, 1, false", "2, 32, 14, 14, 32, 3, 3, 2, 1, 32, true",
        "1, 24, 13, 9, 24, 3, 3, 1, 1, 24, false", "1, 7, 8, 8, 7, 5, 5, 1, 2, 7, true",
        "2, 8, 10, 10, 12, 3, 3, 1, 1, 4, true", "1, 197, 5, 5, 65, 3, 3, 1, 1, 1, true"})
    void conv2d(int n, int cin, int h, int w, int cout, int kh, int kw, int stride, int pad, int groups,
            boolean withBias) {
        OpenClDevice dev = ClTestDevice.get();
        Random rnd = new Random(cin * 100L + h);
        float[] x = random(rnd, n * cin * h * w);
        float[] wt = random(rnd, cout * (cin / groups) * kh * kw);
        float[] bias = withBias ? random(rnd, cout) : null;
        int oh = (h + 2 * pad - kh) / stride + 1;
        int ow = (w + 2 * pad - kw) / stride + 1;
        int k = cin / groups * kh * kw;
        try (Tensor in = dev.upload(x, n, cin, h, w); Tensor weight = dev.upload(wt, cout, cin / groups, kh, kw);
                Tensor b = withBias ? dev.upload(bias, cout) : null; Tensor out = dev.allocate(n, cout, oh, ow)) {
            dev.conv2d(out, in, weight, b, stride, pad, groups);
            assertClose("conv2d", ReferenceOps.conv2d(x, wt, bias, n, cin, h, w, cout, kh, kw, stride, pad, groups),
                    out.toArray(), 1e-5, Math.sqrt(k));
        }
    }

    /** mean, tolerance 1e-5 · (|y| + 1/sqrt-scale 1). */
    @ParameterizedTest
    @CsvSource({"'7,197,5', 0", "'7,197,5', 1", "'7,197,5', 2", "'2,785', -1", "'1000', 0", "'1,1', 1",
        "'3,4096,7', 1"})
    void mean(String dims, int axis) {
        OpenClDevice dev = ClTestDevice.get();
        int[] s = parse(dims);
        int ax = axis < 0 ? axis + s.length : axis;
        int outer = 1;
        int inner = 1;
        int[] os = new int[s.length - 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            if (i < ax) {
                outer *= s[i];
            } else if (i > ax) {
                inner *= s[i];
            }
            if (i != ax) {
                os[j++] = s[i];
            }
        }
        float[] x = random(new Random(dims.hashCode() + axis), outer * s[ax] * inner);
        try (Tensor in = dev.upload(x, s); Tensor out = dev.allocate(os)) {
            dev.mean(out, in, axis);
            assertClose("mean", ReferenceOps.mean(x, outer, s[ax], inner), out.toArray(), 1e-5, 1);
        }
    }

    /**
     * resizeBilinear both ways. Tolerance 1e-5 · (|y| + 10): like PyTorch the kernel computes source
     * positions in float, off by up to ~size · 2^-24 pixels, times neighbour differences of up to ~10
     * for these Gaussian inputs (a wrong neighbour or weight is off by ~0.1 to 1).
     */
    @ParameterizedTest
    @CsvSource({"7, 7, 13, 13", "197, 50, 50, 197", "1, 1, 5, 3", "5, 3, 1, 1", "14, 14, 224, 224",
        "224, 224, 7, 9", "8, 8, 8, 8"})
    void resizeBilinear(int h, int w, int oh, int ow) {
        OpenClDevice dev = ClTestDevice.get();
        float[] x = random(new Random(h * 7L + ow), 2 * 3 * h * w);
        try (Tensor in = dev.upload(x, 2, 3, h, w); Tensor out = dev.allocate(2, 3, oh, ow)) {
            for (boolean align : new boolean[] {false, true}) {
                dev.resizeBilinear(out, in, align);
                assertClose("resize align=" + align, ReferenceOps.resizeBilinear(x, 6, h, w, oh, ow, align),
                        out.toArray(), 1e-5, 10);
            }
        }
    }

    @Test
    void copyReshapeAndViews() {
        OpenClDevice dev = ClTestDevice.get();
        float[] x = random(new Random(9), 785);
        Tensor a = dev.upload(x, 785);
        Tensor view = a.reshape(5, -1);
        assertArrayEquals(new int[] {5, 157}, view.shape());
        a.close(); // the view keeps the storage alive
        assertArrayEquals(x, view.toArray());
        try (Tensor dst = dev.allocate(157, 5)) {
            dev.copy(dst, view);
            assertArrayEquals(x, dst.toArray());
            float[] big = new float[1000];
            dev.download(dst, big); // a longer array: only the first 785 are written
            assertArrayEquals(x, java.util.Arrays.copyOf(big, 785));
        }
        view.close();
        assertThrows(IllegalStateException.class, view::toArray);
        try (Tensor z = dev.allocate(7, 197)) {
            assertArrayEquals(new float[7 * 197], z.toArray());
        }
    }
}
