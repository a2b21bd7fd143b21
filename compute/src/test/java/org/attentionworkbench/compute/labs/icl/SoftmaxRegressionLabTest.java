package org.attentionworkbench.compute.labs.icl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.labs.LabOptions;
import org.attentionworkbench.compute.labs.LabProgress;
import org.junit.jupiter.api.Test;

class SoftmaxRegressionLabTest {

    @Test
    void gdGradientMatchesFiniteDifferences() {
        Random r = new Random(1);
        int n = 5;
        int d = 3;
        double[] a = SoftmaxRegressionLab.gaussian(r, n * d);
        double[] x = SoftmaxRegressionLab.gaussian(r, d);
        double[] b = SoftmaxRegressionLab.softmax(SoftmaxRegressionLab.gaussian(r, n));
        double[] g = SoftmaxRegressionLab.gradient(a, SoftmaxRegressionLab.softmax(SoftmaxRegressionLab.mul(a, x, n, d)), b, n, d);
        double h = 1e-6;
        for (int i = 0; i < d; i++) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[i] += h;
            xm[i] -= h;
            double numeric = (loss(a, xp, b, n, d) - loss(a, xm, b, n, d)) / (2 * h);
            assertEquals(numeric, g[i], 1e-7);
        }
    }

    private static double loss(double[] a, double[] x, double[] b, int n, int d) {
        double[] f = SoftmaxRegressionLab.softmax(SoftmaxRegressionLab.mul(a, x, n, d));
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (f[i] - b[i]) * (f[i] - b[i]);
        }
        return s / 2;
    }

    @Test
    void spectralNormOfADiagonalMatrix() {
        assertEquals(3, SoftmaxRegressionLab.spectralNorm(new double[] {1, 0, 0, -3, 0, 0}, 3, 2), 1e-9);
    }

    @Test
    void shiftsStayUnderTheBoundsAndSoftmaxAttentionTracksGd() throws Exception {
        SoftmaxRegressionLab lab = new SoftmaxRegressionLab();
        FigureSet f = lab.run(LabOptions.of(lab, Map.of("instances", "5", "gd-steps", "20", "icl-n-values", "10",
                "steps", "400", "test-tasks", "500")), LabProgress.NONE);
        Map<String, Double> s = f.scalars();
        assertTrue(s.get("maxRatio_over_halfR") <= 1.0 + 1e-9, s.toString());
        assertTrue(s.get("maxRatio_over_halfR") > 0.05, "the ratios are not trivially zero: " + s);
        assertTrue(s.get("maxRatio_over_paperBound") <= 1.0, s.toString());
        // softmax attention learns in context (well below predicting 0) and lands near, not on, one GD step
        assertTrue(s.get("loss_softmax_n10") < 0.6 * s.get("loss_zeroPredictor_n10"), s.toString());
        assertTrue(s.get("relDiscrepancy_softmax_vs_GD_n10") < 0.6, s.toString());
        assertTrue(s.get("loss_LSA_n10") < 1.1 * s.get("loss_GD_n10"), s.toString());
    }
}
