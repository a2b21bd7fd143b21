package org.attentionworkbench.compute.zoo.kernels;

/**
 * Global-memory traffic of attention, the quantity FlashAttention's I/O bound is about (Dao et al.
 * 2022, Theorem 2: standard attention Θ(Nd + N²) accesses, tiled Θ(N²d²/M) for a fast memory of M
 * elements). Counts are logical: every float a kernel reads from or writes to global memory once
 * per access in its source, 4 bytes each; caches are not modelled.
 *
 * <p>Our tiled kernel is attention.cl's {@code attention}: a work-group of WG query rows (one per
 * work-item) loads WG keys and WG values per tile into local memory (kt, vt: M = 2·WG·Dh floats), so
 * each group streams all of K and V once: per head ⌈Nq/WG⌉·2·Nk·Dh loads, plus Nq·Dh loads of q and
 * Nq·Dh stores of out. With WG = M/(2Dh) the K/V term is 4·Nq·Nk·Dh²/M, the paper's N²d²/M.
 * {@link #tiled} is that formula; {@link #simulateTiled} runs the kernel's loops in Java on real data,
 * counting each global access as it happens, so a test can check the formula against the loops and
 * the loops' output against plain attention.
 */
public final class AttentionTraffic {
    private AttentionTraffic() {}

    /** Floats loaded from and stored to global memory; bytes at 4 per float. */
    public record Count(long loads, long stores) {
        public long floats() {
            return loads + stores;
        }

        public long bytes() {
            return 4 * floats();
        }
    }

    /**
     * attention.cl's {@code attention} kernel, per the legend above, for {@code heads} heads;
     * {@code probs}: the second pass that writes the probabilities (K and V streamed again, Nq·Nk stores).
     */
    public static Count tiled(int heads, int nq, int nk, int dh, int wg, boolean probs) {
        requirePositive(heads, nq, nk, dh, wg);
        long groups = (nq + wg - 1) / wg;
        long kv = groups * 2L * nk * dh;
        long loads = (long) nq * dh + kv + (probs ? kv : 0);
        long stores = (long) nq * dh + (probs ? (long) nq * nk : 0);
        return new Count(heads * loads, heads * stores);
    }

    /**
     * The composed path (GEMM, softmax, GEMM with the scores in global memory), each operand read
     * once per op: S = q·kᵀ reads q and k and writes S; softmax reads and writes Nq·Nk; P·v reads P
     * and v and writes out. For Nq = Nk = N: 4Nd + 4N², the paper's Θ(Nd + N²).
     */
    public static Count naive(int heads, int nq, int nk, int dh) {
        requirePositive(heads, nq, nk, dh, 1);
        long s = (long) nq * nk;
        long loads = (long) nq * dh + (long) nk * dh + s + s + (long) nk * dh;
        long stores = s + s + (long) nq * dh;
        return new Count(heads * loads, heads * stores);
    }

    /** Local-memory floats the tiled kernel uses for WG keys and values of width Dh: M = 2·WG·Dh. */
    public static long localFloats(int wg, int dh) {
        return 2L * wg * dh;
    }

    /** The paper's bound N²d²/M (floats), for N queries and keys. */
    public static double paperTiled(long n, int dh, long m) {
        return (double) n * n * dh * dh / m;
    }

    /** The paper's standard-attention count Nd + N² (floats). */
    public static double paperNaive(long n, int dh) {
        return (double) n * dh + (double) n * n;
    }

    /** What {@link #simulateTiled} computed and counted. */
    public record Simulated(float[] out, Count count) {}

