package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.Mixer;
import org.attentionworkbench.compute.zoo.MixingMatrix;
import org.attentionworkbench.compute.zoo.Probes;
import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * DLGSANet's MHDLSA (zoo.md §13): a per-pixel 7×7 depthwise kernel made by a hypernetwork, no
 * softmax. Parameter-free version (zoo.md): the box kernel 1/49 at every pixel, so the dynamic part is
 * gone and M is a fixed 7×7-stencil band, the same in every channel. {@code forward}'s values are the
 * tokens to mix (any width).
 */
public final class DlgsaNetLocal implements Mixer {
    static final int K = 7;

    @Override
    public String id() {
        return "dlgsanet-local";
    }

    @Override
    public String title() {
        return "DLGSANet MHDLSA (dynamic local 7×7)";
    }

    @Override
    public String reference() {
        return "Li et al., DLGSANet (ACCV 2022); NeonLeexiang/DLGSANet basicsr/archs/dlgsanet_arch.py (IDynamicDWConvBlock)";
    }

    @Override
    public Probe probe() {
        return Probe.IMPULSE;
    }

    @Override
    public String learnedParts(ZooInput in) {
        return "parameter-free: the hypernetwork's per-pixel 7×7 kernels are the box kernel 1/49 (zero padding), "
                + "the 1×1 convs left out; mixes the values V";
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        LocalConv.checkValues(in, values, dv);
        return LocalConv.box(in, values, dv, K);
    }

    @Override
    public MixingMatrix matrix(ZooInput in) {
        float[] m = Probes.impulse((c, u) -> forward(in, u, 1), 0, in.n());
        return MixingMatrix.of(in.n(), m, MixingMatrix.Kind.IMPULSE_CHANNEL,
                "every channel has this matrix (box kernel; the learned kernels would differ per pixel)");
    }

    @Override
    public double flops(int n, int d) {
        return 2.0 * K * K * n * d;
    }
}
