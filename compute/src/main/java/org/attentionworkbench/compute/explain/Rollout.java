package org.attentionworkbench.compute.explain;

import java.util.Arrays;
import org.attentionworkbench.compute.parallel.Parallel;

/**
 * Attention rollout (Abnar and Zuidema 2020) the way jacobgil/vit-explain computes it: per layer fuse
 * the heads, zero the lowest {@code discardRatio} share of the fused [N, N] weights (all N² entries
 * ranked together, the class token's self-attention entry [0, 0] spared), add the identity for the
 * residual path, halve, renormalise the rows, and multiply the layers through: R = Â_last ··· Â_0.
 *
 * <p>Legend: L layers, N tokens, Â one layer's residual-aware, renormalised fused attention.
 *
 * <p>vit-explain writes {@code a / a.sum(dim=-1)} without keepdim, which broadcasts one row's sum over a
 * column (jacobgil/vit-explain issue #16); {@link Normalisation#ROWS}, the default, divides each row by
 * its own sum as the paper does, {@link Normalisation#VIT_EXPLAIN} keeps that broadcast so vit-explain's
 * pictures can be reproduced exactly.
 */
public final class Rollout {
    /** How Â's rows are renormalised after the identity is added. */
    public enum Normalisation {
        /** Each row divided by its own sum: rows of Â and of R sum to 1. */
        ROWS,
        /** vit-explain's {@code a / a.sum(dim=-1)}: entry [i, j] divided by the sum of row j. */
        VIT_EXPLAIN
    }

    private Rollout() {}

    /** The full rollout R [N·N] (row q: how much of the output at q flows from each input token). */
    public static float[] compute(AttentionMaps m, HeadFusion f, double discardRatio, int lastLayer) {
        return compute(m, f, discardRatio, lastLayer, Normalisation.ROWS);
    }

    public static float[] compute(AttentionMaps m, HeadFusion f, double discardRatio, int lastLayer,
            Normalisation norm) {
        check(m, discardRatio, lastLayer);
        int n = m.tokens();
        Scratch s = new Scratch(n);
        double[] result = new double[n * n];
        double[] next = new double[n * n];
        // R = Â_0 (the identity it starts from needs no multiplication)
        layer(s, m, 0, f, discardRatio, norm);
        System.arraycopy(s.a, 0, result, 0, n * n);
        for (int l = 1; l <= lastLayer; l++) {
            // R ← Â_l · R, row blocks in parallel; i-k-j order keeps the inner loop contiguous
            layer(s, m, l, f, discardRatio, norm);
            double[] a = s.a;
            double[] r = result;
            double[] out = next;
            Parallel.forRange(0, n, Math.max(1, 16384 / Math.max(1, n)), (from, to) -> {
                for (int i = from; i < to; i++) {
                    int oi = i * n;
                    Arrays.fill(out, oi, oi + n, 0.0);
                    for (int k = 0; k < n; k++) {
                        double aik = a[oi + k];
                        if (aik == 0.0) {
                            continue; // discarded weights are common: skip their row of R
                        }
                        int rk = k * n;
                        for (int j = 0; j < n; j++) {
                            out[oi + j] += aik * r[rk + j];
                        }
                    }
                }
            });
            next = result;
            result = out;
        }
        float[] f32 = new float[n * n];
        for (int i = 0; i < f32.length; i++) {
            f32[i] = (float) result[i];
        }
        return f32;
    }