    /**
     * The loops of attention.cl's {@code attention} kernel (no probabilities) run in Java: per head,
     * per work-group of WG rows, per tile, every work-item loads one key row and one value row into
     * the group's local tiles, then each live row folds the tile into its online softmax. Every read
     * of q, k, v and write of out goes through a counter. q, out [heads, Nq, Dh]; k, v [heads, Nk, Dh].
     */
    public static Simulated simulateTiled(float[] q, float[] k, float[] v, int heads, int nq, int nk, int dh, int wg,
            float scale) {
        requirePositive(heads, nq, nk, dh, wg);
        float[] out = new float[heads * nq * dh];
        long[] loads = {0};
        long stores = 0;
        float[] kt = new float[wg * dh], vt = new float[wg * dh];
        float[][] qr = new float[wg][dh], acc = new float[wg][dh];
        float[] m = new float[wg], l = new float[wg];
        for (int h = 0; h < heads; h++) {
            for (int g0 = 0; g0 < nq; g0 += wg) {
                for (int lid = 0; lid < wg; lid++) {
                    int row = g0 + lid;
                    for (int c = 0; c < dh; c++) {
                        qr[lid][c] = row < nq ? load(q, (h * nq + row) * dh + c, loads) * scale : 0f;
                        acc[lid][c] = 0f;
                    }
                    m[lid] = Float.NEGATIVE_INFINITY;
                    l[lid] = 0f;
                }
                for (int j0 = 0; j0 < nk; j0 += wg) {
                    for (int lid = 0; lid < wg; lid++) { // load_tile: one key row per work-item
                        int j = j0 + lid;
                        for (int c = 0; c < dh; c++) {
                            kt[lid * dh + c] = j < nk ? load(k, (h * nk + j) * dh + c, loads) : 0f;
                            vt[lid * dh + c] = j < nk ? load(v, (h * nk + j) * dh + c, loads) : 0f;
                        }
                    }
                    int n = Math.min(wg, nk - j0);
                    for (int lid = 0; lid < wg; lid++) { // every work-item, live or not, scores from local memory
                        float[] s = new float[n];
                        float tmax = Float.NEGATIVE_INFINITY;
                        for (int j = 0; j < n; j++) {
                            float dot = 0f;
                            for (int c = 0; c < dh; c++) {
                                dot = Math.fma(qr[lid][c], kt[j * dh + c], dot);
                            }
                            s[j] = dot;
                            tmax = Math.max(tmax, dot);
                        }
                        float mnew = Math.max(m[lid], tmax), corr = (float) Math.exp(m[lid] - mnew);
                        l[lid] *= corr;
                        for (int c = 0; c < dh; c++) {
                            acc[lid][c] *= corr;
                        }
                        for (int j = 0; j < n; j++) {
                            float p = (float) Math.exp(s[j] - mnew);
                            l[lid] += p;
                            for (int c = 0; c < dh; c++) {
                                acc[lid][c] = Math.fma(p, vt[j * dh + c], acc[lid][c]);
                            }
                        }
                        m[lid] = mnew;
                    }
                }
                for (int lid = 0; lid < wg && g0 + lid < nq; lid++) {
                    for (int c = 0; c < dh; c++) {
                        out[(h * nq + g0 + lid) * dh + c] = acc[lid][c] / l[lid];
                        stores++;
                    }
                }
            }
        }
        return new Simulated(out, new Count(loads[0], stores));
    }

    private static float load(float[] a, int i, long[] counter) {
        counter[0]++;
        return a[i];
    }

    /** Least-squares slope of log y against log x: the exponent of a power law y ∝ x^slope. */
    public static double logLogSlope(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("logLogSlope needs two or more (x, y) pairs of equal count, got "
                    + x.length + " and " + y.length);
        }
        double mx = 0, my = 0;
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0 && y[i] > 0)) {
                throw new IllegalArgumentException("logLogSlope: point " + i + " (" + x[i] + ", " + y[i]
                        + ") is not positive");
            }
            mx += Math.log(x[i]);
            my += Math.log(y[i]);
        }
        mx /= x.length;
        my /= x.length;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = Math.log(x[i]) - mx;
            sxy += dx * (Math.log(y[i]) - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }

    private static void requirePositive(int heads, int nq, int nk, int dh, int wg) {
        if (heads <= 0 || nq <= 0 || nk <= 0 || dh <= 0 || wg <= 0) {
            throw new IllegalArgumentException("attention traffic needs positive heads, Nq, Nk, Dh and WG, got "
                    + heads + ", " + nq + ", " + nk + ", " + dh + ", " + wg);
        }
    }
}
