package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * Combiner-Axial (Ren et al., NeurIPS 2021; google-research combiner/tf/approx_attention.py
 * {@code axial_rowmajor}, row summary 'wsum'): the sequence is laid out as rows of s tokens; query
 * (r, l) attends directly to its own row and, in the same softmax, to position l of every row r′
 * through a summary whose key is row r′'s attention-weighted key at l and whose value is row r′'s
 * attention output at l. M[(r,l),(r′,j)] = p_loc + p_glob(r′|(r,l))·rowprob_{r′}(l,j): full support.
 * Non-causal by default (as the code with causal=False: every row, the own one included); causal=true
 * masks later keys in the row and every summary but the earlier rows'. A shorter last row (N no
 * multiple of s) has no summary for the columns it lacks, so queries in those columns do not reach it
 * (support is full only when s divides N). Default s: the divisor of N nearest √N (round(√N) when N has
 * no divisor within a factor 2 of √N).
 */
public final class CombinerAxial extends LinearInV {
    private final int segment;
    private final boolean causal;

    public CombinerAxial() {
        this(0, false);
    }

    /** @param segment row length s (0: the default above) */
    public CombinerAxial(int segment, boolean causal) {
        if (segment < 0) {
            throw new IllegalArgumentException("Combiner-Axial: row length " + segment + " is negative");
        }
        this.segment = segment;
        this.causal = causal;
    }

    int segment(int n) {
        return segment > 0 ? Math.min(segment, n) : GridGroups.segmentLength(n);
    }

    @Override
    public String id() {
        return causal ? "combiner-axial-causal" : "combiner-axial";
    }

    @Override
    public String title() {
        return "Combiner-Axial" + (causal ? " (causal)" : "");
    }

    @Override
    public String reference() {
        return "Ren et al., Combiner (NeurIPS 2021); google-research combiner/tf/approx_attention.py axial_rowmajor";
    }

    @Override
    public String learnedParts(ZooInput in) {
        return projections(in) + "; row summaries 'wsum' (attention-weighted keys, no projection), row length "
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
        int s = segment(n);
        int[][] rows = GridGroups.segments(n, s);
        // row probabilities (unmasked, as in the code), row-weighted keys and row outputs, per token
        double[] rowKey = new double[n * d];
        double[] rowOut = new double[n * dv];
        for (int[] g : rows) {
            double[] p = Dense.softmaxRows(Dense.dots(Dense.gather(q, d, g), g.length, Dense.gather(k, d, g),
                    g.length, d, scale), g.length, g.length);
            Dense.scatterAdd(rowKey, d, g, Dense.mul(p, g.length, g.length, Dense.gather(k, d, g), d));
            Dense.scatterAdd(rowOut, dv, g, Dense.mul(p, g.length, g.length, Dense.gather(v, dv, g), dv));
        }
        double[] out = new double[n * dv];
        for (int r = 0; r < rows.length; r++) {
            int[] g = rows[r];
            for (int l = 0; l < g.length; l++) {
                int i = g[l];
                double[] logits = new double[g.length + rows.length];
                boolean[] mask = new boolean[logits.length];
                for (int b = 0; b < g.length; b++) {
                    logits[b] = scale * CombinerFixed.dot(q, i, k, g[b], d);
                    mask[b] = !causal || b <= l;
                }
                for (int r2 = 0; r2 < rows.length; r2++) {
                    boolean has = l < rows[r2].length;
                    mask[g.length + r2] = has && (!causal || r2 < r);
                    logits[g.length + r2] = has ? scale * CombinerFixed.dot(q, i, rowKey, rows[r2][l], d) : 0;
                }
                Scores.softmaxRow(logits, 0, logits.length, mask);
                for (int b = 0; b < g.length; b++) {
                    for (int c = 0; c < dv; c++) {
                        out[i * dv + c] += logits[b] * v[g[b] * dv + c];
                    }
                }
                for (int r2 = 0; r2 < rows.length; r2++) {
                    double w = logits[g.length + r2];
                    if (w != 0) {
                        for (int c = 0; c < dv; c++) {
                            out[i * dv + c] += w * rowOut[rows[r2][l] * dv + c];
                        }
                    }
                }
            }
        }
        return Dense.toFloat(out);
    }

    @Override
    public double flops(int n, int d) {
        double s = Math.max(1, Math.round(Math.sqrt(n)));
        double rows = Math.ceil(n / s);
        return 8.0 * n * s * d + 4.0 * n * rows * d + 3.0 * n * (s + rows);
    }
}
