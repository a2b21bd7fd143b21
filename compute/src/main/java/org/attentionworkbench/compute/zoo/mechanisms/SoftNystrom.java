package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * SOFT, softmax-free attention (Lu et al., NeurIPS 2021; fudan-zvg/SOFT models/softmax_free_transformer.py):
 * a Gaussian kernel κ(a, b) = exp(−‖a − b‖²/2) on the queries (K = Q, Q ← Q/d^¼) approximated by
 * Nyström through m landmarks Q̃: M = κ(Q, Q̃)·κ(Q̃, Q̃)⁺·κ(Q̃, Q), the pseudo-inverse by the code's 20
 * Newton iterations V ← 2V − V·P·V from V₀ = αP, α = 2/max rowsum² (halved while ‖I − PV‖₁ > 1.01).
 * Symmetric PSD, rank ≤ m, not row-normalised. Parameter-free (zoo.md §18): landmarks = s×s average
 * pooling of Q instead of the strided conv + LayerNorm + GELU, W_q = I, no depthwise-conv term on V.
 * s = ⌈max(rows, cols)/7⌉, so at most 7×7 = 49 landmarks as in SOFT's first stage (a sequence: ⌈N/49⌉).
 * {@link #fullGaussian} gives the exact κ(Q, Q) the Nyström matrix approximates; {@link #exactKernel()} is
 * that matrix as a mechanism of its own (id "soft-gaussian"), to set beside the Nyström one.
 */
public final class SoftNystrom extends LinearInV {
    private final int pool;
    private final int iterations;
    private final boolean exact;

    public SoftNystrom() {
        this(0, 20);
    }

    /** The full Gaussian kernel κ(Q, Q)·V without Nyström (what SOFT approximates), O(N²d). */
    public static SoftNystrom exactKernel() {
        return new SoftNystrom(0, 20, true);
    }

    /** @param pool landmark pooling size s (0: the default above); @param iterations Newton steps */
    public SoftNystrom(int pool, int iterations) {
        this(pool, iterations, false);
    }

    private SoftNystrom(int pool, int iterations, boolean exact) {
        if (pool < 0 || iterations < 1) {
            throw new IllegalArgumentException("SOFT: pooling " + pool + " must be ≥ 0 and iterations " + iterations
                    + " ≥ 1");
        }
        this.pool = pool;
        this.iterations = iterations;
        this.exact = exact;
    }

    int[][] landmarks(ZooInput in) {
        if (in.isGrid()) {
            int s = pool > 0 ? pool : Math.max(1, (Math.max(in.rows(), in.cols()) + 6) / 7);
            return GridGroups.tiles(in.rows(), in.cols(), s, s);
        }
        int s = pool > 0 ? pool : Math.max(1, (in.n() + 48) / 49);
        return GridGroups.segments(in.n(), s);
    }

    @Override
    public String id() {
        return exact ? "soft-gaussian" : "soft";
    }

    @Override
    public String title() {
        return exact ? "SOFT's full Gaussian kernel (no Nyström)" : "SOFT (Gaussian kernel, Nyström)";
    }

    @Override
    public String reference() {
        return "Lu et al., SOFT: Softmax-free Transformer (NeurIPS 2021); fudan-zvg/SOFT models/softmax_free_transformer.py";
    }

    @Override
    public String learnedParts(ZooInput in) {
        if (exact) {
            return (in.fromModel() ? "the model's own W_Q (K = Q) and W_V" : "parameter-free: W_Q = W_V = I, K = Q")
                    + "; the exact kernel exp(−‖q_i − q_j‖²/2) on Q/d^¼, no landmarks";
        }
        return (in.fromModel() ? "the model's own W_Q (K = Q) and W_V" : "parameter-free: W_Q = W_V = I, K = Q")
                + "; landmarks: average pooling to " + landmarks(in).length
                + " (no conv, LayerNorm, GELU); no depthwise-conv term";
    }

    double[] scaledQ(ZooInput in) {
        double[] q = Dense.of(in.q());
        double f = 1 / Math.sqrt(Math.sqrt(in.d()));
        for (int i = 0; i < q.length; i++) {
            q[i] *= f;
        }
        return q;
    }

    static double[] gaussian(double[] a, int na, double[] b, int nb, int d) {
        double[] g = new double[na * nb];
        for (int i = 0; i < na; i++) {
            for (int j = 0; j < nb; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double e = a[i * d + c] - b[j * d + c];
                    s += e * e;
                }
                g[i * nb + j] = Math.exp(-s / 2);
            }
        }
        return g;
    }

    /** The exact Gaussian kernel matrix κ(Q, Q) (N×N) on the scaled queries. */
    public double[] fullGaussian(ZooInput in) {
        double[] q = scaledQ(in);
        return gaussian(q, in.n(), q, in.n(), in.d());
    }

    /** The code's Newton iteration for the pseudo-inverse of a symmetric m×m matrix. */
    double[] newtonInverse(double[] p, int m) {
        double maxRow = 0;
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += p[i * m + j];
            }
            maxRow = Math.max(maxRow, s);
        }
        double alpha = 2 / (maxRow * maxRow);
        double[] v = scaled(p, alpha);
        for (int tries = 0; tries < 10 && residual(p, v, m) > 1.01; tries++) {
            alpha *= 0.5;
            v = scaled(p, alpha);
        }
        for (int it = 0; it < iterations; it++) {
            double[] vpv = Dense.mul(Dense.mul(v, m, m, p, m), m, m, v, m);
            for (int i = 0; i < v.length; i++) {
                v[i] = 2 * v[i] - vpv[i];
            }
        }
        return v;
    }

    private static double[] scaled(double[] a, double f) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = f * a[i];
        }
        return out;
    }

    /** max over columns of Σ_rows |I − P·V| (the code's pnorm). */
    private static double residual(double[] p, double[] v, int m) {
        double[] pv = Dense.mul(p, m, m, v, m);
        double max = 0;
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int i = 0; i < m; i++) {
                s += Math.abs((i == j ? 1 : 0) - pv[i * m + j]);
            }
            max = Math.max(max, s);
        }
        return max;
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        int n = in.n();
        int d = in.d();
        if (exact) {
            return Dense.toFloat(Dense.mul(fullGaussian(in), n, n, Dense.of(values), dv));
        }
        int[][] cells = landmarks(in);
        int m = cells.length;
        double[] q = scaledQ(in);
        double[] lm = Dense.mul(GridGroups.meanPool(cells, n), m, n, q, d);
        double[] k1 = gaussian(q, n, lm, m, d);
        double[] k2inv = newtonInverse(gaussian(lm, m, lm, m, d), m);
        double[] k1tv = Dense.mul(Dense.transpose(k1, n, m), m, n, Dense.of(values), dv);
        return Dense.toFloat(Dense.mul(Dense.mul(k1, n, m, k2inv, m), n, m, k1tv, dv));
    }

    @Override
    public double flops(int n, int d) {
        if (exact) {
            return 3.0 * n * n * d + 2.0 * n * n * d + n * n;
        }
        double m = Math.min(n, 49);
        return 3.0 * n * m * d + 2 * 3.0 * m * m * m * iterations + 4.0 * n * m * d + 2.0 * n * m * m;
    }
}
