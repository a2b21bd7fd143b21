package org.attentionworkbench.compute.zoo;

/**
 * One token-mixing mechanism. {@link #forward} is the mechanism's own computation; {@link #matrix}
 * its effective N×N mixing matrix, by default the V-probe (forward on V = I), which is exact for every
 * mechanism linear in V. Mechanisms that are not (convolutions, SSMs, gated and channel mixers)
 * override {@link #matrix} with an impulse or Jacobian probe ({@link Probes}) and say so in
 * {@link #probe}.
 */
public interface Mixer {
    /** How {@link #matrix} is obtained. */
    enum Probe { V_PROBE, IMPULSE, JACOBIAN }

    /** Short id for the CLI (lower case, '-' between words): "softmax", "sigmoid", "hilo". */
    String id();

    /** Name shown in the UI. */
    String title();

    /** Paper and, where read, the official file (from zoo.md), one line. */
    String reference();

    Probe probe();

    /**
     * What the learned parts are on this input: the model's own projections, or which parameter-free
     * version stands in for them (shown in the UI beside the matrix).
     */
    String learnedParts(ZooInput in);

    /** Whether the mechanism can run on this input (e.g. a 2-D grid), and why not. Null when it can. */
    default String unsupported(ZooInput in) {
        return null;
    }

    /**
     * The mechanism's output for these values: N×dv, row-major. For V_PROBE mechanisms the weights come
     * from Q and K of the input and values may be any N×dv (linear in them); other mechanisms document
     * what values are (usually the tokens x, dv = C).
     */
    float[] forward(ZooInput in, float[] values, int dv);

    /** The effective mixing matrix; the default is the V-probe. */
    default MixingMatrix matrix(ZooInput in) {
        return Probes.vProbe(this, in);
    }

    /** Analytic floating-point operations of one forward at this input's size (for the cost table). */
    double flops(int n, int d);
}
