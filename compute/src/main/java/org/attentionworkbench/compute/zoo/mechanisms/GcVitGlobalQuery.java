package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * GC ViT global query attention (Hatamizadeh et al., ICML 2023; NVlabs/GCVit models/gc_vit.py
 * WindowAttentionGlobal): inside every ws×ws window the keys and values are the window's own, but the
 * queries are one shared set of ws² global queries q_g extracted from the whole image: token (r, c) of
 * a window uses global query (r, c). M is block-diagonal over windows; row i is "global query i" in
 * every window. The intended semantics are implemented (the code's channels-first view scrambles the
 * layout). Parameter-free (zoo.md §11): q_g = adaptive max-pool of this head's queries (= of x when
 * W = I) to ws×ws instead of the FeatExtract stack; no relative position bias. ws = 7 as in the paper,
 * at most the grid's shorter side; edge windows are ragged and use the top-left part of q_g.
 */
public final class GcVitGlobalQuery extends LinearInV {
    private final int window;

    public GcVitGlobalQuery() {
        this(7);
    }

    public GcVitGlobalQuery(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("GC ViT: window " + window + " must be ≥ 1");
        }
        this.window = window;
    }

    int window(ZooInput in) {
        return Math.min(window, Math.min(in.rows(), in.cols()));
    }

    @Override
    public String id() {
        return "gcvit-global";
    }

    @Override
    public String title() {
        return "GC ViT global query";
    }

    @Override
    public String reference() {
        return "Hatamizadeh et al., Global Context Vision Transformers (ICML 2023); NVlabs/GCVit models/gc_vit.py";
    }

    @Override
    public String learnedParts(ZooInput in) {
        return projections(in) + "; global queries: parameter-free adaptive max-pool of Q to " + window(in) + "×"
                + window(in) + " (no FeatExtract, no relative position bias)";
    }

    @Override
    public String unsupported(ZooInput in) {
        return needsGrid(in);
    }

    /** The ws² global queries (ws² × d), adaptive max-pooled over the grid. */
    double[] globalQueries(ZooInput in) {
        int ws = window(in);
        int d = in.d();
        int[][] cells = GridGroups.adaptive(in.rows(), in.cols(), ws, ws);
        double[] qg = new double[cells.length * d];
        for (int g = 0; g < cells.length; g++) {
            for (int c = 0; c < d; c++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j : cells[g]) {
                    max = Math.max(max, in.q()[j * d + c]);
                }
                qg[g * d + c] = max;
            }
        }
        return qg;
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        int ws = window(in);
        int d = in.d();
        int n = in.n();
        double[] qg = globalQueries(in);
        double[] k = Dense.of(in.k());
        double[] v = Dense.of(values);
        double[] out = new double[n * dv];
        for (int[] g : GridGroups.tiles(in.rows(), in.cols(), ws, ws)) {
            int r0 = g[0] / in.cols();
            int c0 = g[0] % in.cols();
            int[] local = new int[g.length];
            for (int a = 0; a < g.length; a++) {
                local[a] = (g[a] / in.cols() - r0) * ws + (g[a] % in.cols() - c0);
            }
            double[] a = Dense.softmaxRows(Dense.dots(Dense.gather(qg, d, local), g.length, Dense.gather(k, d, g),
                    g.length, d, in.scale()), g.length, g.length);
            Dense.scatterAdd(out, dv, g, Dense.mul(a, g.length, g.length, Dense.gather(v, dv, g), dv));
        }
        return Dense.toFloat(out);
    }

    @Override
    public double flops(int n, int d) {
        double w2 = 49;
        return 4.0 * n * w2 * d + 3.0 * n * w2 + n * d;
    }
}
