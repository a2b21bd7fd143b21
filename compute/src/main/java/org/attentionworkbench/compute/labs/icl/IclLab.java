package org.attentionworkbench.compute.labs.icl;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.figure.HeatmapFigure;
import org.attentionworkbench.compute.figure.LinePlot;
import org.attentionworkbench.compute.figure.Series;
import org.attentionworkbench.compute.labs.Lab;
import org.attentionworkbench.compute.labs.LabException;
import org.attentionworkbench.compute.labs.LabOption;
import org.attentionworkbench.compute.labs.LabOptions;
import org.attentionworkbench.compute.labs.LabProgress;

/**
 * von Oswald et al., "Transformers learn in-context by gradient descent" (ICML'23): the constructed linear
 * self-attention equals GD (one layer = one step, K layers = K steps, and GD++), and LSA trained from random
 * weights on the same tasks ends near GD with the line-searched step.
 */
public final class IclLab implements Lab {

    @Override
    public String id() {
        return "icl";
    }

    @Override
    public String title() {
        return "In-context learning = gradient descent (von Oswald et al.)";
    }

    @Override
    public String summary() {
        return "Linear self-attention with the constructed weights predicts exactly what one gradient-descent step "
                + "predicts (K layers = K steps, and GD++); trained from random init with Adam it ends near GD with the "
                + "line-searched step. von Oswald et al., ICML 2023.";
    }

    @Override
    public List<LabOption> options() {
        return List.of(
                LabOption.integer("seed", 1, "random seed (tasks and initial weights)"),
                LabOption.integer("d", 10, "input dimension d_x (targets are scalars, d_y = 1)"),
                LabOption.integer("n", 10, "context examples per task"),
                LabOption.integer("sanity-tasks", 10000, "random tasks for the LSA-vs-GD equivalence check"),
                LabOption.integer("max-layers", 6, "K = 1 … this many layers/steps for GD and GD++"),
                LabOption.integer("steps", 1500, "Adam steps for each trained LSA"),
                LabOption.integer("batch", 128, "tasks per Adam step"),
                LabOption.real("lr", 3e-3, "Adam learning rate"),
                LabOption.real("init-std", 0.1, "standard deviation of the random initial weights"),
                LabOption.integer("eval-every", 50, "evaluate loss and alignment every this many steps"),
                LabOption.integer("test-tasks", 2000, "held-out tasks for every loss and alignment"),
                LabOption.flag("two-layer", true, "also train a two-layer LSA (against two GD steps)"));
    }

