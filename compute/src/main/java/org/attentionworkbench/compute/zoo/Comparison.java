package org.attentionworkbench.compute.zoo;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * A mechanism's matrix (and output) against a reference — softmax on the same Q, K, V — with the
 * zoo's measures (zoo.md §0). Distances are in token units: |i − j| along a sequence, Euclidean on the
 * grid for 2-D inputs.
 *
 * @param relMatrixError  ‖M − R‖_F / ‖R‖_F
 * @param relOutputError  ‖out − refOut‖_F / ‖refOut‖_F (NaN when no output was given)
 * @param rowSumMin       smallest row sum of M (1 for a row-stochastic matrix)
 * @param rowSums         every row sum (for the histogram)
 * @param stochastic      both M and R are row-stochastic (non-negative, rows sum to 1 within 1e-3)
 * @param meanTotalVariation  mean over rows of ½Σ|M − R| (NaN unless stochastic)
 * @param meanKl          mean over rows of KL(R‖M), M clamped at 1e-12 (NaN unless stochastic)
 * @param effectiveRank   exp of the entropy of M's normalised singular values (Roy and Vetterli);
 *                        NaN above {@link #MAX_RANK_TOKENS} tokens
 * @param density         fraction of entries with |M_ij| > 1e-6·max|M|
 * @param massByDistance  mean over rows of the share of |M| at each distance bin (bin = rounded distance)
 * @param referenceMassByDistance the same for R
 */
public record Comparison(double relMatrixError, double relOutputError, double rowSumMin, double rowSumMean,
                         double rowSumMax, double[] rowSums, boolean stochastic, double meanTotalVariation,
                         double meanKl, double effectiveRank, double density, double[] massByDistance,
                         double[] referenceMassByDistance) {
    /** SVD above this many tokens takes too long for an interactive view. */
    public static final int MAX_RANK_TOKENS = 1024;

    public static Comparison of(ZooInput in, MixingMatrix m, float[] output, MixingMatrix reference,
                                float[] referenceOutput) {
        int n = m.n();
        if (reference.n() != n || in.n() != n) {
            throw new IllegalArgumentException("comparison of " + n + " tokens with " + reference.n());
        }
        float[] a = m.m();
        float[] r = reference.m();
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            double e = a[i] - (double) r[i];
            diff += e * e;
            norm += (double) r[i] * r[i];
        }
        double relMatrix = Math.sqrt(diff / norm);
        double relOutput = Double.NaN;
        if (output != null && referenceOutput != null) {
            double od = 0;
            double on = 0;
            for (int i = 0; i < output.length; i++) {
                double e = output[i] - (double) referenceOutput[i];
                od += e * e;
                on += (double) referenceOutput[i] * referenceOutput[i];
            }
            relOutput = Math.sqrt(od / on);
        }
        double[] sums = rowSums(a, n);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double mean = 0;
        for (double s : sums) {
            min = Math.min(min, s);
            max = Math.max(max, s);
            mean += s / n;
        }
        boolean stochastic = isStochastic(a, n) && isStochastic(r, n);
        double tv = Double.NaN;
        double kl = Double.NaN;
        if (stochastic) {
            tv = 0;
            kl = 0;
            for (int i = 0; i < n; i++) {
                double rowTv = 0;
                double rowKl = 0;
                for (int j = 0; j < n; j++) {
                    double p = r[i * n + j];
                    double q = Math.max(1e-12, a[i * n + j]);
                    rowTv += Math.abs(p - a[i * n + j]);
                    if (p > 0) {
                        rowKl += p * Math.log(p / q);
                    }
                }
                tv += 0.5 * rowTv / n;
                kl += rowKl / n;
            }
        }
        return new Comparison(relMatrix, relOutput, min, mean, max, sums, stochastic, tv, kl,
                n <= MAX_RANK_TOKENS ? effectiveRank(a, n) : Double.NaN, density(a),
                massByDistance(a, in), massByDistance(r, in));
    }

    static double[] rowSums(float[] a, int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i] += a[i * n + j];
            }
        }
        return s;
    }

    static boolean isStochastic(float[] a, int n) {
        for (float v : a) {
            if (v < -1e-6f || !Float.isFinite(v)) {
                return false;
            }
        }
        for (double s : rowSums(a, n)) {
            if (Math.abs(s - 1) > 1e-3) {
                return false;
            }
        }
        return true;
    }

    /** exp(H(σ / Σσ)) of the singular values: 1 for rank one, N for a multiple of an orthogonal matrix. */
    public static double effectiveRank(float[] a, int n) {
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        for (int i = 0; i < a.length; i++) {
            m.data[i] = a[i];
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, n, false, false, true);
        if (!svd.decompose(m)) {
            return Double.NaN;
        }
        double[] s = svd.getSingularValues();
        double total = 0;
        for (double v : s) {
            total += v;
        }
        if (total == 0) {
            return 0;
        }
        double h = 0;
        for (double v : s) {
            double p = v / total;
            if (p > 0) {
                h -= p * Math.log(p);
            }
        }
        return Math.exp(h);
    }

    static double density(float[] a) {
        float max = 0;
        for (float v : a) {
            max = Math.max(max, Math.abs(v));
        }
        if (max == 0) {
            return 0;
        }
        long nnz = 0;
        for (float v : a) {
            if (Math.abs(v) > 1e-6f * max) {
                nnz++;
            }
        }
        return (double) nnz / a.length;
    }

    /** Distance between tokens i and j: |i − j| on a sequence, Euclidean on the grid. */
    public static double distance(ZooInput in, int i, int j) {
        if (!in.isGrid()) {
            return Math.abs(i - j);
        }
        int dr = i / in.cols() - j / in.cols();
        int dc = i % in.cols() - j % in.cols();
        return Math.sqrt(dr * dr + dc * dc);
    }

    /** Mean over rows of the share of the row's |M| mass at each rounded distance. */
    public static double[] massByDistance(float[] a, ZooInput in) {
        int n = in.n();
        int bins = (int) Math.round(in.isGrid()
                ? Math.sqrt(Math.pow(in.rows() - 1, 2) + Math.pow(in.cols() - 1, 2)) : n - 1) + 1;
        double[] mass = new double[bins];
        for (int i = 0; i < n; i++) {
            double row = 0;
            for (int j = 0; j < n; j++) {
                row += Math.abs(a[i * n + j]);
            }
            if (row == 0) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                mass[(int) Math.round(distance(in, i, j))] += Math.abs(a[i * n + j]) / row / n;
            }
        }
        return mass;
    }
}
