package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * Lean Attention (Sanovar et al., arXiv 2405.10480; microsoft/onnxruntime contrib_ops/cuda/bert/
 * lean_attention): exact softmax attention for decoding, with the work split stream-K style. Every
 * query row is one decode step over the N keys; the keys are cut into tiles, all rows' tiles form one
 * list, and each of P workers takes a contiguous run of ⌈T/P⌉ tiles, crossing row boundaries. Each worker
 * keeps a partial (m, ℓ, o) per row it touches; the partials of a row are merged by the associative rule
 * m = max(m₁, m₂), ℓ = ℓ₁e^{m₁−m} + ℓ₂e^{m₂−m}, o = (ℓ₁e^{m₁−m}o₁ + ℓ₂e^{m₂−m}o₂)/ℓ. So M is the softmax
 * matrix up to rounding. This is the mixer only (plain Java); the fast kernel is in zoo.kernels.
 * Tiles: the code's block_n (256 for d ≤ 64, else 128) but at most ⌈N/4⌉ so small inputs are split
 * too; 7 workers (odd, so runs straddle rows).
 */
public final class LeanAttention extends LinearInV {
    /** A partial softmax result over some keys: running max m, sum ℓ of e^{s−m}, normalised output o. */
    public record Partial(double m, double l, double[] o) {
        /** The empty partial (no keys): the merge's identity. */
        public static Partial empty(int dv) {
            return new Partial(Double.NEGATIVE_INFINITY, 0, new double[dv]);
        }
    }

    private final int tile;
    private final int workers;

    public LeanAttention() {
        this(0, 7);
    }

    /** @param tile keys per tile (0: the default above); @param workers P */
    public LeanAttention(int tile, int workers) {
        if (tile < 0 || workers < 1) {
            throw new IllegalArgumentException("Lean attention: tile " + tile + " must be ≥ 0 and workers "
                    + workers + " ≥ 1");
        }
        this.tile = tile;
        this.workers = workers;
    }

    int tile(int n, int d) {
        if (tile > 0) {
            return Math.min(tile, n);
        }
        return Math.max(1, Math.min(d <= 64 ? 256 : 128, (n + 3) / 4));
    }

    @Override
    public String id() {
        return "lean";
    }

    @Override
    public String title() {
        return "Lean Attention (stream-K softmax)";
    }

    @Override
    public String reference() {
        return "Sanovar et al., Lean Attention (arXiv 2405.10480); microsoft/onnxruntime bert/lean_attention";
    }

    @Override
    public String learnedParts(ZooInput in) {
        return projections(in) + "; exact softmax, split into tiles of " + tile(in.n(), in.d()) + " keys over "
                + workers + " workers";
    }

    /** The partial over keys [from, to) of one row's logits (row starts at off). */
    public static Partial partial(double[] logits, int off, int from, int to, double[] values, int dv) {
        if (from >= to) {
            return Partial.empty(dv);
        }
        double m = Double.NEGATIVE_INFINITY;
        for (int j = from; j < to; j++) {
            m = Math.max(m, logits[off + j]);
        }
        double l = 0;
        double[] o = new double[dv];
        for (int j = from; j < to; j++) {
            double e = Math.exp(logits[off + j] - m);
            l += e;
            for (int c = 0; c < dv; c++) {
                o[c] += e * values[j * dv + c];
            }
        }
        for (int c = 0; c < dv; c++) {
            o[c] /= l;
        }
        return new Partial(m, l, o);
    }

    /** The associative merge of two partials (either may be empty). */
    public static Partial merge(Partial a, Partial b) {
        if (a.l() == 0) {
            return b;
        }
        if (b.l() == 0) {
            return a;
        }
        double m = Math.max(a.m(), b.m());
        double wa = a.l() * Math.exp(a.m() - m);
        double wb = b.l() * Math.exp(b.m() - m);
        double l = wa + wb;
        double[] o = new double[a.o().length];
        for (int c = 0; c < o.length; c++) {
            o[c] = (wa * a.o()[c] + wb * b.o()[c]) / l;
        }
        return new Partial(m, l, o);
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        int n = in.n();
        int t = tile(n, in.d());
        int perRow = (n + t - 1) / t;
        long total = (long) n * perRow;
        long run = (total + workers - 1) / workers;
        double[] s = Scores.logits(in, in.scale());
        double[] v = Dense.of(values);
        Partial[] rows = new Partial[n];
        for (int w = 0; w < workers; w++) {
            long first = w * run;
            long last = Math.min(total, first + run);
            // one partial per row this worker's run touches
            for (long at = first; at < last; ) {
                int row = (int) (at / perRow);
                long rowEnd = Math.min(last, (long) (row + 1) * perRow);
                int from = (int) (at - (long) row * perRow) * t;
                int to = (int) Math.min(n, (rowEnd - (long) row * perRow) * t);
                Partial p = partial(s, row * n, from, to, v, dv);
                rows[row] = rows[row] == null ? p : merge(rows[row], p);
                at = rowEnd;
            }
        }
        float[] out = new float[n * dv];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < dv; c++) {
                out[i * dv + c] = (float) rows[i].o()[c];
            }
        }
        return out;
    }

    @Override
    public double flops(int n, int d) {
        return 4.0 * n * n * d + 3.0 * n * n + 4.0 * n * d * workers;
    }
}
