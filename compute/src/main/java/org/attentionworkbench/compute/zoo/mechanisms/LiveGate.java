package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.Mixer;
import org.attentionworkbench.compute.zoo.MixingMatrix;
import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * A gated mixer whose Jacobian map can also be taken with the gate live: q = k = v = x tied (the
 * parameter-free block on its own tokens), so the derivative runs through the gate as well as the
 * values. {@code Mixer.matrix} keeps the gate frozen (∂y/∂v); this is ∂y/∂x, for small N only.
 */
public interface LiveGate {
    /** Most N·d for {@link #liveMatrix}: its cost grows as (N·d)². */
    int MAX_LIVE_SIZE = 4096;

    /** The tied map x ↦ y (N×d, row-major, on the input's grid) with q = k = v = x. */
    float[] tied(ZooInput in, float[] x);

    /** J[i,j] = ‖∂y_i/∂x_j‖_F of {@link #tied} at x = the input's tokens, exact (analytic). */
    MixingMatrix liveMatrix(ZooInput in);

    /** The tokens x (N×d) the tied map starts from; an error naming the limit beyond {@link #MAX_LIVE_SIZE}. */
    static float[] tokens(String id, ZooInput in) {
        if (in.c() != in.d()) {
            throw new IllegalArgumentException(id + ": the live gate ties q = k = v = x, so x needs d = " + in.d()
                    + " channels (it has " + in.c() + ")");
        }
        if ((long) in.n() * in.d() > MAX_LIVE_SIZE) {
            throw new IllegalArgumentException(id + ": the live-gate Jacobian takes N·d ≤ " + MAX_LIVE_SIZE
                    + " (got " + in.n() + "·" + in.d() + "); the frozen-gate map has no such limit");
        }
        return in.x();
    }

    /**
     * The mixer with its matrix taken with the gate live when it is a {@code LiveGate} (same id,
     * forward and costs; "(live gate)" in the title), else the mixer itself.
     */
    static Mixer live(Mixer m) {
        return m instanceof LiveGate g ? new Live(m, g) : m;
    }

    /** A gated mixer whose {@link Mixer#matrix} is its {@link #liveMatrix}. */
    record Live(Mixer inner, LiveGate gate) implements Mixer {
        @Override public String id() { return inner.id(); }
        @Override public String title() { return inner.title() + " (live gate)"; }
        @Override public String reference() { return inner.reference(); }
        @Override public Probe probe() { return inner.probe(); }
        @Override public String unsupported(ZooInput in) { return inner.unsupported(in); }
        @Override public float[] forward(ZooInput in, float[] values, int dv) { return inner.forward(in, values, dv); }
        @Override public double flops(int n, int d) { return inner.flops(n, d); }

        @Override
        public String learnedParts(ZooInput in) {
            return inner.learnedParts(in) + "; map: live gate, q = k = v = x tied, ∂y/∂x";
        }

        @Override
        public MixingMatrix matrix(ZooInput in) {
            return gate.liveMatrix(in);
        }
    }
}
