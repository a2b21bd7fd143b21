package org.attentionworkbench.compute.device.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.attentionworkbench.compute.parallel.Parallel;
import org.attentionworkbench.compute.tensor.Activation;

/**
 * Element-wise kernels: activations, add with trailing broadcast, scale. Each works on a range
 * [from, to) of flat indices so that {@link Parallel#forRange} can split it; the vector loop is
 * followed by a scalar tail with the same formula.
 *
 * <p>Dimension legend: n elements of the output, period the length of the broadcast operand.
 */
final class ElementOps {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Elements per parallel chunk: below this, thread hand-off costs more than it saves. */
    static final int GRAIN = 1 << 15;

    private static final float INV_SQRT2 = (float) (1 / Math.sqrt(2));

    private ElementOps() {}

    static void activate(float[] out, float[] in, int n, Activation fn) {
        switch (fn) {
            case RELU -> Parallel.forRange(0, n, GRAIN, (lo, hi) -> clamp(out, in, lo, hi, Float.POSITIVE_INFINITY));
            case RELU6 -> Parallel.forRange(0, n, GRAIN, (lo, hi) -> clamp(out, in, lo, hi, 6f));
            case GELU -> Parallel.forRange(0, n, GRAIN, (lo, hi) -> gelu(out, in, lo, hi, GELU_SCRATCH.get()));
        }
    }

    /**
     * The activation in place over c[off + i·stride + from : off + i·stride + to) for i < rows, on
     * the calling thread (a GEMM epilogue over its rectangle of C). GELU's scratch is looked up
     * once per call, not once per row (the lookup had been 2% of a ViT forward).
     */
    static void activateRows(float[] c, int off, int rows, int stride, int from, int to, Activation fn) {
        GeluScratch w = fn == Activation.GELU ? GELU_SCRATCH.get() : null;
        for (int i = 0, row = off; i < rows; i++, row += stride) {
            switch (fn) {
                case RELU -> clamp(c, c, row + from, row + to, Float.POSITIVE_INFINITY);
                case RELU6 -> clamp(c, c, row + from, row + to, 6f);
                case GELU -> gelu(c, c, row + from, row + to, w);
            }
        }
    }

    /** c[off + j] += bias[bOff + j] + rb for j < len; bias may be null (then only rb). */
    static void addBias(float[] c, int off, float[] bias, int bOff, int len, float rb) {
        int j = 0;
        if (bias == null) {
            if (rb != 0f) {
                for (int end = S.loopBound(len); j < end; j += L) {
                    FloatVector.fromArray(S, c, off + j).add(rb).intoArray(c, off + j);
                }
                for (; j < len; j++) {
                    c[off + j] += rb;
                }
            }
            return;
        }
        for (int end = S.loopBound(len); j < end; j += L) {
            FloatVector.fromArray(S, c, off + j).add(FloatVector.fromArray(S, bias, bOff + j)).add(rb)
                    .intoArray(c, off + j);
        }
        for (; j < len; j++) {
            c[off + j] += bias[bOff + j] + rb;
        }
    }

