package org.attentionworkbench.compute.labs.icl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.attentionworkbench.compute.autograd.Losses;
import org.attentionworkbench.compute.autograd.Var;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.labs.LabOptions;
import org.attentionworkbench.compute.labs.LabProgress;
import org.attentionworkbench.compute.labs.catalog.Labs;
import org.junit.jupiter.api.Test;

class IclLabTest {
    private final RegressionTasks.Sampler sampler = RegressionTasks.Sampler.uniform(6, 9);

    @Test
    void oneConstructedLayerIsOneGdStepAtFloatPrecision() {
        Random r = new Random(3);
        RegressionTasks t = sampler.sample(5000, r, 1);
        for (double eta : new double[] {0.3, 1.0, 2.2}) {
            double[] gd = Estimators.gd(t, eta, 1);
            double[] lsa = LinearSelfAttention.gradientDescent(6, 9, eta, 1).predict(t);
            double diff = IclLab.maxAbsDiff(gd, lsa);
            assertTrue(diff < 1e-5, "η " + eta + ": max |diff| " + diff);
            assertTrue(IclLab.maxAbs(gd) > 0.5, "predictions are not trivially zero");
        }
        // a wrong W_O scale (η/n → η/(n+1)) is caught
        double[] off = LinearSelfAttention.gradientDescent(6, 10, 1.0, 1).predict(t);
        assertTrue(IclLab.maxAbsDiff(Estimators.gd(t, 1.0, 1), off) > 1e-2);
    }

    @Test
    void kLayersAreKStepsAndGdPlusPlusMatchesItsRecursion() {
        RegressionTasks t = sampler.sample(1000, new Random(4), 1);
        for (int k = 1; k <= 4; k++) {
            double[] gd = Estimators.gd(t, 0.8, k);
            assertTrue(IclLab.maxAbsDiff(gd, LinearSelfAttention.gradientDescent(6, 9, 0.8, k).predict(t)) < 1e-5, "K " + k);
            assertTrue(IclLab.maxAbsDiff(gd, Estimators.gdPlusPlus(t, 0.8, 0, k)) < 1e-10, "recursion γ = 0 is GD, K " + k);
            double[] pp = Estimators.gdPlusPlus(t, 0.8, 0.3, k);
            assertTrue(IclLab.maxAbsDiff(pp, LinearSelfAttention.gdPlusPlus(6, 9, 0.8, 0.3, k).predict(t)) < 1e-5, "GD++ K " + k);
        }
    }

    @Test
    void closedFormStepIsTheLineSearchMinimum() {
        RegressionTasks t = sampler.sample(2000, new Random(5), 1);
        double closed = Estimators.bestOneStepEta(t);
        double searched = Estimators.lineSearch(e -> t.mse(Estimators.gd(t, e, 1)), 0, 3);
        assertEquals(closed, searched, 1e-4);
    }

    @Test
    void lsaGradientMatchesFiniteDifferences() {
        Random r = new Random(6);
        RegressionTasks t = RegressionTasks.Sampler.uniform(3, 4).sample(5, r, 1);
        LinearSelfAttention m = LinearSelfAttention.random(3, 2, 0.5, r);
        Var y = Var.constant(LsaTraining.toFloat(t.yq()), 5, 1);
        Var e = LinearSelfAttention.tokens(t);
        Losses.mse(m.predict(e), y).backward();
        double h = 1e-2;
        for (Var p : m.parameters()) {
            float[] analytic = p.grad().clone();
            for (int i = 0; i < p.size(); i++) {
                float keep = p.data()[i];
                p.data()[i] = (float) (keep + h);
                double plus = Losses.mse(m.predict(e), y).item();
                p.data()[i] = (float) (keep - h);
                double minus = Losses.mse(m.predict(e), y).item();
                p.data()[i] = keep;
                double numeric = (plus - minus) / (2 * h);
                assertEquals(numeric, analytic[i], 2e-3 + 1e-2 * Math.abs(numeric), p + "[" + i + "]");
            }
        }
    }

    @Test
    void queryGradientOfOneLayerGdIsTheGdWeights() {
        RegressionTasks t = sampler.sample(50, new Random(7), 1);
        double[] g = LinearSelfAttention.gradientDescent(6, 9, 1.1, 1).queryGradient(t);
        double[] w = Estimators.gdWeights(t, 1.1, 1);
        assertTrue(IclLab.maxAbsDiff(g, w) < 1e-5);
    }

    @Test
    void everyIclLabIsRegistered() throws Exception {
        assertEquals(IclOptimalLab.class, Labs.byId("icl-optimal").getClass());
        assertEquals(SoftmaxRegressionLab.class, Labs.byId("softmax-regression").getClass());
        assertEquals(FilterStoreLab.class, Labs.byId("filter-store").getClass());
        for (var lab : Labs.all()) {
            LabOptions.defaults(lab); // every default parses
        }
    }

    @Test
    void labRunsAndTrainedLsaEndsNearGd() throws Exception {
        IclLab lab = new IclLab();
        assertEquals(IclLab.class, Labs.byId("icl").getClass());
        FigureSet f = lab.run(LabOptions.of(lab, Map.of("d", "4", "n", "8", "steps", "600", "sanity-tasks", "1000",
                "max-layers", "3", "test-tasks", "500", "two-layer", "false", "lr", "0.01", "eval-every", "100")), LabProgress.NONE);
        Map<String, Double> s = f.scalars();
        assertTrue(s.get("maxAbsDiff_LSA_vs_GD") < 1e-5, s.toString());
        assertTrue(s.get("maxAbsDiff_Klayers_vs_Ksteps") < 1e-5, s.toString());
        assertTrue(s.get("loss_GDpp_Kmax") <= s.get("loss_GD_Kmax") * 1.02, s.toString());
        assertTrue(s.get("loss_LSA1_trained") < 1.15 * s.get("loss_GD_1step_etaStar"), s.toString());
        assertTrue(s.get("cosine_dydxq_LSA1_vs_GD1") > 0.95, s.toString());
        assertEquals(s.get("etaStar_1step"), s.get("learned_eta_from_weights"), 0.25 * s.get("etaStar_1step"), s.toString());
        assertEquals(List.of("sanity", "loss-vs-layers", "training-loss", "alignment-prediction", "alignment-cosine",
                "alignment-gradient", "ood-scale"), f.plots().stream().map(p -> p.id()).toList());
        assertEquals(4, f.heatmaps().size());
    }
}
