package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.Mixer;
import org.attentionworkbench.compute.zoo.MixingMatrix;
import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * The super high-performance Extractor, SHE (Zhe Chen, "Attention Is Not All You Need Anymore", arXiv
 * 2308.07661; zoo.md §23). UNVERIFIED: no official code; the formula is a third-party JAX port's,
 * s_t = (1/√t)·Σ_{j≤t} x_j·W_ext^{(j)}, y_t = (x_t·W_adj) ⊙ s_t, and whether W^{(j)} is indexed by
 * absolute or relative position is unchecked. Parameter-free version: W = I, so with the gate taken
 * from q (x·W_adj) and the extracted values v, y_t = q_t ⊙ cumsum(v)_t/√t (t counted from 1), causal.
 * {@code forward}'s values are v (N×d); the gate q is frozen, so channel c is M_c = diag(q_c)·L with
 * L[t,j] = [j ≤ t]/√t.
 */
public final class ExtractorShe implements Mixer, LiveGate {
    @Override
    public String id() {
        return "extractor-she";
    }

    @Override
    public String title() {
        return "Extractor SHE (unverified)";
    }

    @Override
    public String reference() {
        return "Zhe Chen, Attention Is Not All You Need Anymore (arXiv 2308.07661); UNVERIFIED: no official code, "
                + "formula from a third-party JAX port";
    }

    @Override
    public Probe probe() {
        return Probe.JACOBIAN;
    }

    @Override
    public String learnedParts(ZooInput in) {
        return "parameter-free: W_ext = W_adj = I; gate = " + (in.fromModel() ? "the model's q" : "q = x")
                + ", extracted values = v; causal in token order; formula unverified (absolute vs relative W^(j))";
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        LocalConv.checkHeadWidth(id(), in, values, dv);
        return gated(in.q(), values, in.n(), dv);
    }

    /** y_t = g_t ⊙ (Σ_{j≤t} v_j)/√(t+1), t from 0. */
    static float[] gated(float[] g, float[] v, int n, int d) {
        float[] y = new float[n * d];
        double[] sum = new double[d];
        for (int t = 0; t < n; t++) {
            double s = 1 / Math.sqrt(t + 1);
            for (int c = 0; c < d; c++) {
                sum[c] += v[t * d + c];
                y[t * d + c] = (float) (g[t * d + c] * sum[c] * s);
            }
        }
        return y;
    }

    /** The tied parameter-free map x ↦ x ⊙ cumsum(x)/√t (gate live), for the Jacobian check. */
    public static float[] tied(float[] x, int n, int d) {
        return gated(x, x, n, d);
    }

    /** J_tj = ‖∂y_t/∂v_j‖_F = [j ≤ t]·‖q_t‖/√t with the gate frozen (exact). */
    @Override
    public MixingMatrix matrix(ZooInput in) {
        int n = in.n();
        int d = in.d();
        LocalConv.checkMatrixSize(n);
        float[] m = new float[n * n];
        for (int t = 0; t < n; t++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                s += (double) in.q()[t * d + c] * in.q()[t * d + c];
            }
            float w = (float) (Math.sqrt(s) / Math.sqrt(t + 1));
            for (int j = 0; j <= t; j++) {
                m[t * n + j] = w;
            }
        }
        return MixingMatrix.of(n, m, MixingMatrix.Kind.JACOBIAN_NORM,
                "with respect to v, gate q frozen: M_c = diag(q_c)·L, L a lower-triangular 1/√t average; unverified formula");
    }

    @Override
    public float[] tied(ZooInput in, float[] x) {
        return tied(x, in.n(), in.d());
    }

    /**
     * ∂y_{t,c}/∂x_{j,c} = (δ_tj·cumsum(x)_{t,c} + x_{t,c}·[j ≤ t])/√t and no coupling across channels, so
     * J_tj = ‖that over c‖ (exact): the diagonal carries the running sum, the rest the frozen-gate map.
     */
    @Override
    public MixingMatrix liveMatrix(ZooInput in) {
        float[] x = LiveGate.tokens(id(), in);
        int n = in.n();
        int d = in.d();
        float[] m = new float[n * n];
        double[] cum = new double[d];
        for (int t = 0; t < n; t++) {
            for (int c = 0; c < d; c++) {
                cum[c] += x[t * d + c];
            }
            double s = 1 / Math.sqrt(t + 1);
            for (int j = 0; j <= t; j++) {
                double sq = 0;
                for (int c = 0; c < d; c++) {
                    double g = ((j == t ? cum[c] : 0) + x[t * d + c]) * s;
                    sq += g * g;
                }
                m[t * n + j] = (float) Math.sqrt(sq);
            }
        }
        return MixingMatrix.of(n, m, MixingMatrix.Kind.JACOBIAN_NORM,
                "with respect to x, q = k = v = x tied and the gate live: the frozen map plus the running sum on "
                        + "the diagonal; unverified formula");
    }

    @Override
    public double flops(int n, int d) {
        return 3.0 * n * d;
    }
}
