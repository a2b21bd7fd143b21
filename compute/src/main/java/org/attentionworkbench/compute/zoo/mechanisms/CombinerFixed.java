package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * Combiner-Fixed (Ren et al., NeurIPS 2021; google-research combiner/tf/approx_attention.py
 * {@code sqrt_fixed_full}): the sequence is cut into segments of length s; query i attends directly to
 * the keys of its own segment and, in the same softmax, to one summary key per segment (mean-pooled
 * keys); a summary's value is that segment's attention output for the segment's mean query. So
 * M[i,j] = p_loc(j|i) (j in i's segment) + p(span(j)|i)·q(j|span(j)): full support at O(N√N·d).
 * Non-causal by default (the inputs are encoder layers): as in the code with causal=False, every
 * segment's summary, the query's own included, joins the softmax. causal=true masks later keys inside
 * the segment and every summary but the earlier segments'. Logits are scaled by 1/√d throughout.
 */
public final class CombinerFixed extends LinearInV {
    private final int segment;
    private final boolean causal;

    /**
     * Non-causal, segments of the divisor of N nearest √N (round(√N) and a shorter last segment when N
     * has no divisor within a factor 2 of √N).
     */
    public CombinerFixed() {
        this(0, false);
    }

    /** @param segment segment length s (0: the default above) */
    public CombinerFixed(int segment, boolean causal) {
        if (segment < 0) {
            throw new IllegalArgumentException("Combiner-Fixed: segment length " + segment + " is negative");
        }
        this.segment = segment;
        this.causal = causal;
    }

    int segment(int n) {
        return segment > 0 ? Math.min(segment, n) : GridGroups.segmentLength(n);
    }

    @Override
    public String id() {
        return causal ? "combiner-fixed-causal" : "combiner-fixed";
    }

    @Override
    public String title() {
        return "Combiner-Fixed" + (causal ? " (causal)" : "");
    }

    @Override
    public String reference() {
        return "Ren et al., Combiner (NeurIPS 2021); google-research combiner/tf/approx_attention.py sqrt_fixed_full";
    }

    @Override
    public String learnedParts(ZooInput in) {
        return projections(in) + "; span summaries by mean pooling (identity-mean), segment length "
                + segment(in.n());
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        int n = in.n();
        int d = in.d();
        double scale = in.scale();
        double[] q = Dense.of(in.q());
        double[] k = Dense.of(in.k());
        double[] v = Dense.of(values);
        int[][] segs = GridGroups.segments(n, segment(n));
        int ns = segs.length;
        double[] pool = GridGroups.meanPool(segs, n);
        double[] spanQ = Dense.mul(pool, ns, n, q, d);
        double[] spanK = Dense.mul(pool, ns, n, k, d);
        // span value: the segment's own attention for its pooled query
        double[] spanV = new double[ns * dv];
        for (int r = 0; r < ns; r++) {
            int[] g = segs[r];
            double[] p = Dense.softmaxRows(Dense.dots(spanQ, ns, Dense.gather(k, d, g), g.length, d, scale), ns,
                    g.length);
            for (int a = 0; a < g.length; a++) {
                double w = p[r * g.length + a];
                for (int c = 0; c < dv; c++) {
                    spanV[r * dv + c] += w * v[g[a] * dv + c];
                }
            }
        }
        double[] out = new double[n * dv];
        for (int r = 0; r < ns; r++) {
            int[] g = segs[r];
            for (int a = 0; a < g.length; a++) {
                int i = g[a];
                double[] logits = new double[g.length + ns];
                boolean[] mask = new boolean[g.length + ns];
                for (int b = 0; b < g.length; b++) {
                    logits[b] = scale * dot(q, i, k, g[b], d);
                    mask[b] = !causal || b <= a;
                }
                for (int s = 0; s < ns; s++) {
                    logits[g.length + s] = scale * dot(q, i, spanK, s, d);
                    mask[g.length + s] = !causal || s < r;
                }
                Scores.softmaxRow(logits, 0, logits.length, mask);
                for (int b = 0; b < g.length; b++) {
                    for (int c = 0; c < dv; c++) {
                        out[i * dv + c] += logits[b] * v[g[b] * dv + c];
                    }
                }
                for (int s = 0; s < ns; s++) {
                    for (int c = 0; c < dv; c++) {
                        out[i * dv + c] += logits[g.length + s] * spanV[s * dv + c];
                    }
                }
            }
        }
        return Dense.toFloat(out);
    }

    static double dot(double[] a, int i, double[] b, int j, int d) {
        double s = 0;
        for (int c = 0; c < d; c++) {
            s += a[i * d + c] * b[j * d + c];
        }
        return s;
    }

    @Override
    public double flops(int n, int d) {
        double s = Math.max(1, Math.round(Math.sqrt(n)));
        double spans = Math.ceil(n / s);
        // local logits and mixing, span logits and mixing, span values (s keys per segment)
        return 4.0 * n * s * d + 4.0 * n * spans * d + 4.0 * n * d + 3.0 * n * (s + spans);
    }
}
