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
    void oneGdStepOnSoftmaxPromptsMatchesItsLinearisationForSmallSteps() {
        RegressionTasks t = SoftmaxTasks.sample(3, 6, 3, 1.0, new java.util.Random(5));
        double eta = 1e-3;
        double[] p = SoftmaxTasks.oneStep(t, eta);
        for (int b = 0; b < 3; b++) {
            double[] mean = new double[3];
            for (int j = 0; j < 6; j++) {
                for (int i = 0; i < 3; i++) {
                    mean[i] += t.x()[(b * 6 + j) * 3 + i] / 6;
                }
            }
            double lin = 1;
            for (int j = 0; j < 6; j++) {
                double k = 0;
                for (int i = 0; i < 3; i++) {
                    k += (t.xq()[b * 3 + i] - mean[i]) * (t.x()[(b * 6 + j) * 3 + i] - mean[i]);
                }
                lin += eta / 6 * (t.y()[b * 6 + j] - 1) * k;
            }
            assertEquals(lin, p[b], 1e-6);
        }
        // the context targets are n·softmax: they sum to n
        double sum = 0;
        for (int j = 0; j < 6; j++) {
            sum += t.y()[j];
        }
        assertEquals(6, sum, 1e-9);
    }

    @Test
    void spectralNormOfADiagonalMatrix() {
        assertEquals(3, SoftmaxRegressionLab.spectralNorm(new double[] {1, 0, 0, -3, 0, 0}, 3, 2), 1e-9);
    }

    @Test
    void shiftsStayUnderTheBoundsAndSoftmaxAttentionTracksGd() throws Exception {
        SoftmaxRegressionLab lab = new SoftmaxRegressionLab();
        FigureSet f = lab.run(LabOptions.of(lab, Map.of("instances", "5", "gd-steps", "20", "icl-n-values", "10",
                "icl-r-values", "0.5,2", "steps", "400", "test-tasks", "500")), LabProgress.NONE);
        Map<String, Double> s = f.scalars();
        assertTrue(s.get("maxRatio_over_halfR") <= 1.0 + 1e-9, s.toString());
        assertTrue(s.get("maxRatio_over_halfR") > 0.05, "the ratios are not trivially zero: " + s);
        assertTrue(s.get("maxRatio_over_paperBound") <= 1.0, s.toString());
        // on softmax-regression prompts, softmax attention learns in context (below the uniform guess 1) and lands
        // near one GD step on x
        assertTrue(s.get("loss_softmax_n10") < 0.8 * s.get("loss_constant_n10"), s.toString());
        assertTrue(s.get("loss_GD_n10") < 0.8 * s.get("loss_constant_n10"), s.toString());
        assertTrue(s.get("relDiscrepancy_softmax_vs_GD_n10") < 0.9, s.toString());
        // closer to GD for small R (softmax nearly linear there), as the paper's bound suggests
        assertTrue(s.get("relDiscrepancy_softmax_vs_GD_R0.500") < s.get("relDiscrepancy_softmax_vs_GD_R2.00"), s.toString());
        assertEquals(5, f.plots().size(), "the sweep over R has its plots");
    }
}
