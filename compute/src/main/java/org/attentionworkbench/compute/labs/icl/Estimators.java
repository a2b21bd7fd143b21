package org.attentionworkbench.compute.labs.icl;

import java.util.function.DoubleUnaryOperator;

/**
 * The reference learners the labs compare attention with, in plain double algebra (no attention): K steps of
 * gradient descent from W = 0 on L(W) = (1/2n)Σ(Wx_j − y_j)², GD++, ridge and least squares, and a line search.
 */
public final class Estimators {
    private Estimators() {}

    /** The weights after K GD steps from 0 with step η, per task [B·d]; the prediction is W·x_q. */
    public static double[] gdWeights(RegressionTasks t, double eta, int steps) {
        int d = t.d();
        int n = t.n();
        double[] w = new double[t.batch() * d];
        double[] g = new double[d];
        for (int b = 0; b < t.batch(); b++) {
            for (int s = 0; s < steps; s++) {
                java.util.Arrays.fill(g, 0);
                for (int j = 0; j < n; j++) {
                    int xj = (b * n + j) * d;
                    double res = t.y()[b * n + j];
                    for (int i = 0; i < d; i++) {
                        res -= w[b * d + i] * t.x()[xj + i];
                    }
                    for (int i = 0; i < d; i++) {
                        g[i] += res * t.x()[xj + i];
                    }
                }
                for (int i = 0; i < d; i++) {
                    w[b * d + i] += eta / n * g[i];
                }
            }
        }
        return w;
    }

    /** Predictions W_K·x_q of K GD steps. */
    public static double[] gd(RegressionTasks t, double eta, int steps) {
        return linearPredictions(t, gdWeights(t, eta, steps));
    }

    /**
     * GD++ as a recursion on the data: each step takes s_ij = x_i·x_j (i over context and query, j over the context),
     * moves every residual r_i ← r_i − (η/n)Σ_j s_ij r_j (r_j = y_j for the context, 0 for the query at first) and
     * every input x_i ← x_i − (γ/n)Σ_j s_ij x_j; the prediction is −r_query. γ = 0 is plain GD.
     */
    public static double[] gdPlusPlus(RegressionTasks t, double eta, double gamma, int steps) {
        return gdPlusPlus(t, grams(t, gamma, steps), eta);
    }

    /**
     * The score matrices s_ij of every GD++ step, per task: [task][step][(n+1)·n]. The inputs' updates do not
     * depend on η, so a line search over η reuses them.
     */
    public static double[][][] grams(RegressionTasks t, double gamma, int steps) {
        int d = t.d();
        int n = t.n();
        double[][][] out = new double[t.batch()][steps][(n + 1) * n];
        double[][] x = new double[n + 1][d];
        for (int b = 0; b < t.batch(); b++) {
            for (int j = 0; j < n; j++) {
                System.arraycopy(t.x(), (b * n + j) * d, x[j], 0, d);
            }
            System.arraycopy(t.xq(), b * d, x[n], 0, d);
            for (int step = 0; step < steps; step++) {
                double[] s = out[b][step];
                for (int i = 0; i <= n; i++) {
                    for (int j = 0; j < n; j++) {
                        s[i * n + j] = dot(x[i], x[j]);
                    }
                }
                if (gamma != 0 && step + 1 < steps) {
                    double[][] x2 = new double[n + 1][];
                    for (int i = 0; i <= n; i++) {
                        x2[i] = x[i].clone();
                        for (int j = 0; j < n; j++) {
                            double c = gamma / n * s[i * n + j];
                            for (int k = 0; k < d; k++) {
                                x2[i][k] -= c * x[j][k];
                            }
                        }
                    }
                    x = x2;
                }
            }
        }
        return out;
    }

    /** GD++ predictions from precomputed {@link #grams}. */
    public static double[] gdPlusPlus(RegressionTasks t, double[][][] grams, double eta) {
        int n = t.n();
        double[] pred = new double[t.batch()];
        double[] r = new double[n + 1];
        double[] r2 = new double[n + 1];
        for (int b = 0; b < t.batch(); b++) {
            System.arraycopy(t.y(), b * n, r, 0, n);
            r[n] = 0;
            for (double[] s : grams[b]) {
                for (int i = 0; i <= n; i++) {
                    double acc = 0;
                    for (int j = 0; j < n; j++) {
                        acc += s[i * n + j] * r[j];
                    }
                    r2[i] = r[i] - eta / n * acc;
                }
                System.arraycopy(r2, 0, r, 0, n + 1);
            }
            pred[b] = -r[n];
        }
        return pred;
    }

