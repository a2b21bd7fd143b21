package org.attentionworkbench.compute.device.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.attentionworkbench.compute.parallel.Parallel;
import org.attentionworkbench.compute.tensor.Shapes;

/**
 * Fused attention: out = softmax(scale · q·kᵀ) · v per head, one block of query rows at a time,
 * never writing the Nq×Nk scores (unless the caller asks for the probabilities).
 *
 * <p>Legend: U units (batch·heads), Nq queries, Nk keys, Dh head width; R query rows per block,
 * L lanes, KW = 2L keys per panel. q, out: Nq rows of Dh per unit; k, v: Nk rows of Dh per unit; each
 * operand is addressed through {@link Rows} (offset of a unit, stride of a row), so the same kernel
 * reads [U, N, Dh] tensors and the q|k|v thirds of a packed projection [B, N, 3·H·Dh] in place, and
 * writes out as [U, N, Dh] or straight into the merged [B, N, H·Dh]. probs [U, Nq, Nk] or null.
 *
 * <p>Per unit, kᵀ is packed once into panels [Nk/KW][Dh][KW] (by gathers), so the score loop streams
 * one small panel per KW keys. Per block of R query rows (q packed transposed, [Dh][R], so its
 * broadcasts sit at fixed offsets): (1) scores [R, Nk] = scale · q·kᵀ, an R×KW register tile per
 * panel like a GEMM micro-kernel; (2) the softmax of each whole row (the row is in a per-thread
 * buffer, so no online rescaling: the same max-subtracted exponentials as the unfused path, through
 * a polynomial within 2 ulp of the library's exp), leaving exp(s - max) and 1/Σ; (3) out [R, Dh] =
 * (e · v) · 1/Σ, an R×2L register tile along Dh. The normalised probabilities are written only
 * when the caller keeps them.
 */
final class FusedAttention {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * Query rows per block: R rows × 2 vectors of accumulators in both loops, plus two operand
     * vectors and a broadcast: 8 rows (19 registers) where there are 32 vector registers (AVX-512),
     * 6 rows (15) where there are 16 (AVX2: 8 rows spilled and ran at 77 GFLOP/s per ViT-S layer).
     */
    static final int R = L >= 16 ? 8 : 6;
    /** Keys per packed panel of kᵀ. */
    private static final int KW = 2 * L;

    /**
     * Where one operand's rows lie: row i of unit u (= batch · heads + head) starts at
     * base + (u / heads) · batchStride + (u % heads) · headStride + i · rowStride.
     */
    record Rows(float[] a, int base, int heads, int batchStride, int headStride, int rowStride) {
        int unit(int u) {
            return base + (u / heads) * batchStride + (u % heads) * headStride;
        }

        /** Contiguous [U, N, Dh]. */
        static Rows dense(float[] a, int n, int dh) {
            return new Rows(a, 0, 1, n * dh, 0, dh);
        }
    }

    /** Per-thread buffers, grown on demand and kept. */
    private static final class Work {
        float[] kp = new float[0];     // kᵀ panels [NkPad / KW][Dh][KW] (a last narrower panel of L)
        float[] vp = new float[0];     // v panels [ceil(Dh / KW)][Nk][KW], columns past Dh zero
        float[] qt = new float[0];     // q block transposed [Dh][R]
        final int[] rowIdx = new int[L]; // offsets of L key rows, for the gathers of packKeys
        float[] scores = new float[0]; // [R, NkPad]
        final float[] inv = new float[R];

        void ensure(int dh, int nkPad) {
            if (kp.length < dh * nkPad) {
                kp = new float[dh * nkPad];
            }
            if (vp.length < (dh + KW - 1) / KW * KW * nkPad) {
                vp = new float[(dh + KW - 1) / KW * KW * nkPad];
            }
            if (qt.length < dh * R) {
                qt = new float[dh * R];
            }
            if (scores.length < R * nkPad) {
                scores = new float[R * nkPad];
            }
        }
    }

    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

    private FusedAttention() {}

    /** q, out [U, Nq, Dh]; k, v [U, Nk, Dh]; probs [U, Nq, Nk] or null. */
    static void attention(float[] out, float[] probs, float[] q, float[] k, float[] v, float scale,
            Shapes.AttentionDims d) {
        int nq = d.nq(), nk = d.nk(), dh = d.dh();
        run(Rows.dense(out, nq, dh), probs, Rows.dense(q, nq, dh), Rows.dense(k, nk, dh), Rows.dense(v, nk, dh),
                d.bh(), nq, nk, dh, scale, false, 0f);
    }

