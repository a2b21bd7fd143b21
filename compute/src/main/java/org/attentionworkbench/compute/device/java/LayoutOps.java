package org.attentionworkbench.compute.device.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.attentionworkbench.compute.parallel.Parallel;
import org.attentionworkbench.compute.tensor.Shapes;

/**
 * Ops that move or gather data: permute, mean over an axis, bilinear resize.
 *
 * <p>Dimension legend: outer × length × inner for a reduction; planes × H × W → planes × OH × OW
 * for a resize.
 */
final class LayoutOps {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = S.length();

    private LayoutOps() {}

    /** out.dim(i) = in.dim(axes[i]); out[idx] = in[idx permuted]. */
    static void permute(float[] out, float[] in, int[] inShape, int[] axes) {
        // 1. output dims and the input stride of each, dropping size-1 axes
        long[] inStrides = Shapes.strides(inShape);
        int rank = axes.length;
        int[] dims = new int[rank];
        long[] strides = new long[rank];
        int r = 0;
        for (int i = 0; i < rank; i++) {
            int d = inShape[axes[i]];
            if (d == 1) {
                continue;
            }
            // 2. merge with the previous axis when the two stay adjacent in the input too
            if (r > 0 && strides[r - 1] == (long) d * inStrides[axes[i]]) {
                dims[r - 1] *= d;
                strides[r - 1] = inStrides[axes[i]];
            } else {
                dims[r] = d;
                strides[r] = inStrides[axes[i]];
                r++;
            }
        }
        long total = Shapes.size(inShape);
        if (total == 0) {
            return;
        }
        if (r == 0 || (r == 1 && strides[0] == 1)) {
            System.arraycopy(in, 0, out, 0, (int) total);
            return;
        }
        // 3. output rows of the innermost dim; each row is a strided (or contiguous) gather
        int rk = r;
        int inner = dims[rk - 1];
        long innerStride = strides[rk - 1];
        int rows = (int) (total / inner);
        Parallel.forRange(0, rows, Math.max(1, ElementOps.GRAIN / inner), (lo, hi) -> {
            // the first row's source by division, then an odometer over the outer axes: short rows
            // (a ViT's 16-pixel patch rows) spent more time in the divisions than in the copy
            int[] idx = new int[rk];
            long src = 0;
            int rem = lo;
            for (int ax = rk - 2; ax >= 0; ax--) {
                idx[ax] = rem % dims[ax];
                src += idx[ax] * strides[ax];
                rem /= dims[ax];
            }
            for (int row = lo; row < hi; row++) {
                int dst = row * inner;
                if (innerStride == 1) {
                    System.arraycopy(in, (int) src, out, dst, inner);
                } else {
                    int s = (int) src;
                    int st = (int) innerStride;
                    for (int j = 0; j < inner; j++, s += st) {
                        out[dst + j] = in[s];
                    }
                }
                for (int ax = rk - 2; ax >= 0; ax--) {
                    src += strides[ax];
                    if (++idx[ax] < dims[ax]) {
                        break;
                    }
                    src -= (long) dims[ax] * strides[ax];
                    idx[ax] = 0;
                }
            }
        });
    }

    /** out[o, i] = mean over l of in[o, l, i]. */
    static void mean(float[] out, float[] in, int outer, int length, int inner) {
        float inv = 1f / length;
        if (inner == 1) {
            Parallel.forRange(0, outer, Math.max(1, ElementOps.GRAIN / Math.max(1, length)), (lo, hi) -> {
                for (int o = lo; o < hi; o++) {
                    out[o] = sumRow(in, o * length, length) * inv;
                }
            });
            return;
        }
        // vectorise across inner: add the length slices of each outer block
        long work = (long) outer * length * inner;
        int grain = (int) Math.max(1, ElementOps.GRAIN / Math.max(1, (long) length * inner));
        if (outer >= Parallel.threads() || work < ElementOps.GRAIN) {
            Parallel.forRange(0, outer, grain, (lo, hi) -> {
                for (int o = lo; o < hi; o++) {
                    sumSlices(out, in, o, length, inner, 0, inner, inv);
                }
            });
        } else {
            for (int o = 0; o < outer; o++) {
                int oo = o;
                Parallel.forRange(0, inner, Math.max(LANES, ElementOps.GRAIN / length), (lo, hi) ->
                        sumSlices(out, in, oo, length, inner, lo, hi, inv));
            }
        }
    }

