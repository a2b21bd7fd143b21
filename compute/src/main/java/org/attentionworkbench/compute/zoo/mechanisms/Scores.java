package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.ZooInput;

/** Helpers shared by attention-like mechanisms. */
public final class Scores {
    private Scores() {}

    /** S[i,j] = scale · q_i·k_j over all N×N pairs, in double. */
    public static double[] logits(ZooInput in, double scale) {
        int n = in.n();
        int d = in.d();
        float[] q = in.q();
        float[] k = in.k();
        double[] s = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int c = 0; c < d; c++) {
                    dot += (double) q[i * d + c] * k[j * d + c];
                }
                s[i * n + j] = scale * dot;
            }
        }
        return s;
    }

    /** Row-wise softmax in place over a row of length n starting at off, only where mask is true (null: all). */
    public static void softmaxRow(double[] s, int off, int n, boolean[] mask) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (mask == null || mask[j]) {
                max = Math.max(max, s[off + j]);
            }
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double e = mask == null || mask[j] ? Math.exp(s[off + j] - max) : 0;
            s[off + j] = e;
            sum += e;
        }
        for (int j = 0; j < n; j++) {
            s[off + j] /= sum;
        }
    }

    /** out (N×dv) = W (N×N, double) · values (N×dv). */
    public static float[] mix(double[] w, int n, float[] values, int dv) {
        float[] out = new float[n * dv];
        double[] acc = new double[dv];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(acc, 0);
            for (int j = 0; j < n; j++) {
                double a = w[i * n + j];
                if (a == 0) {
                    continue;
                }
                for (int c = 0; c < dv; c++) {
                    acc[c] += a * values[j * dv + c];
                }
            }
            for (int c = 0; c < dv; c++) {
                out[i * dv + c] = (float) acc[c];
            }
        }
        return out;
    }
}