    @Override
    public FigureSet run(LabOptions o, LabProgress progress) throws LabException {
        int seed = o.getInt("seed");
        int d = o.getInt("d", 1, 64);
        int n = o.getInt("n", 1, 256);
        int sanity = o.getInt("sanity-tasks", 1, 1_000_000);
        int maxK = o.getInt("max-layers", 1, 32);
        int steps = o.getInt("steps", 0, 1_000_000);
        int batch = o.getInt("batch", 1, 100_000);
        double lr = o.getDouble("lr", 1e-7, 1);
        double initStd = o.getDouble("init-std", 1e-6, 10);
        int evalEvery = o.getInt("eval-every", 1, 1_000_000);
        int testN = o.getInt("test-tasks", 1, 1_000_000);
        boolean twoLayer = o.getFlag("two-layer");

        FigureSet.Builder fig = new FigureSet.Builder(title());
        Random r = new Random(seed);
        RegressionTasks.Sampler sampler = RegressionTasks.Sampler.uniform(d, n);
        RegressionTasks train = sampler.sample(1024, r, 1); // for the line searches
        RegressionTasks test = sampler.sample(testN, r, 1);

        // 1. equivalence: one layer of the construction = one GD step, on many random tasks and step sizes
        progress.update("constructed LSA vs GD", 0.0);
        RegressionTasks san = sampler.sample(sanity, r, 1);
        double etaStar = Estimators.bestOneStepEta(train);
        double[] gd1 = Estimators.gd(san, etaStar, 1);
        double[] lsa1 = LinearSelfAttention.gradientDescent(d, n, etaStar, 1).predict(san);
        double maxDiff = maxAbsDiff(lsa1, gd1);
        fig.scalar("maxAbsDiff_LSA_vs_GD", maxDiff);
        fig.scalar("maxAbs_GD_prediction", maxAbs(gd1));
        int shown = Math.min(sanity, 1000);
        fig.plot(LinePlot.lines("sanity", "Constructed 1-layer LSA vs one GD step (" + shown + " of " + sanity
                        + " tasks; max |diff| " + String.format("%.2g", maxDiff) + ")", "ŷ one GD step (η*)", "ŷ LSA",
                List.of(new Series("tasks", java.util.Arrays.copyOf(gd1, shown), java.util.Arrays.copyOf(lsa1, shown))))
                .withStyle(LinePlot.Style.POINTS));

        // 6. K layers vs K steps, GD and GD++ (step sizes searched per K on the training tasks)
        progress.update("K layers vs K steps", 0.1);
        double[] ks = new double[maxK];
        double[] lossGd = new double[maxK];
        double[] lossGdpp = new double[maxK];
        double[] etaK = new double[maxK];
        double worstK = 0;
        double worstPp = 0;
        RegressionTasks sanK = sampler.sample(Math.min(sanity, 2000), r, 1);
        for (int k = 1; k <= maxK; k++) {
            progress.checkCancelled();
            int kk = k;
            ks[k - 1] = k;
            double eta = Estimators.lineSearch(e -> train.mse(Estimators.gd(train, e, kk)), 0, 3);
            etaK[k - 1] = eta;
            lossGd[k - 1] = test.mse(Estimators.gd(test, eta, k));
            worstK = Math.max(worstK, maxAbsDiff(LinearSelfAttention.gradientDescent(d, n, eta, k).predict(sanK),
                    Estimators.gd(sanK, eta, k)));
            double[] best = {Double.POSITIVE_INFINITY, 0, 0};
            for (int gi = 0; gi <= 6; gi++) {
                double gamma = 0.1 * gi;
                double[][][] grams = Estimators.grams(train, gamma, kk);
                double e = Estimators.lineSearch(x -> train.mse(Estimators.gdPlusPlus(train, grams, x)), 0, 3);
                double l = train.mse(Estimators.gdPlusPlus(train, grams, e));
                if (l < best[0]) {
                    best = new double[] {l, e, gamma};
                }
            }
            lossGdpp[k - 1] = test.mse(Estimators.gdPlusPlus(test, best[1], best[2], k));
            worstPp = Math.max(worstPp, maxAbsDiff(LinearSelfAttention.gdPlusPlus(d, n, best[1], best[2], k).predict(sanK),
                    Estimators.gdPlusPlus(sanK, best[1], best[2], k)));
            fig.scalar("gdpp_gamma_K" + k, best[2]);
        }
        fig.scalar("maxAbsDiff_Klayers_vs_Ksteps", worstK);
        fig.scalar("maxAbsDiff_GDpp_layers_vs_recursion", worstPp);
        fig.scalar("loss_GD_K1", lossGd[0]);
        fig.scalar("loss_GD_Kmax", lossGd[maxK - 1]);
        fig.scalar("loss_GDpp_Kmax", lossGdpp[maxK - 1]);
        fig.plot(LinePlot.lines("loss-vs-layers", "Test loss of K constructed layers (= K steps)", "K", "test MSE",
                List.of(new Series("GD (η line-searched per K)", ks, lossGd), new Series("GD++ (η, γ searched per K)", ks, lossGdpp)))
                .withLogAxes(false, true).withStyle(LinePlot.Style.LINES_AND_POINTS));

        // 2–4. training one- and two-layer LSA from random init
        fig.scalar("etaStar_1step", etaStar);
        double loss1 = test.mse(Estimators.gd(test, etaStar, 1));
        double loss2 = test.mse(Estimators.gd(test, etaK.length > 1 ? etaK[1] : etaStar, 2));
        fig.scalar("loss_GD_1step_etaStar", loss1);
        List<Series> lossSeries = new ArrayList<>();
        List<Series> diffSeries = new ArrayList<>();
        List<Series> cosSeries = new ArrayList<>();
        List<Series> gradDiffSeries = new ArrayList<>();
        int depthMax = twoLayer ? 2 : 1;
        LinearSelfAttention oneLayer = null;
        LinearSelfAttention twoLayers = null;
        for (int depth = 1; depth <= depthMax; depth++) {
            double etaRef = depth == 1 ? etaStar : etaK.length > 1 ? etaK[1]
                    : Estimators.lineSearch(e -> train.mse(Estimators.gd(train, e, 2)), 0, 3);
            double[] gdPred = Estimators.gd(test, etaRef, depth);
            double[] gdGrad = Estimators.gdWeights(test, etaRef, depth); // ∂ŷ_GD/∂x_q = W_K
            LinearSelfAttention model = LinearSelfAttention.random(d, depth, initStd, new Random(seed * 31L + depth));
            List<double[]> rows = new ArrayList<>(); // step, loss, ‖ŷ diff‖², cos, ‖∂ diff‖
            int dd = depth;
            LsaTraining.train(model, sampler, steps, batch, lr, new Random(seed * 17L + depth), evalEvery, s -> {
                double[] p = model.predict(test);
                double[] g = model.queryGradient(test);
                rows.add(new double[] {s, test.mse(p), meanSqDiff(p, gdPred), meanCosine(g, gdGrad, d),
                        meanNormDiff(g, gdGrad, d)});
            }, progress, dd + "-layer LSA");
            String name = depth + "-layer LSA";
            lossSeries.add(column(name, rows, 1));
            diffSeries.add(column(name + " vs " + depth + " GD step" + (depth > 1 ? "s" : ""), rows, 2));
            cosSeries.add(column(name + " vs " + depth + " GD step" + (depth > 1 ? "s" : ""), rows, 3));
            gradDiffSeries.add(column(name, rows, 4));
            double[] last = rows.get(rows.size() - 1);
            fig.scalar("loss_LSA" + depth + "_trained", last[1]);
            fig.scalar("predDiffSq_LSA" + depth + "_vs_GD" + depth, last[2]);
            fig.scalar("cosine_dydxq_LSA" + depth + "_vs_GD" + depth, last[3]);
            if (depth == 1) {
                oneLayer = model;
            } else {
                twoLayers = model;
            }
        }
        double[] stepsX = lossSeries.get(0).x();
        lossSeries.add(new Series("1 GD step, η* = " + String.format("%.3f", etaStar), stepsX, constant(stepsX.length, loss1)));
        if (twoLayer) {
            fig.scalar("loss_GD_2steps", loss2);
            lossSeries.add(new Series("2 GD steps (η line-searched)", stepsX, constant(stepsX.length, loss2)));
        }
        fig.plot(LinePlot.lines("training-loss", "Trained LSA against GD with the line-searched step", "Adam step",
                "test MSE", lossSeries).withLogAxes(false, true));
        fig.plot(LinePlot.lines("alignment-prediction", "‖ŷ_TF − ŷ_GD‖² (mean over test tasks)", "Adam step",
                "mean squared difference", diffSeries).withLogAxes(false, true));
        fig.plot(LinePlot.lines("alignment-cosine", "cosine(∂ŷ_TF/∂x_q, ∂ŷ_GD/∂x_q)", "Adam step", "mean cosine", cosSeries));
        fig.plot(LinePlot.lines("alignment-gradient", "‖∂ŷ_TF/∂x_q − ∂ŷ_GD/∂x_q‖", "Adam step", "mean norm", gradDiffSeries)
                .withLogAxes(false, true));

        // heatmaps: learned products beside the constructed ones (same block structure up to scale)
        LinearSelfAttention constructed = LinearSelfAttention.gradientDescent(d, n, etaStar, 1);
        List<String> labels = tokenLabels(d);
        fig.heatmap(new HeatmapFigure("constructed-QK", "Constructed W_KᵀW_Q (row convention W_Q·W_Kᵀ)", d + 1, d + 1,
                constructed.scoreMatrix(0), labels, labels, true));
        fig.heatmap(new HeatmapFigure("learned-QK", "Learned W_KᵀW_Q, 1-layer LSA", d + 1, d + 1,
                oneLayer.scoreMatrix(0), labels, labels, true));
        fig.heatmap(new HeatmapFigure("constructed-OV", "Constructed W_O·W_V (row convention W_V·W_O)", d + 1, d + 1,
                constructed.valueOutputMatrix(0), labels, labels, true));
        fig.heatmap(new HeatmapFigure("learned-OV", "Learned W_O·W_V, 1-layer LSA", d + 1, d + 1,
                oneLayer.valueOutputMatrix(0), labels, labels, true));
        double[] implied = impliedStep(oneLayer, n);
        fig.scalar("learned_eta_from_weights", implied[0]);
        fig.scalar("learned_offGD_fraction", implied[1]);

        // 5. out-of-distribution input scale α
        progress.update("input scale α", 0.95);
        double[] alphas = {0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2};
        double[][] ood = new double[4 + (twoLayer ? 1 : 0)][alphas.length];
        Random ra = new Random(seed + 99L);
        for (int i = 0; i < alphas.length; i++) {
            RegressionTasks t = sampler.sample(testN, ra, alphas[i]);
            ood[0][i] = t.mse(oneLayer.predict(t));
            ood[1][i] = t.mse(Estimators.gd(t, etaStar, 1));
            ood[2][i] = t.mse(Estimators.leastSquares(t));
            ood[3][i] = t.mse(Estimators.ridge(t, 0.1));
            if (twoLayer) {
                ood[4][i] = t.mse(twoLayers.predict(t));
            }
        }
        List<Series> oodSeries = new ArrayList<>(List.of(new Series("1-layer LSA", alphas, ood[0]),
                new Series("1 GD step (η* at α = 1)", alphas, ood[1]), new Series("least squares", alphas, ood[2]),
                new Series("ridge λ = 0.1", alphas, ood[3])));
        if (twoLayer) {
            oodSeries.add(new Series("2-layer LSA", alphas, ood[4]));
        }
        fig.plot(LinePlot.lines("ood-scale", "Inputs scaled by α (trained at α = 1)", "α", "test MSE", oodSeries)
                .withLogAxes(false, true).withStyle(LinePlot.Style.LINES_AND_POINTS));
        fig.scalar("ood_loss_LSA1_alpha2", ood[0][alphas.length - 1]);
        fig.scalar("ood_loss_GD1_alpha2", ood[1][alphas.length - 1]);

        fig.note("Construction as in google-research/self-organising-systems transformers_learn_icl_by_gd (create_weights): "
                + "W_Q = W_K = diag(I, 0), W_V = diag(0, −1), W_O = diag(0, η/n); keys and values from the context only; "
                + "readout −(query y slot). GD++ adds W_V's x block −γI (inputs x ← (I − γΣ̂)x). Taken from the research notes (zoo.md §25.1); the "
                + "official code was not re-read for this lab, and GD++'s exact parametrisation there may differ.");
        fig.note("The equivalence is checked against GD written as plain weight updates in double; the LSA runs in "
                + "float32, so the max |diff| is float rounding (compare with maxAbs_GD_prediction).");
        fig.note("Learned heatmaps match the constructed ones only up to scale and sign (W_Q, W_K and W_V, W_O can trade "
                + "factors); learned_eta_from_weights reads −n·(W_V·W_O)_yy·mean diag (W_Q·W_Kᵀ)_xx, and learned_offGD_fraction "
                + "is the share of the products' energy outside those GD blocks.");
        fig.note("Least squares is exact here when n ≥ d and targets are noise-free (no noise in this lab), so its "
                + "loss is ~0 at every α; GD and LSA degrade away from α = 1 because their step was tuned for α = 1.");
        fig.note("Step sizes for K > 1 and GD++'s (η, γ) are searched on 1024 training tasks (γ ∈ {0, 0.1, …, 0.6}), "
                + "losses reported on held-out tasks. Trained K-layer LSA is run for K = 1, 2 only.");
        progress.update("done", 1.0);
        return fig.build();
    }

