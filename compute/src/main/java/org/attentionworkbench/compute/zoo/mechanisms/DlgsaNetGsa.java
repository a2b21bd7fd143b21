package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.Mixer;
import org.attentionworkbench.compute.zoo.MixingMatrix;
import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * DLGSANet's sparse global self-attention (zoo.md §13, SparseAttention): a transposed (channel)
 * attention, A = ReLU(τ·norm(q)ᵀ·norm(k)) (d×d; norm = each channel's vector over the tokens scaled to
 * unit length, as F.normalize on the c×hw layout) and y_{i,·} = A·v_{i,·}. Parameter-free version:
 * τ = 1, the DWConv3×3 and 1×1 projections left out (q, k are the input's). {@code forward}'s values are
 * v (N×d). Linear in v with token mixing I_N: the Jacobian map with respect to v is δ_ij·‖A‖_F.
 */
public final class DlgsaNetGsa implements Mixer {
    @Override
    public String id() {
        return "dlgsanet-gsa";
    }

    @Override
    public String title() {
        return "DLGSANet sparse GSA (channel)";
    }

    @Override
    public String reference() {
        return "Li et al., DLGSANet (ACCV 2022); NeonLeexiang/DLGSANet basicsr/archs/dlgsanet_arch.py (SparseAttention)";
    }

    @Override
    public Probe probe() {
        return Probe.JACOBIAN;
    }

    @Override
    public String learnedParts(ZooInput in) {
        return (in.fromModel() ? "q, k, v: the model's own projections" : "parameter-free: q = k = v = x")
                + "; temperature τ = 1; the DWConv3×3 on q, k, v and the test-time 48×48 TLC windows left out";
    }

    /** A (d×d, row-major) = ReLU(norm(q)ᵀ·norm(k)). */
    public static double[] channelMatrix(ZooInput in) {
        int n = in.n();
        int d = in.d();
        double[] qn = columnNorms(in.q(), n, d);
        double[] kn = columnNorms(in.k(), n, d);
        double[] a = new double[d * d];
        for (int t = 0; t < n; t++) {
            for (int c = 0; c < d; c++) {
                double qc = in.q()[t * d + c] / qn[c];
                for (int e = 0; e < d; e++) {
                    a[c * d + e] += qc * in.k()[t * d + e] / kn[e];
                }
            }
        }
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.max(0, a[i]);
        }
        return a;
    }

    private static double[] columnNorms(float[] x, int n, int d) {
        double[] s = new double[d];
        for (int t = 0; t < n; t++) {
            for (int c = 0; c < d; c++) {
                s[c] += (double) x[t * d + c] * x[t * d + c];
            }
        }
        for (int c = 0; c < d; c++) {
            s[c] = Math.max(Math.sqrt(s[c]), 1e-12);
        }
        return s;
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        LocalConv.checkHeadWidth(id(), in, values, dv);
        return DaVitChannelAttention.qTimesAt(in, values, channelMatrix(in));
    }

    @Override
    public MixingMatrix matrix(ZooInput in) {
        int n = in.n();
        int d = in.d();
        LocalConv.checkMatrixSize(n);
        double[] a = channelMatrix(in);
        double fro = 0;
        int zeros = 0;
        float[] channel = new float[d * d];
        for (int i = 0; i < a.length; i++) {
            fro += a[i] * a[i];
            zeros += a[i] == 0 ? 1 : 0;
            channel[i] = (float) a[i];
        }
        float[] m = new float[n * n];
        for (int i = 0; i < n; i++) {
            m[i * n + i] = (float) Math.sqrt(fro);
        }
        return new MixingMatrix(n, m, MixingMatrix.Kind.JACOBIAN_NORM, channel, d, String.format(java.util.Locale.ROOT,
                "token mixing is I_N; the mixer is the d×d channel matrix A = ReLU(norm(q)ᵀnorm(k)), %.0f%% zeros "
                        + "(the ReLU's sparsity); map shown: ‖∂y_i/∂v_j‖_F = δ_ij‖A‖_F", 100.0 * zeros / a.length));
    }

    @Override
    public double flops(int n, int d) {
        return 4.0 * n * d + 2.0 * n * d * d + 2.0 * n * d * d;
    }
}
