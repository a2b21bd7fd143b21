package org.attentionworkbench.compute.labs.icl;

import java.util.Random;

/**
 * The best one-layer-LSA predictor of the form ŷ = x_qᵀ·Γ·g, g = (1/n)Σ y_j x_j (Mahankali et al.): the closed form
 * for x ~ N(0, Σ), w ~ N(0, Σ_w), y = wᵀx + ε (ε ~ N(0, σ²)), and a Monte-Carlo estimate to check it against.
 */
public final class OptimalStep {
    private OptimalStep() {}

    /** η* = n / (n + d + 1 + σ²), the isotropic case (Σ = Σ_w = I). */
    public static double isotropicEta(int n, int d, double noiseVar) {
        return n / (n + d + 1 + noiseVar);
    }

    /**
     * Γ* = Σ_wΣ·[(1 + 1/n)ΣΣ_wΣ + ((tr(ΣΣ_w) + σ²)/n)Σ]⁻¹ (d×d row-major). It is the minimiser of
     * E(x_qᵀΓg − y_q)² = E[(Γg − w)ᵀΣ(Γg − w)] + σ², i.e. Γ* = E[wgᵀ]·E[ggᵀ]⁻¹, with E[wgᵀ] = Σ_wΣ and
     * E[ggᵀ] from Gaussian fourth moments.
     */
    public static double[] gammaStar(double[] sigma, double[] sigmaW, int n, double noiseVar, int d) {
        double[] ssw = SmallLinalg.multiply(sigma, sigmaW, d);
        double tr = 0;
        for (int i = 0; i < d; i++) {
            tr += ssw[i * d + i];
        }
        double[] sss = SmallLinalg.multiply(ssw, sigma, d);
        double[] m = new double[d * d];
        for (int i = 0; i < d * d; i++) {
            m[i] = (1 + 1.0 / n) * sss[i] + (tr + noiseVar) / n * sigma[i];
        }
        return SmallLinalg.multiply(SmallLinalg.multiply(sigmaW, sigma, d), SmallLinalg.inverse(m, d), d);
    }

    /** Monte-Carlo Γ = E[wgᵀ]E[ggᵀ]⁻¹ over {@code chunks} independent chunks: the mean and its standard error (Frobenius). */
    public record MonteCarlo(double[] gamma, double standardError) {}

    public static MonteCarlo monteCarlo(RegressionTasks.Sampler sampler, int tasks, int chunks, Random r) {
        return monteCarlo(sampler, tasks, chunks, r, false);
    }

    /**
     * With {@code fromQuery}, E[x_q·y_q·gᵀ] stands in for E[wgᵀ]: the minimiser for any target y = f(x) (tanh too),
     * valid for isotropic inputs (E[x_qx_qᵀ] = I), where it equals E[wgᵀ] for linear targets.
     */
    public static MonteCarlo monteCarlo(RegressionTasks.Sampler sampler, int tasks, int chunks, Random r, boolean fromQuery) {
        if (fromQuery && sampler.covarianceSqrt() != null) {
            throw new IllegalArgumentException("the query form of the Monte Carlo needs isotropic inputs");
        }
        int d = sampler.d();
        int n = sampler.n();
        double[][] per = new double[chunks][];
        double[] mean = new double[d * d];
        int perChunk = tasks / chunks;
        for (int c = 0; c < chunks; c++) {
            double[] wg = new double[d * d];
            double[] gg = new double[d * d];
            double[] g = new double[d];
            for (int done = 0; done < perChunk; done += 1000) {
                RegressionTasks t = sampler.sample(Math.min(1000, perChunk - done), r, 1);
                for (int b = 0; b < t.batch(); b++) {
                    java.util.Arrays.fill(g, 0);
                    for (int j = 0; j < n; j++) {
                        for (int i = 0; i < d; i++) {
                            g[i] += t.y()[b * n + j] * t.x()[(b * n + j) * d + i] / n;
                        }
                    }
                    for (int i = 0; i < d; i++) {
                        for (int k = 0; k < d; k++) {
                            wg[i * d + k] += (fromQuery ? t.xq()[b * d + i] * t.yq()[b] : t.w()[b * d + i]) * g[k];
                            gg[i * d + k] += g[i] * g[k];
                        }
                    }
                }
            }
            per[c] = SmallLinalg.multiply(wg, SmallLinalg.inverse(gg, d), d);
            for (int i = 0; i < d * d; i++) {
                mean[i] += per[c][i] / chunks;
            }
        }
        double var = 0;
        for (double[] p : per) {
            for (int i = 0; i < d * d; i++) {
                var += (p[i] - mean[i]) * (p[i] - mean[i]);
            }
        }
        return new MonteCarlo(mean, Math.sqrt(var / ((double) chunks * (chunks - 1))));
    }

    /**
     * Γ a trained one-layer LSA implements: with P = W_Q·W_Kᵀ and VO = W_V·W_O, the terms of ŷ that are bilinear in
     * x_q and y_j·x_j are −(x_qᵀP_xx x_j)(y_j VO_yy) − (x_qᵀP_xy y_j)(x_jᵀVO_xy), so Γ = −n·(VO_yy·P_xx + P_xy·VO_xyᵀ).
     * (The rest of ŷ, x_qᵀP_xx Σx_jx_jᵀVO_xy and x_qᵀP_xy Σy_j²VO_yy, has no such term.)
     */
    public static double[] learnedGamma(LinearSelfAttention m, int n) {
        int d = m.d();
        int dd = d + 1;
        float[] p = m.scoreMatrix(0);
        float[] vo = m.valueOutputMatrix(0);
        double[] g = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                g[i * d + j] = -n * ((double) vo[dd * dd - 1] * p[i * dd + j] + (double) p[i * dd + d] * vo[j * dd + d]);
            }
        }
        return g;
    }

    static double frobenius(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    static double relativeDistance(double[] a, double[] b) {
        double[] diff = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            diff[i] = a[i] - b[i];
        }
        return frobenius(diff) / frobenius(b);
    }
}
