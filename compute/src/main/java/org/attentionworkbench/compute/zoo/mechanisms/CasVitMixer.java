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
public final class CasVitMixer implements Mixer, LiveGate {
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
        return gate(in, in.q(), in.k());
    }

    private static float[] gate(ZooInput in, float[] q, float[] k) {
        float[] pq = phi(in, q);
        float[] pk = phi(in, k);
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

    /** y = T(a(x) ⊙ x), a(x) = DW3×3(2·Φ(x)): q = k = v = x. */
    @Override
    public float[] tied(ZooInput in, float[] x) {
        float[] a = gate(in, x, x);
        float[] ax = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            ax[i] = a[i] * x[i];
        }
        return LocalConv.box(in, ax, in.d(), 3);
    }

    /**
     * ∂y/∂x of {@link #tied} column by column (forward mode: one tangent per input (token, channel),
     * pushed through each step of Φ, the sum's conv and the product), then J[i,j] = the Frobenius norm
     * of the d×d block. Unlike the frozen-gate map it is dense: the channel gate's global average
     * couples every token to every other.
     */
    @Override
    public MixingMatrix liveMatrix(ZooInput in) {
        float[] x = LiveGate.tokens(id(), in);
        int n = in.n();
        int d = in.d();
        // the forward's intermediates: t = T x, g_i = σ(mean_c ReLU t), s = x·g, h_c = σ(mean_i s), φ = s·h
        float[] t = LocalConv.box(in, x, d, 3);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            double m = 0;
            for (int c = 0; c < d; c++) {
                m += Math.max(0, t[i * d + c]);
            }
            g[i] = LocalConv.sigmoid(m / d);
        }
        double[] s = new double[n * d];
        for (int i = 0; i < n * d; i++) {
            s[i] = x[i] * g[i / d];
        }
        double[] h = new double[d];
        for (int c = 0; c < d; c++) {
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += s[i * d + c];
            }
            h[c] = LocalConv.sigmoid(m / n);
        }
        float[] phi = new float[n * d];
        for (int i = 0; i < n * d; i++) {
            phi[i] = (float) (2 * s[i] * h[i % d]);
        }
        float[] a = LocalConv.box(in, phi, d, 3);
        double[] sq = new double[n * n];
        float[] dx = new float[n * d];
        float[] ds = new float[n * d];
        float[] dphi = new float[n * d];
        float[] dw = new float[n * d];
        double[] dg = new double[n];
        double[] dh = new double[d];
        for (int j = 0; j < n; j++) {
            for (int c0 = 0; c0 < d; c0++) {
                dx[j * d + c0] = 1;
                float[] dt = LocalConv.box(in, dx, d, 3);
                for (int i = 0; i < n; i++) {
                    double dm = 0;
                    for (int c = 0; c < d; c++) {
                        dm += t[i * d + c] > 0 ? dt[i * d + c] : 0;
                    }
                    dg[i] = g[i] * (1 - g[i]) * dm / d;
                }
                java.util.Arrays.fill(dh, 0);
                for (int i = 0; i < n * d; i++) {
                    ds[i] = (float) (dx[i] * g[i / d] + x[i] * dg[i / d]);
                    dh[i % d] += ds[i];
                }
                for (int c = 0; c < d; c++) {
                    dh[c] = h[c] * (1 - h[c]) * dh[c] / n;
                }
                for (int i = 0; i < n * d; i++) {
                    dphi[i] = (float) (2 * (ds[i] * h[i % d] + s[i] * dh[i % d]));
                }
                float[] da = LocalConv.box(in, dphi, d, 3);
                for (int i = 0; i < n * d; i++) {
                    dw[i] = da[i] * x[i] + a[i] * dx[i];
                }
                float[] dy = LocalConv.box(in, dw, d, 3);
                for (int i = 0; i < n; i++) {
                    double q = 0;
                    for (int c = 0; c < d; c++) {
                        q += (double) dy[i * d + c] * dy[i * d + c];
                    }
                    sq[i * n + j] += q;
                }
                dx[j * d + c0] = 0;
            }
        }
        float[] m = new float[n * n];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) Math.sqrt(sq[i]);
        }
        return MixingMatrix.of(n, m, MixingMatrix.Kind.JACOBIAN_NORM,
                "with respect to x, q = k = v = x tied and the gate live: dense, the channel gate's global "
                        + "average couples every token pair");
    }

    @Override
    public double flops(int n, int d) {
        // two Φ (3×3 conv + gates) + the 3×3 conv of the sum + product + projection conv
        return 2 * (18.0 * n * d + 4.0 * n * d) + 18.0 * n * d + n * d + 18.0 * n * d;
    }
}