    private static float sumRow(float[] in, int off, int len) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int end = S.loopBound(len); i < end; i += LANES) {
            acc = acc.add(FloatVector.fromArray(S, in, off + i));
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            s += in[off + i];
        }
        return s;
    }

    /** out[o, from:to] = inv · Σ_l in[o, l, from:to]. */
    private static void sumSlices(float[] out, float[] in, int o, int length, int inner, int from, int to, float inv) {
        int dst = o * inner;
        java.util.Arrays.fill(out, dst + from, dst + to, 0f);
        for (int l = 0; l < length; l++) {
            int src = (o * length + l) * inner;
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += LANES) {
                FloatVector.fromArray(S, out, dst + i).add(FloatVector.fromArray(S, in, src + i)).intoArray(out, dst + i);
            }
            for (; i < to; i++) {
                out[dst + i] += in[src + i];
            }
        }
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += LANES) {
            FloatVector.fromArray(S, out, dst + i).mul(inv).intoArray(out, dst + i);
        }
        for (; i < to; i++) {
            out[dst + i] *= inv;
        }
    }

    /** Source index and weight of one output coordinate, PyTorch's upsample_bilinear2d (float math). */
    private record Taps(int[] i0, int[] i1, float[] w0, float[] w1) {
        static Taps of(int in, int out, boolean alignCorners) {
            float scale = alignCorners ? (out > 1 ? (float) (in - 1) / (out - 1) : 0f) : (float) in / out;
            int[] i0 = new int[out], i1 = new int[out];
            float[] w0 = new float[out], w1 = new float[out];
            for (int d = 0; d < out; d++) {
                float src = alignCorners ? scale * d : scale * (d + 0.5f) - 0.5f;
                if (src < 0) {
                    src = 0;
                }
                int lo = Math.min((int) Math.floor(src), in - 1);
                float lambda = Math.min(Math.max(src - lo, 0f), 1f);
                i0[d] = lo;
                i1[d] = lo + (lo < in - 1 ? 1 : 0);
                w1[d] = lambda;
                w0[d] = 1f - lambda;
            }
            return new Taps(i0, i1, w0, w1);
        }
    }

    static void resizeBilinear(float[] out, float[] in, int planes, int h, int w, int oh, int ow,
            boolean alignCorners) {
        Taps ty = Taps.of(h, oh, alignCorners);
        Taps tx = Taps.of(w, ow, alignCorners);
        int rows = planes * oh;
        Parallel.forRange(0, rows, Math.max(1, ElementOps.GRAIN / Math.max(1, ow * 4)), (lo, hi) -> {
            for (int row = lo; row < hi; row++) {
                int p = row / oh, y = row % oh;
                int r0 = (p * h + ty.i0[y]) * w, r1 = (p * h + ty.i1[y]) * w;
                float wy0 = ty.w0[y], wy1 = ty.w1[y];
                int dst = row * ow;
                for (int x = 0; x < ow; x++) {
                    int x0 = tx.i0[x], x1 = tx.i1[x];
                    float wx0 = tx.w0[x], wx1 = tx.w1[x];
                    out[dst + x] = wy0 * (wx0 * in[r0 + x0] + wx1 * in[r0 + x1])
                            + wy1 * (wx0 * in[r1 + x0] + wx1 * in[r1 + x1]);
                }
            }
        });
    }

    /** Max pooling of {@code planes} H×W planes (see Ops.maxPool2d), one output row per task. */
    static void maxPool2d(float[] out, float[] in, int planes, int h, int w, int oh, int ow, int k, int stride,
            int padding) {
        int rows = planes * oh;
        Parallel.forRange(0, rows, Math.max(1, ElementOps.GRAIN / Math.max(1, ow * k * k)), (lo, hi) -> {
            for (int row = lo; row < hi; row++) {
                int p = row / oh, oy = row % oh;
                int y0 = Math.max(0, oy * stride - padding), y1 = Math.min(h, oy * stride - padding + k);
                int base = p * h * w;
                for (int ox = 0; ox < ow; ox++) {
                    int x0 = Math.max(0, ox * stride - padding), x1 = Math.min(w, ox * stride - padding + k);
                    float m = Float.NEGATIVE_INFINITY;
                    for (int y = y0; y < y1; y++) {
                        for (int x = x0; x < x1; x++) {
                            float v = in[base + y * w + x];
                            if (v > m || Float.isNaN(v)) {
                                m = v;
                            }
                        }
                    }
                    out[row * ow + ox] = m;
                }
            }
        });
    }
}