    /**
     * Sigmoid attention (FlashSigmoid): out = σ(scale · q·kᵀ + bias) · v, the same blocks and register
     * tiles as {@link #attention} with step 2 replaced by an element-wise σ (no row max, no row sum, no
     * 1/Σ). q, out [U, Nq, Dh]; k, v [U, Nk, Dh]; probs [U, Nq, Nk] (the σ values) or null.
     */
    static void sigmoidAttention(float[] out, float[] probs, float[] q, float[] k, float[] v, float scale, float bias,
            Shapes.AttentionDims d) {
        int nq = d.nq(), nk = d.nk(), dh = d.dh();
        run(Rows.dense(out, nq, dh), probs, Rows.dense(q, nq, dh), Rows.dense(k, nk, dh), Rows.dense(v, nk, dh),
                d.bh(), nq, nk, dh, scale, true, bias);
    }

    /** qkv [B, N, 3·H·Dh] (q | k | v, each heads-major); out [B, N, H·Dh]; probs [B, H, N, N] or null. */
    static void selfAttention(float[] out, float[] probs, float[] qkv, float scale, Shapes.SelfAttentionDims d) {
        int h = d.heads(), n = d.n(), dh = d.dh(), w = h * dh;
        Rows q = new Rows(qkv, 0, h, n * 3 * w, dh, 3 * w);
        Rows k = new Rows(qkv, w, h, n * 3 * w, dh, 3 * w);
        Rows v = new Rows(qkv, 2 * w, h, n * 3 * w, dh, 3 * w);
        run(new Rows(out, 0, h, n * w, dh, w), probs, q, k, v, d.b() * h, n, n, dh, scale, false, 0f);
    }

    /** {@code sigmoid}: σ(s + bias) in step 2 instead of the softmax. */
    private static void run(Rows out, float[] probs, Rows q, Rows k, Rows v, int units, int nq, int nk, int dh,
            float scale, boolean sigmoid, float bias) {
        if (units == 0 || nq == 0) {
            return;
        }
        int nkPad = (nk + L - 1) / L * L;
        int blocks = (nq + R - 1) / R;
        // Split units into query-block ranges when there are fewer than about two per thread; each
        // range packs its unit's keys itself, a small cost next to its Nq·Nk·Dh work.
        int parts = Math.min(blocks, Math.max(1, (2 * Parallel.threads() + units - 1) / units));
        Parallel.forRange(0, units * parts, 1, (from, to) -> {
            Work w = WORK.get();
            w.ensure(dh, nkPad);
            int loaded = -1;
            for (int t = from; t < to; t++) {
                int u = t / parts, part = t % parts;
                if (u != loaded) {
                    packKeys(w.kp, w.rowIdx, k.a(), k.unit(u), k.rowStride(), nk, nkPad, dh);
                    packValues(w.vp, v.a(), v.unit(u), v.rowStride(), nk, dh);
                    loaded = u;
                }
                int qu = q.unit(u), ou = out.unit(u);
                int b0 = (int) ((long) blocks * part / parts), b1 = (int) ((long) blocks * (part + 1) / parts);
                for (int blk = b0; blk < b1; blk++) {
                    int r0 = blk * R, rows = Math.min(R, nq - r0);
                    // 1. scores of the block's rows against every key
                    packQueries(w.qt, q.a(), qu + r0 * q.rowStride(), q.rowStride(), rows, dh);
                    if (R == 8) {
                        scores(w.scores, w.kp, w.qt, nkPad, dh, scale);
                    } else {
                        scores6(w.scores, w.kp, w.qt, nkPad, dh, scale);
                    }
                    // 2. exact softmax per row: exponentials in place, 1/Σ aside, probabilities if kept
                    for (int r = 0; r < rows; r++) {
                        int off = r * nkPad;
                        if (sigmoid) {
                            // σ of the padding keys' zero scores is never read (the value loop stops at Nk)
                            VectorExp.sigmoidInPlace(w.scores, off, nkPad, bias);
                            w.inv[r] = 1f;
                        } else {
                            w.inv[r] = expRow(w.scores, off, nk, nkPad);
                        }
                        if (probs != null) {
                            normalise(probs, ((long) u * nq + r0 + r) * nk, w.scores, off, nk, w.inv[r]);
                        }
                    }
                    // 3. probabilities times values, straight into out
                    if (R == 8) {
                        weightValues(out.a(), ou + r0 * out.rowStride(), out.rowStride(), w.scores, w.inv, w.vp,
                                rows, nk, nkPad, dh);
                    } else {
                        weightValues6(out.a(), ou + r0 * out.rowStride(), out.rowStride(), w.scores, w.inv, w.vp,
                                rows, nk, nkPad, dh);
                    }
                }
            }
        });
    }

