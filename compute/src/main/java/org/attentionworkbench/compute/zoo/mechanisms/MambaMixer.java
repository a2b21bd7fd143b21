package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.Mixer;
import org.attentionworkbench.compute.zoo.MixingMatrix;
import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * Mamba's selective SSM as a matrix (zoo.md §20): per channel c the lower-triangular "hidden
 * attention" M_c[t,s] = Σ_n C_t[n]·exp(A·Σ_{k=s+1}^{t}Δ_k[c])·Δ_s[c]·B_s[n] + D·δ_ts. Parameter-free
 * version: A = −1 and B = k/√d, C = q (the input's projections, state size N_s = d) as in zoo.md; Δ is
 * kept selective, Δ_t[c] = softplus(v_t[c] + b) with b = softplus⁻¹(0.1) (W_Δ = I, Mamba's dt bias at
 * its upper init), so each channel has its own matrix; D = 1. The causal conv1d and the z gate are left
 * out. {@code forward}'s values are u (N×d); Δ is taken from the input's v and frozen, so the map is
 * exactly linear per channel.
 */
public final class MambaMixer implements Mixer {
    static final double DT_BIAS = Math.log(Math.expm1(0.1));

    @Override
    public String id() {
        return "mamba";
    }

    @Override
    public String title() {
        return "Mamba (selective SSM)";
    }

    @Override
    public String reference() {
        return "Gu & Dao, Mamba (2023); state-spaces/mamba selective_scan_ref, ssd_minimal.py";
    }

    @Override
    public Probe probe() {
        return Probe.IMPULSE;
    }

    @Override
    public String learnedParts(ZooInput in) {
        return "B = k/√d, C = q, Δ = softplus(v + b): " + (in.fromModel() ? "the model's own projections"
                : "parameter-free (x)") + "; A = −1, D = 1, b = softplus⁻¹(0.1); no conv1d, z gate or out_proj; "
                + "causal in token order";
    }

    static float[] scaledKeys(ZooInput in) {
        float[] b = in.k().clone();
        float s = (float) (1 / Math.sqrt(in.d()));
        for (int i = 0; i < b.length; i++) {
            b[i] *= s;
        }
        return b;
    }

    static float[] deltas(ZooInput in) {
        float[] dt = new float[in.v().length];
        for (int i = 0; i < dt.length; i++) {
            dt[i] = (float) LocalConv.softplus(in.v()[i] + DT_BIAS);
        }
        return dt;
    }

    static float[] minusOnes(int d) {
        float[] a = new float[d * d];
        java.util.Arrays.fill(a, -1f);
        return a;
    }

    static float[] ones(int d) {
        float[] a = new float[d];
        java.util.Arrays.fill(a, 1f);
        return a;
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        LocalConv.checkHeadWidth(id(), in, values, dv);
        int d = in.d();
        return SelectiveScan.scan(values, deltas(in), minusOnes(d), scaledKeys(in), in.q(), ones(d), in.n(), d, d);
    }

    /** Every channel's matrix (d arrays of N×N; for tests and small inputs). */
    public double[][] channelMatrices(ZooInput in) {
        Frozen f = new Frozen(in);
        double[][] m = new double[in.d()][];
        for (int c = 0; c < in.d(); c++) {
            m[c] = f.channel(c);
        }
        return m;
    }

    /**
     * Δ, B, C frozen at an input, with C_t·B_s computed once: with A = −1 for every state the sum over
     * n is that dot product, so each channel's matrix costs O(N²) and all of them O(N²·d).
     */
    static final class Frozen {
        private final int n;
        private final int d;
        private final float[] dt;
        private final double[] cb;

        Frozen(ZooInput in) {
            LocalConv.checkMatrixSize(in.n());
            n = in.n();
            d = in.d();
            float[] b = scaledKeys(in);
            float[] q = in.q();
            dt = deltas(in);
            cb = new double[n * n];
            for (int t = 0; t < n; t++) {
                for (int s = 0; s <= t; s++) {
                    double dot = 0;
                    for (int c = 0; c < d; c++) {
                        dot += (double) q[t * d + c] * b[s * d + c];
                    }
                    cb[t * n + s] = dot;
                }
            }
        }

        /** M_c[t,s] = (C_t·B_s)·exp(−Σ_{k=s+1}^{t}Δ_k[c])·Δ_s[c] + δ_ts, lower-triangular. */
        double[] channel(int c) {
            double[] cum = new double[n];
            double run = 0;
            for (int t = 0; t < n; t++) {
                run += dt[t * d + c];
                cum[t] = run;
            }
            double[] m = new double[n * n];
            for (int t = 0; t < n; t++) {
                for (int s = 0; s <= t; s++) {
                    m[t * n + s] = cb[t * n + s] * Math.exp(-(cum[t] - cum[s])) * dt[s * d + c] + (s == t ? 1 : 0);
                }
            }
            return m;
        }
    }

    /** Mean |M_c| over channels, one channel at a time (O(N²) memory). */
    @Override
    public MixingMatrix matrix(ZooInput in) {
        Frozen f = new Frozen(in);
        int n = in.n();
        float[] out = new float[n * n];
        for (int c = 0; c < in.d(); c++) {
            addAbs(out, f.channel(c), in.d());
        }
        return MixingMatrix.of(n, out, MixingMatrix.Kind.IMPULSE_MEAN_ABS,
                "mean |M_c| over the d channels (Δ, B, C frozen); lower-triangular");
    }

    static void addAbs(float[] out, double[] m, int channels) {
        for (int i = 0; i < out.length; i++) {
            out[i] += (float) (Math.abs(m[i]) / channels);
        }
    }

    @Override
    public double flops(int n, int d) {
        // per token, channel and state: exp, two multiply-adds for h, one for the read-out
        return 6.0 * n * d * d + 2.0 * n * d;
    }
}
