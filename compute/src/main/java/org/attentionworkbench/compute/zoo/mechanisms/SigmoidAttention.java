package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.Mixer;
import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * Sigmoid attention: σ(QKᵀ/√d + b)·V with b = −log N and no row normalisation (Ramapuram et al.,
 * Theory, Analysis, and Best Practices for Sigmoid Self-Attention, ICLR 2025; apple/ml-sigmoid-attention
 * attention_simulator/.../layers/attention.py). Since σ(s − log N) = e^s / (N + e^s) ≈ e^s / N, it is
 * softmax with the row sum replaced by the constant N.
 */
public final class SigmoidAttention implements Mixer {
    @Override
    public String id() {
        return "sigmoid";
    }

    @Override
    public String title() {
        return "Sigmoid attention";
    }

    @Override
    public String reference() {
        return "Apple, Sigmoid Self-Attention (ICLR 2025); apple/ml-sigmoid-attention layers/attention.py";
    }

    @Override
    public Probe probe() {
        return Probe.V_PROBE;
    }

    @Override
    public String learnedParts(ZooInput in) {
        return (in.fromModel() ? "the model's own W_Q, W_K, W_V" : "parameter-free: W_Q = W_K = W_V = I")
                + "; bias b = −log N (a fixed buffer in the paper's code)";
    }

    @Override
    public float[] forward(ZooInput in, float[] values, int dv) {
        int n = in.n();
        double bias = -Math.log(n);
        double[] s = Scores.logits(in, in.scale());
        for (int i = 0; i < s.length; i++) {
            s[i] = 1 / (1 + Math.exp(-(s[i] + bias)));
        }
        return Scores.mix(s, n, values, dv);
    }

    @Override
    public double flops(int n, int d) {
        return 4.0 * n * n * d + 4.0 * n * n;
    }
}
