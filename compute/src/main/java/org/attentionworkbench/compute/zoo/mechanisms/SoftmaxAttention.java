package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.Mixer;
import org.attentionworkbench.compute.zoo.ZooInput;

/** The reference: softmax(QKᵀ/√d)·V (Vaswani et al. 2017). */
public final class SoftmaxAttention implements Mixer {
    @Override
    public String id() {
        return "softmax";
    }

    @Override
    public String title() {
        return "Softmax attention";
    }

    @Override
    public String reference() {
        return "Vaswani et al., Attention Is All You Need (2017)";
    }

    @Override
    public Probe probe() {
        return Probe.V_PROBE;
    }

    @Override
    public String learnedParts(ZooInput in) {
        return in.fromModel() ? "the model's own W_Q, W_K, W_V" : "parameter-free: W_Q = W_K = W_V = I";
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        int n = in.n();
        double[] s = Scores.logits(in, in.scale());
        for (int i = 0; i < n; i++) {
            Scores.softmaxRow(s, i * n, n, null);
        }
        return Scores.mix(s, n, values, dv);
    }

    @Override
    public double flops(int n, int d) {
        return 4.0 * n * n * d + 3.0 * n * n;
    }
}
