package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * S2AFormer strip self-attention (SSA; arXiv 2505.22195, TIP). UNVERIFIED: no official code was found;
 * this follows zoo.md §12 (from the paper's abstract). Keys and values are spatially reduced by a
 * strided depthwise convolution (N → N/r²) and queries and reduced keys are compressed to d′ channels:
 * Y = softmax(Q′K′ᵀ/√d′)·V_r. Parameter-free: r×r average pooling for the reduction (edge cells ragged;
 * a sequence is pooled in segments of r) and the truncated identity (the first d′ channels) for the
 * compression. r = 2 and d′ = ⌈d/2⌉ by default (the paper's ratios need its tables). M = A·P, rank ≤ N/r².
 */
public final class S2aFormerStrip extends LinearInV {
    private final int reduction;
    private final int compressed;

    public S2aFormerStrip() {
        this(2, 0);
    }

    /** @param reduction r; @param compressed d′ (0: ⌈d/2⌉) */
    public S2aFormerStrip(int reduction, int compressed) {
        if (reduction < 1 || compressed < 0) {
            throw new IllegalArgumentException("S2AFormer: reduction " + reduction + " must be ≥ 1 and d′ "
                    + compressed + " ≥ 0");
        }
        this.reduction = reduction;
        this.compressed = compressed;
    }

    int compressed(int d) {
        return compressed > 0 ? Math.min(compressed, d) : (d + 1) / 2;
    }

    int[][] cells(ZooInput in) {
        return in.isGrid() ? GridGroups.tiles(in.rows(), in.cols(), reduction, reduction)
                : GridGroups.segments(in.n(), reduction);
    }

    @Override
    public String id() {
        return "s2aformer-strip";
    }

    @Override
    public String title() {
        return "S2AFormer strip attention (unverified)";
    }

    @Override
    public String reference() {
        return "S2AFormer strip self-attention (arXiv 2505.22195, TIP); no official code found: unverified";
    }

    @Override
    public String learnedParts(ZooInput in) {
        return projections(in) + "; parameter-free reduction: " + reduction + "×" + reduction
                + " average pooling, channel compression to the first " + compressed(in.d())
                + " channels; unverified against code";
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        int n = in.n();
        int d = in.d();
        int dc = compressed(d);
        int[][] cells = cells(in);
        int m = cells.length;
        double[] pool = GridGroups.meanPool(cells, n);
        double[] kr = Dense.mul(pool, m, n, Dense.of(in.k()), d);
        double[] vr = Dense.mul(pool, m, n, Dense.of(values), dv);
        double[] q = Dense.of(in.q());
        double[] qc = new double[n * dc];
        double[] kc = new double[m * dc];
        for (int i = 0; i < n; i++) {
            System.arraycopy(q, i * d, qc, i * dc, dc);
        }
        for (int i = 0; i < m; i++) {
            System.arraycopy(kr, i * d, kc, i * dc, dc);
        }
        double[] a = Dense.softmaxRows(Dense.dots(qc, n, kc, m, dc, 1 / Math.sqrt(dc)), n, m);
        return Dense.toFloat(Dense.mul(a, n, m, vr, dv));
    }

    @Override
    public double flops(int n, int d) {
        double m = Math.ceil(n / (double) (reduction * reduction));
        double dc = (d + 1) / 2;
        return 2.0 * n * d + 2.0 * n * m * dc + 2.0 * n * m * d + 3.0 * n * m;
    }
}
