package org.attentionworkbench.compute.device.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.attentionworkbench.compute.parallel.Parallel;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Shapes.ConvDims;

/**
 * NCHW convolution, dilation 1.
 *
 * <p>Dimension legend: N images, Cin/Cout channels, G groups, H×W input, OH×OW output, kh×kw kernel;
 * per group the GEMM is [Cout/G, Cin/G·kh·kw] · [Cin/G·kh·kw, OH·OW].
 *
 * <p>Depthwise convolutions (G = Cin = Cout) run directly, vectorised along output rows; every
 * other convolution lowers each group to a GEMM, through im2col unless it is a 1×1, stride-1,
 * unpadded convolution whose input already is the GEMM operand. (A ViT's patch embedding does not
 * come here: the model runs it as patch rows and a Linear.)
 *
 * <p>Transposed convolutions (weight [Cin, Cout, kh, kw]) run the other way round: a GEMM
 * [Cout·kh·kw, Cin] · [Cin, H·W] gives every tap's contribution, and col2im adds them into place.
 */
final class Conv2d {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = S.length();

    private Conv2d() {}

    /**
     * @param act applied to the output (null: none) while it is in cache: in the GEMM's epilogue, or
     *     in registers before the depthwise kernel's store
     * @param scratch holder of the reusable im2col buffer
     */
    static void conv2d(float[] out, float[] in, float[] weight, float[] bias, ConvDims d, Activation act,
            float[][] scratch) {
        if (d.groups() == d.cin() && d.cout() == d.cin()) {
            if (d.kh() == 3 && d.kw() == 3 && d.padding() == 1 && (d.stride() == 1 || d.stride() == 2)) {
                depthwise3x3(out, in, weight, bias, d, act);
            } else {
                depthwise(out, in, weight, bias, d, act);
            }
        } else {
            viaGemm(out, in, weight, bias, d, act, scratch);
        }
    }

    private static void viaGemm(float[] out, float[] in, float[] weight, float[] bias, ConvDims d, Activation act,
            float[][] scratch) {
        int g = d.groups();
        int cinG = d.cin() / g, coutG = d.cout() / g;
        int kg = cinG * d.kh() * d.kw();
        int cols = d.oh() * d.ow();
        boolean direct = d.kh() == 1 && d.kw() == 1 && d.stride() == 1 && d.padding() == 0;
        boolean clamp = act == null || act == Activation.RELU || act == Activation.RELU6;
        if (direct && g == 1 && LANES >= 16 && d.cout() % PW_ROWS == 0 && cols >= 2 * LANES && clamp) {
            pointwise(out, in, weight, bias, d, act);
            return;
        }
        float[] col = null;
        if (!direct) {
            long need = (long) kg * cols;
            if (need > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("conv2d: im2col buffer of " + need + " floats is too large");
            }
            if (scratch[0] == null || scratch[0].length < need) {
                scratch[0] = new float[(int) need];
            }
            col = scratch[0];
        }
        for (int n = 0; n < d.batch(); n++) {
            for (int gi = 0; gi < g; gi++) {
                // 1. the GEMM's right operand: the input itself, or its unrolled patches
                int inOff = (n * d.cin() + gi * cinG) * d.h() * d.w();
                float[] b = in;
                int bOff = inOff;
                if (!direct) {
                    im2col(col, in, inOff, cinG, d);
                }
                if (!direct) {
                    b = col;
                    bOff = 0;
                }
                // 2. out[group] = W[group] · patches + bias
                int outOff = (n * d.cout() + gi * coutG) * cols;
                Sgemm.gemm(1, coutG, cols, kg, 1f, weight, gi * coutG * kg, 0, false, b, bOff, 0, false,
                        out, outOff, 0, null, bias, gi * coutG, act, false);
            }
        }
    }

    /** Output channels per register tile of {@link #pointwise}. */
    private static final int PW_ROWS = 8;