    /** η read from the weights and the energy share outside the GD blocks (score x-x block, value-output y-y entry). */
    static double[] impliedStep(LinearSelfAttention m, int n) {
        int d = m.d();
        int dd = d + 1;
        float[] p = m.scoreMatrix(0);
        float[] vo = m.valueOutputMatrix(0);
        double diag = 0;
        for (int i = 0; i < d; i++) {
            diag += p[i * dd + i];
        }
        diag /= d;
        double eta = -n * vo[dd * dd - 1] * diag;
        // energy of the effective bilinear map outside the GD part: P_xx ⊗ VO_yy is the GD part
        double inside = 0;
        double total = 0;
        for (int i = 0; i < dd; i++) {
            for (int j = 0; j < dd; j++) {
                for (int k = 0; k < dd; k++) {
                    double v = (double) p[i * dd + j] * vo[k * dd + d]; // query feature i, key feature j, value feature k → y
                    double e = v * v;
                    total += e;
                    if (i < d && j < d && k == d) {
                        inside += e;
                    }
                }
            }
        }
        return new double[] {eta, 1 - inside / total};
    }

    static List<String> tokenLabels(int d) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            l.add("x" + (i + 1));
        }
        l.add("y");
        return l;
    }

    static Series column(String name, List<double[]> rows, int c) {
        double[] x = new double[rows.size()];
        double[] y = new double[rows.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rows.get(i)[0];
            y[i] = rows.get(i)[c];
        }
        return new Series(name, x, y);
    }

    static double[] constant(int len, double v) {
        double[] a = new double[len];
        java.util.Arrays.fill(a, v);
        return a;
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static double meanSqDiff(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s / a.length;
    }

    /** Mean over tasks of the cosine between two d-vectors per task. */
    static double meanCosine(double[] a, double[] b, int d) {
        int tasks = a.length / d;
        double s = 0;
        for (int t = 0; t < tasks; t++) {
            double ab = 0;
            double aa = 0;
            double bb = 0;
            for (int i = 0; i < d; i++) {
                ab += a[t * d + i] * b[t * d + i];
                aa += a[t * d + i] * a[t * d + i];
                bb += b[t * d + i] * b[t * d + i];
            }
            s += ab / Math.sqrt(aa * bb + 1e-300);
        }
        return s / tasks;
    }

    static double meanNormDiff(double[] a, double[] b, int d) {
        int tasks = a.length / d;
        double s = 0;
        for (int t = 0; t < tasks; t++) {
            double e = 0;
            for (int i = 0; i < d; i++) {
                e += (a[t * d + i] - b[t * d + i]) * (a[t * d + i] - b[t * d + i]);
            }
            s += Math.sqrt(e);
        }
        return s / tasks;
    }
}
