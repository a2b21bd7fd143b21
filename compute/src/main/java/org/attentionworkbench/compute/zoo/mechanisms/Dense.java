package org.attentionworkbench.compute.zoo.mechanisms;

/** Small dense-matrix helpers (row-major double arrays) for the mechanisms' factored forwards. */
final class Dense {
    private Dense() {}

    static double[] of(float[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    static float[] toFloat(double[] a) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) a[i];
        }
        return out;
    }

    /** a (n×m) · b (m×p). */
    static double[] mul(double[] a, int n, int m, double[] b, int p) {
        double[] out = new double[n * p];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m; k++) {
                double w = a[i * m + k];
                if (w == 0) {
                    continue;
                }
                int bo = k * p;
                int oo = i * p;
                for (int j = 0; j < p; j++) {
                    out[oo + j] += w * b[bo + j];
                }
            }
        }
        return out;
    }

    static double[] transpose(double[] a, int n, int m) {
        double[] t = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                t[j * n + i] = a[i * m + j];
            }
        }
        return t;
    }

    /** scale · a_i·b_j for a (na×d), b (nb×d). */
    static double[] dots(double[] a, int na, double[] b, int nb, int d, double scale) {
        double[] s = new double[na * nb];
        for (int i = 0; i < na; i++) {
            for (int j = 0; j < nb; j++) {
                double dot = 0;
                for (int c = 0; c < d; c++) {
                    dot += a[i * d + c] * b[j * d + c];
                }
                s[i * nb + j] = scale * dot;
            }
        }
        return s;
    }

    /** Row softmax of an r×c matrix in place. */
    static double[] softmaxRows(double[] s, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            Scores.softmaxRow(s, i * cols, cols, null);
        }
        return s;
    }

    /** The rows idx of a (… × width). */
    static double[] gather(double[] a, int width, int[] idx) {
        double[] out = new double[idx.length * width];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(a, idx[i] * width, out, i * width, width);
        }
        return out;
    }

    /** out[idx[i]] = rows i of part (added), for scattering a group's result back. */
    static void scatterAdd(double[] out, int width, int[] idx, double[] part) {
        for (int i = 0; i < idx.length; i++) {
            for (int c = 0; c < width; c++) {
                out[idx[i] * width + c] += part[i * width + c];
            }
        }
    }

    /** softmax(scale · q_g k_gᵀ) v_g inside every group of tokens (window, row, column, cluster). */
    static double[] groupAttention(int[][] groups, double[] q, double[] k, int d, double scale, double[] v, int dv,
                                   int n) {
        double[] out = new double[n * dv];
        for (int[] g : groups) {
            double[] a = softmaxRows(dots(gather(q, d, g), g.length, gather(k, d, g), g.length, d, scale),
                    g.length, g.length);
            scatterAdd(out, dv, g, mul(a, g.length, g.length, gather(v, dv, g), dv));
        }
        return out;
    }
}
