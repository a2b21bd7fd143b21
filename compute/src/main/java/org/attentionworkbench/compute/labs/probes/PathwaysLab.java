package org.attentionworkbench.compute.labs.probes;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.figure.LinePlot;
import org.attentionworkbench.compute.figure.Series;
import org.attentionworkbench.compute.labs.Lab;
import org.attentionworkbench.compute.labs.LabException;
import org.attentionworkbench.compute.labs.LabOption;
import org.attentionworkbench.compute.labs.LabOptions;
import org.attentionworkbench.compute.labs.LabProgress;

/**
 * Information pathways (stochastically subsampled self-attention) probed at inference: each query of each
 * head sees a random subset of the patch keys (uniform, or biased towards nearby patches); drift against the
 * keep rate, and an ensemble of k random sub-models against dense attention.
 */
public final class PathwaysLab implements Lab {
    @Override
    public String id() {
        return "pathways";
    }

    @Override
    public String title() {
        return "Information pathways (random key subsampling)";
    }

    @Override
    public String summary() {
        return "A pretrained ViT keeps its prediction when each query sees only a random subset of the keys, and "
                + "an ensemble of such sub-models comes closer to dense attention than one (Information Pathways, SSA).";
    }

    @Override
    public List<LabOption> options() {
        return List.of(ProbeInputs.modelOption(), ProbeInputs.imageOption(),
                LabOption.choice("bias", "uniform", List.of("uniform", "local"),
                        "which keys survive: uniform, or more likely the nearer the key's patch is to the query's"),
                LabOption.real("sigma", 1.0, "local bias: distance scale in patches, weight exp(-distance/sigma)"),
                LabOption.integer("ensemble", 8, "sub-models averaged in the ensemble"),
                LabOption.real("keep", 0.5, "keep rate for the scalar checks"),
                LabOption.integer("seed", 1, "random seed of the key masks"));
    }

    /** A random key mask per layer, head and query; prefix keys and the query's own key are always kept. */
    static final class Subsampler implements ProbeViT.Hooks {
        private final double keep;
        private final boolean local;
        private final double sigma;
        private final int prefix;
        private final int gh;
        private final int gw;
        private final int heads;
        private final SplittableRandom rng;
        long kept;
        long droppable;

        Subsampler(double keep, boolean local, double sigma, int prefix, int gh, int gw, int heads, long seed) {
            this.keep = keep;
            this.local = local;
            this.sigma = sigma;
            this.prefix = prefix;
            this.gh = gh;
            this.gw = gw;
            this.heads = heads;
            this.rng = new SplittableRandom(seed);
        }

