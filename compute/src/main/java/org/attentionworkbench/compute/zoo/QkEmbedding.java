package org.attentionworkbench.compute.zoo;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * One head's queries and keys embedded together in 2-D (AttentionViz, Yeh et al. 2023): a query near a
 * key means a large q·k. Before the projection the keys are moved and both sets scaled the way
 * AttentionViz does, neither of which changes the attention: adding a vector c to every key adds q·c
 * to a whole row of logits (softmax ignores it), so the keys are translated until their mean is the
 * queries' mean; and q·s with k/s keeps every logit, so s makes the mean norms equal.
 * The 2-D map is PCA of the 2N points (top two eigenvectors of their covariance). No t-SNE or UMAP:
 * no maintained Java library for either is on Maven Central (the umap-java authors' artifact is not
 * published there; only a third-party copy from 2022 is).
 *
 * @param xy        2N points (x, y): queries 0…N−1 then keys N…2N−1
 * @param n         tokens
 * @param explained share of the variance along each of the two axes
 */
public record QkEmbedding(float[] xy, int n, double[] explained) {
    public float x(int point) {
        return xy[2 * point];
    }

    public float y(int point) {
        return xy[2 * point + 1];
    }

    /** PCA of one head's queries and keys (N×d each), after the AttentionViz normalisation. */
    public static QkEmbedding pca(float[] q, float[] k, int n, int d) {
        return pcaOf(normalised(q, k, n, d), 2 * n, d, n);
    }

    /**
     * Queries then keys (2N×d) after the AttentionViz normalisation: keys translated so that their
     * mean equals the queries' mean, queries scaled by s and keys by 1/s so that their mean norms match.
     * Both leave softmax(q·k) unchanged.
     */
    public static float[] normalised(float[] q, float[] k, int n, int d) {
        if (q.length != (long) n * d || k.length != (long) n * d) {
            throw new IllegalArgumentException("queries/keys: " + q.length + ", " + k.length + " values for " + n + "×" + d);
        }
        double[] mq = new double[d];
        double[] mk = new double[d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                mq[c] += q[i * d + c] / (double) n;
                mk[c] += k[i * d + c] / (double) n;
            }
        }
        double[] kt = new double[n * d];
        double normQ = 0;
        double normK = 0;
        for (int i = 0; i < n; i++) {
            double sq = 0;
            double sk = 0;
            for (int c = 0; c < d; c++) {
                kt[i * d + c] = k[i * d + c] - mk[c] + mq[c];
                sq += (double) q[i * d + c] * q[i * d + c];
                sk += kt[i * d + c] * kt[i * d + c];
            }
            normQ += Math.sqrt(sq) / n;
            normK += Math.sqrt(sk) / n;
        }
        // q·s and k/s with s² = normK / normQ: both mean norms become √(normQ·normK)
        double s = normQ > 0 && normK > 0 ? Math.sqrt(normK / normQ) : 1;
        float[] out = new float[2 * n * d];
        for (int i = 0; i < n * d; i++) {
            out[i] = (float) (q[i] * s);
            out[n * d + i] = (float) (kt[i] / s);
        }
        return out;
    }

    /** Top-two principal components of m points (m×d). */
    static QkEmbedding pcaOf(float[] points, int m, int d, int n) {
        double[] mean = new double[d];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < d; c++) {
                mean[c] += points[i * d + c] / (double) m;
            }
        }
        DMatrixRMaj cov = new DMatrixRMaj(d, d);
        for (int i = 0; i < m; i++) {
            for (int a = 0; a < d; a++) {
                double da = points[i * d + a] - mean[a];
                for (int b = a; b < d; b++) {
                    cov.data[a * d + b] += da * (points[i * d + b] - mean[b]) / m;
                }
            }
        }
        double total = 0;
        for (int a = 0; a < d; a++) {
            total += cov.data[a * d + a];
            for (int b = 0; b < a; b++) {
                cov.data[a * d + b] = cov.data[b * d + a];
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(cov)) {
            throw new IllegalStateException("PCA: the eigen-decomposition did not converge");
        }
        int first = -1;
        int second = -1;
        for (int i = 0; i < d; i++) {
            double v = eig.getEigenvalue(i).real;
            if (first < 0 || v > eig.getEigenvalue(first).real) {
                second = first;
                first = i;
            } else if (second < 0 || v > eig.getEigenvalue(second).real) {
                second = i;
            }
        }
        double[][] axes = new double[2][];
        double[] explained = new double[2];
        int[] pick = {first, second < 0 ? first : second};
        for (int a = 0; a < 2; a++) {
            DMatrixRMaj v = eig.getEigenVector(pick[a]);
            axes[a] = v == null ? new double[d] : v.data.clone();
            explained[a] = total > 0 ? Math.max(0, eig.getEigenvalue(pick[a]).real) / total : 0;
        }
        float[] xy = new float[2 * m];
        for (int i = 0; i < m; i++) {
            for (int a = 0; a < 2; a++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    s += (points[i * d + c] - mean[c]) * axes[a][c];
                }
                xy[2 * i + a] = (float) s;
            }
        }
        return new QkEmbedding(xy, n, explained);
    }
}
