package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.Mixer;
import org.attentionworkbench.compute.zoo.MixingMatrix;
import org.attentionworkbench.compute.zoo.Probes;
import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * UniFormer's local MHRA (CBlock, zoo.md §14): the token affinity is a learned 5×5 depthwise kernel
 * that does not depend on the input. Parameter-free version: the uniform 1/25 kernel, the 1×1 convs
 * around it, BN and the DWConv3×3 position encoding left out. {@code forward}'s values are the tokens
 * to mix (any width); each channel has the same 5×5-stencil Toeplitz-block matrix M, exactly linear.
 */
public final class UniFormerLocal implements Mixer {
    static final int K = 5;

    @Override
    public String id() {
        return "uniformer-local";
    }

    @Override
    public String title() {
        return "UniFormer local MHRA (5×5)";
    }

    @Override
    public String reference() {
        return "Li et al., UniFormer (ICLR 2022); Sense-X/UniFormer image_classification/models/uniformer.py (CBlock)";
    }

    @Override
    public Probe probe() {
        return Probe.IMPULSE;
    }

    @Override
    public String learnedParts(ZooInput in) {
        return "parameter-free: the learned 5×5 depthwise affinity is the uniform 1/25 kernel (zero padding); "
                + "1×1 convs, BN and the position encoding left out; mixes the values V";
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
                "every channel has this matrix (a fixed 5×5 stencil, input-independent)");
    }

    @Override
    public double flops(int n, int d) {
        return 2.0 * K * K * n * d;
    }
}
