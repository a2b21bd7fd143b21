package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.Mixer;
import org.attentionworkbench.compute.zoo.MixingMatrix;
import org.attentionworkbench.compute.zoo.Probes;
import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * Hydra's quasiseparable mixer (zoo.md §20, goombalab/hydra hydra.py), one head:
 * y = shift₊(SSD_f(x)) + flip(shift₊(SSD_b(flip x))) + x ⊙ (D + W_D·x), shift₊ = roll by one with the
 * first row zeroed. As a matrix: M[i,j] = M_f[i−1,j] below the diagonal, (J M_b J)[i+1,j] above it,
 * D + w_Dᵀx_i on it. Parameter-free version (zoo.md): A = −1, constant Δ = 0.1 (softplus of Mamba's
 * dt bias at its upper init), B = k/√d and C = q from the input in both directions, D = 1, W_D = 0;
 * conv1d, gate and projections left out. {@code forward}'s values are the head's x (any width); with
 * Δ, B, C frozen the map is exactly linear and the same in every channel.
 */
public final class HydraMixer implements Mixer {
    static final double DELTA = 0.1;

    @Override
    public String id() {
        return "hydra";
    }

    @Override
    public String title() {
        return "Hydra (quasiseparable)";
    }

    @Override
    public String reference() {
        return "Hwang et al., Hydra (2024); goombalab/hydra hydra/modules/hydra.py, matrix_mixers/quasiseparable.py";
    }

    @Override
    public Probe probe() {
        return Probe.IMPULSE;
    }

    @Override
    public String learnedParts(ZooInput in) {
        return "B = k/√d, C = q: " + (in.fromModel() ? "the model's own projections" : "parameter-free (x)")
                + "; parameter-free: A = −1, Δ = 0.1, D = 1, W_D = 0, no conv1d, gate or out_proj; mixes the values V";
    }

    /**
     * The general mixer: x L×p, Δ_f, Δ_b and diag (D + w_Dᵀx_t) of length L, B/C L×ns for each direction
     * (in forward time order; the backward direction scans them reversed).
     */
    public static float[] mix(float[] x, float[] dtF, float[] dtB, double a, float[] bF, float[] cF, float[] bB,
                              float[] cB, float[] diag, int len, int p, int ns) {
        float[] yf = Ssd.scan(x, dtF, a, bF, cF, len, p, ns);
        float[] yb = Ssd.scan(Ssd.flip(x, len, p), Ssd.flip(dtB, len, 1), a, Ssd.flip(bB, len, ns),
                Ssd.flip(cB, len, ns), len, p, ns);
        float[] y = new float[len * p];
        for (int t = 0; t < len; t++) {
            for (int j = 0; j < p; j++) {
                double s = diag[t] * x[t * p + j];
                if (t > 0) {
                    s += yf[(t - 1) * p + j];
                }
                if (t < len - 1) {
                    s += yb[(len - 2 - t) * p + j];
                }
                y[t * p + j] = (float) s;
            }
        }
        return y;
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        LocalConv.checkValues(in, values, dv);
        int n = in.n();
        float[] b = MambaMixer.scaledKeys(in);
        float[] dt = new float[n];
        java.util.Arrays.fill(dt, (float) DELTA);
        float[] diag = new float[n];
        java.util.Arrays.fill(diag, 1f);
        return mix(values, dt, dt, -1, b, in.q(), b, in.q(), diag, n, dv, in.d());
    }

    @Override
    public MixingMatrix matrix(ZooInput in) {
        float[] m = Probes.impulse((c, u) -> forward(in, u, 1), 0, in.n());
        return MixingMatrix.of(in.n(), m, MixingMatrix.Kind.IMPULSE_CHANNEL,
                "every channel of the head has this matrix (Δ, B, C frozen); quasiseparable: causal part shifted "
                        + "down, anti-causal part shifted up, D on the diagonal");
    }

    @Override
    public double flops(int n, int d) {
        // two scans, each 3·Ns·P per token for the state and 2·Ns·P for the read-out (Ns = P = d), plus the sum
        return 2 * 5.0 * n * d * d + 3.0 * n * d;
    }
}
