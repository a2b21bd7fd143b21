package org.attentionworkbench.compute.autograd;

import java.util.Arrays;

/**
 * The differentiable operations on {@link Var}s: each computes its value on the host (plain loops, float
 * arithmetic, double accumulation where sums are long) and records how its inputs' gradients follow.
 *
 * <p>Shapes are row-major. Matrices are [rows, cols]; images are NCHW [batch, channels, height, width].
 * Enough for a small convolutional refiner and small attention models trained by gradient descent; every
 * op's gradient is checked against central differences ({@code AutogradTest}) and a small network's
 * against PyTorch ({@code AutogradTorchGoldenTest}).
 */
public final class Autograd {
    private Autograd() {}

    // ---- element-wise -------------------------------------------------------------------------

    /** a + b, same shape. */
    public static Var add(Var a, Var b) {
        sameShape("add", a, b);
        float[] o = new float[a.size()];
        for (int i = 0; i < o.length; i++) {
            o[i] = a.data()[i] + b.data()[i];
        }
        Var out = new Var(o, a.shape(), a, b);
        out.onBackward(() -> {
            accumulate(a.gradIfNeeded(), out.grad(), 1);
            accumulate(b.gradIfNeeded(), out.grad(), 1);
        });
        return out;
    }

    /** a − b, same shape. */
    public static Var sub(Var a, Var b) {
        sameShape("sub", a, b);
        float[] o = new float[a.size()];
        for (int i = 0; i < o.length; i++) {
            o[i] = a.data()[i] - b.data()[i];
        }
        Var out = new Var(o, a.shape(), a, b);
        out.onBackward(() -> {
            accumulate(a.gradIfNeeded(), out.grad(), 1);
            accumulate(b.gradIfNeeded(), out.grad(), -1);
        });
        return out;
    }

    /** a ⊙ b, same shape. */
    public static Var mul(Var a, Var b) {
        sameShape("mul", a, b);
        float[] o = new float[a.size()];
        for (int i = 0; i < o.length; i++) {
            o[i] = a.data()[i] * b.data()[i];
        }
        Var out = new Var(o, a.shape(), a, b);
        out.onBackward(() -> {
            float[] g = out.grad();
            float[] ga = a.gradIfNeeded();
            float[] gb = b.gradIfNeeded();
            for (int i = 0; i < g.length; i++) {
                if (ga != null) {
                    ga[i] += g[i] * b.data()[i];
                }
                if (gb != null) {
                    gb[i] += g[i] * a.data()[i];
                }
            }
        });
        return out;
    }

    /** s · a. */
    public static Var scale(Var a, float s) {
        float[] o = new float[a.size()];
        for (int i = 0; i < o.length; i++) {
            o[i] = s * a.data()[i];
        }
        Var out = new Var(o, a.shape(), a);
        out.onBackward(() -> accumulate(a.gradIfNeeded(), out.grad(), s));
        return out;
    }

    /**
     * a + bias broadcast along axis {@code axis}: bias has a.dim(axis) values, e.g. a [m, n] with axis 1
     * (a linear layer's bias) or a [N, C, H, W] with axis 1 (a convolution's per-channel bias).
     */
    public static Var addBias(Var a, Var bias, int axis) {
        int c = a.dim(axis);
        if (bias.size() != c) {
            throw new IllegalArgumentException("addBias: " + bias.size() + " biases for axis " + axis + " of "
                    + Arrays.toString(a.shape()));
        }
        int inner = inner(a.shape(), axis);
        float[] o = a.data().clone();
        for (int i = 0; i < o.length; i++) {
            o[i] += bias.data()[(i / inner) % c];
        }
        Var out = new Var(o, a.shape(), a, bias);
        out.onBackward(() -> {
            float[] g = out.grad();
            accumulate(a.gradIfNeeded(), g, 1);
            float[] gb = bias.gradIfNeeded();
            if (gb != null) {
                for (int i = 0; i < g.length; i++) {
                    gb[(i / inner) % c] += g[i];
                }
            }
        });
        return out;
    }

