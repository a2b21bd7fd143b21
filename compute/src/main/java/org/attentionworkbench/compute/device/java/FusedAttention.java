package org.attentionworkbench.compute.device.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.attentionworkbench.compute.parallel.Parallel;
import org.attentionworkbench.compute.tensor.Shapes;

/**
 * Fused attention: out = softmax(scale · q·kᵀ) · v, one block of query rows at a time, never
 * writing the Nq×Nk scores (unless the caller asks for the probabilities).
 *
 * <p>Legend: BH batch·heads, Nq queries, Nk keys, Dh head width; QB query rows per block, L lanes.
 * q, out [BH, Nq, Dh]; k, v [BH, Nk, Dh]; probs [BH, Nq, Nk] or null.
 *
 * <p>Per block of QB query rows: (1) scores [QB, Nk] = scale · q·kᵀ against kᵀ [Dh, Nk] (transposed
 * once per head, so the inner loop runs along keys with one broadcast of q per row and depth step);
 * (2) an exact softmax of each row in place: the rows live in a per-thread buffer, so no online
 * rescaling is needed and the result equals the unfused path's; (3) out [QB, Dh] = p · v, along Dh.
 * QB rows share every load of kᵀ and v, which keeps both loops on FMAs rather than loads.
 */
final class FusedAttention {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Query rows per block (4 rows × 2 vectors = 8 independent FMA chains in both loops). */
    static final int QB = 4;

    /** Per-thread buffers, grown on demand and kept. */
    private static final class Work {
        float[] kt = new float[0];     // [Dh, NkPad]
        float[] scores = new float[0]; // [QB, NkPad]

        void ensure(int dh, int nkPad) {
            if (kt.length < dh * nkPad) {
                kt = new float[dh * nkPad];
            }
            if (scores.length < QB * nkPad) {
                scores = new float[QB * nkPad];
            }
        }
    }

    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

    private FusedAttention() {}

    static void attention(float[] out, float[] probs, float[] q, float[] k, float[] v, float scale,
            Shapes.AttentionDims d) {
        int bh = d.bh(), nq = d.nq(), nk = d.nk(), dh = d.dh();
        if (bh == 0 || nq == 0) {
            return;
        }
        int nkPad = (nk + L - 1) / L * L;
        int blocks = (nq + QB - 1) / QB;
        // Split heads into query-block ranges when there are fewer heads than about two per thread;
        // each range transposes its head's keys itself, a small cost next to its Nq·Nk·Dh work.
        int parts = Math.min(blocks, Math.max(1, (2 * Parallel.threads() + bh - 1) / bh));
        Parallel.forRange(0, bh * parts, 1, (from, to) -> {
            Work w = WORK.get();
            w.ensure(dh, nkPad);
            int loaded = -1;
            for (int u = from; u < to; u++) {
                int head = u / parts, part = u % parts;
                if (head != loaded) {
                    transposeKeys(w.kt, k, head * nk * dh, nk, nkPad, dh);
                    loaded = head;
                }
                int b0 = (int) ((long) blocks * part / parts), b1 = (int) ((long) blocks * (part + 1) / parts);
                for (int blk = b0; blk < b1; blk++) {
                    int r0 = blk * QB, rows = Math.min(QB, nq - r0);
                    int qOff = (head * nq + r0) * dh;
                    scores(w.scores, w.kt, q, qOff, rows, nk, nkPad, dh, scale);
                    for (int r = 0; r < rows; r++) {
                        RowOps.softmaxRow(w.scores, w.scores, r * nkPad, nk);
                        if (probs != null) {
                            System.arraycopy(w.scores, r * nkPad, probs, (head * nq + r0 + r) * nk, nk);
                        }
                    }
                    weightValues(out, qOff, w.scores, v, head * nk * dh, rows, nk, nkPad, dh);
                }
            }
        });
    }

    /** kᵀ [Dh, NkPad] of one head, keys beyond Nk zero (their scores are computed and ignored). */
    private static void transposeKeys(float[] kt, float[] k, int kOff, int nk, int nkPad, int dh) {
        for (int j = 0; j < nk; j++) {
            int src = kOff + j * dh;
            for (int c = 0; c < dh; c++) {
                kt[c * nkPad + j] = k[src + c];
            }
        }
        for (int c = 0; c < dh; c++) {
            java.util.Arrays.fill(kt, c * nkPad + nk, c * nkPad + nkPad, 0f);
        }
    }

