package org.attentionworkbench.compute.labs.icl;

import java.util.Random;

/**
 * A batch of in-context regression tasks: for task b, context inputs x_bj (j &lt; n, d values each) with targets
 * y_bj = w_bᵀx_bj + ε (or tanh of it), and one query (x_bq, y_bq). Values in double, row-major:
 * {@code x[(b·n + j)·d + i]}, {@code y[b·n + j]}, {@code xq[b·d + i]}, {@code yq[b]}; {@code w} keeps each task's weights.
 */
public record RegressionTasks(int batch, int n, int d, double[] x, double[] y, double[] xq, double[] yq, double[] w) {

    /** How tasks are drawn. */
    public record Sampler(int d, int n, Inputs inputs, double[] covarianceSqrt, double noise, boolean tanhTargets) {
        /** Inputs: U(−1, 1)^d (von Oswald et al.) or N(0, Σ) with Σ = L·Lᵀ (identity when L is null). */
        public enum Inputs { UNIFORM, GAUSSIAN }

        public static Sampler uniform(int d, int n) {
            return new Sampler(d, n, Inputs.UNIFORM, null, 0, false);
        }

        public static Sampler gaussian(int d, int n, double noise) {
            return new Sampler(d, n, Inputs.GAUSSIAN, null, noise, false);
        }

        public Sampler withN(int newN) {
            return new Sampler(d, newN, inputs, covarianceSqrt, noise, tanhTargets);
        }

        /** Tasks with weights w ~ N(0, I) and every input (context and query) multiplied by alpha. */
        public RegressionTasks sample(int batch, Random r, double alpha) {
            double[] x = new double[batch * n * d];
            double[] y = new double[batch * n];
            double[] xq = new double[batch * d];
            double[] yq = new double[batch];
            double[] w = new double[batch * d];
            double[] v = new double[d];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < d; i++) {
                    w[b * d + i] = r.nextGaussian();
                }
                for (int j = 0; j <= n; j++) {
                    draw(r, v);
                    double dot = 0;
                    for (int i = 0; i < d; i++) {
                        v[i] *= alpha;
                        dot += w[b * d + i] * v[i];
                    }
                    double target = (tanhTargets ? Math.tanh(dot) : dot) + noise * r.nextGaussian();
                    if (j < n) {
                        System.arraycopy(v, 0, x, (b * n + j) * d, d);
                        y[b * n + j] = target;
                    } else {
                        System.arraycopy(v, 0, xq, b * d, d);
                        yq[b] = target;
                    }
                }
            }
            return new RegressionTasks(batch, n, d, x, y, xq, yq, w);
        }

        private void draw(Random r, double[] v) {
            if (inputs == Inputs.UNIFORM) {
                for (int i = 0; i < d; i++) {
                    v[i] = 2 * r.nextDouble() - 1;
                }
                return;
            }
            double[] z = new double[d];
            for (int i = 0; i < d; i++) {
                z[i] = r.nextGaussian();
            }
            for (int i = 0; i < d; i++) {
                if (covarianceSqrt == null) {
                    v[i] = z[i];
                } else {
                    double s = 0;
                    for (int k = 0; k < d; k++) {
                        s += covarianceSqrt[i * d + k] * z[k];
                    }
                    v[i] = s;
                }
            }
        }
    }

    /** Mean squared error of predictions against the query targets. */
    public double mse(double[] pred) {
        double s = 0;
        for (int b = 0; b < batch; b++) {
            double e = pred[b] - yq[b];
            s += e * e;
        }
        return s / batch;
    }
}