    public static Var relu(Var a) {
        float[] o = new float[a.size()];
        for (int i = 0; i < o.length; i++) {
            o[i] = Math.max(0, a.data()[i]);
        }
        Var out = new Var(o, a.shape(), a);
        out.onBackward(() -> {
            float[] ga = a.gradIfNeeded();
            float[] g = out.grad();
            for (int i = 0; i < g.length; i++) {
                if (a.data()[i] > 0) {
                    ga[i] += g[i];
                }
            }
        });
        return out;
    }

    public static Var sigmoid(Var a) {
        float[] o = new float[a.size()];
        for (int i = 0; i < o.length; i++) {
            o[i] = sigmoid(a.data()[i]);
        }
        Var out = new Var(o, a.shape(), a);
        out.onBackward(() -> {
            float[] ga = a.gradIfNeeded();
            float[] g = out.grad();
            for (int i = 0; i < g.length; i++) {
                ga[i] += g[i] * o[i] * (1 - o[i]);
            }
        });
        return out;
    }

    public static Var tanh(Var a) {
        float[] o = new float[a.size()];
        for (int i = 0; i < o.length; i++) {
            o[i] = (float) Math.tanh(a.data()[i]);
        }
        Var out = new Var(o, a.shape(), a);
        out.onBackward(() -> {
            float[] ga = a.gradIfNeeded();
            float[] g = out.grad();
            for (int i = 0; i < g.length; i++) {
                ga[i] += g[i] * (1 - o[i] * o[i]);
            }
        });
        return out;
    }

    // ---- reductions and layout ----------------------------------------------------------------

    /** The sum of all elements, a scalar. */
    public static Var sum(Var a) {
        double s = 0;
        for (float v : a.data()) {
            s += v;
        }
        Var out = new Var(new float[] {(float) s}, new int[] {1}, a);
        out.onBackward(() -> {
            float[] ga = a.gradIfNeeded();
            float g = out.grad()[0];
            for (int i = 0; i < ga.length; i++) {
                ga[i] += g;
            }
        });
        return out;
    }

    /** The mean of all elements, a scalar. */
    public static Var mean(Var a) {
        return scale(sum(a), 1f / a.size());
    }

    /** The same values under another shape (same element count). */
    public static Var reshape(Var a, int... shape) {
        if (Var.count(shape) != a.size()) {
            throw new IllegalArgumentException("reshape " + Arrays.toString(a.shape()) + " to " + Arrays.toString(shape));
        }
        Var out = new Var(a.data().clone(), shape, a);
        out.onBackward(() -> accumulate(a.gradIfNeeded(), out.grad(), 1));
        return out;
    }

