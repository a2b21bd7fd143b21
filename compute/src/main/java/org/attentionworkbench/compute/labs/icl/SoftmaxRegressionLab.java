package org.attentionworkbench.compute.labs.icl;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attentionworkbench.compute.autograd.Autograd;
import org.attentionworkbench.compute.autograd.Var;
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
 * Li, Song, Xia, Yu, Zhou, "The closeness of in-context learning and weight shifting for softmax regression"
 * (NeurIPS'24): how much f(A, x) = softmax(Ax) moves under a GD weight shift and under a data shift of A, against
 * the paper's bound; and a trained softmax attention layer against one GD step.
 */
public final class SoftmaxRegressionLab implements Lab {

    @Override
    public String id() {
        return "softmax-regression";
    }

    @Override
    public String title() {
        return "ICL and weight shifting for softmax regression (Li et al.)";
    }

    @Override
    public String summary() {
        return "The prediction softmax(Ax) changes by at most a Lipschitz factor times the weight shift (a GD step on x) "
                + "or the data shift (A → A + ΔA, as an attention layer does), measured against the paper's bound "
                + "n^1.5·exp(10R²); and a trained softmax attention layer against one GD step. Li et al., NeurIPS 2024.";
    }

    @Override
    public List<LabOption> options() {
        return List.of(
                LabOption.integer("seed", 1, "random seed"),
                LabOption.integer("rows", 8, "n: rows of A (length of the softmax)"),
                LabOption.integer("d", 4, "d: columns of A (length of x)"),
                LabOption.integer("instances", 20, "random (A, x, b) per radius R"),
                LabOption.integer("gd-steps", 40, "GD steps on x per instance"),
                LabOption.real("gd-lr", 0.5, "GD step size on x"),
                LabOption.text("icl-n-values", "5,10,20", "context sizes for the trained softmax attention layer"),
                LabOption.integer("icl-d", 4, "d of the in-context softmax-regression tasks"),
                LabOption.real("icl-r", 1.5, "R = ‖x*‖ of the tasks in the sweep over n"),
                LabOption.text("icl-r-values", "0.5,1,2,3", "R values of the sweep over R (comma-separated)"),
                LabOption.integer("icl-r-n", 10, "context size n of the sweep over R"),
                LabOption.integer("steps", 600, "Adam steps for each softmax attention layer"),
                LabOption.integer("batch", 128, "tasks per Adam step"),
                LabOption.real("lr", 0.01, "Adam learning rate"),
                LabOption.integer("test-tasks", 2000, "held-out tasks"));
    }

    @Override
    public FigureSet run(LabOptions o, LabProgress progress) throws LabException {
        int seed = o.getInt("seed");
        int n = o.getInt("rows", 2, 512);
        int d = o.getInt("d", 1, 512);
        int inst = o.getInt("instances", 1, 100_000);
        int gdSteps = o.getInt("gd-steps", 1, 100_000);
        double gdLr = o.getDouble("gd-lr", 1e-6, 100);
        int[] ns = IclOptimalLab.parseList(o.get("icl-n-values"));
        int iclD = o.getInt("icl-d", 1, 64);
        int steps = o.getInt("steps", 0, 1_000_000);
        int batch = o.getInt("batch", 1, 100_000);
        double lr = o.getDouble("lr", 1e-7, 1);
        int testN = o.getInt("test-tasks", 10, 1_000_000);
        double iclR = o.getDouble("icl-r", 0, 10);
        double[] rValues = parseReals(o.get("icl-r-values"));
        int rN = o.getInt("icl-r-n", 1, 4096);
        Random r = new Random(seed);
        FigureSet.Builder fig = new FigureSet.Builder(title());

        // 1. Lipschitz ratios against R
        double[] rs = {0.25, 0.5, 1, 1.5, 2, 2.5, 3};
        double[][] ratio = new double[3][rs.length]; // weight shift, random data shift, attention data shift
        double[] tight = new double[rs.length];
        double[] paper = new double[rs.length];
        double worstTight = 0;
        double worstPaper = 0;
        for (int k = 0; k < rs.length; k++) {
            double big = rs[k];
            for (int it = 0; it < inst; it++) {
                double[] a = gaussian(r, n * d);
                scaleTo(a, big / spectralNorm(a, n, d));
                double[] x = gaussian(r, d);
                scaleTo(x, big * (0.2 + 0.8 * r.nextDouble()) / norm(x));
                double[] b = softmax(gaussian(r, n));
                for (int s = 0; s < gdSteps; s++) {
                    double[] f = softmax(mul(a, x, n, d));
                    double[] x2 = x.clone();
                    double[] grad = gradient(a, f, b, n, d);
                    for (int i = 0; i < d; i++) {
                        x2[i] -= gdLr * grad[i];
                    }
                    double nx = norm(x2);
                    if (nx > big) { // stay in the ball ‖x‖ ≤ R the bound assumes
                        scaleTo(x2, big / nx);
                    }
                    double dx = distance(x2, x);
                    if (dx > 1e-9) {
                        ratio[0][k] = Math.max(ratio[0][k], distance(softmax(mul(a, x2, n, d)), f) / dx);
                    }
                    x = x2;
                }
                double eps = 1e-3 * big;
                double[] da = gaussian(r, n * d);
                ratio[1][k] = Math.max(ratio[1][k], dataShiftRatio(a, da, x, eps, n, d));
                ratio[2][k] = Math.max(ratio[2][k], dataShiftRatio(a, attentionShift(a, n, d), x, eps, n, d));
            }
            tight[k] = big / 2;
            paper[k] = Math.pow(n, 1.5) * Math.exp(10 * big * big);
            for (int j = 0; j < 3; j++) {
                worstTight = Math.max(worstTight, ratio[j][k] / tight[k]);
                worstPaper = Math.max(worstPaper, ratio[j][k] / paper[k]);
            }
        }
        fig.scalar("maxRatio_over_halfR", worstTight);
        fig.scalar("maxRatio_over_paperBound", worstPaper);
        fig.plot(new LinePlot("lipschitz-vs-R", "‖Δf‖ per unit shift (max over instances and steps), n = " + n + ", d = " + d,
                "R (‖A‖₂ ≤ R, ‖x‖ ≤ R)", "‖Δf‖ / ‖shift‖", false, true, LinePlot.Style.LINES_AND_POINTS,
                List.of(new Series("weight shift (GD step on x)", rs, ratio[0]),
                        new Series("data shift, random ΔA", rs, ratio[1]),
                        new Series("data shift, attention ΔA = softmax(AAᵀ)A", rs, ratio[2]),
                        new Series("R/2 (softmax Jacobian ≤ ½)", rs, tight),
                        new Series("paper bound n^1.5·exp(10R²)", rs, paper))));

        // 2. a softmax attention layer trained on in-context softmax-regression prompts against one GD step on x
        double[] nx = new double[ns.length];
        double[][] byN = new double[4][ns.length]; // discrepancy, loss SA, loss GD, loss of predicting 1
        Trained last = null;
        for (int k = 0; k < ns.length; k++) {
            progress.update("softmax attention at n = " + ns[k], (double) k / (ns.length + rValues.length));
            last = trainAndCompare(ns[k], iclR, iclD, steps, batch, lr, testN, seed, r, progress);
            nx[k] = ns[k];
            for (int j = 0; j < 4; j++) {
                byN[j][k] = last.stats[j];
            }
            fig.scalar("relDiscrepancy_softmax_vs_GD_n" + ns[k], last.stats[0]);
            fig.scalar("loss_softmax_n" + ns[k], last.stats[1]);
            fig.scalar("loss_GD_n" + ns[k], last.stats[2]);
            fig.scalar("loss_constant_n" + ns[k], last.stats[3]);
        }
        double[][] byR = new double[4][rValues.length];
        for (int k = 0; k < rValues.length; k++) {
            progress.update("softmax attention at R = " + rValues[k], (double) (ns.length + k) / (ns.length + rValues.length));
            double[] st = trainAndCompare(rN, rValues[k], iclD, steps, batch, lr, testN, seed, r, progress).stats;
            for (int j = 0; j < 4; j++) {
                byR[j][k] = st[j];
            }
            String tag = "_R" + fmtR(rValues[k]);
            fig.scalar("relDiscrepancy_softmax_vs_GD" + tag, st[0]);
            fig.scalar("loss_softmax" + tag, st[1]);
            fig.scalar("loss_GD" + tag, st[2]);
            fig.scalar("loss_constant" + tag, st[3]);
        }
        fig.plot(LinePlot.lines("softmax-vs-gd", "Softmax attention against one GD step on x: E(ŷ_SA − ŷ_GD)² / E(ŷ_GD − 1)², R = "
                        + fmtR(iclR), "context size n", "relative discrepancy",
                List.of(new Series("softmax attention vs 1 GD step (η line-searched)", nx, byN[0])))
                .withStyle(LinePlot.Style.LINES_AND_POINTS));
        fig.plot(LinePlot.lines("softmax-vs-gd-R", "Softmax attention against one GD step on x, against R (n = " + rN + ")",
                "R = ‖x*‖", "relative discrepancy",
                List.of(new Series("softmax attention vs 1 GD step (η line-searched)", rValues, byR[0])))
                .withStyle(LinePlot.Style.LINES_AND_POINTS));
        fig.plot(LinePlot.lines("softmax-loss", "Query test MSE against n (R = " + fmtR(iclR) + ")", "context size n", "test MSE",
                List.of(new Series("softmax attention (trained)", nx, byN[1]), new Series("1 GD step on x, η line-searched", nx, byN[2]),
                        new Series("predict 1 (uniform softmax)", nx, byN[3])))
                .withLogAxes(false, true).withStyle(LinePlot.Style.LINES_AND_POINTS));
        fig.plot(LinePlot.lines("softmax-loss-R", "Query test MSE against R (n = " + rN + ")", "R = ‖x*‖", "test MSE",
                List.of(new Series("softmax attention (trained)", rValues, byR[1]), new Series("1 GD step on x, η line-searched", rValues, byR[2]),
                        new Series("predict 1 (uniform softmax)", rValues, byR[3])))
                .withLogAxes(false, true).withStyle(LinePlot.Style.LINES_AND_POINTS));
        fig.heatmap(kernels(last.model, last.test, last.eta));
        fig.note("Bound: the paper's Lipschitz factor n^1.5·exp(10R²) holds in every measurement here but is loose by many "
                + "orders; R/2 (the softmax Jacobian diag(f) − ffᵀ has norm ≤ ½, times ‖A‖₂ or ‖x‖) is the tight one, and "
                + "maxRatio_over_halfR ≤ 1 checks it. GD iterates are projected back onto ‖x‖ ≤ R; data shifts have "
                + "‖ΔA‖₂ = 10⁻³R. The bound's form (and R bounding ‖A‖ and ‖x‖) comes from the research notes (zoo.md §25.3, "
                + "from the paper's abstract level), not checked against the theorem's exact constants.");
        fig.note("In-context prompts: per task x* with ‖x*‖ = R, rows a_j ~ N(0, I/d), tokens [a_j; b_j] with "
                + "b_j = n·softmax(A_ctx x*)_j and the query [a_q; 0] whose target uses the context's normaliser. GD is one "
                + "step from x = 0 on (1/2n)Σ(n·softmax(Ax)_j − b_j)², its η line-searched on 2048 training tasks; the "
                + "discrepancy is normalised by GD's own deviation from the constant 1.");
        progress.update("done", 1.0);
        return fig.build();
    }

    private record Trained(LinearSelfAttention model, RegressionTasks test, double eta, double[] stats) {}

    private static Trained trainAndCompare(int n, double radius, int d, int steps, int batch, double lr, int testN, int seed,
                                           Random r, LabProgress progress) {
        RegressionTasks train = SoftmaxTasks.sample(2048, n, d, radius, r);
        RegressionTasks test = SoftmaxTasks.sample(testN, n, d, radius, r);
        double eta = SoftmaxTasks.bestEta(train);
        LinearSelfAttention sa = LinearSelfAttention.random(d, 1, 0.1, new Random(seed * 41L + n)).withSoftmax();
        LsaTraining.train(sa, (b, rr) -> SoftmaxTasks.sample(b, n, d, radius, rr), steps, batch, lr,
                new Random(seed * 43L + n), Integer.MAX_VALUE, x -> { }, progress, "softmax n = " + n + ", R = " + radius, true);
        double[] gd = SoftmaxTasks.oneStep(test, eta);
        double[] p = sa.predict(test);
        double[] ones = new double[test.batch()];
        java.util.Arrays.fill(ones, 1);
        double rel = IclLab.meanSqDiff(p, gd) / IclLab.meanSqDiff(gd, ones);
        return new Trained(sa, test, eta, new double[] {rel, test.mse(p), test.mse(gd), test.mse(ones)});
    }

    static double[] parseReals(String s) throws LabException {
        try {
            String[] parts = s.split(",");
            double[] v = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                v[i] = Double.parseDouble(parts[i].trim());
                if (!(v[i] >= 0 && v[i] <= 10) || i > 0 && v[i] <= v[i - 1]) {
                    throw new NumberFormatException();
                }
            }
            return v;
        } catch (NumberFormatException e) {
            throw new LabException("lab softmax-regression: --icl-r-values wants increasing numbers 0 … 10 separated by "
                    + "commas, not '" + s + "'");
        }
    }

    private static String fmtR(double v) {
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }

    /**
     * Row 1: the softmax layer's attention of the query over the context minus 1/n; row 2: the weight of b_j in GD's
     * linearised prediction 1 + (η/n)Σ_j (b_j − 1)(a_j − ā)·(a_q − ā).
     */
    private static HeatmapFigure kernels(LinearSelfAttention sa, RegressionTasks t, double eta) {
        int d = t.d();
        int n = t.n();
        int dd = d + 1;
        Var e = LinearSelfAttention.tokens(t);
        Var one = Autograd.slice(e, 0, 0, 1);
        float[] tok = one.data();
        float[] p = sa.scoreMatrix(0);
        float[] att = new float[2 * n];
        double[] s = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double v = 0;
            for (int a = 0; a < dd; a++) {
                for (int b = 0; b < dd; b++) {
                    v += tok[n * dd + a] * p[a * dd + b] * tok[j * dd + b];
                }
            }
            s[j] = v;
            max = Math.max(max, v);
        }
        double z = 0;
        for (int j = 0; j < n; j++) {
            z += Math.exp(s[j] - max);
        }
        double[] mean = new double[d];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < d; i++) {
                mean[i] += t.x()[j * d + i] / n;
            }
        }
        for (int j = 0; j < n; j++) {
            att[j] = (float) (Math.exp(s[j] - max) / z - 1.0 / n);
            double k = 0;
            for (int i = 0; i < d; i++) {
                k += (t.xq()[i] - mean[i]) * (t.x()[j * d + i] - mean[i]);
            }
            att[n + j] = (float) (eta / n * k);
        }
        List<String> cols = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            cols.add("ctx " + (j + 1));
        }
        return new HeatmapFigure("query-attention", "Query row: softmax attention − 1/n (top) and GD's weight on b_j, (η/n)(a_q − ā)·(a_j − ā) "
                + "(bottom), one test task", 2, n, att, List.of("softmax", "GD kernel"), cols, true);
    }

    private static double dataShiftRatio(double[] a, double[] dir, double[] x, double eps, int n, int d) {
        double[] da = dir.clone();
        scaleTo(da, eps / spectralNorm(da, n, d));
        double[] a2 = a.clone();
        for (int i = 0; i < a2.length; i++) {
            a2[i] += da[i];
        }
        return distance(softmax(mul(a2, x, n, d)), softmax(mul(a, x, n, d))) / eps;
    }

    /** What one self-attention layer (identity weights) adds to its input: softmax(AAᵀ)·A. */
    static double[] attentionShift(double[] a, int n, int d) {
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            double[] s = new double[n];
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < d; k++) {
                    s[j] += a[i * d + k] * a[j * d + k];
                }
            }
            double[] w = softmax(s);
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < d; k++) {
                    out[i * d + k] += w[j] * a[j * d + k];
                }
            }
        }
        return out;
    }

    /** ∇_x ½‖softmax(Ax) − b‖² = Aᵀ(diag(f) − ffᵀ)(f − b). */
    static double[] gradient(double[] a, double[] f, double[] b, int n, int d) {
        double fr = 0;
        for (int i = 0; i < n; i++) {
            fr += f[i] * (f[i] - b[i]);
        }
        double[] g = new double[d];
        for (int i = 0; i < n; i++) {
            double u = f[i] * (f[i] - b[i]) - f[i] * fr;
            for (int k = 0; k < d; k++) {
                g[k] += a[i * d + k] * u;
            }
        }
        return g;
    }

    static double[] softmax(double[] s) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
        }
        double z = 0;
        double[] o = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            o[i] = Math.exp(s[i] - max);
            z += o[i];
        }
        for (int i = 0; i < s.length; i++) {
            o[i] /= z;
        }
        return o;
    }

    static double[] mul(double[] a, double[] x, int n, int d) {
        double[] o = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                o[i] += a[i * d + k] * x[k];
            }
        }
        return o;
    }

    /** ‖A‖₂ by power iteration on AᵀA. */
    static double spectralNorm(double[] a, int n, int d) {
        double[] v = new double[d];
        java.util.Arrays.fill(v, 1 / Math.sqrt(d));
        double s = 0;
        for (int it = 0; it < 200; it++) {
            double[] av = mul(a, v, n, d);
            double[] w = new double[d];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    w[k] += a[i * d + k] * av[i];
                }
            }
            double nw = norm(w);
            if (nw == 0) {
                return 0;
            }
            s = Math.sqrt(nw);
            for (int k = 0; k < d; k++) {
                v[k] = w[k] / nw;
            }
        }
        return s;
    }

    static double[] gaussian(Random r, int len) {
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    static void scaleTo(double[] v, double s) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= s;
        }
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