    /**
     * scores[r, :] = scale · q[r] · kᵀ for the block's rows; a short block repeats its first row
     * in the missing slots (computed, never read) so the loop has one shape.
     */
    private static void scores(float[] sc, float[] kt, float[] q, int qOff, int rows, int nk, int nkPad, int dh,
            float scale) {
        int q0 = qOff, q1 = qOff + (rows > 1 ? dh : 0), q2 = qOff + (rows > 2 ? 2 * dh : 0),
                q3 = qOff + (rows > 3 ? 3 * dh : 0);
        int j = 0;
        for (; j + 2 * L <= nkPad; j += 2 * L) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, d0 = a0, d1 = a0;
            for (int c = 0, kp = j; c < dh; c++, kp += nkPad) {
                FloatVector k0 = FloatVector.fromArray(S, kt, kp);
                FloatVector k1 = FloatVector.fromArray(S, kt, kp + L);
                FloatVector x = FloatVector.broadcast(S, q[q0 + c]);
                a0 = x.fma(k0, a0);
                a1 = x.fma(k1, a1);
                x = FloatVector.broadcast(S, q[q1 + c]);
                b0 = x.fma(k0, b0);
                b1 = x.fma(k1, b1);
                x = FloatVector.broadcast(S, q[q2 + c]);
                c0 = x.fma(k0, c0);
                c1 = x.fma(k1, c1);
                x = FloatVector.broadcast(S, q[q3 + c]);
                d0 = x.fma(k0, d0);
                d1 = x.fma(k1, d1);
            }
            a0.mul(scale).intoArray(sc, j);
            a1.mul(scale).intoArray(sc, j + L);
            b0.mul(scale).intoArray(sc, nkPad + j);
            b1.mul(scale).intoArray(sc, nkPad + j + L);
            c0.mul(scale).intoArray(sc, 2 * nkPad + j);
            c1.mul(scale).intoArray(sc, 2 * nkPad + j + L);
            d0.mul(scale).intoArray(sc, 3 * nkPad + j);
            d1.mul(scale).intoArray(sc, 3 * nkPad + j + L);
        }
        for (; j < nkPad; j += L) {
            FloatVector a = FloatVector.zero(S), b = a, c0 = a, dd = a;
            for (int c = 0, kp = j; c < dh; c++, kp += nkPad) {
                FloatVector kv = FloatVector.fromArray(S, kt, kp);
                a = FloatVector.broadcast(S, q[q0 + c]).fma(kv, a);
                b = FloatVector.broadcast(S, q[q1 + c]).fma(kv, b);
                c0 = FloatVector.broadcast(S, q[q2 + c]).fma(kv, c0);
                dd = FloatVector.broadcast(S, q[q3 + c]).fma(kv, dd);
            }
            a.mul(scale).intoArray(sc, j);
            b.mul(scale).intoArray(sc, nkPad + j);
            c0.mul(scale).intoArray(sc, 2 * nkPad + j);
            dd.mul(scale).intoArray(sc, 3 * nkPad + j);
        }
    }

    /** out[r] = Σ_j p[r, j] · v[j] for the block's rows, along Dh in chunks of two vectors, one, then a masked tail. */
    private static void weightValues(float[] out, int outOff, float[] p, float[] v, int vOff, int rows, int nk,
            int nkPad, int dh) {
        int p1 = rows > 1 ? nkPad : 0, p2 = rows > 2 ? 2 * nkPad : 0, p3 = rows > 3 ? 3 * nkPad : 0;
        int c = 0;
        for (; c + 2 * L <= dh; c += 2 * L) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, d0 = a0, d1 = a0;
            for (int j = 0, vp = vOff + c; j < nk; j++, vp += dh) {
                FloatVector v0 = FloatVector.fromArray(S, v, vp);
                FloatVector v1 = FloatVector.fromArray(S, v, vp + L);
                FloatVector x = FloatVector.broadcast(S, p[j]);
                a0 = x.fma(v0, a0);
                a1 = x.fma(v1, a1);
                x = FloatVector.broadcast(S, p[p1 + j]);
                b0 = x.fma(v0, b0);
                b1 = x.fma(v1, b1);
                x = FloatVector.broadcast(S, p[p2 + j]);
                c0 = x.fma(v0, c0);
                c1 = x.fma(v1, c1);
                x = FloatVector.broadcast(S, p[p3 + j]);
                d0 = x.fma(v0, d0);
                d1 = x.fma(v1, d1);
            }
            // vectors stay in registers only when they never leave this method: store here, row by row
            int o = outOff + c;
            a0.intoArray(out, o);
            a1.intoArray(out, o + L);
            if (rows > 1) {
                b0.intoArray(out, o + dh);
                b1.intoArray(out, o + dh + L);
            }
            if (rows > 2) {
                c0.intoArray(out, o + 2 * dh);
                c1.intoArray(out, o + 2 * dh + L);
            }
            if (rows > 3) {
                d0.intoArray(out, o + 3 * dh);
                d1.intoArray(out, o + 3 * dh + L);
            }
        }
        for (; c < dh; c += L) {
            VectorMask<Float> m = S.indexInRange(c, dh);
            FloatVector a = FloatVector.zero(S), b = a, cc = a, dd = a;
            for (int j = 0, vp = vOff + c; j < nk; j++, vp += dh) {
                FloatVector x = FloatVector.fromArray(S, v, vp, m);
                a = FloatVector.broadcast(S, p[j]).fma(x, a);
                b = FloatVector.broadcast(S, p[p1 + j]).fma(x, b);
                cc = FloatVector.broadcast(S, p[p2 + j]).fma(x, cc);
                dd = FloatVector.broadcast(S, p[p3 + j]).fma(x, dd);
            }
            int o = outOff + c;
            a.intoArray(out, o, m);
            if (rows > 1) {
                b.intoArray(out, o + dh, m);
            }
            if (rows > 2) {
                cc.intoArray(out, o + 2 * dh, m);
            }
            if (rows > 3) {
                dd.intoArray(out, o + 3 * dh, m);
            }
        }
    }
}
