package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.Mixer;
import org.attentionworkbench.compute.zoo.MixingMatrix;
import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * CAS-ViT's convolutional additive token mixer (zoo.md §9, the code's AdditiveTokenMixer):
 * out = DW3×3_proj( DW3×3(Φ(q) + Φ(k)) ⊙ v ), Φ(u) = ChannelOp(SpatialOp(u)),
 * SpatialOp(u) = u ⊙ σ(Conv1×1_{C→1}(ReLU(BN(DW3×3 u)))), ChannelOp(u) = u ⊙ σ(W·GAP(u)).
 * Parameter-free version: depthwise convs are 3×3 boxes (zero padding), BN is the identity, the C→1
 * conv is the channel mean and W = I. q and k are the input's (the gate, frozen); {@code forward}'s
 * values are v (N×d). With the gate frozen each channel c is M_c = T·diag(a_c), T the 3×3 box band.
 */
public final class CasVitMixer implements Mixer {
    @Override
    public String id() {
        return "cas-vit";
    }

    @Override
    public String title() {
        return "CAS-ViT additive mixer";
    }

    @Override
    public String reference() {
        return "Zhang et al., CAS-ViT (2024); Tianfang-Zhang/CAS-ViT classification/model/rcvit.py (AdditiveTokenMixer)";
    }

    @Override
    public Probe probe() {
        return Probe.JACOBIAN;
    }

    @Override
    public String learnedParts(ZooInput in) {
        return (in.fromModel() ? "q, k, v: the model's own projections" : "q = k = v = x (W = I)")
                + "; parameter-free: 3×3 box depthwise convs, BN = identity, C→1 conv = channel mean, channel W = I";
    }

    /** a = DW3×3(Φ(q) + Φ(k)), N×d: the per-token, per-channel gate on v. */
    public float[] gate(ZooInput in) {
        float[] pq = phi(in, in.q());
        float[] pk = phi(in, in.k());
        for (int i = 0; i < pq.length; i++) {
            pq[i] += pk[i];
        }
        return LocalConv.box(in, pq, in.d(), 3);
    }

    private static float[] phi(ZooInput in, float[] u) {
        int n = in.n();
        int d = in.d();
        // spatial: one scalar gate per token from the channel mean of ReLU(DW3×3 u)
        float[] t = LocalConv.box(in, u, d, 3);
        float[] s = new float[n * d];
        for (int i = 0; i < n; i++) {
            double m = 0;
            for (int c = 0; c < d; c++) {
                m += Math.max(0, t[i * d + c]);
            }
            double g = LocalConv.sigmoid(m / d);
            for (int c = 0; c < d; c++) {
                s[i * d + c] = (float) (u[i * d + c] * g);
            }
        }
        // channel: one gate per channel from the global average
        for (int c = 0; c < d; c++) {
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += s[i * d + c];
            }
            double g = LocalConv.sigmoid(m / n);
            for (int i = 0; i < n; i++) {
                s[i * d + c] = (float) (s[i * d + c] * g);
            }
        }
        return s;
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        LocalConv.checkHeadWidth(id(), in, values, dv);
        float[] a = gate(in);
        float[] av = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            av[i] = a[i] * values[i];
        }
        return LocalConv.box(in, av, dv, 3);
    }

    /**
     * ‖∂y_i/∂v_j‖_F with the gate frozen: since ∂y_{i,c}/∂v_{j,c} = T_ij·a_{j,c} and channels do not
     * mix, J_ij = T_ij·‖a_j‖ (exact; tested against Probes.jacobianNorm).
     */
    @Override
    public MixingMatrix matrix(ZooInput in) {
        int n = in.n();
        int d = in.d();
        float[] a = gate(in);
        float[] t = org.attentionworkbench.compute.zoo.Probes.impulse((c, u) -> LocalConv.box(in, u, 1, 3), 0, n);
        float[] m = new float[n * n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                s += (double) a[j * d + c] * a[j * d + c];
            }
            double norm = Math.sqrt(s);
            for (int i = 0; i < n; i++) {
                m[i * n + j] = (float) (t[i * n + j] * norm);
            }
        }
        return MixingMatrix.of(n, m, MixingMatrix.Kind.JACOBIAN_NORM,
                "with respect to v, the gate (from q and k) frozen: M_c = T·diag(a_c), a 3×3 band; "
                        + "global context enters only through the gate");
    }

    @Override
    public double flops(int n, int d) {
        // two Φ (3×3 conv + gates) + the 3×3 conv of the sum + product + projection conv
        return 2 * (18.0 * n * d + 4.0 * n * d) + 18.0 * n * d + n * d + 18.0 * n * d;
    }
}