    /** Ridge regression (XᵀX + λI)⁻¹Xᵀy per task; λ = σ² is the Bayes posterior mean for w ~ N(0, I). */
    public static double[] ridge(RegressionTasks t, double lambda) {
        int d = t.d();
        int n = t.n();
        double[] w = new double[t.batch() * d];
        for (int b = 0; b < t.batch(); b++) {
            double[] a = new double[d * d];
            double[] rhs = new double[d];
            for (int j = 0; j < n; j++) {
                int xj = (b * n + j) * d;
                for (int i = 0; i < d; i++) {
                    rhs[i] += t.x()[xj + i] * t.y()[b * n + j];
                    for (int k = 0; k < d; k++) {
                        a[i * d + k] += t.x()[xj + i] * t.x()[xj + k];
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                a[i * d + i] += lambda;
            }
            System.arraycopy(solveSpd(a, rhs, d), 0, w, b * d, d);
        }
        return linearPredictions(t, w);
    }

    /** Least squares (min-norm when n &lt; d): ridge with λ → 0 (1e-8 keeps the solve stable). */
    public static double[] leastSquares(RegressionTasks t) {
        return ridge(t, 1e-8);
    }

    /** x_q·w per task. */
    public static double[] linearPredictions(RegressionTasks t, double[] w) {
        int d = t.d();
        double[] p = new double[t.batch()];
        for (int b = 0; b < t.batch(); b++) {
            for (int i = 0; i < d; i++) {
                p[b] += w[b * d + i] * t.xq()[b * d + i];
            }
        }
        return p;
    }

    /** The one-step η minimising the MSE on these tasks, in closed form: ŷ = η·g_b, so η* = Σ g·y / Σ g². */
    public static double bestOneStepEta(RegressionTasks t) {
        double[] g = gd(t, 1, 1);
        double num = 0;
        double den = 0;
        for (int b = 0; b < t.batch(); b++) {
            num += g[b] * t.yq()[b];
            den += g[b] * g[b];
        }
        return num / den;
    }

    /**
     * The argmin of f on [lo, hi]: a grid of 21 points, then golden-section search around the best one (f need not
     * be unimodal on the whole range, only near its minimum).
     */
    public static double lineSearch(DoubleUnaryOperator f, double lo, double hi) {
        int grid = 20;
        int best = 0;
        double bestV = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= grid; i++) {
            double v = f.applyAsDouble(lo + (hi - lo) * i / grid);
            if (v < bestV) {
                bestV = v;
                best = i;
            }
        }
        double a = lo + (hi - lo) * Math.max(0, best - 1) / grid;
        double b = lo + (hi - lo) * Math.min(grid, best + 1) / grid;
        double phi = (Math.sqrt(5) - 1) / 2;
        double c = b - phi * (b - a);
        double e = a + phi * (b - a);
        double fc = f.applyAsDouble(c);
        double fe = f.applyAsDouble(e);
        for (int it = 0; it < 30; it++) {
            if (fc < fe) {
                b = e;
                e = c;
                fe = fc;
                c = b - phi * (b - a);
                fc = f.applyAsDouble(c);
            } else {
                a = c;
                c = e;
                fc = fe;
                e = a + phi * (b - a);
                fe = f.applyAsDouble(e);
            }
        }
        return (a + b) / 2;
    }

    /** Solves A x = b for symmetric positive definite A (d×d) by Cholesky. */
    static double[] solveSpd(double[] a, double[] rhs, int d) {
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * d + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * d + k] * l[j * d + k];
                }
                if (i == j) {
                    l[i * d + i] = Math.sqrt(Math.max(s, 1e-300));
                } else {
                    l[i * d + j] = s / l[j * d + j];
                }
            }
        }
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            double s = rhs[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * d + k] * z[k];
            }
            z[i] = s / l[i * d + i];
        }
        double[] x = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < d; k++) {
                s -= l[k * d + i] * x[k];
            }
            x[i] = s / l[i * d + i];
        }
        return x;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
