package org.attentionworkbench.compute.models.mobilenet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Folding equals conv-then-BN, computed the long way, for general BN statistics and the identity BN. */
class BatchNormFoldTest {

    @Test
    void foldedConvEqualsConvThenBatchNorm() {
        Random r = new Random(3);
        int cout = 5, per = 12; // per = Cin·kh·kw
        float[] w = rand(r, cout * per, 1);
        float[] bias = rand(r, cout, 1);
        float[] gamma = rand(r, cout, 2);
        float[] beta = rand(r, cout, 1);
        float[] mean = rand(r, cout, 1);
        float[] var = new float[cout];
        for (int c = 0; c < cout; c++) {
            var[c] = 0.1f + r.nextFloat() * 3;
        }
        double eps = 1e-3;
        BatchNormFold.Folded f = BatchNormFold.fold(w, bias, gamma, beta, mean, var, eps);
        float[] x = rand(r, per, 1);
        for (int c = 0; c < cout; c++) {
            double conv = bias[c];
            double folded = f.bias()[c];
            for (int i = 0; i < per; i++) {
                conv += (double) w[c * per + i] * x[i];
                folded += (double) f.weight()[c * per + i] * x[i];
            }
            double bn = gamma[c] * (conv - mean[c]) / Math.sqrt(var[c] + eps) + beta[c];
            assertEquals(bn, folded, 1e-5 * (1 + Math.abs(bn)), "channel " + c);
        }
    }

    @Test
    void identityBatchNormKeepsWeightsAndPassesItsBias() {
        float[] w = {0.5f, -1.25f, 3f, 0.001f};
        float[] beta = {0.7f, -0.2f};
        float one = 1 - 1e-5f; // the shared checkpoint's running_var
        BatchNormFold.Folded f = BatchNormFold.fold(w, null, new float[] {1, 1}, beta, new float[2],
                new float[] {one, one}, 1e-5);
        for (int i = 0; i < w.length; i++) {
            assertEquals(w[i], f.weight()[i], Math.ulp(w[i]) * 2, "weight " + i);
        }
        assertEquals(0.7f, f.bias()[0], 0f);
        assertEquals(-0.2f, f.bias()[1], 0f);
    }

    private static float[] rand(Random r, int n, double s) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextGaussian() * s);
        }
        return a;
    }
}
