package org.attentionworkbench.compute.zoo.mechanisms;

import org.attentionworkbench.compute.zoo.ZooInput;

/**
 * Depthwise k×k convolutions on the token grid (rows × cols in raster order, zero padding, PyTorch's
 * cross-correlation convention), the spatial part of the convolutional mixers. A sequence is a 1×N grid.
 */
final class LocalConv {
    private LocalConv() {}

    /** out (N×ch) = the same k×k kernel (row-major, k odd) applied to every channel of u (N×ch). */
    static float[] depthwise(float[] u, int rows, int cols, int ch, float[] kernel, int k) {
        int half = k / 2;
        float[] out = new float[rows * cols * ch];
        double[] acc = new double[ch];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                java.util.Arrays.fill(acc, 0);
                for (int dr = -half; dr <= half; dr++) {
                    int rr = r + dr;
                    if (rr < 0 || rr >= rows) {
                        continue;
                    }
                    for (int dc = -half; dc <= half; dc++) {
                        int cc = c + dc;
                        if (cc < 0 || cc >= cols) {
                            continue;
                        }
                        double w = kernel[(dr + half) * k + dc + half];
                        int at = (rr * cols + cc) * ch;
                        for (int o = 0; o < ch; o++) {
                            acc[o] += w * u[at + o];
                        }
                    }
                }
                int at = (r * cols + c) * ch;
                for (int o = 0; o < ch; o++) {
                    out[at + o] = (float) acc[o];
                }
            }
        }
        return out;
    }

    /** The uniform k×k kernel 1/k² (the parameter-free stand-in for a learned depthwise kernel). */
    static float[] box(int k) {
        float[] w = new float[k * k];
        java.util.Arrays.fill(w, 1f / (k * k));
        return w;
    }

    static float[] box(ZooInput in, float[] u, int ch, int k) {
        return depthwise(u, in.rows(), in.cols(), ch, box(k), k);
    }

    /** Checks that values are N×dv. */
    static void checkValues(ZooInput in, float[] values, int dv) {
        if (values.length != (long) in.n() * dv) {
            throw new IllegalArgumentException("values: " + values.length + " for " + in.n() + "×" + dv);
        }
    }

    /** Checks that values have the head width d (for mechanisms whose gates pair channels with q and k). */
    static void checkHeadWidth(String id, ZooInput in, float[] values, int dv) {
        if (dv != in.d()) {
            throw new IllegalArgumentException(id + ": values must be N×d (d = " + in.d() + "), got dv = " + dv);
        }
        checkValues(in, values, dv);
    }

    /** The same limit as the probes: an N×N matrix beyond Probes.MAX_MATRIX_TOKENS is not built. */
    static void checkMatrixSize(int n) {
        if (n > org.attentionworkbench.compute.zoo.Probes.MAX_MATRIX_TOKENS) {
            throw new IllegalArgumentException("an N×N matrix of " + n + " tokens is too large to draw (at most "
                    + org.attentionworkbench.compute.zoo.Probes.MAX_MATRIX_TOKENS
                    + "); the cost benchmark measures larger N without it");
        }
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double softplus(double x) {
        return x > 20 ? x : Math.log1p(Math.exp(x));
    }
}
