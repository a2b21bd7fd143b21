package org.attentionworkbench.compute.tensor;

import java.util.Arrays;

/**
 * Shape arithmetic and the argument checks every backend runs before an op, so that both backends
 * accept and reject exactly the same calls with the same messages.
 */
public final class Shapes {
    private Shapes() {}

    public static long size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Normalises a possibly negative axis. */
    public static int axis(int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("axis " + axis + " out of range for rank " + rank);
        }
        return a;
    }

    /** Resolves a reshape target (one -1 allowed) for a tensor of {@code size} elements. */
    public static int[] reshape(long size, int[] target) {
        int[] out = target.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("more than one -1 in reshape " + Arrays.toString(target));
                }
                infer = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException("bad dimension in reshape " + Arrays.toString(target));
            } else {
                known *= out[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + size + " elements to " + Arrays.toString(target));
            }
            out[infer] = (int) (size / known);
        }
        if (size(out) != size) {
            throw new IllegalArgumentException("cannot reshape " + size + " elements to " + Arrays.toString(target));
        }
        return out;
    }

    /** Row-major strides of a shape. */
    public static long[] strides(int[] shape) {
        long[] s = new long[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    static String str(Tensor t) {
        return t == null ? "null" : Arrays.toString(t.shape());
    }

    private static void require(boolean ok, String op, String message) {
        if (!ok) {
            throw new IllegalArgumentException(op + ": " + message);
        }
    }

    private static long leading(Tensor t) {
        long n = 1;
        for (int i = 0; i < t.rank() - 2; i++) {
            n *= t.dim(i);
        }
        return n;
    }

    /**
     * Dimensions of a (batched) GEMM. {@code strideA}/{@code strideB} are 0 when that operand is
     * broadcast over the batch.
     */
    public record GemmDims(int batch, int m, int n, int k, long strideA, long strideB, long strideC) {}

    /** linear: gemm's checks without transposes; an activation and accumulate do not combine. */
    public static GemmDims linear(Tensor c, Tensor a, Tensor b, Tensor bias, Activation act, boolean accumulate) {
        require(!(accumulate && act != null), "linear", "accumulate takes no activation (got " + act + ")");
        return gemm(c, a, false, b, false, bias);
    }

    public static GemmDims gemm(Tensor c, Tensor a, boolean transA, Tensor b, boolean transB, Tensor bias) {
        String op = "gemm";
        require(a.rank() >= 2 && b.rank() >= 2 && c.rank() >= 2, op,
                "operands need rank >= 2, got a" + str(a) + " b" + str(b) + " c" + str(c));
        int m = transA ? a.dim(-1) : a.dim(-2);
        int k = transA ? a.dim(-2) : a.dim(-1);
        int kb = transB ? b.dim(-1) : b.dim(-2);
        int n = transB ? b.dim(-2) : b.dim(-1);
        require(k == kb, op, "inner dimensions differ: a" + str(a) + (transA ? "ᵀ" : "") + " b" + str(b)
                + (transB ? "ᵀ" : ""));
        require(c.dim(-2) == m && c.dim(-1) == n, op, "c" + str(c) + " must end in [" + m + ", " + n + "]");
        long batch = leading(c);
        long ba = leading(a);
        long bb = leading(b);
        require(ba == batch || ba == 1, op, "batch of a" + str(a) + " does not match c" + str(c));
        require(bb == batch || bb == 1, op, "batch of b" + str(b) + " does not match c" + str(c));
        require(batch <= Integer.MAX_VALUE, op, "batch too large");
        if (bias != null) {
            require(bias.size() == n, op, "bias" + str(bias) + " must have " + n + " elements");
        }
        sameDevice(op, c, a, b, bias);
        return new GemmDims((int) batch, m, n, k, ba == 1 ? 0 : (long) m * k, bb == 1 ? 0 : (long) k * n,
                (long) m * n);
    }

    /** Rows and row length for ops over the last axis. */
    public record Rows(int rows, int length) {}

    public static Rows rows(String op, Tensor out, Tensor in) {
        require(in.rank() >= 1, op, "input must have rank >= 1");
        require(Arrays.equals(out.shape(), in.shape()), op, "out" + str(out) + " must match in" + str(in));
        sameDevice(op, out, in);
        int len = in.dim(-1);
        return new Rows(len == 0 ? 0 : (int) (in.size() / len), len);
    }

    public static Rows layerNorm(Tensor out, Tensor in, Tensor gamma, Tensor beta) {
        Rows r = rows("layerNorm", out, in);
        require(gamma == null || gamma.size() == r.length(), "layerNorm", "gamma" + str(gamma) + " must have "
                + r.length() + " elements");
        require(beta == null || beta.size() == r.length(), "layerNorm", "beta" + str(beta) + " must have "
                + r.length() + " elements");
        sameDevice("layerNorm", out, in, gamma, beta);
        return r;
    }

    public static void sameShape(String op, Tensor out, Tensor in) {
        require(Arrays.equals(out.shape(), in.shape()), op, "out" + str(out) + " must match in" + str(in));
        sameDevice(op, out, in);
    }

    /**
     * {@code add(out, a, b)}: b is either a's shape or a trailing part of it (broadcast over the
     * leading axes). Returns the length of b, which tiles a.
     */
    public static long add(Tensor out, Tensor a, Tensor b) {
        sameShape("add", out, a);
        int[] as = a.shape();
        int[] bs = b.shape();
        // drop leading 1s from b
        int start = 0;
        while (start < bs.length - 1 && bs[start] == 1) {
            start++;
        }
        int[] trail = Arrays.copyOfRange(bs, start, bs.length);
        boolean ok = trail.length <= as.length
                && Arrays.equals(trail, Arrays.copyOfRange(as, as.length - trail.length, as.length));
        require(ok || b.size() == 1, "add", "b" + str(b) + " must equal a trailing part of a" + str(a));
        sameDevice("add", out, a, b);
        return b.size();
    }

    /** Output shape of a permutation, after checking the axes. */
    public static int[] permute(Tensor out, Tensor in, int[] axes) {
        require(axes.length == in.rank(), "permute", "need " + in.rank() + " axes, got " + Arrays.toString(axes));
        boolean[] seen = new boolean[axes.length];
        int[] shape = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int ax = axes[i];
            require(ax >= 0 && ax < axes.length && !seen[ax], "permute", "axes " + Arrays.toString(axes)
                    + " are not a permutation");
            seen[ax] = true;
            shape[i] = in.dim(ax);
        }
        require(Arrays.equals(out.shape(), shape), "permute", "out" + str(out) + " must be "
                + Arrays.toString(shape));
        sameDevice("permute", out, in);
        return shape;
    }

    /** NCHW convolution geometry. */
    public record ConvDims(int batch, int cin, int h, int w, int cout, int kh, int kw, int oh, int ow,
            int stride, int padding, int groups) {}

    public static ConvDims conv2d(Tensor out, Tensor in, Tensor weight, Tensor bias, int stride, int padding,
            int groups) {
        String op = "conv2d";
        require(in.rank() == 4 && weight.rank() == 4 && out.rank() == 4, op, "in, weight and out must be 4-D (NCHW)");
        require(stride >= 1 && padding >= 0 && groups >= 1, op, "stride >= 1, padding >= 0, groups >= 1");
        int n = in.dim(0), cin = in.dim(1), h = in.dim(2), w = in.dim(3);
        int cout = weight.dim(0), kh = weight.dim(2), kw = weight.dim(3);
        require(cin % groups == 0 && cout % groups == 0, op, "channels " + cin + "→" + cout
                + " not divisible by groups " + groups);
        require(weight.dim(1) == cin / groups, op, "weight" + str(weight) + " needs " + (cin / groups)
                + " input channels per group");
        int oh = (h + 2 * padding - kh) / stride + 1;
        int ow = (w + 2 * padding - kw) / stride + 1;
        require(oh > 0 && ow > 0, op, "kernel larger than padded input");
        require(Arrays.equals(out.shape(), new int[] {n, cout, oh, ow}), op, "out" + str(out) + " must be ["
                + n + ", " + cout + ", " + oh + ", " + ow + "]");
        require(bias == null || bias.size() == cout, op, "bias" + str(bias) + " must have " + cout + " elements");
        sameDevice(op, out, in, weight, bias);
        return new ConvDims(n, cin, h, w, cout, kh, kw, oh, ow, stride, padding, groups);
    }

    /** Transposed-convolution geometry, as {@link ConvDims} with groups 1 (h, w the input; oh, ow the output). */
    public static ConvDims convTranspose2d(Tensor out, Tensor in, Tensor weight, Tensor bias, int stride,
            int padding, int outputPadding) {
        String op = "convTranspose2d";
        require(in.rank() == 4 && weight.rank() == 4 && out.rank() == 4, op, "in, weight and out must be 4-D (NCHW)");
        require(stride >= 1 && padding >= 0 && outputPadding >= 0 && outputPadding < stride, op,
                "need stride >= 1, padding >= 0, 0 <= outputPadding < stride; got " + stride + ", " + padding
                        + ", " + outputPadding);
        int n = in.dim(0), cin = in.dim(1), h = in.dim(2), w = in.dim(3);
        int cout = weight.dim(1), kh = weight.dim(2), kw = weight.dim(3);
        require(weight.dim(0) == cin, op, "weight" + str(weight) + " must be [Cin = " + cin + ", Cout, kh, kw]");
        long oh = (long) (h - 1) * stride - 2L * padding + kh + outputPadding;
        long ow = (long) (w - 1) * stride - 2L * padding + kw + outputPadding;
        require(oh > 0 && ow > 0 && oh <= Integer.MAX_VALUE && ow <= Integer.MAX_VALUE, op,
                "output size " + oh + "×" + ow + " is not positive or too large");
        require(Arrays.equals(out.shape(), new int[] {n, cout, (int) oh, (int) ow}), op, "out" + str(out)
                + " must be [" + n + ", " + cout + ", " + oh + ", " + ow + "]");
        require(bias == null || bias.size() == cout, op, "bias" + str(bias) + " must have " + cout + " elements");
        sameDevice(op, out, in, weight, bias);
        return new ConvDims(n, cin, h, w, cout, kh, kw, (int) oh, (int) ow, stride, padding, 1);
    }

    /** Reduction geometry: [outer, axis, inner]. */
    public record Reduce(int outer, int length, int inner) {}

    public static Reduce mean(Tensor out, Tensor in, int axis) {
        int ax = axis(axis, in.rank());
        int[] s = in.shape();
        int[] expect = new int[s.length - 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            if (i != ax) {
                expect[j++] = s[i];
            }
        }
        boolean ok = Arrays.equals(out.shape(), expect) || out.size() == Shapes.size(expect);
        require(ok, "mean", "out" + str(out) + " must be " + Arrays.toString(expect));
        sameDevice("mean", out, in);
        int outer = 1;
        for (int i = 0; i < ax; i++) {
            outer *= s[i];
        }
        int inner = 1;
        for (int i = ax + 1; i < s.length; i++) {
            inner *= s[i];
        }
        return new Reduce(outer, s[ax], inner);
    }

    /** Max-pooling geometry: {@code planes} H×W planes pooled to OH×OW. */
    public record Pool(int planes, int h, int w, int oh, int ow) {}

    /** {@code maxPool2d(out, in, k, stride, padding)}: see {@link Ops#maxPool2d}. */
    public static Pool maxPool2d(Tensor out, Tensor in, int kernel, int stride, int padding) {
        String op = "maxPool2d";
        require(in.rank() >= 2 && out.rank() == in.rank(), op, "in and out need the same rank >= 2");
        for (int i = 0; i < in.rank() - 2; i++) {
            require(in.dim(i) == out.dim(i), op, "leading axes of out" + str(out) + " must match in" + str(in));
        }
        require(kernel >= 1 && stride >= 1 && padding >= 0 && 2 * padding <= kernel, op,
                "need kernel >= 1, stride >= 1, 0 <= padding <= kernel/2; got kernel " + kernel + ", stride "
                        + stride + ", padding " + padding);
        sameDevice(op, out, in);
        require(out != in, op, "out must not alias in");
        int h = in.dim(-2), w = in.dim(-1);
        require(h + 2 * padding >= kernel && w + 2 * padding >= kernel, op, "window larger than the padded input"
                + str(in));
        int oh = (h + 2 * padding - kernel) / stride + 1;
        int ow = (w + 2 * padding - kernel) / stride + 1;
        require(out.dim(-2) == oh && out.dim(-1) == ow, op, "out" + str(out) + " must end with " + oh + "×" + ow);
        return new Pool((int) (in.size() / ((long) h * w)), h, w, oh, ow);
    }

    /** Bilinear resize geometry over the last two axes. */
    public record Resize(int planes, int h, int w, int oh, int ow) {}

    public static Resize resize(Tensor out, Tensor in) {
        require(in.rank() >= 2 && out.rank() == in.rank(), "resizeBilinear", "in and out need the same rank >= 2");
        for (int i = 0; i < in.rank() - 2; i++) {
            require(in.dim(i) == out.dim(i), "resizeBilinear", "leading axes of out" + str(out)
                    + " must match in" + str(in));
        }
        sameDevice("resizeBilinear", out, in);
        int h = in.dim(-2), w = in.dim(-1);
        require(h > 0 && w > 0, "resizeBilinear", "empty input");
        return new Resize((int) (in.size() / ((long) h * w)), h, w, out.dim(-2), out.dim(-1));
    }

    /** {@code mul(out, a, b)}: all three the same shape. */
    public static void mul(Tensor out, Tensor a, Tensor b) {
        sameShape("mul", out, a);
        require(Arrays.equals(a.shape(), b.shape()), "mul", "b" + str(b) + " must match a" + str(a));
        sameDevice("mul", out, a, b);
    }

    /** {@code dot(out, a, b)}: a and b the same number of elements, out one element. */
    public static void dot(Tensor out, Tensor a, Tensor b) {
        require(a.size() == b.size(), "dot", "a" + str(a) + " and b" + str(b) + " differ in size");
        require(out.size() == 1, "dot", "out" + str(out) + " must hold one element");
        sameDevice("dot", out, a, b);
        require(out != a && out != b, "dot", "out must not alias a or b");
    }

    /** Geometry of stencil3x3: {@code planes} H×W planes sharing one [H, W, 9] weight field. */
    public record Stencil(int planes, int h, int w) {}

    /**
     * {@code stencil3x3(out, in, weights)}: in and out [..., H, W] of the same shape, weights
     * [H, W, 9]; out must not alias in (every output reads its neighbours).
     */
    public static Stencil stencil3x3(Tensor out, Tensor in, Tensor weights) {
        String op = "stencil3x3";
        sameShape(op, out, in);
        require(in.rank() >= 2, op, "in" + str(in) + " needs rank ≥ 2 [..., H, W]");
        int h = in.dim(-2), w = in.dim(-1);
        require(weights.rank() == 3 && weights.dim(0) == h && weights.dim(1) == w && weights.dim(2) == 9, op,
                "weights" + str(weights) + " must be [H, W, 9] = " + Arrays.toString(new int[] {h, w, 9}));
        require(out != in, op, "out must not alias in");
        sameDevice(op, out, in, weights);
        long plane = (long) h * w;
        return new Stencil(plane == 0 ? 0 : (int) (in.size() / plane), h, w);
    }

    /** copy(dst, src): same element count (shapes may differ) on one device. */
    public static void copy(Tensor dst, Tensor src) {
        require(dst.size() == src.size(), "copy", "dst" + str(dst) + " and src" + str(src) + " differ in size");
        sameDevice("copy", dst, src);
    }

    public static void sameDevice(String op, Tensor... ts) {
        Object dev = null;
        for (Tensor t : ts) {
            if (t == null) {
                continue;
            }
            if (dev == null) {
                dev = t.device();
            } else if (t.device() != dev) {
                throw new IllegalArgumentException(op + ": tensors live on different devices");
            }
        }
    }

    /**
     * Geometry of slice/place: the big tensor viewed as [outer, big, inner] and the small one as
     * [outer, small, inner], small starting at {@code start} along the axis.
     */
    public record Region(int outer, int big, int small, int inner, int start) {}

    public static Region region(String op, Tensor big, Tensor small, int axis, int start) {
        require(big.rank() == small.rank(), op, "ranks differ: " + str(big) + " vs " + str(small));
        int ax = axis(axis, big.rank());
        for (int i = 0; i < big.rank(); i++) {
            require(i == ax || big.dim(i) == small.dim(i), op, "shapes " + str(big) + " and " + str(small)
                    + " differ outside axis " + ax);
        }
        require(start >= 0 && start + small.dim(ax) <= big.dim(ax), op, "range " + start + ".."
                + (start + small.dim(ax)) + " outside axis of size " + big.dim(ax));
        sameDevice(op, big, small);
        int outer = 1;
        for (int i = 0; i < ax; i++) {
            outer *= big.dim(i);
        }
        int inner = 1;
        for (int i = ax + 1; i < big.rank(); i++) {
            inner *= big.dim(i);
        }
        return new Region(outer, big.dim(ax), small.dim(ax), inner, start);
    }

    /** Dimensions of fused attention: BH = B·H (batch and heads merged), Nq queries, Nk keys, Dh head width. */
    public record AttentionDims(int bh, int nq, int nk, int dh) {}

    /**
     * Checks attention(out, probs, q, k, v): q and out [B, H, Nq, Dh], k and v [B, H, Nk, Dh], probs
     * [B, H, Nq, Nk] or null; out and probs must not alias any input.
     */
    public static AttentionDims attention(Tensor out, Tensor probs, Tensor q, Tensor k, Tensor v) {
        String op = "attention";
        require(q.rank() == 4 && k.rank() == 4 && v.rank() == 4 && out.rank() == 4, op,
                "q, k, v and out need rank 4 [B, H, N, Dh], got q" + str(q) + " k" + str(k) + " v" + str(v)
                        + " out" + str(out));
        require(Arrays.equals(k.shape(), v.shape()), op, "k" + str(k) + " and v" + str(v) + " differ");
        require(Arrays.equals(q.shape(), out.shape()), op, "q" + str(q) + " and out" + str(out) + " differ");
        require(q.dim(0) == k.dim(0) && q.dim(1) == k.dim(1) && q.dim(3) == k.dim(3), op,
                "q" + str(q) + " and k" + str(k) + " differ in B, H or Dh");
        int bh = q.dim(0) * q.dim(1), nq = q.dim(2), nk = k.dim(2), dh = q.dim(3);
        if (probs != null) {
            require(Arrays.equals(probs.shape(), new int[] {q.dim(0), q.dim(1), nq, nk}), op,
                    "probs" + str(probs) + " must be [B, H, Nq, Nk] = " + Arrays.toString(
                            new int[] {q.dim(0), q.dim(1), nq, nk}));
        }
        require(nk > 0 || nq == 0, op, "no keys for " + nq + " queries");
        sameDevice(op, out, probs, q, k, v);
        for (Tensor in : new Tensor[] {q, k, v}) {
            require(out != in && (probs == null || probs != in), op, "out and probs must not alias q, k or v");
        }
        return new AttentionDims(bh, nq, nk, dh);
    }

    /** Dimensions of self-attention from a packed projection: B batch, H heads, N tokens, Dh head width. */
    public record SelfAttentionDims(int b, int heads, int n, int dh) {}

    /**
     * Checks selfAttention(out, probs, qkv, heads): qkv [B, N, 3·H·Dh], out [B, N, H·Dh], probs
     * [B, H, N, N] or null; heads positive; out and probs must not alias qkv.
     */
    public static SelfAttentionDims selfAttention(Tensor out, Tensor probs, Tensor qkv, int heads) {
        String op = "selfAttention";
        require(heads > 0, op, "heads must be positive, got " + heads);
        require(qkv.rank() == 3 && out.rank() == 3, op,
                "qkv and out need rank 3 [B, N, 3·H·Dh] and [B, N, H·Dh], got qkv" + str(qkv) + " out" + str(out));
        int b = qkv.dim(0), n = qkv.dim(1), packed = qkv.dim(2);
        require(packed % (3 * heads) == 0, op,
                "qkv" + str(qkv) + ": last axis is not 3·H·Dh for " + heads + " heads");
        int dh = packed / (3 * heads);
        require(Arrays.equals(out.shape(), new int[] {b, n, heads * dh}), op,
                "out" + str(out) + " must be [B, N, H·Dh] = " + Arrays.toString(new int[] {b, n, heads * dh}));
        if (probs != null) {
            require(Arrays.equals(probs.shape(), new int[] {b, heads, n, n}), op,
                    "probs" + str(probs) + " must be [B, H, N, N] = " + Arrays.toString(new int[] {b, heads, n, n}));
        }
        sameDevice(op, out, probs, qkv);
        require(out != qkv && probs != qkv, op, "out and probs must not alias qkv");
        return new SelfAttentionDims(b, heads, n, dh);
    }
}