    /**
     * A 1×1, stride-1 convolution (a CNN's pointwise layers): out[Cout, HW] = W[Cout, Cin] · in[Cin, HW]
     * + bias, the weights read in place. Per tile of 2 vectors of pixels, the tile's input columns are
     * first copied side by side into a Cin × 2L panel (the input's rows lie a power of two apart and
     * would evict each other from L1); then every group of 8 output channels sums over the panel in 16
     * registers started at the bias, and is activated in registers before its one store. Threads share
     * out the pixel tiles. Needs 32 vector registers (AVX-512), Cout a multiple of 8 and no activation
     * other than ReLU/ReLU6: a ragged column tail overlaps the tile before it (maybe another thread's),
     * which only writes the same values again.
     */
    private static void pointwise(float[] out, float[] in, float[] weight, float[] bias, ConvDims d, Activation act) {
        int cin = d.cin(), cout = d.cout(), hw = d.h() * d.w();
        int tw = 2 * LANES;
        int tiles = (hw + tw - 1) / tw;
        boolean inRegister = act == Activation.RELU || act == Activation.RELU6;
        float hi = act == Activation.RELU6 ? 6f : Float.POSITIVE_INFINITY;
        for (int n = 0; n < d.batch(); n++) {
            int inOff = n * cin * hw, outOff = n * cout * hw;
            Parallel.forRange(0, tiles, Math.max(1, ElementOps.GRAIN / Math.max(1, tw * cout * cin / 64)), (lo, hiT) -> {
                float[][] holder = PADDED.get();
                if (holder[0].length < cin * tw) {
                    holder[0] = new float[cin * tw];
                }
                float[] panel = holder[0];
                for (int t = lo; t < hiT; t++) {
                    int j = Math.min(t * tw, hw - tw);
                    // the tile's input columns side by side: rows hw apart alias in L1's sets, a panel does not
                    for (int p = 0; p < cin; p++) {
                        System.arraycopy(in, inOff + p * hw + j, panel, p * tw, tw);
                    }
                    for (int co = 0; co < cout; co += PW_ROWS) {
                        pointwiseTile(cin, weight, co * cin, panel, 0, tw, out, outOff + co * hw + j, hw, bias, co,
                                inRegister, hi);
                    }
                }
            });
        }
    }

