package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * ConvShareViT (TNNLS 2026, arXiv 2504.11517; optical 4f). UNVERIFIED: no code was found and the
 * tensor layout is from the abstract (zoo.md §16). The Q, K, V projections are k×k convolutions over the
 * token grid whose weights are shared by all channels, then softmax attention:
 * Y = softmax((T Q)(T K)ᵀ/√d)·(T V), so M = softmax(…)·T with T one Toeplitz-block matrix. Parameter-free:
 * T is a 3×3 box filter with 'same' zero padding (sum/9, as a conv with count-including padding); a
 * sequence is a 1×N grid (the filter's middle row).
 */
public final class ConvShareVit extends LinearInV {
    private final int kernel;

    public ConvShareVit() {
        this(3);
    }

    /** @param kernel k, odd */
    public ConvShareVit(int kernel) {
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("ConvShareViT: kernel " + kernel + " must be odd and ≥ 1");
        }
        this.kernel = kernel;
    }

    @Override
    public String id() {
        return "convsharevit";
    }

    @Override
    public String title() {
        return "ConvShareViT shared-conv projections (unverified)";
    }

    @Override
    public String reference() {
        return "ConvShareViT (TNNLS 2026, arXiv 2504.11517); no code found: unverified";
    }

    @Override
    public String learnedParts(ZooInput in) {
        return projections(in) + " followed by the shared " + kernel + "×" + kernel
                + " convolution, parameter-free: a box filter, 'same' zero padding; unverified against code";
    }

    /** The shared convolution T (N×N): 'same' zero-padded k×k box filter over the grid. */
    public double[] convolution(ZooInput in) {
        int n = in.n();
        int rows = in.rows();
        int cols = in.cols();
        int h = kernel / 2;
        double w = 1.0 / (kernel * kernel);
        double[] t = new double[n * n];
        for (int i = 0; i < n; i++) {
            int r = i / cols;
            int c = i % cols;
            for (int dr = -h; dr <= h; dr++) {
                for (int dc = -h; dc <= h; dc++) {
                    int rr = r + dr;
                    int cc = c + dc;
                    if (rr >= 0 && rr < rows && cc >= 0 && cc < cols) {
                        t[i * n + rr * cols + cc] += w;
                    }
                }
            }
        }
        return t;
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        int n = in.n();
        int d = in.d();
        double[] t = convolution(in);
        double[] q = Dense.mul(t, n, n, Dense.of(in.q()), d);
        double[] k = Dense.mul(t, n, n, Dense.of(in.k()), d);
        double[] v = Dense.mul(t, n, n, Dense.of(values), dv);
        double[] a = Dense.softmaxRows(Dense.dots(q, n, k, n, d, in.scale()), n, n);
        return Dense.toFloat(Dense.mul(a, n, n, v, dv));
    }

    @Override
    public double flops(int n, int d) {
        return 3.0 * 2 * n * d * kernel * kernel + 4.0 * n * n * d + 3.0 * n * n;
    }
}
