package org.attentionworkbench.compute.zoo;

import java.util.SplittableRandom;

/** Made-up inputs with a chosen N and d (model inputs are built where the models are opened). */
public final class ZooInputs {
    private ZooInputs() {}

    /**
     * N = rows·cols tokens of C = d channels drawn from N(0, 1) with a smooth spatial component (so
     * neighbours are alike, as in real images), and the parameter-free identity projections
     * Q = K = V = x. rows = 1 gives a sequence.
     */
    public static ZooInput synthetic(int rows, int cols, int d, long seed) {
        int n = rows * cols;
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[n * d];
        double[] phase = new double[d];
        double[] freqR = new double[d];
        double[] freqC = new double[d];
        for (int c = 0; c < d; c++) {
            phase[c] = rnd.nextDouble(2 * Math.PI);
            freqR[c] = rnd.nextDouble(0.1, 0.6);
            freqC[c] = rnd.nextDouble(0.1, 0.6);
        }
        for (int i = 0; i < n; i++) {
            int r = i / cols;
            int col = i % cols;
            for (int c = 0; c < d; c++) {
                double smooth = Math.sin(phase[c] + freqR[c] * r + freqC[c] * col);
                x[i * d + c] = (float) (smooth + 0.5 * gaussian(rnd));
            }
        }
        return new ZooInput("synthetic " + rows + "×" + cols + ", d = " + d + ", seed " + seed, n, d, d, rows, cols,
                x, x.clone(), x.clone(), x.clone(), ZooInput.gridLabels(rows, cols), false);
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