    /** out[8 rows hw apart, 2L] = bias + W[8 rows at wOff, Cin apart] · in[Cin rows ldb apart, 2L]. */
    private static void pointwiseTile(int cin, float[] w, int wOff, float[] in, int inOff, int ldb, float[] out,
            int oOff, int hw, float[] bias, int co, boolean relu, float hi) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        c00 = c01 = FloatVector.broadcast(S, bias == null ? 0f : bias[co]);
        c10 = c11 = FloatVector.broadcast(S, bias == null ? 0f : bias[co + 1]);
        c20 = c21 = FloatVector.broadcast(S, bias == null ? 0f : bias[co + 2]);
        c30 = c31 = FloatVector.broadcast(S, bias == null ? 0f : bias[co + 3]);
        c40 = c41 = FloatVector.broadcast(S, bias == null ? 0f : bias[co + 4]);
        c50 = c51 = FloatVector.broadcast(S, bias == null ? 0f : bias[co + 5]);
        c60 = c61 = FloatVector.broadcast(S, bias == null ? 0f : bias[co + 6]);
        c70 = c71 = FloatVector.broadcast(S, bias == null ? 0f : bias[co + 7]);
        int r0 = wOff, r1 = r0 + cin, r2 = r1 + cin, r3 = r2 + cin, r4 = r3 + cin, r5 = r4 + cin, r6 = r5 + cin,
                r7 = r6 + cin;
        int b = inOff;
        for (int p = 0; p < cin; p++, b += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, in, b);
            FloatVector b1 = FloatVector.fromArray(S, in, b + LANES);
            FloatVector a;
            a = FloatVector.broadcast(S, w[r0 + p]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, w[r1 + p]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, w[r2 + p]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, w[r3 + p]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, w[r4 + p]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, w[r5 + p]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, w[r6 + p]);
            c60 = a.fma(b0, c60); c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, w[r7 + p]);
            c70 = a.fma(b0, c70); c71 = a.fma(b1, c71);
        }
        if (relu) {
            c00 = c00.max(0f).min(hi); c01 = c01.max(0f).min(hi); c10 = c10.max(0f).min(hi); c11 = c11.max(0f).min(hi);
            c20 = c20.max(0f).min(hi); c21 = c21.max(0f).min(hi); c30 = c30.max(0f).min(hi); c31 = c31.max(0f).min(hi);
            c40 = c40.max(0f).min(hi); c41 = c41.max(0f).min(hi); c50 = c50.max(0f).min(hi); c51 = c51.max(0f).min(hi);
            c60 = c60.max(0f).min(hi); c61 = c61.max(0f).min(hi); c70 = c70.max(0f).min(hi); c71 = c71.max(0f).min(hi);
        }
        c00.intoArray(out, oOff); c01.intoArray(out, oOff + LANES);
        c10.intoArray(out, oOff + hw); c11.intoArray(out, oOff + hw + LANES);
        c20.intoArray(out, oOff + 2 * hw); c21.intoArray(out, oOff + 2 * hw + LANES);
        c30.intoArray(out, oOff + 3 * hw); c31.intoArray(out, oOff + 3 * hw + LANES);
        c40.intoArray(out, oOff + 4 * hw); c41.intoArray(out, oOff + 4 * hw + LANES);
        c50.intoArray(out, oOff + 5 * hw); c51.intoArray(out, oOff + 5 * hw + LANES);
        c60.intoArray(out, oOff + 6 * hw); c61.intoArray(out, oOff + 6 * hw + LANES);
        c70.intoArray(out, oOff + 7 * hw); c71.intoArray(out, oOff + 7 * hw + LANES);
    }

    /**
     * Transposed convolution, groups 1, one image at a time: cols[(co, ky, kx), (i, j)] = Σ_ci
     * weight[ci, co, ky, kx] · in[ci, i, j], then {@link #col2im}. The cols buffer is the conv2d scratch.
     */
    static void convTranspose2d(float[] out, float[] in, float[] weight, float[] bias, ConvDims d,
            float[][] scratch) {
        int rows = d.cout() * d.kh() * d.kw();
        int pixels = d.h() * d.w();
        long need = (long) rows * pixels;
        if (need > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("convTranspose2d: column buffer of " + need + " floats is too large");
        }
        if (scratch[0] == null || scratch[0].length < need) {
            scratch[0] = new float[(int) need];
        }
        float[] cols = scratch[0];
        for (int n = 0; n < d.batch(); n++) {
            // weight is [Cin, Cout·kh·kw], i.e. the transposed left operand
            Sgemm.gemm(1, rows, pixels, d.cin(), 1f, weight, 0, 0, true, in, n * d.cin() * pixels, 0, false,
                    cols, 0, 0, null, null, 0);
            col2im(out, n * d.cout() * d.oh() * d.ow(), cols, bias, d);
        }
    }

    /**
     * out[co, i·s - p + ky, j·s - p + kx] += cols[(co, ky, kx), (i, j)] over the taps inside the
     * output, starting from the bias; parallel over output planes, so no two threads write one value.
     * With kernel = stride and no padding every output value gets exactly one tap.
     */
    private static void col2im(float[] out, int outOff, float[] cols, float[] bias, ConvDims d) {
        int kh = d.kh(), kw = d.kw(), h = d.h(), w = d.w(), oh = d.oh(), ow = d.ow();
        int s = d.stride(), pad = d.padding();
        int plane = oh * ow;
        Parallel.forRange(0, d.cout(), Math.max(1, ElementOps.GRAIN / Math.max(1, plane * 2)), (lo, hi) -> {
            for (int co = lo; co < hi; co++) {
                int o = outOff + co * plane;
                java.util.Arrays.fill(out, o, o + plane, bias == null ? 0f : bias[co]);
                for (int ky = 0; ky < kh; ky++) {
                    // input rows whose tap ky lands inside the output
                    int iLo = Math.max(0, ceilDiv(pad - ky, s)), iHi = Math.min(h, floorDiv(oh - 1 + pad - ky, s) + 1);
                    for (int kx = 0; kx < kw; kx++) {
                        int jLo = Math.max(0, ceilDiv(pad - kx, s)), jHi = Math.min(w, floorDiv(ow - 1 + pad - kx, s) + 1);
                        int src = ((co * kh + ky) * kw + kx) * h * w;
                        for (int i = iLo; i < iHi; i++) {
                            int dst = o + (i * s - pad + ky) * ow - pad + kx;
                            int row = src + i * w;
                            for (int j = jLo; j < jHi; j++) {
                                out[dst + j * s] += cols[row + j];
                            }
                        }
                    }
                }
            }
        });
    }

    /** col[(c, ky, kx), (oy, ox)] = in[c, oy·s - p + ky, ox·s - p + kx], zero outside the image. */
    private static void im2col(float[] col, float[] in, int inOff, int channels, ConvDims d) {
        int kh = d.kh(), kw = d.kw(), h = d.h(), w = d.w(), oh = d.oh(), ow = d.ow();
        int s = d.stride(), pad = d.padding();
        int rows = channels * kh * kw;
        Parallel.forRange(0, rows, Math.max(1, ElementOps.GRAIN / Math.max(1, oh * ow)), (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                int c = r / (kh * kw), ky = (r / kw) % kh, kx = r % kw;
                int src = inOff + c * h * w;
                // output columns whose input column lies inside the image
                int oxLo = Math.max(0, ceilDiv(pad - kx, s)), oxHi = Math.min(ow, floorDiv(w - 1 + pad - kx, s) + 1);
                for (int oy = 0; oy < oh; oy++) {
                    int dst = (r * oh + oy) * ow;
                    int iy = oy * s - pad + ky;
                    if (iy < 0 || iy >= h || oxLo >= oxHi) {
                        java.util.Arrays.fill(col, dst, dst + ow, 0f);
                        continue;
                    }
                    java.util.Arrays.fill(col, dst, dst + oxLo, 0f);
                    java.util.Arrays.fill(col, dst + oxHi, dst + ow, 0f);
                    int rowSrc = src + iy * w - pad + kx;
                    if (s == 1) {
                        System.arraycopy(in, rowSrc + oxLo, col, dst + oxLo, oxHi - oxLo);
                    } else {
                        for (int ox = oxLo; ox < oxHi; ox++) {
                            col[dst + ox] = in[rowSrc + ox * s];
                        }
                    }
                }
            }
        });
    }

    /** One filter per channel, accumulated row by row: out[c, oy, :] += w · in[c, iy, shifted]. */
    private static void depthwise(float[] out, float[] in, float[] weight, float[] bias, ConvDims d, Activation act) {
        int kh = d.kh(), kw = d.kw(), h = d.h(), w = d.w(), oh = d.oh(), ow = d.ow();
        int s = d.stride(), pad = d.padding(), ch = d.cin();
        int planes = d.batch() * ch;
        Parallel.forRange(0, planes, Math.max(1, ElementOps.GRAIN / Math.max(1, oh * ow * kh * kw)), (lo, hi) -> {
            for (int plane = lo; plane < hi; plane++) {
                int c = plane % ch;
                int src = plane * h * w, dst = plane * oh * ow, wOff = c * kh * kw;
                float b0 = bias == null ? 0f : bias[c];
                for (int oy = 0; oy < oh; oy++) {
                    int o = dst + oy * ow;
                    java.util.Arrays.fill(out, o, o + ow, b0);
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy * s - pad + ky;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        for (int kx = 0; kx < kw; kx++) {
                            int oxLo = Math.max(0, ceilDiv(pad - kx, s));
                            int oxHi = Math.min(ow, floorDiv(w - 1 + pad - kx, s) + 1);
                            if (oxLo < oxHi) {
                                accumulateRow(out, o, in, src + iy * w - pad + kx, s, weight[wOff + ky * kw + kx],
                                        oxLo, oxHi);
                            }
                        }
                    }
                }
                if (act != null) {
                    ElementOps.activateRows(out, dst, 1, 0, 0, oh * ow, act);
                }
            }
        });
    }

    /** Per-thread zero-bordered copy of one input plane for {@link #depthwise3x3}, grown on demand. */
    private static final ThreadLocal<float[][]> PADDED = ThreadLocal.withInitial(() -> new float[1][0]);
    /** Lane indices 0, 2, 4, … and 1, 3, 5, … into two vectors side by side (stride-2 taps). */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromArray(S, lanes(0), 0);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromArray(S, lanes(1), 0);

    /** Indices first, first + 2, …: those past the first vector wrap to its exceptional range (the second). */
    private static int[] lanes(int first) {
        int[] v = new int[LANES];
        for (int i = 0; i < LANES; i++) {
            v[i] = first + 2 * i;
        }
        return v;
    }

    /**
     * The MobileNet case, 3×3, padding 1, stride 1 or 2: each plane is copied once into a zero-bordered
     * buffer (so no tap needs a bounds test), then every output vector sums its nine taps in a register
     * — bias first, then the taps row by row, the summation order of {@link #depthwise} — and is
     * activated and stored once. Rows narrower than a vector run scalar; the last vector of a row
     * overlaps the one before instead of a scalar tail. Stride 2 takes the even/odd lanes of two
     * adjacent vectors (one two-vector permute each) instead of gathers.
     */
    private static void depthwise3x3(float[] out, float[] in, float[] weight, float[] bias, ConvDims d,
            Activation act) {
        int h = d.h(), w = d.w(), oh = d.oh(), ow = d.ow(), s = d.stride(), ch = d.cin();
        int pw = Math.max(w, s * ow) + 2; // padded row: every tap of the last (overlapping) vector inside it
        int ph = h + 2;
        int planes = d.batch() * ch;
        boolean inRegister = act == Activation.RELU || act == Activation.RELU6;
        float hi = act == Activation.RELU6 ? 6f : Float.POSITIVE_INFINITY;
        Parallel.forRange(0, planes, Math.max(1, ElementOps.GRAIN / Math.max(1, oh * ow * 9)), (lo, hiPlane) -> {
            float[][] holder = PADDED.get();
            if (holder[0].length < ph * pw) {
                holder[0] = new float[ph * pw];
            }
            float[] p = holder[0];
            for (int plane = lo; plane < hiPlane; plane++) {
                int c = plane % ch;
                int src = plane * h * w, dst = plane * oh * ow, wo = c * 9;
                // 1. the plane with a zero border (and zero slack right of it)
                java.util.Arrays.fill(p, 0, pw, 0f);
                java.util.Arrays.fill(p, (ph - 1) * pw, ph * pw, 0f);
                for (int y = 0; y < h; y++) {
                    int r = (y + 1) * pw;
                    p[r] = 0f;
                    System.arraycopy(in, src + y * w, p, r + 1, w);
                    java.util.Arrays.fill(p, r + 1 + w, r + pw, 0f);
                }
                float b0 = bias == null ? 0f : bias[c];
                // 2. the output rows
                for (int oy = 0; oy < oh; oy++) {
                    int o = dst + oy * ow;
                    int r0 = s * oy * pw;
                    if (ow < LANES) {
                        for (int ox = 0; ox < ow; ox++) {
                            float acc = b0;
                            for (int ky = 0; ky < 3; ky++) {
                                for (int kx = 0; kx < 3; kx++) {
                                    acc = Math.fma(p[r0 + ky * pw + s * ox + kx], weight[wo + ky * 3 + kx], acc);
                                }
                            }
                            out[o + ox] = inRegister ? Math.min(Math.max(acc, 0f), hi) : acc;
                        }
                    } else {
                        for (int ox = 0; ; ox += LANES) {
                            int x = Math.min(ox, ow - LANES);
                            FloatVector acc = FloatVector.broadcast(S, b0);
                            for (int ky = 0; ky < 3; ky++) {
                                int row = r0 + ky * pw + s * x;
                                FloatVector w0 = FloatVector.broadcast(S, weight[wo + ky * 3]);
                                FloatVector w1 = FloatVector.broadcast(S, weight[wo + ky * 3 + 1]);
                                FloatVector w2 = FloatVector.broadcast(S, weight[wo + ky * 3 + 2]);
                                if (s == 1) {
                                    acc = FloatVector.fromArray(S, p, row).fma(w0, acc);
                                    acc = FloatVector.fromArray(S, p, row + 1).fma(w1, acc);
                                    acc = FloatVector.fromArray(S, p, row + 2).fma(w2, acc);
                                } else {
                                    FloatVector v1 = FloatVector.fromArray(S, p, row);
                                    FloatVector v2 = FloatVector.fromArray(S, p, row + LANES);
                                    FloatVector u1 = FloatVector.fromArray(S, p, row + 2);
                                    FloatVector u2 = FloatVector.fromArray(S, p, row + 2 + LANES);
                                    acc = v1.rearrange(EVEN, v2).fma(w0, acc);
                                    acc = v1.rearrange(ODD, v2).fma(w1, acc);
                                    acc = u1.rearrange(EVEN, u2).fma(w2, acc);
                                }
                            }
                            if (inRegister) {
                                acc = acc.max(0f).min(hi);
                            }
                            acc.intoArray(out, o + x);
                            if (x == ow - LANES) {
                                break;
                            }
                        }
                    }
                }
                if (act != null && !inRegister) {
                    ElementOps.activateRows(out, dst, 1, 0, 0, oh * ow, act);
                }
            }
        });
    }

    /** Gather offsets {0, s, 2s, ...} for strided rows, by stride (index 0 unused). */
    private static final int[][] STRIDED = new int[5][];

    static {
        for (int st = 1; st < STRIDED.length; st++) {
            STRIDED[st] = new int[LANES];
            for (int i = 0; i < LANES; i++) {
                STRIDED[st][i] = i * st;
            }
        }
    }

    /**
     * out[o + x] += wt · in[rowSrc + x·s] for x in [from, to); strides up to 4 gather vectors.
     * (Masked tails measured slower here: a masked gather still range-checks every lane.)
     */
    private static void accumulateRow(float[] out, int o, float[] in, int rowSrc, int s, float wt, int from, int to) {
        int x = from;
        FloatVector wv = FloatVector.broadcast(S, wt);
        int end = from + S.loopBound(to - from);
        if (s == 1) {
            for (; x < end; x += LANES) {
                FloatVector.fromArray(S, in, rowSrc + x).fma(wv, FloatVector.fromArray(S, out, o + x)).intoArray(out, o + x);
            }
        } else if (s < STRIDED.length) {
            int[] idx = STRIDED[s];
            for (; x < end; x += LANES) {
                FloatVector.fromArray(S, in, rowSrc + x * s, idx, 0).fma(wv, FloatVector.fromArray(S, out, o + x))
                        .intoArray(out, o + x);
            }
        }
        for (; x < to; x++) {
            out[o + x] = Math.fma(in[rowSrc + x * s], wt, out[o + x]);
        }
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    private static int floorDiv(int a, int b) {
        return Math.floorDiv(a, b);
    }
}
