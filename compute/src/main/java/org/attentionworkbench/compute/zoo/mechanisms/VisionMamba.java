package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.Mixer;
import org.attentionworkbench.compute.zoo.MixingMatrix;
import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * Vision Mamba's bidirectional block (bimamba v2, zoo.md §20): out = (Mamba_f(x) + flip(Mamba_b(flip x)))/2,
 * so channel c's matrix is ½(M_f + J·M_b·J), dense. Parameter-free version: both directions are
 * {@link MambaMixer}'s (the model's separate backward x_proj, dt_proj, A_b, D_b are the same identity
 * choices), the backward one scanning the reversed tokens with Δ, B, C reversed with them.
 * {@code forward}'s values are u (N×d), Δ/B/C frozen from the input.
 */
public final class VisionMamba implements Mixer {
    private final MambaMixer mamba = new MambaMixer();

    @Override
    public String id() {
        return "vim";
    }

    @Override
    public String title() {
        return "Vision Mamba (bidirectional)";
    }

    @Override
    public String reference() {
        return "Zhu et al., Vision Mamba (ICML 2024); hustvl/Vim mamba-1p1p1/mamba_ssm/modules/mamba_simple.py (bimamba v2)";
    }

    @Override
    public Probe probe() {
        return Probe.IMPULSE;
    }

    @Override
    public String learnedParts(ZooInput in) {
        return mamba.learnedParts(in) + "; the backward direction uses the same parameter-free choices on the "
                + "reversed tokens (raster order on a grid)";
    }

    /** The input with its tokens in reverse order (the backward scan's view). */
    public static ZooInput flipped(ZooInput in) {
        int n = in.n();
        java.util.List<String> labels = new java.util.ArrayList<>(in.labels());
        java.util.Collections.reverse(labels);
        return new ZooInput(in.source() + " (reversed)", n, in.c(), in.d(), 1, n, Ssd.flip(in.x(), n, in.c()),
                Ssd.flip(in.q(), n, in.d()), Ssd.flip(in.k(), n, in.d()), Ssd.flip(in.v(), n, in.d()), labels,
                in.fromModel());
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        LocalConv.checkHeadWidth(id(), in, values, dv);
        int n = in.n();
        float[] f = mamba.forward(in, values, dv);
        float[] b = Ssd.flip(mamba.forward(flipped(in), Ssd.flip(values, n, dv), dv), n, dv);
        for (int i = 0; i < f.length; i++) {
            f[i] = 0.5f * (f[i] + b[i]);
        }
        return f;
    }

    /** ½(M_f,c + J·M_b,c·J) for every channel (for tests and small inputs). */
    public double[][] channelMatrices(ZooInput in) {
        MambaMixer.Frozen f = new MambaMixer.Frozen(in);
        MambaMixer.Frozen b = new MambaMixer.Frozen(flipped(in));
        double[][] m = new double[in.d()][];
        for (int c = 0; c < in.d(); c++) {
            m[c] = channel(f, b, c, in.n());
        }
        return m;
    }

    private static double[] channel(MambaMixer.Frozen f, MambaMixer.Frozen b, int c, int n) {
        double[] mf = f.channel(c);
        double[] mb = b.channel(c);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                mf[i * n + j] = 0.5 * (mf[i * n + j] + mb[(n - 1 - i) * n + n - 1 - j]);
            }
        }
        return mf;
    }

    /** Mean |M_c| over channels, one channel at a time. */
    @Override
    public MixingMatrix matrix(ZooInput in) {
        MambaMixer.Frozen f = new MambaMixer.Frozen(in);
        MambaMixer.Frozen b = new MambaMixer.Frozen(flipped(in));
        int n = in.n();
        float[] out = new float[n * n];
        for (int c = 0; c < in.d(); c++) {
            MambaMixer.addAbs(out, channel(f, b, c, n), in.d());
        }
        return MixingMatrix.of(n, out, MixingMatrix.Kind.IMPULSE_MEAN_ABS,
                "mean |M_c| over the d channels of ½(M_f + J M_b J) (Δ, B, C frozen); dense");
    }

    @Override
    public double flops(int n, int d) {
        return 2 * mamba.flops(n, d) + 2.0 * n * d;
    }
}