        @Override
        public boolean[] keyMask(int layer, ProbeViT.Tokens t) {
            int n = t.n();
            double[] p = probabilities(n);
            boolean[] mask = new boolean[heads * n * n];
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        boolean always = j < prefix || j == i;
                        boolean k = always || rng.nextDouble() < p[i * n + j];
                        mask[(h * n + i) * n + j] = k;
                        if (!always) {
                            droppable++;
                            kept += k ? 1 : 0;
                        }
                    }
                }
            }
            return mask;
        }

        /**
         * Keep probability of each (query, key) pair with a patch key. Local: min(1, c·exp(-d/sigma)) with c
         * found by bisection so that the mean over patch pairs is the keep rate; the class token's row is uniform.
         */
        private double[] probabilities(int n) {
            double[] p = new double[n * n];
            if (!local || keep >= 1) {
                java.util.Arrays.fill(p, Math.min(1, keep));
                return p;
            }
            double[] wgt = new double[n * n];
            for (int i = prefix; i < n; i++) {
                for (int j = prefix; j < n; j++) {
                    int a = i - prefix;
                    int b = j - prefix;
                    wgt[i * n + j] = i == j ? 0 : Math.exp(-Math.hypot(a / gw - b / gw, a % gw - b % gw) / sigma);
                }
            }
            double lo = 0;
            double hi = 1;
            while (meanKept(wgt, hi, n) < keep && hi < 1e30) {
                hi *= 2;
            }
            for (int it = 0; it < 60; it++) {
                double mid = (lo + hi) / 2;
                if (meanKept(wgt, mid, n) < keep) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = prefix; j < n; j++) {
                    p[i * n + j] = i < prefix ? keep : Math.min(1, hi * wgt[i * n + j]);
                }
            }
            return p;
        }

        private double meanKept(double[] wgt, double c, int n) {
            double sum = 0;
            int count = 0;
            for (int i = prefix; i < n; i++) {
                for (int j = prefix; j < n; j++) {
                    if (i != j) {
                        sum += Math.min(1, c * wgt[i * n + j]);
                        count++;
                    }
                }
            }
            return count == 0 ? keep : sum / count;
        }

        double measuredKeep() {
            return droppable == 0 ? 1 : (double) kept / droppable;
        }
    }

    @Override
    public FigureSet run(LabOptions o, LabProgress progress) throws LabException {
        ProbeInputs in = ProbeInputs.open(o);
        var cfg = in.vit.config();
        boolean local = o.get("bias").equals("local");
        double sigma = o.getDouble("sigma", 1e-3, 1e6);
        int k = o.getInt("ensemble", 1, 1000);
        double keepShow = o.getDouble("keep", 0.01, 1);
        long seed = o.getInt("seed");
        List<ProbeViT.Pass> base = new ArrayList<>();
        for (ProbeInputs.Image img : in.images) {
            base.add(in.vit.forward(img.pixels(), img.h(), img.w(), ProbeViT.NONE));
        }
        double[] rates = {1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, keepShow};
        int sweep = rates.length - 1;
        double[] measured = new double[rates.length];
        double[][] cos = new double[2][rates.length];
        double[][] agree = new double[2][rates.length];
        double[][] acc = new double[2][rates.length];
        for (int r = 0; r < rates.length; r++) {
            progress.checkCancelled();
            progress.update("keep " + rates[r], r / (double) rates.length);
            ProbeInputs.Drift single = new ProbeInputs.Drift();
            ProbeInputs.Drift ensemble = new ProbeInputs.Drift();
            long kept = 0;
            long droppable = 0;
            for (int i = 0; i < in.images.size(); i++) {
                ProbeInputs.Image img = in.images.get(i);
                ProbeViT.Pass b = probabilities(base.get(i).logits(), base.get(i).feature());
                float[] meanLogits = null;
                float[] meanFeature = new float[cfg.dim()];
                for (int m = 0; m < k; m++) {
                    Subsampler s = new Subsampler(rates[r], local, sigma, cfg.prefixTokens(), img.h() / cfg.patch(),
                            img.w() / cfg.patch(), cfg.heads(), seed * 1_000_003L + (long) i * 7919 + m * 104_729L + r);
                    ProbeViT.Pass p = in.vit.forward(img.pixels(), img.h(), img.w(), s);
                    kept += s.kept;
                    droppable += s.droppable;
                    // the mean over sub-models of one sub-model's drift
                    single.add(b, probabilities(p.logits(), p.feature()), img.label());
                    if (p.logits() != null) {
                        meanLogits = meanLogits == null ? new float[p.logits().length] : meanLogits;
                        addScaled(meanLogits, softmax(p.logits()), 1f / k);
                    }
                    addScaled(meanFeature, p.feature(), 1f / k);
                }
                // the ensemble predicts with its mean class probabilities
                ensemble.add(b, new ProbeViT.Pass(meanLogits, meanFeature, null, List.of(), new int[0]), img.label());
            }
            measured[r] = droppable == 0 ? 1 : (double) kept / droppable;
            cos[0][r] = single.logitCosine();
            cos[1][r] = ensemble.logitCosine();
            agree[0][r] = single.agreement();
            agree[1][r] = ensemble.agreement();
            acc[0][r] = single.accuracy();
            acc[1][r] = ensemble.accuracy();
        }
        double[] x = java.util.Arrays.copyOf(measured, sweep);
        String[] names = {"one sub-model", "ensemble of " + k};
        FigureSet.Builder fig = new FigureSet.Builder("Information pathways on " + in.modelName);
        fig.plot(LinePlot.lines("pathways-agreement", "Prediction agreement with dense attention",
                "measured keep rate of patch keys", "fraction of images",
                List.of(new Series(names[0], x, java.util.Arrays.copyOf(agree[0], sweep)),
                        new Series(names[1], x, java.util.Arrays.copyOf(agree[1], sweep)))));
        fig.plot(LinePlot.lines("pathways-drift", "Cosine of the class probabilities to dense attention's", "measured keep rate", "mean cosine",
                List.of(new Series(names[0], x, java.util.Arrays.copyOf(cos[0], sweep)),
                        new Series(names[1], x, java.util.Arrays.copyOf(cos[1], sweep)))));
        if (!Double.isNaN(acc[0][0])) {
            fig.plot(LinePlot.lines("pathways-accuracy", "Top-1 accuracy on the labelled images", "measured keep rate",
                    "accuracy", List.of(new Series(names[0], x, java.util.Arrays.copyOf(acc[0], sweep)),
                            new Series(names[1], x, java.util.Arrays.copyOf(acc[1], sweep)))));
        }
        fig.scalar("keep1_probability_cosine", cos[0][0]);
        fig.scalar("keep1_agreement", agree[0][0]);
        fig.scalar("keep_shown", keepShow);
        fig.scalar("measured_keep_at_keep", measured[sweep]);
        fig.scalar("single_agreement_at_keep", agree[0][sweep]);
        fig.scalar("ensemble_agreement_at_keep", agree[1][sweep]);
        fig.scalar("single_accuracy_at_keep", acc[0][sweep]);
        fig.scalar("ensemble_accuracy_at_keep", acc[1][sweep]);
        fig.scalar("dense_accuracy", acc[0][0]);
        fig.note("Inference-time probe of SSA (shamim-hussain/ssa has only a README): the model was trained dense; "
                + "each query of each head keeps every prefix key and its own key and each other patch key with the keep "
                + "probability" + (local ? ", biased as min(1, c·exp(-distance/" + sigma + ")) with c set so the mean is the keep rate" : "")
                + "; the x axis is the share of patch keys actually kept.");
        fig.note("Ensemble: the mean of the k sub-models' class probabilities (and of their features).");
        return fig.build();
    }

    private static float[] softmax(float[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        float[] p = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = (float) Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= (float) sum;
        }
        return p;
    }

    /** A pass whose "logits" are its class probabilities: drift is then measured on probabilities. */
    private static ProbeViT.Pass probabilities(float[] logits, float[] feature) {
        return new ProbeViT.Pass(logits == null ? null : softmax(logits), feature, null, List.of(), new int[0]);
    }

    private static void addScaled(float[] acc, float[] v, float s) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += v[i] * s;
        }
    }
}
