package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.Mixer;
import org.attentionworkbench.compute.zoo.MixingMatrix;
import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * DaViT channel (group) attention with the code's semantics (zoo.md §10, timm davit.py
 * ChannelAttention): A = softmax((k·d^-½)ᵀ·v) over the last axis (d×d, one group = the head) and
 * y = q·Aᵀ. The paper writes V·softmax(QᵀK); the code mixes q with a matrix built from k and v, and we
 * follow the code. {@code forward}'s values are v (N×d); q and k are the input's. The token mixing of
 * q is I_N; the matrix shown is A (channel) and the Jacobian-norm map with respect to v.
 */
public final class DaVitChannelAttention implements Mixer {
    @Override
    public String id() {
        return "davit-channel";
    }

    @Override
    public String title() {
        return "DaViT channel attention";
    }

    @Override
    public String reference() {
        return "Ding et al., DaViT (ECCV 2022); dingmyu/davit timm/models/davit.py (ChannelAttention), code semantics";
    }

    @Override
    public Probe probe() {
        return Probe.JACOBIAN;
    }

    @Override
    public String learnedParts(ZooInput in) {
        return (in.fromModel() ? "q, k, v: the model's own projections" : "parameter-free: q = k = v = x (W = I)")
                + "; one group of C_g = d channels (the head)";
    }

    /** A (d×d, row-major): row o = softmax over c of d^-½·Σ_t k[t,o]·v[t,c]. */
    public static double[] channelMatrix(ZooInput in, float[] v) {
        int n = in.n();
        int d = in.d();
        float[] k = in.k();
        double alpha = 1 / Math.sqrt(d);
        double[] a = new double[d * d];
        for (int t = 0; t < n; t++) {
            for (int o = 0; o < d; o++) {
                double ko = alpha * k[t * d + o];
                for (int c = 0; c < d; c++) {
                    a[o * d + c] += ko * v[t * d + c];
                }
            }
        }
        for (int o = 0; o < d; o++) {
            Scores.softmaxRow(a, o * d, d, null);
        }
        return a;
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        LocalConv.checkHeadWidth(id(), in, values, dv);
        return qTimesAt(in, in.q(), channelMatrix(in, values));
    }

    /** y = q·Aᵀ. */
    static float[] qTimesAt(ZooInput in, float[] q, double[] a) {
        int n = in.n();
        int d = in.d();
        float[] y = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < d; o++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    s += q[i * d + c] * a[o * d + c];
                }
                y[i * d + o] = (float) s;
            }
        }
        return y;
    }

    /**
     * The channel matrix A, and J_ij = ‖∂y_i/∂v_j‖_F analytically: ∂y_{i,o}/∂v_{j,c} =
     * d^-½·k_{j,o}·A_{o,c}·(q_{i,c} − y_{i,o}), so J_ij² = (1/d)·Σ_o k_{j,o}²·G_{i,o} with
     * G_{i,o} = Σ_c A_{o,c}²(q_{i,c} − y_{i,o})². O(N²d).
     */
    @Override
    public MixingMatrix matrix(ZooInput in) {
        int n = in.n();
        int d = in.d();
        float[] q = in.q();
        float[] k = in.k();
        LocalConv.checkMatrixSize(n);
        double[] a = channelMatrix(in, in.v());
        float[] y = qTimesAt(in, q, a);
        double[] g = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < d; o++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double e = a[o * d + c] * (q[i * d + c] - (double) y[i * d + o]);
                    s += e * e;
                }
                g[i * d + o] = s;
            }
        }
        float[] m = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int o = 0; o < d; o++) {
                    double kj = k[j * d + o];
                    s += kj * kj * g[i * d + o];
                }
                m[i * n + j] = (float) Math.sqrt(s / d);
            }
        }
        float[] channel = new float[d * d];
        for (int i = 0; i < channel.length; i++) {
            channel[i] = (float) a[i];
        }
        return new MixingMatrix(n, m, MixingMatrix.Kind.JACOBIAN_NORM, channel, d,
                "token mixing of q is I_N; the mixer is the d×d channel matrix A (rows sum to 1); the map shown is "
                        + "‖∂y_i/∂v_j‖_F with q and k frozen, non-zero because A depends on every token");
    }

    @Override
    public double flops(int n, int d) {
        return 2.0 * n * d * d + 3.0 * d * d + 2.0 * n * d * d;
    }
}
