package org.attentionworkbench.compute.zoo.mechanisms;

/**
 * Mamba-2's state-space dual with one scalar A per head (ssd_minimal's semantics, computed as the
 * recurrence rather than in chunks): y_t = Σ_{s≤t} (C_t·B_s)·exp(A·Σ_{k=s+1}^{t} Δ_k)·Δ_s·x_s, i.e.
 * Y = (L ∘ CBᵀ)(Δ ⊙ X) with L = exp(segsum(Δ·A)). x, y L×P; Δ L; B, C L×Ns. O(L·Ns·P), no D term.
 */
public final class Ssd {
    private Ssd() {}

    public static float[] scan(float[] x, float[] delta, double a, float[] b, float[] c, int len, int p, int ns) {
        float[] y = new float[len * p];
        double[] h = new double[ns * p];
        for (int t = 0; t < len; t++) {
            double dt = delta[t];
            double decay = Math.exp(dt * a);
            for (int n = 0; n < ns; n++) {
                double bn = dt * b[t * ns + n];
                int at = n * p;
                for (int j = 0; j < p; j++) {
                    h[at + j] = decay * h[at + j] + bn * x[t * p + j];
                }
            }
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int n = 0; n < ns; n++) {
                    s += c[t * ns + n] * h[n * p + j];
                }
                y[t * p + j] = (float) s;
            }
        }
        return y;
    }

    /** Rows of a L×w array in reverse order (J·X). */
    static float[] flip(float[] x, int len, int w) {
        float[] out = new float[x.length];
        for (int t = 0; t < len; t++) {
            System.arraycopy(x, (len - 1 - t) * w, out, t * w, w);
        }
        return out;
    }
}
