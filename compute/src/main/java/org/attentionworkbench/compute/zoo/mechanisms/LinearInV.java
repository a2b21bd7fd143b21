package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.Mixer;
import org.attentionworkbench.compute.zoo.ZooInput;

/** Shared parts of the attention-like mechanisms: linear in V once the Q/K weights are fixed (V-probe). */
abstract class LinearInV implements Mixer {
    @Override
    public Probe probe() {
        return Probe.V_PROBE;
    }

    /** Where Q, K, V come from on this input. */
    static String projections(ZooInput in) {
        return in.fromModel() ? "the model's own W_Q, W_K, W_V" : "parameter-free: W_Q = W_K = W_V = I";
    }

    /** The unsupported() answer of a mechanism that needs a 2-D grid of tokens. */
    static String needsGrid(ZooInput in) {
        return in.isGrid() ? null : "needs a 2-D grid of tokens (an image); this input is a sequence";
    }
}