    /**
     * kᵀ of one unit in panels: key j, column c at (j / KW)·KW·Dh + c·pw + j % KW, pw the panel's
     * width (KW, or L for a last panel of at most L keys); keys beyond Nk are zero. Each vector of
     * L keys at one column is one gather (rows {@code stride} apart), not L scalar moves.
     */
    private static void packKeys(float[] kp, int[] rowIdx, float[] k, int kOff, int stride, int nk, int nkPad, int dh) {
        for (int jj = 0; jj < L; jj++) {
            rowIdx[jj] = jj * stride;
        }
        for (int j0 = 0; j0 < nkPad; j0 += L) {
            int p0 = j0 / KW * KW, pw = Math.min(KW, nkPad - p0), dst = p0 * dh + (j0 - p0);
            int src = kOff + j0 * stride;
            if (j0 + L <= nk) {
                for (int c = 0; c < dh; c++, dst += pw) {
                    FloatVector.fromArray(S, k, src + c, rowIdx, 0).intoArray(kp, dst);
                }
            } else {
                // the last, partial vector: lanes past Nk gather row 0 (in bounds) and are zeroed
                VectorMask<Float> m = S.indexInRange(j0, nk);
                for (int jj = nk - j0; jj < L; jj++) {
                    rowIdx[jj] = 0;
                }
                for (int c = 0; c < dh; c++, dst += pw) {
                    FloatVector.fromArray(S, k, src + c, rowIdx, 0).blend(0f, m.not()).intoArray(kp, dst);
                }
            }
        }
    }

    /**
     * v of one unit in panels of KW columns: column c of key j at (c / KW)·Nk·KW + j·KW + c % KW,
     * columns past Dh zero. The value loop then streams one contiguous panel per chunk of columns;
     * read in place, v's rows lie one projection row apart (3·H·Dh floats, a multiple of 4 KiB / 8
     * for ViT-S), so a head's 197 rows fell into a few L1 sets and came from L2 on every block.
     */
    private static void packValues(float[] vp, float[] v, int vOff, int stride, int nk, int dh) {
        for (int c0 = 0, dst = 0; c0 < dh; c0 += KW) {
            int width = Math.min(KW, dh - c0);
            for (int j = 0, src = vOff + c0; j < nk; j++, src += stride, dst += KW) {
                System.arraycopy(v, src, vp, dst, width);
                if (width < KW) {
                    java.util.Arrays.fill(vp, dst + width, dst + KW, 0f);
                }
            }
        }
    }

    /** q rows of the block transposed, [Dh][R]; a short block repeats its first row (computed, never read). */
    private static void packQueries(float[] qt, float[] q, int qOff, int stride, int rows, int dh) {
        for (int r = 0; r < R; r++) {
            int src = qOff + (r < rows ? r : 0) * stride;
            for (int c = 0, dst = r; c < dh; c++, dst += R) {
                qt[dst] = q[src + c];
            }
        }
    }

