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
        int vEnd = S.loopBound(len);
        // 1. mean
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (; i < vEnd; i += LANES) {
            acc = acc.add(FloatVector.fromArray(S, in, off + i));
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            sum += in[off + i];
        }
        float mean = sum / len;
        // 2. variance from centred values (two passes: no cancellation when |mean| ≫ std)
        acc = FloatVector.zero(S);
        for (i = 0; i < vEnd; i += LANES) {
            FloatVector d = FloatVector.fromArray(S, in, off + i).sub(mean);
            acc = d.fma(d, acc);
        }
        float sq = acc.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            float d = in[off + i] - mean;
            sq += d * d;
        }
        float rstd = (float) (1 / Math.sqrt(sq / len + eps));
        // 3. normalise, scale, shift
        for (i = 0; i < vEnd; i += LANES) {
            FloatVector y = FloatVector.fromArray(S, in, off + i).sub(mean).mul(rstd);
            if (gamma != null) {
                y = y.mul(FloatVector.fromArray(S, gamma, i));
            }
            if (beta != null) {
                y = y.add(FloatVector.fromArray(S, beta, i));
            }
            y.intoArray(out, off + i);
        }
        for (; i < len; i++) {
            float y = (in[off + i] - mean) * rstd;
            if (gamma != null) {
                y *= gamma[i];
            }
            if (beta != null) {
                y += beta[i];
            }
            out[off + i] = y;
        }
    }
}
