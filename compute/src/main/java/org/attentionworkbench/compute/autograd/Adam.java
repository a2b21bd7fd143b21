package org.attentionworkbench.compute.autograd;

import java.util.List;

/** Adam (Kingma &amp; Ba), as PyTorch's default: bias-corrected first and second moments, no weight decay. */
public final class Adam implements Optimizer {
    private final List<Var> params;
    private final float lr;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float[][] m;
    private final float[][] v;
    private int t;

    public Adam(List<Var> params, float lr, float beta1, float beta2, float eps) {
        if (!(lr > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("Adam: lr " + lr + ", betas " + beta1 + "/" + beta2 + ", eps " + eps);
        }
        this.params = List.copyOf(params);
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = new float[this.params.size()][];
        this.v = new float[this.params.size()][];
        for (int k = 0; k < m.length; k++) {
            m[k] = new float[this.params.get(k).size()];
            v[k] = new float[this.params.get(k).size()];
        }
    }

    /** lr with β = (0.9, 0.999), ε = 1e-8. */
    public Adam(List<Var> params, float lr) {
        this(params, lr, 0.9f, 0.999f, 1e-8f);
    }

    @Override
    public void step() {
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int k = 0; k < params.size(); k++) {
            float[] w = params.get(k).data();
            float[] g = params.get(k).grad();
            for (int i = 0; i < w.length; i++) {
                m[k][i] = beta1 * m[k][i] + (1 - beta1) * g[i];
                v[k][i] = beta2 * v[k][i] + (1 - beta2) * g[i] * g[i];
                double mh = m[k][i] / c1;
                double vh = v[k][i] / c2;
                w[i] -= (float) (lr * mh / (Math.sqrt(vh) + eps));
            }
        }
    }

    @Override
    public List<Var> parameters() {
        return params;
    }
}
