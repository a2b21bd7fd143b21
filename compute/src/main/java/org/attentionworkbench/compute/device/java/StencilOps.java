package org.attentionworkbench.compute.device.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.attentionworkbench.compute.parallel.Parallel;

/**
 * The ops an iterative solver needs: element-wise product, dot product, 3×3 weighted stencil.
 *
 * <p>Dimension legend: n elements; planes P of H×W pixels sharing weights [H, W, 9], offset
 * k = (dy + 1)·3 + (dx + 1).
 */
final class StencilOps {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Dot-product block: summed in float lanes, blocks summed in double (fixed order: deterministic). */
    private static final int BLOCK = 1024;

    private StencilOps() {}

    /** out = a ⊙ b. */
    static void mul(float[] out, float[] a, float[] b, int n) {
        Parallel.forRange(0, n, ElementOps.GRAIN, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += L) {
                FloatVector.fromArray(S, a, i).mul(FloatVector.fromArray(S, b, i)).intoArray(out, i);
            }
            for (; i < to; i++) {
                out[i] = a[i] * b[i];
            }
        });
    }

    /** Σ a_i · b_i: float lanes within blocks of BLOCK, double across blocks. */
    static float dot(float[] a, float[] b, int n) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] part = new double[blocks];
        Parallel.forRange(0, blocks, 32, (b0, b1) -> {
            for (int blk = b0; blk < b1; blk++) {
                int from = blk * BLOCK, to = Math.min(n, from + BLOCK);
                FloatVector acc = FloatVector.zero(S);
                int i = from;
                for (int end = from + S.loopBound(to - from); i < end; i += L) {
                    acc = FloatVector.fromArray(S, a, i).fma(FloatVector.fromArray(S, b, i), acc);
                }
                double s = acc.reduceLanes(VectorOperators.ADD);
                for (; i < to; i++) {
                    s += (double) a[i] * b[i];
                }
                part[blk] = s;
            }
        });
        double s = 0;
        for (double p : part) {
            s += p;
        }
        return (float) s;
    }

    /** out[p, y, x] = Σ_k wts[y, x, k] · in[p, y + dy, x + dx], zero outside; rows split across threads. */
    static void stencil3x3(float[] out, float[] in, float[] wts, int planes, int h, int w) {
        Parallel.forRange(0, planes * h, Math.max(1, 16384 / Math.max(1, w)), (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int p = r / h, y = r % h;
                int base = p * h * w;
                for (int x = 0; x < w; x++) {
                    int o = (y * w + x) * 9;
                    float s = 0f;
                    for (int dy = -1; dy <= 1; dy++) {
                        int yy = y + dy;
                        if (yy < 0 || yy >= h) {
                            continue;
                        }
                        int row = base + yy * w;
                        int k = o + (dy + 1) * 3;
                        // the three taps of this row, the left/right ones only inside the image
                        if (x > 0) {
                            s += wts[k] * in[row + x - 1];
                        }
                        s += wts[k + 1] * in[row + x];
                        if (x + 1 < w) {
                            s += wts[k + 2] * in[row + x + 1];
                        }
                    }
                    out[base + y * w + x] = s;
                }
            }
        });
    }
}