    /** The transpose of a matrix [m, n] → [n, m]. */
    public static Var transpose(Var a) {
        matrix("transpose", a);
        int m = a.dim(0);
        int n = a.dim(1);
        float[] o = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                o[j * m + i] = a.data()[i * n + j];
            }
        }
        Var out = new Var(o, new int[] {n, m}, a);
        out.onBackward(() -> {
            float[] ga = a.gradIfNeeded();
            float[] g = out.grad();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    ga[i * n + j] += g[j * m + i];
                }
            }
        });
        return out;
    }

    /**
     * Parts joined along {@code axis} (all other dimensions equal), e.g. axis 1 of NCHW tensors is a
     * concatenation on channels, axis 0 of matrices stacks rows.
     */
    public static Var concat(int axis, Var... parts) {
        int[] shape = parts[0].shape();
        int total = 0;
        for (Var p : parts) {
            int[] s = p.shape();
            if (s.length != shape.length) {
                throw new IllegalArgumentException("concat: ranks " + s.length + " and " + shape.length);
            }
            for (int d = 0; d < s.length; d++) {
                if (d != axis && s[d] != shape[d]) {
                    throw new IllegalArgumentException("concat on axis " + axis + ": shapes " + Arrays.toString(s)
                            + " and " + Arrays.toString(shape));
                }
            }
            total += s[axis];
        }
        int inner = inner(shape, axis);
        int outer = parts[0].size() / (shape[axis] * inner);
        shape[axis] = total;
        float[] o = new float[Var.count(shape)];
        int[] offsets = new int[parts.length];
        int at = 0;
        for (int k = 0; k < parts.length; k++) {
            offsets[k] = at;
            at += parts[k].dim(axis) * inner;
        }
        int row = total * inner;
        for (int k = 0; k < parts.length; k++) {
            int len = parts[k].dim(axis) * inner;
            for (int b = 0; b < outer; b++) {
                System.arraycopy(parts[k].data(), b * len, o, b * row + offsets[k], len);
            }
        }
        Var out = new Var(o, shape, parts);
        out.onBackward(() -> {
            float[] g = out.grad();
            for (int k = 0; k < parts.length; k++) {
                float[] gp = parts[k].gradIfNeeded();
                if (gp == null) {
                    continue;
                }
                int len = parts[k].dim(axis) * inner;
                for (int b = 0; b < outer; b++) {
                    for (int i = 0; i < len; i++) {
                        gp[b * len + i] += g[b * row + offsets[k] + i];
                    }
                }
            }
        });
        return out;
    }

    /** Indices [from, to) of {@code axis}, e.g. the last row of a matrix: slice(a, 0, m − 1, m). */
    public static Var slice(Var a, int axis, int from, int to) {
        int[] shape = a.shape();
        if (from < 0 || to > shape[axis] || from >= to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") of axis " + axis + " of "
                    + Arrays.toString(shape));
        }
        int inner = inner(shape, axis);
        int outer = a.size() / (shape[axis] * inner);
        int inRow = shape[axis] * inner;
        int len = (to - from) * inner;
        shape[axis] = to - from;
        float[] o = new float[outer * len];
        for (int b = 0; b < outer; b++) {
            System.arraycopy(a.data(), b * inRow + from * inner, o, b * len, len);
        }
        Var out = new Var(o, shape, a);
        out.onBackward(() -> {
            float[] ga = a.gradIfNeeded();
            float[] g = out.grad();
            for (int b = 0; b < outer; b++) {
                for (int i = 0; i < len; i++) {
                    ga[b * inRow + from * inner + i] += g[b * len + i];
                }
            }
        });
        return out;
    }

    // ---- linear algebra -----------------------------------------------------------------------

    /** a [m, k] · b [k, n] → [m, n]. */
    public static Var matmul(Var a, Var b) {
        matrix("matmul", a);
        matrix("matmul", b);
        int m = a.dim(0);
        int k = a.dim(1);
        int n = b.dim(1);
        if (b.dim(0) != k) {
            throw new IllegalArgumentException("matmul " + Arrays.toString(a.shape()) + " · " + Arrays.toString(b.shape()));
        }
        float[] o = new float[m * n];
        gemm(a.data(), false, b.data(), false, o, m, n, k);
        Var out = new Var(o, new int[] {m, n}, a, b);
        out.onBackward(() -> {
            float[] g = out.grad();
            float[] ga = a.gradIfNeeded();
            if (ga != null) {
                gemm(g, false, b.data(), true, ga, m, k, n); // dA += G · Bᵀ
            }
            float[] gb = b.gradIfNeeded();
            if (gb != null) {
                gemm(a.data(), true, g, false, gb, k, n, m); // dB += Aᵀ · G
            }
        });
        return out;
    }

    /**
     * Batched matrix product: a [B, m, k] · b [B, k, n] → [B, m, n], one product per batch index (PyTorch's
     * {@code bmm}); with {@code transposeB} b is [B, n, k] and each product is a_i · b_iᵀ (attention scores Q·Kᵀ).
     */
    public static Var bmm(Var a, Var b, boolean transposeB) {
        if (a.rank() != 3 || b.rank() != 3 || a.dim(0) != b.dim(0) || a.dim(2) != (transposeB ? b.dim(2) : b.dim(1))) {
            throw new IllegalArgumentException("bmm " + Arrays.toString(a.shape()) + " · " + Arrays.toString(b.shape())
                    + (transposeB ? "ᵀ" : ""));
        }
        int batch = a.dim(0);
        int m = a.dim(1);
        int k = a.dim(2);
        int n = transposeB ? b.dim(1) : b.dim(2);
        float[] o = new float[batch * m * n];
        for (int i = 0; i < batch; i++) {
            float[] ai = Arrays.copyOfRange(a.data(), i * m * k, (i + 1) * m * k);
            float[] bi = Arrays.copyOfRange(b.data(), i * k * n, (i + 1) * k * n);
            float[] oi = new float[m * n];
            gemm(ai, false, bi, transposeB, oi, m, n, k);
            System.arraycopy(oi, 0, o, i * m * n, m * n);
        }
        Var out = new Var(o, new int[] {batch, m, n}, a, b);
        out.onBackward(() -> {
            float[] ga = a.gradIfNeeded();
            float[] gb = b.gradIfNeeded();
            for (int i = 0; i < batch; i++) {
                float[] gi = Arrays.copyOfRange(out.grad(), i * m * n, (i + 1) * m * n);
                if (ga != null) {
                    float[] bi = Arrays.copyOfRange(b.data(), i * k * n, (i + 1) * k * n);
                    float[] d = new float[m * k];
                    gemm(gi, false, bi, !transposeB, d, m, k, n); // dA_i = G_i · op(B_i)ᵀ
                    accumulateAt(ga, i * m * k, d);
                }
                if (gb != null) {
                    float[] ai = Arrays.copyOfRange(a.data(), i * m * k, (i + 1) * m * k);
                    float[] d = new float[k * n];
                    if (transposeB) {
                        gemm(gi, true, ai, false, d, n, k, m); // dB_i = G_iᵀ · A_i  [n, k]
                    } else {
                        gemm(ai, true, gi, false, d, k, n, m); // dB_i = A_iᵀ · G_i  [k, n]
                    }
                    accumulateAt(gb, i * k * n, d);
                }
            }
        });
        return out;
    }

    private static void accumulateAt(float[] into, int offset, float[] d) {
        for (int j = 0; j < d.length; j++) {
            into[offset + j] += d[j];
        }
    }

    /** c [m, n] += op(a) · op(b), op(a) [m, k], op(b) [k, n]; i-p-j order so the inner loop is contiguous. */
    static void gemm(float[] a, boolean ta, float[] b, boolean tb, float[] c, int m, int n, int k) {
        float[] bt = b;
        if (tb) { // make op(b) row-major [k, n] once
            bt = new float[k * n];
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    bt[p * n + j] = b[j * k + p];
                }
            }
        }
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                float av = ta ? a[p * m + i] : a[i * k + p];
                if (av == 0) {
                    continue;
                }
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += av * bt[bp + j];
                }
            }
        }
    }

    /** Softmax over the last axis (each row of a matrix sums to 1), max-subtracted. */
    public static Var softmaxRows(Var a) {
        int n = a.dim(-1);
        int rows = a.size() / n;
        float[] o = new float[a.size()];
        for (int r = 0; r < rows; r++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, a.data()[r * n + j]);
            }
            double s = 0;
            for (int j = 0; j < n; j++) {
                float e = (float) Math.exp(a.data()[r * n + j] - max);
                o[r * n + j] = e;
                s += e;
            }
            for (int j = 0; j < n; j++) {
                o[r * n + j] /= (float) s;
            }
        }
        Var out = new Var(o, a.shape(), a);
        out.onBackward(() -> {
            float[] ga = a.gradIfNeeded();
            float[] g = out.grad();
            for (int r = 0; r < rows; r++) {
                double dot = 0;
                for (int j = 0; j < n; j++) {
                    dot += g[r * n + j] * o[r * n + j];
                }
                for (int j = 0; j < n; j++) {
                    ga[r * n + j] += o[r * n + j] * (g[r * n + j] - (float) dot);
                }
            }
        });
        return out;
    }

    // ---- convolution --------------------------------------------------------------------------

    /**
     * 2-D convolution as PyTorch's {@code conv2d} with stride 1, "same" padding (k / 2), groups 1: x [N, C, H, W],
     * w [O, C, k, k] with k odd (1 and 3 in practice), bias [O] or null → [N, O, H, W].
     */
    public static Var conv2d(Var x, Var w, Var bias) {
        if (x.rank() != 4 || w.rank() != 4 || w.dim(1) != x.dim(1) || w.dim(2) != w.dim(3) || w.dim(2) % 2 == 0) {
            throw new IllegalArgumentException("conv2d: input " + Arrays.toString(x.shape()) + ", weight "
                    + Arrays.toString(w.shape()) + " (need NCHW and [O, C, k, k] with k odd)");
        }
        int nb = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2);
        int wd = x.dim(3);
        int o = w.dim(0);
        int k = w.dim(2);
        int hw = h * wd;
        int ck = c * k * k;
        float[] out = new float[nb * o * hw];
        float[][] cols = new float[nb][];
        for (int b = 0; b < nb; b++) {
            // im2col [C·k·k, H·W] then out_b [O, H·W] = W [O, C·k·k] · cols
            cols[b] = k == 1 ? Arrays.copyOfRange(x.data(), b * c * hw, (b + 1) * c * hw) : im2col(x.data(), b, c, h, wd, k);
            float[] ob = new float[o * hw];
            gemm(w.data(), false, cols[b], false, ob, o, hw, ck);
            System.arraycopy(ob, 0, out, b * o * hw, o * hw);
        }
        Var y = new Var(out, new int[] {nb, o, h, wd}, x, w);
        Var result = bias == null ? y : addBias(y, bias, 1);
        y.onBackward(() -> {
            float[] g = y.grad();
            float[] gw = w.gradIfNeeded();
            float[] gx = x.gradIfNeeded();
            for (int b = 0; b < nb; b++) {
                float[] gb = Arrays.copyOfRange(g, b * o * hw, (b + 1) * o * hw);
                if (gw != null) {
                    gemm(gb, false, cols[b], true, gw, o, ck, hw); // dW += G_b · colsᵀ
                }
                if (gx != null) {
                    float[] gcols = new float[ck * hw];
                    gemm(w.data(), true, gb, false, gcols, ck, hw, o); // dcols = Wᵀ · G_b
                    col2imAdd(gcols, gx, b, c, h, wd, k);
                }
            }
        });
        return result;
    }

    private static float[] im2col(float[] x, int b, int c, int h, int w, int k) {
        int pad = k / 2;
        int hw = h * w;
        float[] cols = new float[c * k * k * hw];
        for (int ch = 0; ch < c; ch++) {
            int xb = (b * c + ch) * hw;
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    int row = ((ch * k + ky) * k + kx) * hw;
                    for (int y = 0; y < h; y++) {
                        int sy = y + ky - pad;
                        if (sy < 0 || sy >= h) {
                            continue;
                        }
                        for (int xx = 0; xx < w; xx++) {
                            int sx = xx + kx - pad;
                            if (sx >= 0 && sx < w) {
                                cols[row + y * w + xx] = x[xb + sy * w + sx];
                            }
                        }
                    }
                }
            }
        }
        return cols;
    }

    private static void col2imAdd(float[] cols, float[] gx, int b, int c, int h, int w, int k) {
        int pad = k / 2;
        int hw = h * w;
        for (int ch = 0; ch < c; ch++) {
            int xb = (b * c + ch) * hw;
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    int row = ((ch * k + ky) * k + kx) * hw;
                    for (int y = 0; y < h; y++) {
                        int sy = y + ky - pad;
                        if (sy < 0 || sy >= h) {
                            continue;
                        }
                        for (int xx = 0; xx < w; xx++) {
                            int sx = xx + kx - pad;
                            if (sx >= 0 && sx < w) {
                                gx[xb + sy * w + sx] += cols[row + y * w + xx];
                            }
                        }
                    }
                }
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    static float sigmoid(float z) {
        return (float) (1 / (1 + Math.exp(-z)));
    }

    static void accumulate(float[] into, float[] g, float s) {
        if (into == null) {
            return;
        }
        for (int i = 0; i < g.length; i++) {
            into[i] += s * g[i];
        }
    }

    /** Elements per step of {@code axis}: the product of the dimensions after it. */
    static int inner(int[] shape, int axis) {
        if (axis < 0 || axis >= shape.length) {
            throw new IllegalArgumentException("axis " + axis + " of shape " + Arrays.toString(shape));
        }
        int n = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            n *= shape[d];
        }
        return n;
    }

    static void sameShape(String op, Var a, Var b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a.shape()) + " and "
                    + Arrays.toString(b.shape()));
        }
    }

    private static void matrix(String op, Var a) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException(op + " needs a matrix, not " + Arrays.toString(a.shape()));
        }
    }
}
