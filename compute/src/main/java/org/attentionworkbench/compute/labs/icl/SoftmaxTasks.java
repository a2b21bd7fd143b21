package org.attentionworkbench.compute.labs.icl;

import java.util.Random;

/**
 * In-context softmax-regression prompts (Li et al., zoo.md §25.3): per task a hidden x* (‖x*‖ = R) and rows
 * a_1 … a_n, a_q with N(0, 1/d) entries, so ‖a‖ ≈ 1 and ‖A‖ grows with R only through x*. The targets are the softmax
 * output scaled to O(1): b_i = n·exp(a_iᵀx*) / Σ_{j≤n} exp(a_jᵀx*) for the context (Σ b_i = n) and b_q the same with
 * a_q in the numerator (the context's normaliser). Stored as {@link RegressionTasks} (x = a, y = b, w = x*) so the
 * attention code takes the prompts [a_i; b_i], [a_q; 0] unchanged.
 */
final class SoftmaxTasks {
    private SoftmaxTasks() {}

    static RegressionTasks sample(int batch, int n, int d, double radius, Random r) {
        double[] a = new double[batch * n * d];
        double[] b = new double[batch * n];
        double[] aq = new double[batch * d];
        double[] bq = new double[batch];
        double[] xs = new double[batch * d];
        double[] logit = new double[n + 1];
        for (int t = 0; t < batch; t++) {
            double norm = 0;
            for (int i = 0; i < d; i++) {
                xs[t * d + i] = r.nextGaussian();
                norm += xs[t * d + i] * xs[t * d + i];
            }
            for (int i = 0; i < d; i++) {
                xs[t * d + i] *= radius / Math.sqrt(norm);
            }
            for (int j = 0; j <= n; j++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    double v = r.nextGaussian() / Math.sqrt(d);
                    if (j < n) {
                        a[(t * n + j) * d + i] = v;
                    } else {
                        aq[t * d + i] = v;
                    }
                    dot += v * xs[t * d + i];
                }
                logit[j] = dot;
            }
            double z = 0;
            for (int j = 0; j < n; j++) {
                z += Math.exp(logit[j]);
            }
            for (int j = 0; j < n; j++) {
                b[t * n + j] = n * Math.exp(logit[j]) / z;
            }
            bq[t] = n * Math.exp(logit[n]) / z;
        }
        return new RegressionTasks(batch, n, d, a, b, aq, bq, xs);
    }

    /**
     * One GD step from x = 0 on L(x) = (1/2n)Σ_i (n·softmax(Ax)_i − b_i)² over the context, then the query's
     * prediction n·exp(a_qᵀx₁)/Σ_j exp(a_jᵀx₁). At x = 0 the gradient is −(1/n)Σ_i (b_i − 1)(a_i − ā), ā the mean row.
     */
    static double[] oneStep(RegressionTasks t, double eta) {
        int n = t.n();
        int d = t.d();
        double[] p = new double[t.batch()];
        double[] mean = new double[d];
        double[] x1 = new double[d];
        double[] logit = new double[n];
        for (int b = 0; b < t.batch(); b++) {
            java.util.Arrays.fill(mean, 0);
            java.util.Arrays.fill(x1, 0);
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < d; i++) {
                    mean[i] += t.x()[(b * n + j) * d + i] / n;
                }
            }
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < d; i++) {
                    x1[i] += eta / n * (t.y()[b * n + j] - 1) * (t.x()[(b * n + j) * d + i] - mean[i]);
                }
            }
            double z = 0;
            for (int j = 0; j < n; j++) {
                logit[j] = 0;
                for (int i = 0; i < d; i++) {
                    logit[j] += t.x()[(b * n + j) * d + i] * x1[i];
                }
                z += Math.exp(logit[j]);
            }
            double q = 0;
            for (int i = 0; i < d; i++) {
                q += t.xq()[b * d + i] * x1[i];
            }
            p[b] = n * Math.exp(q) / z;
        }
        return p;
    }

    /** The step η that minimises the one-step query error on {@code t} (line search on [0, 50]). */
    static double bestEta(RegressionTasks t) {
        return Estimators.lineSearch(eta -> t.mse(oneStep(t, eta)), 0, 50);
    }
}