    /** out = min(max(0, x), hi): RELU with hi = ∞, RELU6 with hi = 6. */
    private static void clamp(float[] out, float[] in, int from, int to, float hi) {
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += L) {
            FloatVector.fromArray(S, in, i).max(0f).min(hi).intoArray(out, i);
        }
        for (; i < to; i++) {
            out[i] = Math.min(Math.max(0f, in[i]), hi);
        }
    }

    /**
     * Exact GELU, x · Φ(x), written through erfc so that it keeps relative accuracy on both sides:
     * x ≥ 0: x · (1 - erfc(x/√2) / 2); x < 0: x · erfc(|x|/√2) / 2.
     *
     * <p>In chunks that stay in L1, three passes of plain vector loops: the exponent and factor of
     * erfc, the exponentials ({@link VectorExp#expInPlace}), the product. No vector crosses a method
     * call: C2 now and then declines to inline a 200-300 byte vector helper, and then boxes every
     * vector that crosses the call (GELU took 10 of 75 ms per ViT-S forward, depending on the JVM run).
     */
    private static void gelu(float[] out, float[] in, int from, int to, GeluScratch w) {
        int vecEnd = from + S.loopBound(to - from);
        for (int c0 = from; c0 < vecEnd; c0 += GELU_CHUNK) {
            int len = Math.min(GELU_CHUNK, vecEnd - c0);
            erfcParts(in, c0, len, w.exponent, w.factor);
            VectorExp.expInPlace(w.exponent, 0, len, 0f);
            geluProduct(out, in, c0, len, w.exponent, w.factor);
        }
        for (int i = vecEnd; i < to; i++) {
            out[i] = gelu(in[i]);
        }
    }

    /** Elements per GELU chunk: its two scratch rows and the chunk of input stay in L1. */
    private static final int GELU_CHUNK = 512;

    private static final class GeluScratch {
        final float[] exponent = new float[GELU_CHUNK];
        final float[] factor = new float[GELU_CHUNK];
    }

    private static final ThreadLocal<GeluScratch> GELU_SCRATCH = ThreadLocal.withInitial(GeluScratch::new);

    /**
     * For z = min(|x|, 20) (erfc underflows there anyway, and x² cannot overflow), erfc(z/√2) =
     * t · exp(s) · f: writes s (≤ 0) and f for len elements (a multiple of the lanes) from in[off].
     */
    private static void erfcParts(float[] in, int off, int len, float[] exponent, float[] factor) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < len; i += L) {
            FloatVector x = FloatVector.fromArray(S, in, off + i).abs().min(20f);
            FloatVector t = one.div(x.fma(0.5f * INV_SQRT2, 1f));
            // P(t) by Estrin's scheme: four dependent steps instead of Horner's nine, so that the
            // out-of-order core overlaps neighbouring vectors
            FloatVector t2 = t.mul(t);
            FloatVector t4 = t2.mul(t2);
            FloatVector t8 = t4.mul(t4);
            FloatVector p01 = t.fma(FloatVector.broadcast(S, E1), FloatVector.broadcast(S, E0));
            FloatVector p23 = t.fma(FloatVector.broadcast(S, E3), FloatVector.broadcast(S, E2));
            FloatVector p45 = t.fma(FloatVector.broadcast(S, E5), FloatVector.broadcast(S, E4));
            FloatVector p67 = t.fma(FloatVector.broadcast(S, E7), FloatVector.broadcast(S, E6));
            FloatVector p89 = t.fma(FloatVector.broadcast(S, E9), FloatVector.broadcast(S, E8));
            FloatVector p03 = p23.fma(t2, p01);
            FloatVector p47 = p67.fma(t2, p45);
            FloatVector p = p47.fma(t4, p03).add(p89.mul(t8));
            FloatVector sq = x.mul(x);
            FloatVector hi = sq.mul(0.5f);
            FloatVector lo = x.fma(x, sq.neg()).mul(0.5f);
            FloatVector sum = p.sub(hi);
            FloatVector bb = sum.sub(p);
            FloatVector err = p.sub(sum.sub(bb)).add(hi.neg().sub(bb));
            sum.intoArray(exponent, i);
            t.mul(err.sub(lo).add(1f)).intoArray(factor, i);
        }
    }

    /** out[off + i] = x · Φ(x) from erfc(|x|/√2) = e[i] · f[i]: y/2 for x < 0, 1 - y/2 otherwise. */
    private static void geluProduct(float[] out, float[] in, int off, int len, float[] e, float[] f) {
        for (int i = 0; i < len; i += L) {
            FloatVector x = FloatVector.fromArray(S, in, off + i);
            FloatVector halfY = FloatVector.fromArray(S, e, i).mul(FloatVector.fromArray(S, f, i)).mul(0.5f);
            FloatVector phi = halfY.neg().add(1f).blend(halfY, x.lt(0f));
            x.mul(phi).intoArray(out, off + i);
        }
    }

    /** Scalar GELU with the same erfc as the vector path. */
    static float gelu(float x) {
        float y = erfcScaled(Math.min(Math.abs(x), 20f));
        float phi = x < 0 ? 0.5f * y : 1f - 0.5f * y;
        return x * phi;
    }

    // erfc(x/√2) for x ≥ 0 as t·exp(-x²/2 + P(t)), t = 1/(1 + z/2), z = x/√2: the Chebyshev fit of
    // Numerical Recipes (erfcc), relative error below 1.2e-7 for every z ≥ 0. The exponent reaches
    // -70 and less, where one float rounding of it costs 4e-6 relative; so x²/2 is taken from x
    // itself (not from the rounded z) and split exactly (hi + lo, by fma), P - hi is summed exactly
    // (TwoSum), and the two small remainders enter as the first-order factor (1 + err - lo).
    private static final float E0 = -1.26551223f, E1 = 1.00002368f, E2 = 0.37409196f, E3 = 0.09678418f,
            E4 = -0.18628806f, E5 = 0.27886807f, E6 = -1.13520398f, E7 = 1.48851587f, E8 = -0.82215223f,
            E9 = 0.17087277f;

    static float erfcScaled(float x) {
        float t = 1f / (1f + 0.5f * INV_SQRT2 * x);
        float p = E9;
        p = Math.fma(p, t, E8);
        p = Math.fma(p, t, E7);
        p = Math.fma(p, t, E6);
        p = Math.fma(p, t, E5);
        p = Math.fma(p, t, E4);
        p = Math.fma(p, t, E3);
        p = Math.fma(p, t, E2);
        p = Math.fma(p, t, E1);
        p = Math.fma(p, t, E0);
        float hi = 0.5f * (x * x);
        float lo = 0.5f * Math.fma(x, x, -(x * x));
        float s = p - hi;
        float bb = s - p;
        float err = (p - (s - bb)) + (-hi - bb);
        return t * (float) Math.exp(s) * (1f + (err - lo));
    }

    /**
     * out = a + b where b repeats every {@code period} elements (period = n for same-shape operands,
     * 1 for a scalar).
     */
    static void add(float[] out, float[] a, float[] b, int n, int period) {
        if (period == 1) {
            float s = b[0];
            Parallel.forRange(0, n, GRAIN, (lo, hi) -> addScalar(out, a, s, lo, hi));
        } else if (period == n) {
            Parallel.forRange(0, n, GRAIN, (lo, hi) -> addRange(out, a, b, lo, lo, hi - lo));
        } else {
            // split over whole repeats of b so that each piece lines up with b's start
            int repeats = n / period;
            int grain = Math.max(1, GRAIN / period);
            Parallel.forRange(0, repeats, grain, (lo, hi) -> {
                for (int r = lo; r < hi; r++) {
                    addRange(out, a, b, r * period, 0, period);
                }
            });
        }
    }

    /** out[off + i] = a[off + i] + b[bOff + i] for i < len. */
    private static void addRange(float[] out, float[] a, float[] b, int off, int bOff, int len) {
        int i = 0;
        for (int end = S.loopBound(len); i < end; i += L) {
            FloatVector.fromArray(S, a, off + i).add(FloatVector.fromArray(S, b, bOff + i)).intoArray(out, off + i);
        }
        for (; i < len; i++) {
            out[off + i] = a[off + i] + b[bOff + i];
        }
    }

    private static void addScalar(float[] out, float[] a, float s, int from, int to) {
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += L) {
            FloatVector.fromArray(S, a, i).add(s).intoArray(out, i);
        }
        for (; i < to; i++) {
            out[i] = a[i] + s;
        }
    }

    static void scale(float[] out, float[] in, int n, float s) {
        Parallel.forRange(0, n, GRAIN, (lo, hi) -> {
            int i = lo;
            for (int end = lo + S.loopBound(hi - lo); i < end; i += L) {
                FloatVector.fromArray(S, in, i).mul(s).intoArray(out, i);
            }
            for (; i < hi; i++) {
                out[i] = in[i] * s;
            }
        });
    }
}
