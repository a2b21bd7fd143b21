package org.attentionworkbench.compute.labs.icl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.labs.LabException;
import org.attentionworkbench.compute.labs.LabOptions;
import org.attentionworkbench.compute.labs.LabProgress;
import org.junit.jupiter.api.Test;

class IclOptimalLabTest {

    @Test
    void isotropicGammaStarIsEtaStarTimesIdentity() {
        int d = 4;
        double[] id = new double[d * d];
        for (int i = 0; i < d; i++) {
            id[i * d + i] = 1;
        }
        double[] g = OptimalStep.gammaStar(id, id, 10, 0.5, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                assertEquals(i == j ? 10 / (10 + 4 + 1 + 0.5) : 0, g[i * d + j], 1e-12);
            }
        }
    }

    @Test
    void anisotropicGammaStarAgreesWithMonteCarloWithinItsError() {
        int d = 3;
        int n = 6;
        double noise = 0.3;
        double[] l = {1.5, 0, 0, 0.4, 0.7, 0, -0.2, 0.3, 0.5}; // Σ = L·Lᵀ, anisotropic and rotated
        double[] sigma = SmallLinalg.multiply(l, SmallLinalg.transpose(l, d), d);
        double[] id = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        RegressionTasks.Sampler s = new RegressionTasks.Sampler(d, n, RegressionTasks.Sampler.Inputs.GAUSSIAN, l,
                Math.sqrt(noise), false);
        OptimalStep.MonteCarlo mc = OptimalStep.monteCarlo(s, 200_000, 10, new Random(2));
        double[] closed = OptimalStep.gammaStar(sigma, id, n, noise, d);
        double se = mc.standardError() / OptimalStep.frobenius(closed);
        double rel = OptimalStep.relativeDistance(mc.gamma(), closed);
        assertTrue(rel < 4 * se + 1e-3, "rel " + rel + ", MC std. error " + se);
        // the check has power: the formula without the 1/n on ΣΣ_wΣ (a plausible slip) is far outside the error
        double[] wrong = OptimalStep.gammaStar(sigma, id, 1_000_000, noise * 0, d);
        assertTrue(OptimalStep.relativeDistance(mc.gamma(), wrong) > 10 * se, "a wrong Γ is distinguishable");
    }

    @Test
    void trainedLsaLearnsTheClosedFormStep() throws Exception {
        IclOptimalLab lab = new IclOptimalLab();
        FigureSet f = lab.run(LabOptions.of(lab, Map.of("d", "3", "n-values", "8", "steps", "500", "batch", "192",
                "test-tasks", "1000", "mc-tasks", "20000", "aniso-n", "8")), LabProgress.NONE);
        Map<String, Double> s = f.scalars();
        assertEquals(s.get("eta_closed_n8"), s.get("eta_learned_n8"), 0.1 * s.get("eta_closed_n8"), s.toString());
        assertTrue(s.get("mse_LSA_n8") < 1.1 * s.get("mse_GD_n8"), s.toString());
        assertEquals(3, f.heatmaps().size());
        // anisotropic inputs: the block-start LSA reaches Γ* (the dense start may stall; it is only reported)
        assertTrue(s.get("gammaLearned_vs_gammaStar_relErr") < 0.25, s.toString());
        assertTrue(s.get("mse_LSA_aniso") < 1.05 * s.get("mse_gammaStar_aniso"), s.toString());
        assertTrue(s.containsKey("mse_LSAdense_aniso"), s.toString());
        // tanh targets: Γ stays a multiple of I, with the Monte-Carlo optimal step
        assertTrue(s.get("tanh_gammaLearned_offScalar_rel") < 0.15, s.toString());
        assertEquals(s.get("tanh_eta_MC"), s.get("tanh_eta_learned"), 0.1 * s.get("tanh_eta_MC"), s.toString());
    }

    @Test
    void convexGammaAndBlockStartLsaReachGammaStarOnAnisotropicInputs() {
        int d = 3;
        int n = 10;
        double noise = 0.1;
        double[] l = {1.5, 0, 0, 0.4, 0.7, 0, -0.2, 0.3, 0.5}; // Σ = L·Lᵀ, anisotropic and rotated
        double[] sigma = SmallLinalg.multiply(l, SmallLinalg.transpose(l, d), d);
        double[] id = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        RegressionTasks.Sampler s = new RegressionTasks.Sampler(d, n, RegressionTasks.Sampler.Inputs.GAUSSIAN, l,
                Math.sqrt(noise), false);
        double[] gStar = OptimalStep.gammaStar(sigma, id, n, noise, d);
        double[] convex = LsaTraining.trainGamma(s, 1500, 128, 0.03, new Random(3), 1000, (g, k) -> { }, LabProgress.NONE);
        assertTrue(OptimalStep.relativeDistance(convex, gStar) < 0.15, "convex Γ " + OptimalStep.relativeDistance(convex, gStar));
        LinearSelfAttention m = LinearSelfAttention.blockRandom(d, 0.3, new Random(4));
        LsaTraining.train(m, s, 1500, 128, 0.03, new Random(3), 1000, k -> { }, LabProgress.NONE, "t", true);
        double rel = OptimalStep.relativeDistance(OptimalStep.learnedGamma(m, n), gStar);
        assertTrue(rel < 0.2, "block-start LSA Γ " + rel);
    }

    @Test
    void badListIsANamedError() {
        IclOptimalLab lab = new IclOptimalLab();
        LabException e = assertThrows(LabException.class,
                () -> lab.run(LabOptions.of(lab, Map.of("n-values", "8,4")), LabProgress.NONE));
        assertTrue(e.getMessage().contains("--n-values"), e.getMessage());
    }
}
