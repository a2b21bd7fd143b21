package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * Low-rank factorised multi-head self-attention, LAMA (Mehta, Rangwala, Ramakrishnan, arXiv 1912.00835).
 * UNVERIFIED: no code was found (zoo.md §17). Each head pools the whole sequence with one attention
 * distribution from a global context c: score_i = pᵀ(σ(Uᵀh_i) ⊙ σ(Vᵀc)), a = softmax_i(score), z = Σ_i a_i v_i,
 * so in N×N form M = 1·aᵀ (rank 1, every row the same). Parameter-free: h_i = this head's keys,
 * c = their mean, U = V = I, σ = tanh, p = 1 (the bilinear pooling summed over its rank).
 */
public final class LowRankLama extends LinearInV {
    @Override
    public String id() {
        return "lama";
    }

    @Override
    public String title() {
        return "LAMA low-rank pooling (unverified)";
    }

    @Override
    public String reference() {
        return "Mehta et al., Low Rank Factorization for Compact Multi-Head Self-Attention (LAMA, arXiv 1912.00835); unverified";
    }

    @Override
    public String learnedParts(ZooInput in) {
        return (in.fromModel() ? "the model's own keys and values" : "parameter-free: keys = values = x")
                + "; pooling parameter-free: context = mean key, U = V = I, σ = tanh, p = 1; unverified against code";
    }

    /** The pooling distribution a (N). */
    public double[] pooling(ZooInput in) {
        int n = in.n();
        int d = in.d();
        double[] c = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                c[j] += in.k()[i * d + j] / (double) n;
            }
        }
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += Math.tanh(in.k()[i * d + j]) * Math.tanh(c[j]);
            }
            a[i] = s;
        }
        Scores.softmaxRow(a, 0, n, null);
        return a;
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        int n = in.n();
        double[] z = Dense.mul(pooling(in), 1, n, Dense.of(values), dv);
        float[] out = new float[n * dv];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < dv; c++) {
                out[i * dv + c] = (float) z[c];
            }
        }
        return out;
    }

    @Override
    public double flops(int n, int d) {
        return 4.0 * n * d + 3.0 * n + 2.0 * n * d;
    }
}