    /** Row q of the rollout [N], at O(L·N²) instead of O(L·N³): e_qᵀ·Â_last, then through the earlier layers. */
    public static float[] row(AttentionMaps m, HeadFusion f, double discardRatio, int lastLayer, int q,
            Normalisation norm) {
        check(m, discardRatio, lastLayer);
        int n = m.tokens();
        if (q < 0 || q >= n) {
            throw new IndexOutOfBoundsException("token " + q + " outside N" + n);
        }
        Scratch s = new Scratch(n);
        double[] v = new double[n];
        double[] w = new double[n];
        v[q] = 1.0;
        for (int l = lastLayer; l >= 0; l--) {
            // v ← v · Â_l
            layer(s, m, l, f, discardRatio, norm);
            Arrays.fill(w, 0.0);
            for (int k = 0; k < n; k++) {
                double vk = v[k];
                if (vk == 0.0) {
                    continue;
                }
                int rk = k * n;
                for (int j = 0; j < n; j++) {
                    w[j] += vk * s.a[rk + j];
                }
            }
            double[] t = v;
            v = w;
            w = t;
        }
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            out[j] = (float) v[j];
        }
        return out;
    }

    /** vit-explain's picture: the class token's (token 0's) rollout row over the patch grid [gridH·gridW]. */
    public static float[] clsMap(AttentionMaps m, HeadFusion f, double discardRatio, int lastLayer) {
        return clsMap(m, f, discardRatio, lastLayer, Normalisation.ROWS);
    }

    public static float[] clsMap(AttentionMaps m, HeadFusion f, double discardRatio, int lastLayer,
            Normalisation norm) {
        return m.patchGrid(row(m, f, discardRatio, lastLayer, 0, norm));
    }

    /** Â_l of one layer [N·N] (exposed for tests and for viewers that show one step of the product). */
    public static double[] layerMatrix(AttentionMaps m, int l, HeadFusion f, double discardRatio,
            Normalisation norm) {
        check(m, discardRatio, l);
        Scratch s = new Scratch(m.tokens());
        layer(s, m, l, f, discardRatio, norm);
        return s.a;
    }

    /** Per-call buffers, so one rollout allocates them once rather than once per layer. */
    private static final class Scratch {
        final float[] fused;
        final long[] keys;
        final double[] a;
        final double[] sums;

        Scratch(int n) {
            fused = new float[n * n];
            keys = new long[n * n];
            a = new double[n * n];
            sums = new double[n];
        }
    }

    /** Fills s.a with Â_l: fuse, discard, add identity, halve, renormalise. */
    private static void layer(Scratch s, AttentionMaps m, int l, HeadFusion f, double discardRatio,
            Normalisation norm) {
        int n = m.tokens();
        int nn = n * n;
        float[] d = m.data();
        float[] fused = s.fused;
        // fuse the heads over the whole [N, N] block (heads are contiguous blocks of N² values)
        int base = m.offset(l, 0, 0);
        System.arraycopy(d, base, fused, 0, nn);
        for (int h = 1; h < m.heads(); h++) {
            int o = base + h * nn;
            switch (f) {
                case MEAN -> {
                    for (int i = 0; i < nn; i++) {
                        fused[i] += d[o + i];
                    }
                }
                case MIN -> {
                    for (int i = 0; i < nn; i++) {
                        fused[i] = Math.min(fused[i], d[o + i]);
                    }
                }
                case MAX -> {
                    for (int i = 0; i < nn; i++) {
                        fused[i] = Math.max(fused[i], d[o + i]);
                    }
                }
            }
        }
        if (f == HeadFusion.MEAN) {
            float hs = m.heads();
            for (int i = 0; i < nn; i++) {
                fused[i] /= hs; // a division, as numpy's and torch's mean do, so ties rank the same
            }
        }
        // zero the int(N²·ratio) lowest weights, flat index 0 (class token → itself) spared as in vit-explain
        int drop = (int) (nn * discardRatio);
        if (drop > 0) {
            // keys order by value, then by flat index, so ties go the same way every time
            long[] keys = s.keys;
            for (int i = 0; i < nn; i++) {
                keys[i] = key(fused[i], i);
            }
            long last = select(keys, nn, drop - 1); // the drop-th lowest key: everything up to it goes
            for (int i = 1; i < nn; i++) {
                if (key(fused[i], i) <= last) {
                    fused[i] = 0f;
                }
            }
        }
        // Â = (A + I) / 2, then renormalised
        double[] a = s.a;
        double[] sums = s.sums;
        for (int i = 0; i < n; i++) {
            int o = i * n;
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double v = fused[o + j] * 0.5;
                a[o + j] = v;
                sum += v;
            }
            a[o + i] += 0.5;
            sums[i] = sum + 0.5;
        }
        if (norm == Normalisation.ROWS) {
            for (int i = 0; i < n; i++) {
                int o = i * n;
                double inv = 1.0 / sums[i];
                for (int j = 0; j < n; j++) {
                    a[o + j] *= inv;
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                int o = i * n;
                for (int j = 0; j < n; j++) {
                    a[o + j] /= sums[j];
                }
            }
        }
    }

    /** (value, flat index) as one long whose signed order is the value's order, then the index's. */
    private static long key(float v, int i) {
        int bits = Float.floatToIntBits(v == 0f ? 0f : v); // −0 ranks with +0
        int sortable = bits ^ ((bits >> 31) & 0x7FFFFFFF); // negative floats reversed into signed-int order
        return ((long) sortable << 32) | i;
    }

    /** The k-th smallest (0-based) of a[0, n) by quickselect; reorders a. Keys are distinct. */
    static long select(long[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            // median of three as the pivot keeps sorted and reversed inputs linear
            int mid = (lo + hi) >>> 1;
            long x = a[lo];
            long y = a[mid];
            long z = a[hi];
            long pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static void check(AttentionMaps m, double discardRatio, int lastLayer) {
        if (!(discardRatio >= 0 && discardRatio < 1)) {
            throw new IllegalArgumentException("discard ratio " + discardRatio + " outside [0, 1)");
        }
        if (lastLayer < 0 || lastLayer >= m.layers()) {
            throw new IndexOutOfBoundsException("last layer " + lastLayer + " outside L" + m.layers());
        }
    }
}
