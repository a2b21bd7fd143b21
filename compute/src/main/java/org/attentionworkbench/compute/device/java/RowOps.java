package org.attentionworkbench.compute.device.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.attentionworkbench.compute.parallel.Parallel;

/**
 * Ops over the last axis: softmax and layer norm. Rows are independent, so threads split rows.
 *
 * <p>Dimension legend: R rows, L row length.
 */
final class RowOps {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = S.length();

    private RowOps() {}

    private static int rowGrain(int length) {
        return Math.max(1, ElementOps.GRAIN / Math.max(1, length));
    }

    /** Stable softmax of each row: exp(x - max) / Σ exp(x - max). out may be in. */
    static void softmax(float[] out, float[] in, int rows, int length) {
        Parallel.forRange(0, rows, rowGrain(length), (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                softmaxRow(out, in, r * length, length);
            }
        });
    }

    /** Stable softmax of in[off : off + len] into out at the same offset; out may be in. */
    static void softmaxRow(float[] out, float[] in, int off, int len) {
        // 1. the row maximum, so that exp never overflows
        int vEnd = S.loopBound(len);
        FloatVector vmax = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (; i < vEnd; i += LANES) {
            vmax = vmax.max(FloatVector.fromArray(S, in, off + i));
        }
        float max = vmax.reduceLanes(VectorOperators.MAX);
        for (; i < len; i++) {
            max = Math.max(max, in[off + i]);
        }
        // 2. exponentials and their sum
        FloatVector vsum = FloatVector.zero(S);
        for (i = 0; i < vEnd; i += LANES) {
            FloatVector e = FloatVector.fromArray(S, in, off + i).sub(max).lanewise(VectorOperators.EXP);
            e.intoArray(out, off + i);
            vsum = vsum.add(e);
        }
        float sum = vsum.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            float e = (float) Math.exp(in[off + i] - max);
            out[off + i] = e;
            sum += e;
        }
        // 3. normalise
        float inv = 1f / sum;
        for (i = 0; i < vEnd; i += LANES) {
            FloatVector.fromArray(S, out, off + i).mul(inv).intoArray(out, off + i);
        }
        for (; i < len; i++) {
            out[off + i] *= inv;
        }
    }

    /** (x - mean) / sqrt(var + eps) · gamma + beta per row; gamma/beta may be null. out may be in. */
    static void layerNorm(float[] out, float[] in, float[] gamma, float[] beta, float eps, int rows, int length) {
        Parallel.forRange(0, rows, rowGrain(length), (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                layerNormRow(out, in, gamma, beta, eps, r * length, length);
            }
        });
    }

    private static void layerNormRow(float[] out, float[] in, float[] gamma, float[] beta, float eps, int off,
            int len) {
        // Four accumulators per reduction: one would chain every add on the last (a 384-wide row
        // is 24 dependent vector adds, ~4 cycles each, and that latency was most of the row's time).
        int vEnd = S.loopBound(len);
        int vEnd4 = len - len % (4 * LANES);
        // 1. mean
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        for (; i < vEnd4; i += 4 * LANES) {
            a0 = a0.add(FloatVector.fromArray(S, in, off + i));
            a1 = a1.add(FloatVector.fromArray(S, in, off + i + LANES));
            a2 = a2.add(FloatVector.fromArray(S, in, off + i + 2 * LANES));
            a3 = a3.add(FloatVector.fromArray(S, in, off + i + 3 * LANES));
        }
        for (; i < vEnd; i += LANES) {
            a0 = a0.add(FloatVector.fromArray(S, in, off + i));
        }
        float sum = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            sum += in[off + i];
        }
        float mean = sum / len;
        // 2. variance from centred values (two passes: no cancellation when |mean| ≫ std)
        a0 = FloatVector.zero(S);
        a1 = a0;
        a2 = a0;
        a3 = a0;
        for (i = 0; i < vEnd4; i += 4 * LANES) {
            FloatVector d0 = FloatVector.fromArray(S, in, off + i).sub(mean);
            FloatVector d1 = FloatVector.fromArray(S, in, off + i + LANES).sub(mean);
            FloatVector d2 = FloatVector.fromArray(S, in, off + i + 2 * LANES).sub(mean);
            FloatVector d3 = FloatVector.fromArray(S, in, off + i + 3 * LANES).sub(mean);
            a0 = d0.fma(d0, a0);
            a1 = d1.fma(d1, a1);
            a2 = d2.fma(d2, a2);
            a3 = d3.fma(d3, a3);
        }
        for (; i < vEnd; i += LANES) {
            FloatVector d = FloatVector.fromArray(S, in, off + i).sub(mean);
            a0 = d.fma(d, a0);
        }
        float sq = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            float d = in[off + i] - mean;
            sq += d * d;
        }
        float rstd = (float) (1 / Math.sqrt(sq / len + eps));
        // 3. normalise, scale, shift: (x - mean) · (rstd · gamma) + beta, one FMA per vector
        for (i = 0; i < vEnd; i += LANES) {
            FloatVector c = FloatVector.fromArray(S, in, off + i).sub(mean);
            FloatVector scale = gamma != null ? FloatVector.fromArray(S, gamma, i).mul(rstd)
                    : FloatVector.broadcast(S, rstd);
            FloatVector y = beta != null ? c.fma(scale, FloatVector.fromArray(S, beta, i)) : c.mul(scale);
            y.intoArray(out, off + i);
        }
        for (; i < len; i++) {
            float scale = gamma != null ? gamma[i] * rstd : rstd;
            float c = in[off + i] - mean;
            out[off + i] = beta != null ? Math.fma(c, scale, beta[i]) : c * scale;
        }
    }
}
