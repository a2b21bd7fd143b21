package org.attentionworkbench.compute.autograd;

import java.util.List;

/** Stochastic gradient descent with optional momentum (PyTorch's SGD: v = μv + g, θ −= lr·v). */
public final class Sgd implements Optimizer {
    private final List<Var> params;
    private final float lr;
    private final float momentum;
    private final float[][] velocity;

    public Sgd(List<Var> params, float lr, float momentum) {
        if (!(lr > 0) || momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("SGD: learning rate " + lr + " must be > 0, momentum " + momentum + " in [0, 1)");
        }
        this.params = List.copyOf(params);
        this.lr = lr;
        this.momentum = momentum;
        this.velocity = new float[this.params.size()][];
    }

    public Sgd(List<Var> params, float lr) {
        this(params, lr, 0);
    }

    @Override
    public void step() {
        for (int k = 0; k < params.size(); k++) {
            float[] w = params.get(k).data();
            float[] g = params.get(k).grad();
            if (momentum == 0) {
                for (int i = 0; i < w.length; i++) {
                    w[i] -= lr * g[i];
                }
                continue;
            }
            if (velocity[k] == null) {
                velocity[k] = g.clone();
            } else {
                for (int i = 0; i < w.length; i++) {
                    velocity[k][i] = momentum * velocity[k][i] + g[i];
                }
            }
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * velocity[k][i];
            }
        }
    }

    @Override
    public List<Var> parameters() {
        return params;
    }
}
