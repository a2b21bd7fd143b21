package org.attentionworkbench.compute.device.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.attentionworkbench.compute.parallel.Parallel;
import org.attentionworkbench.compute.tensor.Shapes.ConvDims;

/**
 * NCHW convolution, dilation 1.
 *
 * <p>Dimension legend: N images, Cin/Cout channels, G groups, H×W input, OH×OW output, kh×kw kernel;
 * per group the GEMM is [Cout/G, Cin/G·kh·kw] · [Cin/G·kh·kw, OH·OW].
 *
 * <p>Depthwise convolutions (G = Cin = Cout) run directly, vectorised along output rows; every
 * other convolution lowers each group to a GEMM, through im2col unless it is a 1×1, stride-1,
 * unpadded convolution whose input already is the GEMM operand. Non-overlapping patches (kernel =
 * stride, unpadded: a ViT's patch embedding) gather the image a kernel row at a time and split the
 * GEMM by weight rows.
 */
final class Conv2d {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = S.length();
    /** As Sgemm's threshold: below this many multiply-adds a GEMM is not worth sharing out. */
    private static final long SERIAL_WORK = 1L << 23;

    private Conv2d() {}

    /** @param scratch holder of the reusable im2col buffer */
    static void conv2d(float[] out, float[] in, float[] weight, float[] bias, ConvDims d, float[][] scratch) {
        if (d.groups() == d.cin() && d.cout() == d.cin()) {
            depthwise(out, in, weight, bias, d);
        } else {
            viaGemm(out, in, weight, bias, d, scratch);
        }
    }

    private static void viaGemm(float[] out, float[] in, float[] weight, float[] bias, ConvDims d,
            float[][] scratch) {
        int g = d.groups();
        int cinG = d.cin() / g, coutG = d.cout() / g;
        int kg = cinG * d.kh() * d.kw();
        int cols = d.oh() * d.ow();
        boolean direct = d.kh() == 1 && d.kw() == 1 && d.stride() == 1 && d.padding() == 0;
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
        boolean patches = isPatchify(d);
        for (int n = 0; n < d.batch(); n++) {
            for (int gi = 0; gi < g; gi++) {
                // 1. the GEMM's right operand: the input itself, or its unrolled patches
                int inOff = (n * d.cin() + gi * cinG) * d.h() * d.w();
                float[] b = in;
                int bOff = inOff;
                if (patches) {
                    gatherPatches(col, in, inOff, cinG, d);
                } else if (!direct) {
                    im2col(col, in, inOff, cinG, d);
                }
                if (!direct) {
                    b = col;
                    bOff = 0;
                }
                // 2. out[group] = W[group] · patches + bias
                int outOff = (n * d.cout() + gi * coutG) * cols;
                if (patches) {
                    gemmByRows(coutG, cols, kg, weight, gi * coutG * kg, col, out, outOff, bias, gi * coutG);
                } else {
                    Sgemm.gemm(1, coutG, cols, kg, 1f, weight, gi * coutG * kg, 0, false, b, bOff, 0, false,
                            out, outOff, 0, null, bias, gi * coutG);
                }
            }
        }
    }

    /**
     * Non-overlapping patches (kernel = stride, no padding), as in a ViT's patch embedding: every
     * input pixel lands in at most one column, so the unrolled matrix is a reordering of the input.
     */
    static boolean isPatchify(ConvDims d) {
        return d.padding() == 0 && d.stride() > 1 && d.kh() == d.stride() && d.kw() == d.stride();
    }

    /**
     * col[(c, ky, kx), (oy, ox)] = in[c, oy·P + ky, ox·P + kx] for P = kernel = stride: one task per
     * (c, ky) kernel row, which reads the image rows oy·P + ky once each and writes P rows of col.
     */
    private static void gatherPatches(float[] col, float[] in, int inOff, int channels, ConvDims d) {
        int p = d.stride(), h = d.h(), w = d.w(), oh = d.oh(), ow = d.ow();
        int cols = oh * ow;
        Parallel.forRange(0, channels * p, Math.max(1, ElementOps.GRAIN / Math.max(1, p * cols)), (lo, hi) -> {
            for (int cky = lo; cky < hi; cky++) {
                int c = cky / p, ky = cky % p;
                int dst0 = cky * p * cols;
                for (int oy = 0; oy < oh; oy++) {
                    int src = inOff + (c * h + oy * p + ky) * w;
                    for (int kx = 0; kx < p; kx++) {
                        int dst = dst0 + kx * cols + oy * ow;
                        for (int ox = 0; ox < ow; ox++) {
                            col[dst + ox] = in[src + ox * p + kx];
                        }
                    }
                }
            }
        });
    }

    /**
     * out[m, n] = W[m, :] · col + rowBias, with the threads splitting W's rows (MR-aligned): each
     * packs only its rows of W. Sgemm splits a C this shape by columns, where every thread packs all
     * of W (for the ViT-S patch embedding, 295 k scattered floats per thread per call).
     */
    private static void gemmByRows(int m, int n, int k, float[] weight, int wOff, float[] col, float[] out,
            int outOff, float[] bias, int biasOff) {
        int tiles = (m + Sgemm.MR - 1) / Sgemm.MR;
        int parts = (long) m * n * k < SERIAL_WORK ? 1 : Math.min(Parallel.threads(), tiles);
        // one part per thread; Sgemm called inside forRange runs on the calling thread
        Parallel.forRange(0, parts, 1, (lo, hi) -> {
            for (int part = lo; part < hi; part++) {
                int r0 = Math.min(m, tiles * part / parts * Sgemm.MR);
                int r1 = Math.min(m, tiles * (part + 1) / parts * Sgemm.MR);
                if (r1 > r0) {
                    Sgemm.gemm(1, r1 - r0, n, k, 1f, weight, wOff + r0 * k, 0, false, col, 0, 0, false,
                            out, outOff + r0 * n, 0, null, bias, biasOff + r0);
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
    private static void depthwise(float[] out, float[] in, float[] weight, float[] bias, ConvDims d) {
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
