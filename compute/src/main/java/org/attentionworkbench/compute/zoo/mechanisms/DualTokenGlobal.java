package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * DualToken-ViT's global branch (Chu et al., SDM 2024, arXiv 2309.12424). UNVERIFIED: no official code
 * was found; this follows the paper as summarised in zoo.md §6. The tokens are pooled to a 7×7 grid
 * (m = 49 global tokens; adaptive average pooling, a sequence to min(49, N) segments), the pooled
 * tokens attend to each other (X_ga = softmax(Q_d K_dᵀ/√d)·X_d), and every token reads the result:
 * softmax(Q K_gᵀ/√d)·V_g with K_g, V_g the keys and values of X_ga. Parameter-free: average-pool
 * downsampling, W = I (so K_g = A_ga·D·K and V_g = A_ga·D·V), fusion weight 1 on X_ga (no carried
 * position-aware tokens). M = A_bcast·A_ga·D has rank ≤ m; the local convolution branch is not part of it.
 */
public final class DualTokenGlobal extends LinearInV {
    private final int side;

    /** The paper's 7×7 global tokens. */
    public DualTokenGlobal() {
        this(7);
    }

    /** @param side the global tokens form a side × side grid (a sequence gets side² segments) */
    public DualTokenGlobal(int side) {
        if (side < 1) {
            throw new IllegalArgumentException("DualToken-ViT: global grid side " + side + " must be ≥ 1");
        }
        this.side = side;
    }

    int[][] pools(ZooInput in) {
        if (in.isGrid()) {
            return GridGroups.adaptive(in.rows(), in.cols(), Math.min(side, in.rows()), Math.min(side, in.cols()));
        }
        return GridGroups.adaptive(1, in.n(), 1, Math.min(side * side, in.n()));
    }

    @Override
    public String id() {
        return "dualtoken-global";
    }

    @Override
    public String title() {
        return "DualToken-ViT global branch (unverified)";
    }

    @Override
    public String reference() {
        return "Chu et al., DualToken-ViT (SDM 2024, arXiv 2309.12424); no official code found: unverified";
    }

    @Override
    public String learnedParts(ZooInput in) {
        return projections(in) + "; parameter-free global tokens: average pooling to " + pools(in).length
                + " tokens, fusion weight 1 (no carried position-aware tokens); unverified against code";
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        int n = in.n();
        int d = in.d();
        int[][] pools = pools(in);
        int m = pools.length;
        double[] pool = GridGroups.meanPool(pools, n);
        double[] qd = Dense.mul(pool, m, n, Dense.of(in.q()), d);
        double[] kd = Dense.mul(pool, m, n, Dense.of(in.k()), d);
        double[] vd = Dense.mul(pool, m, n, Dense.of(values), dv);
        double[] ga = Dense.softmaxRows(Dense.dots(qd, m, kd, m, d, in.scale()), m, m);
        double[] kg = Dense.mul(ga, m, m, kd, d);
        double[] vg = Dense.mul(ga, m, m, vd, dv);
        double[] bcast = Dense.softmaxRows(Dense.dots(Dense.of(in.q()), n, kg, m, d, in.scale()), n, m);
        return Dense.toFloat(Dense.mul(bcast, n, m, vg, dv));
    }

    @Override
    public double flops(int n, int d) {
        double m = Math.min(n, (double) side * side);
        return 3.0 * n * d + 4.0 * m * m * d + 2.0 * m * m * d + 4.0 * n * m * d + 3.0 * n * m;
    }
}
