package org.attentionworkbench.compute.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.device.opencl.OpenClRuntime;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every op on the OpenCL device against the Java backend, on random inputs of awkward sizes.
 * Tolerance: |cl − java| ≤ 1e-4·(1 + |java|) for element-wise and row ops; GEMM and conv scale it
 * by sqrt(K) (K = reduction length), since both sum K products in different orders.
 * Skips when no OpenCL device exists (CI installs POCL, so there it runs).
 */
class BackendConformanceTest {
    private static Device cl;
    private static Device java;

    @BeforeAll
    static void open() {
        OpenClRuntime.Discovery d = OpenClRuntime.discover();
        assumeTrue(!d.devices().isEmpty(), "no OpenCL device (" + d.problem() + "): install pocl-opencl-icd");
        cl = OpenClRuntime.open(d.devices().get(0));
        java = new JavaDevice();
    }

    @AfterAll
    static void close() {
        if (cl != null) {
            cl.close();
        }
    }

    private static float[] random(Random r, long n, float scale) {
        float[] a = new float[(int) n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (r.nextGaussian() * scale);
        }
        return a;
    }

    /** Runs {@code op} on both devices with the same inputs; compares the output. */
    private static void compare(String what, int[] outShape, float[][] inputs, int[][] shapes, double tol,
            Function<Device, BiConsumer<Tensor, Tensor[]>> op) {
        float[] got = run(cl, outShape, inputs, shapes, op);
        float[] want = run(java, outShape, inputs, shapes, op);
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            double err = Math.abs(got[i] - want[i]);
            if (!(err <= tol * (1 + Math.abs(want[i])))) {
                throw new AssertionError(what + ": element " + i + " OpenCL " + got[i] + " vs Java " + want[i]
                        + " (tolerance " + tol + ")");
            }
        }
    }

    private static float[] run(Device d, int[] outShape, float[][] inputs, int[][] shapes,
            Function<Device, BiConsumer<Tensor, Tensor[]>> op) {
        Tensor[] ts = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            ts[i] = inputs[i] == null ? null : d.upload(inputs[i], shapes[i]);
        }
        try (Tensor out = d.allocate(outShape)) {
            op.apply(d).accept(out, ts);
            return d.download(out);
        } finally {
            for (Tensor t : ts) {
                if (t != null) {
                    t.close();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 197, 785, 1000})
    void gemmAllTransposesWithBiasAndAlpha(int n) {
        Random r = new Random(n);
        int m = n == 1000 ? 97 : n;
        int k = n == 785 ? 64 : 33;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                int[] as = ta ? new int[] {k, m} : new int[] {m, k};
                int[] bs = tb ? new int[] {n, k} : new int[] {k, n};
                float[] a = random(r, (long) m * k, 1);
                float[] b = random(r, (long) k * n, 1);
                float[] bias = random(r, n, 1);
                compare("gemm " + m + "x" + k + "x" + n + " tA=" + ta + " tB=" + tb, new int[] {m, n},
                        new float[][] {a, b, bias}, new int[][] {as, bs, {n}}, 1e-4 * Math.sqrt(k),
                        d -> (out, in) -> d.gemm(out, in[0], ta, in[1], tb, in[2], 0.7f));
            }
        }
    }

    /** linear's epilogues (GELU; residual accumulate) at ViT-S shapes, against the OpenCL composition. */
    @ParameterizedTest
    @ValueSource(ints = {7, 197})
    void linearWithActivationAndAccumulate(int m) {
        Random r = new Random(m);
        int k = 384, n = 1536;
        float[] a = random(r, (long) m * k, 1), b = random(r, (long) k * n, 0.05f), bias = random(r, n, 1);
        float[] old = random(r, (long) m * n, 1);
        double tol = 1e-4 * Math.sqrt(k);
        compare("linear gelu m=" + m, new int[] {m, n}, new float[][] {a, b, bias}, new int[][] {{m, k}, {k, n}, {n}},
                tol, d -> (out, in) -> d.linear(out, in[0], in[1], in[2], Activation.GELU, false));
        compare("linear accumulate m=" + m, new int[] {m, n}, new float[][] {a, b, bias, old},
                new int[][] {{m, k}, {k, n}, {n}, {m, n}}, tol, d -> (out, in) -> {
                    d.copy(out, in[3]);
                    d.linear(out, in[0], in[1], in[2], null, true);
                });
        for (Device d : new Device[] {cl, java}) {
            try (Tensor x = d.allocate(m, k); Tensor w = d.allocate(k, n); Tensor y = d.allocate(m, n)) {
                assertThrows(IllegalArgumentException.class, () -> d.linear(y, x, w, null, Activation.GELU, true),
                        d.info().id());
            }
        }
    }

    @Test
    void gemmBatchedWithBroadcast() {
        Random r = new Random(3);
        int batch = 6, m = 197, k = 64, n = 197;
        compare("batched q·kᵀ", new int[] {2, 3, m, n},
                new float[][] {random(r, (long) batch * m * k, 1), random(r, (long) batch * n * k, 1)},
                new int[][] {{2, 3, m, k}, {2, 3, n, k}}, 1e-4 * Math.sqrt(k),
                d -> (out, in) -> d.gemm(out, in[0], false, in[1], true, null, 0.125f));
        compare("broadcast weight", new int[] {4, 7, 33},
                new float[][] {random(r, 4L * 7 * 785, 1), random(r, 785L * 33, 1)},
                new int[][] {{4, 7, 785}, {785, 33}}, 1e-4 * Math.sqrt(785),
                d -> (out, in) -> d.matmul(out, in[0], in[1]));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 197, 785, 1000})
    void rowOps(int len) {
        Random r = new Random(len);
        int rows = 13;
        int[] s = {rows, len};
        float[] x = random(r, (long) rows * len, 4);
        compare("softmax " + len, s, new float[][] {x}, new int[][] {s}, 1e-5,
                d -> (out, in) -> d.softmaxRows(out, in[0]));
        compare("layerNorm " + len, s, new float[][] {x, random(r, len, 1), random(r, len, 1)},
                new int[][] {s, {len}, {len}}, 1e-4, d -> (out, in) -> d.layerNorm(out, in[0], in[1], in[2], 1e-6f));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 197, 785, 1000})
    void elementwise(int n) {
        Random r = new Random(n);
        int[] s = {3, n};
        float[] x = random(r, 3L * n, 5);
        for (Activation a : Activation.values()) {
            compare(a + " " + n, s, new float[][] {x}, new int[][] {s}, 1e-5,
                    d -> (out, in) -> d.activate(out, in[0], a));
        }
        compare("add broadcast " + n, s, new float[][] {x, random(r, n, 1)}, new int[][] {s, {n}}, 1e-6,
                d -> (out, in) -> d.add(out, in[0], in[1]));
        compare("add same shape " + n, s, new float[][] {x, random(r, 3L * n, 1)}, new int[][] {s, s}, 1e-6,
                d -> (out, in) -> d.add(out, in[0], in[1]));
        compare("scale " + n, s, new float[][] {x}, new int[][] {s}, 1e-6, d -> (out, in) -> d.scale(out, in[0], -1.5f));
        compare("copy " + n, new int[] {n, 3}, new float[][] {x}, new int[][] {s}, 0, d -> (out, in) -> d.copy(out, in[0]));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 197})
    void solverOpsMulDotStencil(int n) {
        Random r = new Random(n);
        int[] s = {3, n};
        float[] x = random(r, 3L * n, 2), y = random(r, 3L * n, 2);
        compare("mul " + n, s, new float[][] {x, y}, new int[][] {s, s}, 1e-6,
                d -> (out, in) -> d.mul(out, in[0], in[1]));
        // both sum 3n products in different orders
        compare("dot " + n, new int[] {1}, new float[][] {x, y}, new int[][] {s, s}, 1e-5 * Math.sqrt(3 * n),
                d -> (out, in) -> d.dot(out, in[0], in[1]));
        compare("dot of reshaped " + n, new int[] {1, 1}, new float[][] {x, y}, new int[][] {s, {n, 3}},
                1e-5 * Math.sqrt(3 * n), d -> (out, in) -> d.dot(out, in[0], in[1]));
        // one n×n plane, and 2×5×n planes sharing one weight field (the borders read zero)
        compare("stencil " + n + "x" + n, new int[] {n, n},
                new float[][] {random(r, (long) n * n, 1), random(r, 9L * n * n, 1)},
                new int[][] {{n, n}, {n, n, 9}}, 1e-5, d -> (out, in) -> d.stencil3x3(out, in[0], in[1]));
        compare("stencil 2x5x" + n, new int[] {2, 5, n},
                new float[][] {random(r, 10L * n, 1), random(r, 45L * n, 1)},
                new int[][] {{2, 5, n}, {5, n, 9}}, 1e-5, d -> (out, in) -> d.stencil3x3(out, in[0], in[1]));
    }

    @Test
    void stencilMatchesItsDefinition() {
        // 4×5 image, a distinct weight per pixel and offset: the sum written out by hand per pixel
        int h = 4, w = 5;
        float[] img = new float[h * w], wts = new float[h * w * 9], want = new float[h * w];
        for (int i = 0; i < img.length; i++) {
            img[i] = i + 1;
        }
        for (int i = 0; i < wts.length; i++) {
            wts[i] = (i % 7) - 3;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < 9; k++) {
                    int yy = y + k / 3 - 1, xx = x + k % 3 - 1;
                    if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                        want[y * w + x] += wts[(y * w + x) * 9 + k] * img[yy * w + xx];
                    }
                }
            }
        }
        for (Device d : new Device[] {cl, java}) {
            try (Tensor in = d.upload(img, h, w); Tensor wt = d.upload(wts, h, w, 9); Tensor out = d.allocate(h, w)) {
                d.stencil3x3(out, in, wt);
                float[] got = d.download(out);
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 1e-4, d.info().id() + " pixel " + i);
                }
            }
        }
    }

    @Test
    void solverOpsRejectTheSameBadCalls() {
        for (Device d : new Device[] {cl, java}) {
            try (Tensor a = d.allocate(4, 5); Tensor b = d.allocate(5, 4); Tensor one = d.allocate(1);
                    Tensor two = d.allocate(2); Tensor wts = d.allocate(4, 5, 9); Tensor bad = d.allocate(5, 4, 9)) {
                String id = d.info().id();
                assertThrows(IllegalArgumentException.class, () -> d.mul(a, a, b), id);
                assertThrows(IllegalArgumentException.class, () -> d.dot(two, a, a), id);
                assertThrows(IllegalArgumentException.class, () -> d.dot(one, a, two), id);
                assertThrows(IllegalArgumentException.class, () -> d.stencil3x3(b, a, wts), id);
                assertThrows(IllegalArgumentException.class, () -> d.stencil3x3(a, a, wts), id);
                assertThrows(IllegalArgumentException.class, () -> d.stencil3x3(b.reshape(5, 4), b, bad), id);
            }
        }
    }

    @Test
    void permuteTransposeSlicePlace() {
        Random r = new Random(5);
        int[] s = {2, 7, 3, 197};
        float[] x = random(r, 2L * 7 * 3 * 197, 1);
        compare("permute 0213", new int[] {2, 3, 7, 197}, new float[][] {x}, new int[][] {s}, 0,
                d -> (out, in) -> d.permute(out, in[0], 0, 2, 1, 3));
        compare("permute 3120", new int[] {197, 7, 3, 2}, new float[][] {x}, new int[][] {s}, 0,
                d -> (out, in) -> d.permute(out, in[0], 3, 1, 2, 0));
        compare("transpose", new int[] {2, 7, 197, 3}, new float[][] {x}, new int[][] {s}, 0,
                d -> (out, in) -> d.transpose(out, in[0]));
        compare("slice", new int[] {2, 4, 3, 197}, new float[][] {x}, new int[][] {s}, 0,
                d -> (out, in) -> d.slice(out, in[0], 1, 2));
        compare("place", new int[] {2, 9, 3, 197}, new float[][] {x}, new int[][] {s}, 0,
                d -> (out, in) -> d.place(out, in[0], 1, 1));
    }

    @Test
    void convolutions() {
        Random r = new Random(6);
        // ordinary 3×3, stride 2, padding 1 (MobileNetV2 stem)
        compare("conv3x3 s2", new int[] {1, 32, 12, 12}, new float[][] {random(r, 3L * 23 * 23, 1),
                random(r, 32L * 3 * 9, 0.3f), random(r, 32, 1)}, new int[][] {{1, 3, 23, 23}, {32, 3, 3, 3}, {32}},
                1e-4 * Math.sqrt(27), d -> (out, in) -> d.conv2d(out, in[0], in[1], in[2], 2, 1, 1));
        // depthwise 3×3 stride 1
        compare("depthwise", new int[] {2, 24, 7, 7}, new float[][] {random(r, 2L * 24 * 49, 1),
                random(r, 24L * 9, 0.3f), null}, new int[][] {{2, 24, 7, 7}, {24, 1, 3, 3}, null}, 1e-4 * 3,
                d -> (out, in) -> d.conv2d(out, in[0], in[1], null, 1, 1, 24));
        // grouped 1×1 and patch embedding (kernel = stride = 16)
        compare("grouped 1x1", new int[] {1, 8, 5, 5}, new float[][] {random(r, 12L * 25, 1),
                random(r, 8L * 6, 0.3f), random(r, 8, 1)}, new int[][] {{1, 12, 5, 5}, {8, 6, 1, 1}, {8}}, 1e-4 * 3,
                d -> (out, in) -> d.conv2d(out, in[0], in[1], in[2], 1, 0, 2));
        compare("patch embed", new int[] {1, 48, 3, 3}, new float[][] {random(r, 3L * 48 * 48, 1),
                random(r, 48L * 3 * 256, 0.05f), random(r, 48, 1)}, new int[][] {{1, 3, 48, 48}, {48, 3, 16, 16}, {48}},
                1e-4 * Math.sqrt(768), d -> (out, in) -> d.conv2d(out, in[0], in[1], in[2], 16, 0, 1));
    }

    /** Transposed convolution (in, weight [Cin, Cout, kh, kw], stride, padding, output padding): DPT's and general. */
    @ParameterizedTest
    @ValueSource(strings = {
        // n, cin, h, w, cout, kh, kw, stride, pad, outPad
        "1,24,37,37,16,4,4,4,0,0", "2,9,19,23,13,2,2,2,0,0", // DPT reassemble: kernel = stride
        "1,5,7,6,3,3,3,2,1,1", "2,4,9,11,6,4,4,2,1,0", "1,3,8,8,5,3,3,1,1,0", "1,7,5,9,4,5,3,3,2,2",
        "1,2,1,1,3,3,3,2,0,1"})
    void transposedConvolutions(String dims) {
        int[] p = Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
        int n = p[0], cin = p[1], h = p[2], w = p[3], cout = p[4], kh = p[5], kw = p[6], s = p[7], pad = p[8], op = p[9];
        int oh = (h - 1) * s - 2 * pad + kh + op, ow = (w - 1) * s - 2 * pad + kw + op;
        Random r = new Random(dims.hashCode());
        double tol = 1e-4 * Math.sqrt((double) cin * kh * kw);
        float[][] inputs = {random(r, (long) n * cin * h * w, 1), random(r, (long) cin * cout * kh * kw, 0.3f),
            random(r, cout, 1)};
        int[][] shapes = {{n, cin, h, w}, {cin, cout, kh, kw}, {cout}};
        compare("convTranspose2d " + dims, new int[] {n, cout, oh, ow}, inputs, shapes, tol,
                d -> (out, in) -> d.convTranspose2d(out, in[0], in[1], in[2], s, pad, op));
        compare("convTranspose2d no bias " + dims, new int[] {n, cout, oh, ow}, inputs, shapes, tol,
                d -> (out, in) -> d.convTranspose2d(out, in[0], in[1], null, s, pad, op));
    }

    @Test
    void meanAndResize() {
        Random r = new Random(7);
        float[] x = random(r, 2L * 197 * 7, 1);
        compare("mean axis 1", new int[] {2, 7}, new float[][] {x}, new int[][] {{2, 197, 7}}, 1e-5,
                d -> (out, in) -> d.mean(out, in[0], 1));
        compare("mean last", new int[] {2, 197}, new float[][] {x}, new int[][] {{2, 197, 7}}, 1e-5,
                d -> (out, in) -> d.mean(out, in[0], -1));
        float[] img = random(r, 3L * 14 * 14, 1);
        for (boolean corners : new boolean[] {false, true}) {
            compare("resize up " + corners, new int[] {1, 3, 224, 197}, new float[][] {img},
                    new int[][] {{1, 3, 14, 14}}, 1e-5, d -> (out, in) -> d.resizeBilinear(out, in[0], corners));
            compare("resize down " + corners, new int[] {1, 3, 5, 7}, new float[][] {img},
                    new int[][] {{1, 3, 14, 14}}, 1e-5, d -> (out, in) -> d.resizeBilinear(out, in[0], corners));
        }
    }

    @Test
    void maxPool() {
        Random r = new Random(8);
        // {N, C, H, W, kernel, stride, padding}: ResNet's stem on a patch batch, odd sizes, a wide window
        int[][] cases = {{18, 4, 64, 64, 3, 2, 1}, {2, 3, 37, 29, 3, 2, 1}, {1, 5, 13, 4, 4, 3, 2}, {1, 1, 1, 1, 3, 2, 1}};
        for (int[] c : cases) {
            int oh = (c[2] + 2 * c[6] - c[4]) / c[5] + 1, ow = (c[3] + 2 * c[6] - c[4]) / c[5] + 1;
            float[] x = random(r, (long) c[0] * c[1] * c[2] * c[3], 1);
            compare("maxPool2d " + Arrays.toString(c), new int[] {c[0], c[1], oh, ow}, new float[][] {x},
                    new int[][] {{c[0], c[1], c[2], c[3]}}, 0, d -> (out, in) -> d.maxPool2d(out, in[0], c[4], c[5], c[6]));
        }
        for (Device d : new Device[] {cl, java}) {
            try (Tensor in = d.allocate(1, 8, 8); Tensor bad = d.allocate(1, 3, 3)) {
                assertThrows(IllegalArgumentException.class, () -> d.maxPool2d(bad, in, 3, 2, 1), d.info().id());
            }
        }
    }

    @Test
    void bothBackendsRejectTheSameBadCalls() {
        for (Device d : new Device[] {cl, java}) {
            try (Tensor a = d.allocate(3, 4); Tensor b = d.allocate(5, 6); Tensor c = d.allocate(3, 6)) {
                assertThrows(IllegalArgumentException.class, () -> d.matmul(c, a, b), d.info().id());
                assertThrows(IllegalArgumentException.class, () -> d.softmaxRows(c, a), d.info().id());
            }
            // transposed convolution: weight in conv2d's [Cout, Cin] order, wrong out size, outputPadding >= stride
            try (Tensor in = d.allocate(1, 4, 5, 5); Tensor w = d.allocate(4, 6, 2, 2); Tensor wSwapped = d.allocate(6, 4, 2, 2);
                    Tensor out = d.allocate(1, 6, 10, 10)) {
                d.convTranspose2d(out, in, w, null, 2, 0, 0);
                assertThrows(IllegalArgumentException.class, () -> d.convTranspose2d(out, in, wSwapped, null, 2, 0, 0),
                        d.info().id());
                assertThrows(IllegalArgumentException.class, () -> d.convTranspose2d(out, in, w, null, 2, 0, 1),
                        d.info().id());
                assertThrows(IllegalArgumentException.class, () -> d.convTranspose2d(out, in, w, null, 1, 0, 1),
                        d.info().id());
            }
        }
    }

    /** Fused attention (Nq, Nk, Dh): short tiles, odd head widths, ViT's 197 tokens; out and probabilities. */
    @ParameterizedTest
    @ValueSource(strings = {"1,1,8", "7,13,16", "50,33,40", "5,70,24", "197,197,64", "3,40,80"})
    void attentionWithAndWithoutProbabilities(String dims) {
        int[] p = Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
        int b = 2, h = 3, nq = p[0], nk = p[1], dh = p[2];
        Random r = new Random(nq * 31 + nk);
        float[] q = random(r, (long) b * h * nq * dh, 1f);
        float[] k = random(r, (long) b * h * nk * dh, 1f);
        float[] v = random(r, (long) b * h * nk * dh, 1f);
        int[][] shapes = {{b, h, nq, dh}, {b, h, nk, dh}, {b, h, nk, dh}};
        float scale = (float) (1 / Math.sqrt(dh));
        double tol = 1e-4 * Math.sqrt(dh);
        compare("attention " + dims, new int[] {b, h, nq, dh}, new float[][] {q, k, v}, shapes, tol,
                d -> (out, in) -> d.attention(out, in[0], in[1], in[2], scale));
        compare("attention probs " + dims, new int[] {b, h, nq, nk}, new float[][] {q, k, v}, shapes, tol,
                d -> (probs, in) -> {
                    try (Tensor out = d.allocate(b, h, nq, dh)) {
                        d.attention(out, probs, in[0], in[1], in[2], scale);
                    }
                });
    }

    /** Sigmoid attention (FlashSigmoid) with the paper's bias -ln Nk: out and σ values, ragged Nk. */
    @ParameterizedTest
    @ValueSource(strings = {"1,1,8", "7,13,16", "50,33,40", "5,70,24", "197,197,64"})
    void sigmoidAttentionWithAndWithoutProbabilities(String dims) {
        int[] p = Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
        int b = 2, h = 3, nq = p[0], nk = p[1], dh = p[2];
        Random r = new Random(nq * 37 + nk);
        float[] q = random(r, (long) b * h * nq * dh, 1f);
        float[] k = random(r, (long) b * h * nk * dh, 1f);
        float[] v = random(r, (long) b * h * nk * dh, 1f);
        int[][] shapes = {{b, h, nq, dh}, {b, h, nk, dh}, {b, h, nk, dh}};
        float scale = (float) (1 / Math.sqrt(dh)), bias = (float) -Math.log(nk);
        double tol = 1e-4 * Math.sqrt(dh);
        compare("sigmoidAttention " + dims, new int[] {b, h, nq, dh}, new float[][] {q, k, v}, shapes, tol,
                d -> (out, in) -> d.sigmoidAttention(out, null, in[0], in[1], in[2], scale, bias));
        compare("sigmoidAttention probs " + dims, new int[] {b, h, nq, nk}, new float[][] {q, k, v}, shapes, tol,
                d -> (probs, in) -> {
                    try (Tensor out = d.allocate(b, h, nq, dh)) {
                        d.sigmoidAttention(out, probs, in[0], in[1], in[2], scale, bias);
                    }
                });
    }

    @Test
    void attentionRejectsMismatchedShapesOnBothBackends() {
        for (Device d : new Device[] {cl, java}) {
            try (Tensor q = d.allocate(1, 2, 5, 8); Tensor k = d.allocate(1, 2, 6, 8); Tensor v = d.allocate(1, 2, 6, 4);
                    Tensor out = d.allocate(1, 2, 5, 8); Tensor probs = d.allocate(1, 2, 5, 5)) {
                assertThrows(IllegalArgumentException.class, () -> d.attention(out, q, k, v, 1f));
                assertThrows(IllegalArgumentException.class, () -> d.attention(out, probs, q, k, k, 1f));
                assertThrows(IllegalArgumentException.class, () -> d.attention(q, q, k, k, 1f));
            }
        }
    }
}
