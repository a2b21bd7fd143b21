package org.attentionworkbench.compute.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QkEmbeddingTest {
    @Test
    void pcaRecoversAPlanted2dStructureUpToRotation() {
        int n = 40;
        int d = 16;
        SplittableRandom rnd = new SplittableRandom(7);
        // two orthonormal directions in R^16 (Gram-Schmidt of random vectors)
        double[] u = random(rnd, d);
        normalise(u);
        double[] w = random(rnd, d);
        double dot = 0;
        for (int c = 0; c < d; c++) {
            dot += u[c] * w[c];
        }
        for (int c = 0; c < d; c++) {
            w[c] -= dot * u[c];
        }
        normalise(w);
        // planted plane coordinates: queries on a circle of radius 3, keys on one of radius 1.5, noise 1e-3
        double[][] plane = new double[2 * n][2];
        float[] q = new float[n * d];
        float[] k = new float[n * d];
        for (int i = 0; i < 2 * n; i++) {
            double r = i < n ? 3 : 1.5;
            double a = 2 * Math.PI * (i % n) / n + (i < n ? 0 : 0.3);
            plane[i][0] = r * Math.cos(a);
            plane[i][1] = r * Math.sin(a);
            float[] dst = i < n ? q : k;
            for (int c = 0; c < d; c++) {
                dst[(i % n) * d + c] = (float) (plane[i][0] * u[c] + plane[i][1] * w[c] + 1e-3 * (rnd.nextDouble() - 0.5));
            }
        }
        float[] points = new float[2 * n * d];
        System.arraycopy(q, 0, points, 0, n * d);
        System.arraycopy(k, 0, points, n * d, n * d);
        QkEmbedding e = QkEmbedding.pcaOf(points, 2 * n, d, n);
        assertTrue(e.explained()[0] + e.explained()[1] > 0.999, "two axes explain the variance");
        // distances in the embedding are the planted ones (PCA is a rotation of the plane here)
        for (int i = 0; i < 2 * n; i += 3) {
            for (int j = i + 1; j < 2 * n; j += 5) {
                double planted = Math.hypot(plane[i][0] - plane[j][0], plane[i][1] - plane[j][1]);
                double got = Math.hypot(e.x(i) - e.x(j), e.y(i) - e.y(j));
                assertEquals(planted, got, 1e-2, "points " + i + ", " + j);
            }
        }
        // the public entry point normalises and still embeds queries and keys together
        QkEmbedding viz = QkEmbedding.pca(q, k, n, d);
        assertEquals(4 * n, viz.xy().length);
    }

    @Test
    void theAttentionVizNormalisationKeepsEverySoftmaxRow() {
        int n = 12;
        int d = 6;
        SplittableRandom rnd = new SplittableRandom(2);
        float[] q = new float[n * d];
        float[] k = new float[n * d];
        for (int i = 0; i < n * d; i++) {
            q[i] = (float) (rnd.nextDouble() * 2 + 1);
            k[i] = (float) (rnd.nextDouble() * 0.2 - 3);
        }
        float[] nk = QkEmbedding.normalised(q, k, n, d);
        float[] q2 = java.util.Arrays.copyOfRange(nk, 0, n * d);
        float[] k2 = java.util.Arrays.copyOfRange(nk, n * d, 2 * n * d);
        double[] a = softmax(q, k, n, d);
        double[] b = softmax(q2, k2, n, d);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-5);
        }
        // and it moved the keys onto the queries (the point of it)
        double mq = 0;
        double mk = 0;
        for (int i = 0; i < n * d; i++) {
            mq += q2[i];
            mk += k2[i];
        }
        assertTrue(Math.abs(mq - mk) / Math.abs(mq) < 0.5, mq + " vs " + mk);
    }

    private static double[] softmax(float[] q, float[] k, int n, int d) {
        double[] s = new double[n * n];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                double v = 0;
                for (int c = 0; c < d; c++) {
                    v += q[i * d + c] * (double) k[j * d + c];
                }
                s[i * n + j] = v;
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                s[i * n + j] = Math.exp(s[i * n + j] - max);
                sum += s[i * n + j];
            }
            for (int j = 0; j < n; j++) {
                s[i * n + j] /= sum;
            }
        }
        return s;
    }

    private static double[] random(SplittableRandom rnd, int d) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = rnd.nextDouble() - 0.5;
        }
        return v;
    }

    private static void normalise(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        s = Math.sqrt(s);
        for (int i = 0; i < v.length; i++) {
            v[i] /= s;
        }
    }
}
