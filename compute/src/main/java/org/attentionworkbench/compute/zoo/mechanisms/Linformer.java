package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * Linformer (Wang et al., 2020; fairseq examples/linformer multihead_linear_attention.py): keys and
 * values are projected along the sequence to k rows, M = softmax(Q(EK)ᵀ/√d)·F with E, F ∈ R^{k×N}, rank ≤ k.
 * E and F are learned; the parameter-free version here uses E = F = mean pooling over k consecutive
 * segments (raster order). k = ⌈N/4⌉ by default, at most 256 (the paper's k = 128…256 for N = 512…): a fixed k
 * for long inputs is what makes it linear in N.
 */
public final class Linformer extends LinearInV {
    private final int rank;

    public Linformer() {
        this(0);
    }

    /** The largest default k (the paper's largest). */
    public static final int MAX_DEFAULT_RANK = 256;

    /** @param rank k (0: ⌈N/4⌉, at most {@link #MAX_DEFAULT_RANK}) */
    public Linformer(int rank) {
        if (rank < 0) {
            throw new IllegalArgumentException("Linformer: projected length " + rank + " is negative");
        }
        this.rank = rank;
    }

    /** The projected length k for N tokens. */
    public int rank(int n) {
        return rank > 0 ? Math.min(rank, n) : Math.max(1, Math.min(MAX_DEFAULT_RANK, (n + 3) / 4));
    }

    @Override
    public String id() {
        return "linformer";
    }

    @Override
    public String title() {
        return "Linformer (low-rank keys)";
    }

    @Override
    public String reference() {
        return "Wang et al., Linformer (2020); fairseq examples/linformer multihead_linear_attention.py";
    }

    @Override
    public String learnedParts(ZooInput in) {
        return projections(in) + "; E = F: parameter-free mean pooling to " + rank(in.n()) + " segments";
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        int n = in.n();
        int d = in.d();
        int k = rank(n);
        int[][] segs = GridGroups.adaptive(1, n, 1, k);
        // E·K and F·V as segment means: O(N·d), no k×N matrix
        double[] ek = segmentMeans(segs, Dense.of(in.k()), d);
        double[] fv = segmentMeans(segs, Dense.of(values), dv);
        double[] a = Dense.softmaxRows(Dense.dots(Dense.of(in.q()), n, ek, k, d, in.scale()), n, k);
        return Dense.toFloat(Dense.mul(a, n, k, fv, dv));
    }

    private static double[] segmentMeans(int[][] segs, double[] x, int width) {
        double[] out = new double[segs.length * width];
        for (int s = 0; s < segs.length; s++) {
            for (int j : segs[s]) {
                for (int c = 0; c < width; c++) {
                    out[s * width + c] += x[j * width + c] / segs[s].length;
                }
            }
        }
        return out;
    }

    @Override
    public double flops(int n, int d) {
        double k = rank(n);
        return 2.0 * n * d + 4.0 * n * k * d + 3.0 * n * k;
    }
}
