package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * HiLo attention (Pan et al., LITv2, NeurIPS 2022; ziplab/LITv2 hilo.py). The heads are split:
 * {@link Branch#HI_FI} heads attend inside non-overlapping s×s windows (M block-diagonal with s²×s²
 * blocks); {@link Branch#LO_FI} heads take queries from all N tokens and keys and values from the
 * s×s average-pooled tokens (M = softmax(Q·(P K)ᵀ/√d)·P, rank ≤ N/s²). s = 2 as in the code. Parameter-free:
 * W = I, so pooling the keys and values equals projecting the pooled tokens. When the grid does not
 * divide by s the edge windows and pooling cells are smaller (the code needs divisible sizes).
 */
public final class HiLo extends LinearInV {
    public enum Branch { HI_FI, LO_FI }

    private final Branch branch;
    private final int window;

    public HiLo(Branch branch) {
        this(branch, 2);
    }

    /** @param window s, the window (Hi-Fi) and pooling (Lo-Fi) size */
    public HiLo(Branch branch, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("HiLo: window size " + window + " must be ≥ 1");
        }
        this.branch = java.util.Objects.requireNonNull(branch, "branch");
        this.window = window;
    }

    @Override
    public String id() {
        return branch == Branch.HI_FI ? "hilo-hifi" : "hilo-lofi";
    }

    @Override
    public String title() {
        return branch == Branch.HI_FI ? "HiLo Hi-Fi (windows)" : "HiLo Lo-Fi (pooled keys)";
    }

    @Override
    public String reference() {
        return "Pan et al., Fast Vision Transformers with HiLo Attention (LITv2, NeurIPS 2022); ziplab/LITv2 hilo.py";
    }

    @Override
    public String learnedParts(ZooInput in) {
        return projections(in) + "; window s = " + window + (branch == Branch.LO_FI ? ", average pooling" : "");
    }

    @Override
    public String unsupported(ZooInput in) {
        return needsGrid(in);
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        int n = in.n();
        int d = in.d();
        int[][] tiles = GridGroups.tiles(in.rows(), in.cols(), window, window);
        double[] q = Dense.of(in.q());
        double[] k = Dense.of(in.k());
        double[] v = Dense.of(values);
        if (branch == Branch.HI_FI) {
            return Dense.toFloat(Dense.groupAttention(tiles, q, k, d, in.scale(), v, dv, n));
        }
        int m = tiles.length;
        double[] pool = GridGroups.meanPool(tiles, n);
        double[] kp = Dense.mul(pool, m, n, k, d);
        double[] vp = Dense.mul(pool, m, n, v, dv);
        double[] a = Dense.softmaxRows(Dense.dots(q, n, kp, m, d, in.scale()), n, m);
        return Dense.toFloat(Dense.mul(a, n, m, vp, dv));
    }

    @Override
    public double flops(int n, int d) {
        double s2 = (double) window * window;
        if (branch == Branch.HI_FI) {
            return 4.0 * n * s2 * d + 3.0 * n * s2;
        }
        double m = Math.ceil(n / s2);
        return 2.0 * n * d + 4.0 * n * m * d + 3.0 * n * m;
    }
}