    /** scores[r, :] = scale · q[r] · kᵀ over all NkPad keys, an R×KW tile per panel (R×L for a last narrow one). */
    private static void scores(float[] sc, float[] kp, float[] qt, int nkPad, int dh, float scale) {
        int j = 0;
        for (; j + KW <= nkPad; j += KW) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, d0 = a0, d1 = a0,
                    e0 = a0, e1 = a0, f0 = a0, f1 = a0, g0 = a0, g1 = a0, h0 = a0, h1 = a0;
            for (int c = 0, kq = j * dh, qq = 0; c < dh; c++, kq += KW, qq += R) {
                FloatVector k0 = FloatVector.fromArray(S, kp, kq);
                FloatVector k1 = FloatVector.fromArray(S, kp, kq + L);
                FloatVector x = FloatVector.broadcast(S, qt[qq]);
                a0 = x.fma(k0, a0);
                a1 = x.fma(k1, a1);
                x = FloatVector.broadcast(S, qt[qq + 1]);
                b0 = x.fma(k0, b0);
                b1 = x.fma(k1, b1);
                x = FloatVector.broadcast(S, qt[qq + 2]);
                c0 = x.fma(k0, c0);
                c1 = x.fma(k1, c1);
                x = FloatVector.broadcast(S, qt[qq + 3]);
                d0 = x.fma(k0, d0);
                d1 = x.fma(k1, d1);
                x = FloatVector.broadcast(S, qt[qq + 4]);
                e0 = x.fma(k0, e0);
                e1 = x.fma(k1, e1);
                x = FloatVector.broadcast(S, qt[qq + 5]);
                f0 = x.fma(k0, f0);
                f1 = x.fma(k1, f1);
                x = FloatVector.broadcast(S, qt[qq + 6]);
                g0 = x.fma(k0, g0);
                g1 = x.fma(k1, g1);
                x = FloatVector.broadcast(S, qt[qq + 7]);
                h0 = x.fma(k0, h0);
                h1 = x.fma(k1, h1);
            }
            a0.mul(scale).intoArray(sc, j);
            a1.mul(scale).intoArray(sc, j + L);
            b0.mul(scale).intoArray(sc, nkPad + j);
            b1.mul(scale).intoArray(sc, nkPad + j + L);
            c0.mul(scale).intoArray(sc, 2 * nkPad + j);
            c1.mul(scale).intoArray(sc, 2 * nkPad + j + L);
            d0.mul(scale).intoArray(sc, 3 * nkPad + j);
            d1.mul(scale).intoArray(sc, 3 * nkPad + j + L);
            e0.mul(scale).intoArray(sc, 4 * nkPad + j);
            e1.mul(scale).intoArray(sc, 4 * nkPad + j + L);
            f0.mul(scale).intoArray(sc, 5 * nkPad + j);
            f1.mul(scale).intoArray(sc, 5 * nkPad + j + L);
            g0.mul(scale).intoArray(sc, 6 * nkPad + j);
            g1.mul(scale).intoArray(sc, 6 * nkPad + j + L);
            h0.mul(scale).intoArray(sc, 7 * nkPad + j);
            h1.mul(scale).intoArray(sc, 7 * nkPad + j + L);
        }
        if (j < nkPad) {
            FloatVector a = FloatVector.zero(S), b = a, c0 = a, d = a, e = a, f = a, g = a, h = a;
            for (int c = 0, kq = j * dh, qq = 0; c < dh; c++, kq += L, qq += R) {
                FloatVector kv = FloatVector.fromArray(S, kp, kq);
                a = FloatVector.broadcast(S, qt[qq]).fma(kv, a);
                b = FloatVector.broadcast(S, qt[qq + 1]).fma(kv, b);
                c0 = FloatVector.broadcast(S, qt[qq + 2]).fma(kv, c0);
                d = FloatVector.broadcast(S, qt[qq + 3]).fma(kv, d);
                e = FloatVector.broadcast(S, qt[qq + 4]).fma(kv, e);
                f = FloatVector.broadcast(S, qt[qq + 5]).fma(kv, f);
                g = FloatVector.broadcast(S, qt[qq + 6]).fma(kv, g);
                h = FloatVector.broadcast(S, qt[qq + 7]).fma(kv, h);
            }
            a.mul(scale).intoArray(sc, j);
            b.mul(scale).intoArray(sc, nkPad + j);
            c0.mul(scale).intoArray(sc, 2 * nkPad + j);
            d.mul(scale).intoArray(sc, 3 * nkPad + j);
            e.mul(scale).intoArray(sc, 4 * nkPad + j);
            f.mul(scale).intoArray(sc, 5 * nkPad + j);
            g.mul(scale).intoArray(sc, 6 * nkPad + j);
            h.mul(scale).intoArray(sc, 7 * nkPad + j);
        }
    }

    /**
     * sc[off + j] = exp(sc[off + j] - max) for the Nk real keys; returns 1 / Σ. The same
     * max-subtracted exponentials as the softmax op, through {@link VectorExp} rather than the
     * library's (which took a quarter of the kernel). The padding keys are set to -∞ first, so both loops run
     * whole vectors without masks; their exponentials (≈ 1e-38 each) vanish in a sum that is ≥ 1,
     * and the value loop never reads them.
     */
    private static float expRow(float[] sc, int off, int nk, int nkPad) {
        for (int j = off + nk; j < off + nkPad; j++) {
            sc[j] = Float.NEGATIVE_INFINITY;
        }
        // 1. the row maximum, two chains of compare-and-blend (cheaper than max's NaN and -0 rules)
        FloatVector m0 = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY), m1 = m0;
        int j = 0;
        for (; j + 2 * L <= nkPad; j += 2 * L) {
            FloatVector x0 = FloatVector.fromArray(S, sc, off + j), x1 = FloatVector.fromArray(S, sc, off + j + L);
            m0 = m0.blend(x0, x0.compare(VectorOperators.GT, m0));
            m1 = m1.blend(x1, x1.compare(VectorOperators.GT, m1));
        }
        if (j < nkPad) {
            FloatVector x0 = FloatVector.fromArray(S, sc, off + j);
            m0 = m0.blend(x0, x0.compare(VectorOperators.GT, m0));
        }
        float max = m0.blend(m1, m1.compare(VectorOperators.GT, m0)).reduceLanes(VectorOperators.MAX);
        // 2. exponentials in place and their sum (-∞ padding gives 0)
        return 1f / VectorExp.expInPlace(sc, off, nkPad, max);
    }

    /** probs[at : at + Nk] = e · inv. */
    private static void normalise(float[] probs, long at, float[] e, int off, int nk, float inv) {
        int p = Math.toIntExact(at), j = 0;
        for (; j + L <= nk; j += L) {
            FloatVector.fromArray(S, e, off + j).mul(inv).intoArray(probs, p + j);
        }
        if (j < nk) {
            VectorMask<Float> m = S.indexInRange(j, nk);
            FloatVector.fromArray(S, e, off + j).mul(inv).intoArray(probs, p + j, m);
        }
    }

    /**
     * out[r] = inv[r] · Σ_j e[r, j] · v[j] for the block's rows, along Dh one panel of KW columns
     * (two vectors) at a time from {@link #packValues}' panels; a short block's missing rows read
     * row 0 and are not stored, columns past Dh are not stored.
     */
    private static void weightValues(float[] out, int oOff, int oStride, float[] e, float[] inv, float[] vp, int rows,
            int nk, int nkPad, int dh) {
        int p1 = rows > 1 ? nkPad : 0, p2 = rows > 2 ? 2 * nkPad : 0, p3 = rows > 3 ? 3 * nkPad : 0,
                p4 = rows > 4 ? 4 * nkPad : 0, p5 = rows > 5 ? 5 * nkPad : 0,
                p6 = rows > 6 ? 6 * nkPad : 0, p7 = rows > 7 ? 7 * nkPad : 0;
        for (int c = 0; c < dh; c += KW) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, d0 = a0, d1 = a0,
                    e0 = a0, e1 = a0, f0 = a0, f1 = a0, g0 = a0, g1 = a0, h0 = a0, h1 = a0;
            for (int j = 0, vq = c * nk; j < nk; j++, vq += KW) {
                FloatVector v0 = FloatVector.fromArray(S, vp, vq);
                FloatVector v1 = FloatVector.fromArray(S, vp, vq + L);
                FloatVector x = FloatVector.broadcast(S, e[j]);
                a0 = x.fma(v0, a0);
                a1 = x.fma(v1, a1);
                x = FloatVector.broadcast(S, e[p1 + j]);
                b0 = x.fma(v0, b0);
                b1 = x.fma(v1, b1);
                x = FloatVector.broadcast(S, e[p2 + j]);
                c0 = x.fma(v0, c0);
                c1 = x.fma(v1, c1);
                x = FloatVector.broadcast(S, e[p3 + j]);
                d0 = x.fma(v0, d0);
                d1 = x.fma(v1, d1);
                x = FloatVector.broadcast(S, e[p4 + j]);
                e0 = x.fma(v0, e0);
                e1 = x.fma(v1, e1);
                x = FloatVector.broadcast(S, e[p5 + j]);
                f0 = x.fma(v0, f0);
                f1 = x.fma(v1, f1);
                x = FloatVector.broadcast(S, e[p6 + j]);
                g0 = x.fma(v0, g0);
                g1 = x.fma(v1, g1);
                x = FloatVector.broadcast(S, e[p7 + j]);
                h0 = x.fma(v0, h0);
                h1 = x.fma(v1, h1);
            }
            VectorMask<Float> m0 = S.indexInRange(c, dh), m1 = S.indexInRange(c + L, dh);
            int o = oOff + c;
            a0.mul(inv[0]).intoArray(out, o, m0);
            a1.mul(inv[0]).intoArray(out, o + L, m1);
            if (rows > 1) {
                b0.mul(inv[1]).intoArray(out, o + oStride, m0);
                b1.mul(inv[1]).intoArray(out, o + oStride + L, m1);
            }
            if (rows > 2) {
                c0.mul(inv[2]).intoArray(out, o + 2 * oStride, m0);
                c1.mul(inv[2]).intoArray(out, o + 2 * oStride + L, m1);
            }
            if (rows > 3) {
                d0.mul(inv[3]).intoArray(out, o + 3 * oStride, m0);
                d1.mul(inv[3]).intoArray(out, o + 3 * oStride + L, m1);
            }
            if (rows > 4) {
                e0.mul(inv[4]).intoArray(out, o + 4 * oStride, m0);
                e1.mul(inv[4]).intoArray(out, o + 4 * oStride + L, m1);
            }
            if (rows > 5) {
                f0.mul(inv[5]).intoArray(out, o + 5 * oStride, m0);
                f1.mul(inv[5]).intoArray(out, o + 5 * oStride + L, m1);
            }
            if (rows > 6) {
                g0.mul(inv[6]).intoArray(out, o + 6 * oStride, m0);
                g1.mul(inv[6]).intoArray(out, o + 6 * oStride + L, m1);
            }
            if (rows > 7) {
                h0.mul(inv[7]).intoArray(out, o + 7 * oStride, m0);
                h1.mul(inv[7]).intoArray(out, o + 7 * oStride + L, m1);
            }
        }
    }

    /** {@link #scores} for R = 6 (16-register machines). */
    private static void scores6(float[] sc, float[] kp, float[] qt, int nkPad, int dh, float scale) {
        int j = 0;
        for (; j + KW <= nkPad; j += KW) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, d0 = a0, d1 = a0,
                    e0 = a0, e1 = a0, f0 = a0, f1 = a0;
            for (int c = 0, kq = j * dh, qq = 0; c < dh; c++, kq += KW, qq += 6) {
                FloatVector k0 = FloatVector.fromArray(S, kp, kq);
                FloatVector k1 = FloatVector.fromArray(S, kp, kq + L);
                FloatVector x = FloatVector.broadcast(S, qt[qq]);
                a0 = x.fma(k0, a0);
                a1 = x.fma(k1, a1);
                x = FloatVector.broadcast(S, qt[qq + 1]);
                b0 = x.fma(k0, b0);
                b1 = x.fma(k1, b1);
                x = FloatVector.broadcast(S, qt[qq + 2]);
                c0 = x.fma(k0, c0);
                c1 = x.fma(k1, c1);
                x = FloatVector.broadcast(S, qt[qq + 3]);
                d0 = x.fma(k0, d0);
                d1 = x.fma(k1, d1);
                x = FloatVector.broadcast(S, qt[qq + 4]);
                e0 = x.fma(k0, e0);
                e1 = x.fma(k1, e1);
                x = FloatVector.broadcast(S, qt[qq + 5]);
                f0 = x.fma(k0, f0);
                f1 = x.fma(k1, f1);
            }
            a0.mul(scale).intoArray(sc, j);
            a1.mul(scale).intoArray(sc, j + L);
            b0.mul(scale).intoArray(sc, nkPad + j);
            b1.mul(scale).intoArray(sc, nkPad + j + L);
            c0.mul(scale).intoArray(sc, 2 * nkPad + j);
            c1.mul(scale).intoArray(sc, 2 * nkPad + j + L);
            d0.mul(scale).intoArray(sc, 3 * nkPad + j);
            d1.mul(scale).intoArray(sc, 3 * nkPad + j + L);
            e0.mul(scale).intoArray(sc, 4 * nkPad + j);
            e1.mul(scale).intoArray(sc, 4 * nkPad + j + L);
            f0.mul(scale).intoArray(sc, 5 * nkPad + j);
            f1.mul(scale).intoArray(sc, 5 * nkPad + j + L);
        }
        if (j < nkPad) {
            FloatVector a = FloatVector.zero(S), b = a, c0 = a, d = a, e = a, f = a;
            for (int c = 0, kq = j * dh, qq = 0; c < dh; c++, kq += L, qq += 6) {
                FloatVector kv = FloatVector.fromArray(S, kp, kq);
                a = FloatVector.broadcast(S, qt[qq]).fma(kv, a);
                b = FloatVector.broadcast(S, qt[qq + 1]).fma(kv, b);
                c0 = FloatVector.broadcast(S, qt[qq + 2]).fma(kv, c0);
                d = FloatVector.broadcast(S, qt[qq + 3]).fma(kv, d);
                e = FloatVector.broadcast(S, qt[qq + 4]).fma(kv, e);
                f = FloatVector.broadcast(S, qt[qq + 5]).fma(kv, f);
            }
            a.mul(scale).intoArray(sc, j);
            b.mul(scale).intoArray(sc, nkPad + j);
            c0.mul(scale).intoArray(sc, 2 * nkPad + j);
            d.mul(scale).intoArray(sc, 3 * nkPad + j);
            e.mul(scale).intoArray(sc, 4 * nkPad + j);
            f.mul(scale).intoArray(sc, 5 * nkPad + j);
        }
    }

    /** {@link #weightValues} for R = 6 (16-register machines). */
    private static void weightValues6(float[] out, int oOff, int oStride, float[] e, float[] inv, float[] vp, int rows,
            int nk, int nkPad, int dh) {
        int p1 = rows > 1 ? nkPad : 0, p2 = rows > 2 ? 2 * nkPad : 0, p3 = rows > 3 ? 3 * nkPad : 0,
                p4 = rows > 4 ? 4 * nkPad : 0, p5 = rows > 5 ? 5 * nkPad : 0;
        for (int c = 0; c < dh; c += KW) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, d0 = a0, d1 = a0,
                    e0 = a0, e1 = a0, f0 = a0, f1 = a0;
            for (int j = 0, vq = c * nk; j < nk; j++, vq += KW) {
                FloatVector v0 = FloatVector.fromArray(S, vp, vq);
                FloatVector v1 = FloatVector.fromArray(S, vp, vq + L);
                FloatVector x = FloatVector.broadcast(S, e[j]);
                a0 = x.fma(v0, a0);
                a1 = x.fma(v1, a1);
                x = FloatVector.broadcast(S, e[p1 + j]);
                b0 = x.fma(v0, b0);
                b1 = x.fma(v1, b1);
                x = FloatVector.broadcast(S, e[p2 + j]);
                c0 = x.fma(v0, c0);
                c1 = x.fma(v1, c1);
                x = FloatVector.broadcast(S, e[p3 + j]);
                d0 = x.fma(v0, d0);
                d1 = x.fma(v1, d1);
                x = FloatVector.broadcast(S, e[p4 + j]);
                e0 = x.fma(v0, e0);
                e1 = x.fma(v1, e1);
                x = FloatVector.broadcast(S, e[p5 + j]);
                f0 = x.fma(v0, f0);
                f1 = x.fma(v1, f1);
            }
            VectorMask<Float> m0 = S.indexInRange(c, dh), m1 = S.indexInRange(c + L, dh);
            int o = oOff + c;
            a0.mul(inv[0]).intoArray(out, o, m0);
            a1.mul(inv[0]).intoArray(out, o + L, m1);
            if (rows > 1) {
                b0.mul(inv[1]).intoArray(out, o + oStride, m0);
                b1.mul(inv[1]).intoArray(out, o + oStride + L, m1);
            }
            if (rows > 2) {
                c0.mul(inv[2]).intoArray(out, o + 2 * oStride, m0);
                c1.mul(inv[2]).intoArray(out, o + 2 * oStride + L, m1);
            }
            if (rows > 3) {
                d0.mul(inv[3]).intoArray(out, o + 3 * oStride, m0);
                d1.mul(inv[3]).intoArray(out, o + 3 * oStride + L, m1);
            }
            if (rows > 4) {
                e0.mul(inv[4]).intoArray(out, o + 4 * oStride, m0);
                e1.mul(inv[4]).intoArray(out, o + 4 * oStride + L, m1);
            }
            if (rows > 5) {
                f0.mul(inv[5]).intoArray(out, o + 5 * oStride, m0);
                f1.mul(inv[5]).intoArray(out, o + 5 * oStride + L, m1);
            }
        }
    }
}
