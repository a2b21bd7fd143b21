package org.attentionworkbench.compute.labs.probes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attentionworkbench.compute.explain.AttentionMaps;
import org.attentionworkbench.compute.explain.HeadFusion;
import org.attentionworkbench.compute.explain.Rollout;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.figure.LinePlot;
import org.attentionworkbench.compute.figure.Series;
import org.attentionworkbench.compute.labs.Lab;
import org.attentionworkbench.compute.labs.LabException;
import org.attentionworkbench.compute.labs.LabOption;
import org.attentionworkbench.compute.labs.LabOptions;
import org.attentionworkbench.compute.labs.LabProgress;

/**
 * IA-RED²-style redundancy reduction, our reading (the paper has no official code): patches are dropped
 * stage by stage by an attention-based policy, attention then runs on the kept tokens only. The kept set
 * over the image, drift against keep ratio, and agreement of the kept set with attention-rollout saliency.
 */
public final class RedundancyLab implements Lab {
    @Override
    public String id() {
        return "redundancy";
    }

    @Override
    public String title() {
        return "Redundancy reduction (IA-RED²-style patch dropping)";
    }

    @Override
    public String summary() {
        return "Dropping the least attended patches stage by stage keeps the prediction down to a low keep "
                + "ratio; the kept set works as a saliency map and agrees with attention rollout (IA-RED², our reading).";
    }

    @Override
    public List<LabOption> options() {
        return List.of(ProbeInputs.modelOption(), ProbeInputs.imageOption(),
                LabOption.choice("policy", "cls", List.of("cls", "rollout"),
                        "cls: class-token attention of the previous layer in the same pass; rollout: the dense pass's "
                                + "attention rollout ranks the patches once"),
                LabOption.integer("stages", 3, "stages: patches are dropped at the start of stages 2 … S"),
                LabOption.real("keep", 0.5, "share of the patches left after the last stage, for the maps and checks"),
                LabOption.integer("show", 3, "which image the maps are drawn for (index; digit n with the bundled set)"));
    }

    /** Drops patches at the stage starts; remembers when each patch left. */
    static final class Dropper implements ProbeViT.Hooks {
        private final boolean rolloutPolicy;
        private final float[] rolloutScore; // (G) for the rollout policy
        private final int[] stageStarts;
        private final double keep;
        private final int prefix;
        private final boolean classToken;
        private float[] lastProbs;
        final int[] presentUntil; // (G) last layer each patch took part in
        final List<float[]> firstScores = new ArrayList<>();

        Dropper(boolean rolloutPolicy, float[] rolloutScore, int[] stageStarts, double keep, int prefix,
                boolean classToken, int layers, int g) {
            this.rolloutPolicy = rolloutPolicy;
            this.rolloutScore = rolloutScore;
            this.stageStarts = stageStarts;
            this.keep = keep;
            this.prefix = prefix;
            this.classToken = classToken;
            this.presentUntil = new int[g];
            Arrays.fill(presentUntil, layers - 1);
        }

        @Override
        public ProbeViT.Tokens beforeBlock(int layer, ProbeViT.Tokens t) {
            int s = Arrays.binarySearch(stageStarts, layer);
            if (s < 0 || lastProbs == null) {
                return t;
            }
            int g = t.owner.length;
            int want = Math.max(1, (int) Math.round(g * Math.pow(keep, (s + 1.0) / stageStarts.length)));
            int n = t.n();
            float[] score = new float[n];
            if (rolloutPolicy) {
                for (int p = 0; p < g; p++) {
                    if (t.owner[p] >= 0) {
                        score[t.owner[p]] = rolloutScore[p];
                    }
                }
            } else {
                int heads = lastProbs.length / (n * n);
                for (int h = 0; h < heads; h++) {
                    for (int i = 0; i < (classToken ? 1 : n); i++) { // without a class token: attention received
                        for (int j = 0; j < n; j++) {
                            score[j] += lastProbs[(h * n + i) * n + j];
                        }
                    }
                }
                if (firstScores.isEmpty()) {
                    float[] perPatch = new float[g];
                    for (int p = 0; p < g; p++) {
                        perPatch[p] = score[t.owner[p]];
                    }
                    firstScores.add(perPatch);
                }
            }
            Integer[] order = new Integer[n - prefix];
            for (int i = 0; i < order.length; i++) {
                order[i] = prefix + i;
            }
            Arrays.sort(order, (a, b) -> Float.compare(score[b], score[a]));
            boolean[] kept = new boolean[n];
            for (int i = 0; i < prefix; i++) {
                kept[i] = true;
            }
            for (int k = 0; k < Math.min(want, order.length); k++) {
                kept[order[k]] = true;
            }
            int[] dest = new int[n];
            int next = 0;
            for (int i = 0; i < n; i++) {
                dest[i] = kept[i] ? next++ : -1;
            }
            for (int p = 0; p < g; p++) {
                if (t.owner[p] >= 0 && !kept[t.owner[p]]) {
                    presentUntil[p] = layer - 1;
                }
            }
            return t.regroup(dest, next);
        }

        @Override
        public ProbeViT.Tokens afterAttention(int layer, ProbeViT.Tokens t, float[] probs, float[][] keys) {
            lastProbs = probs;
            return t;
        }
    }

    /** Rollout saliency of the patches (G): the class-token row of the dense pass's rollout (mean row without one). */
    static float[] rolloutSaliency(ProbeViT.Pass dense, int prefix, int gh, int gw, boolean classToken) {
        int layers = dense.attention().size();
        int n = dense.tokens()[0];
        int heads = dense.attention().get(0).length / (n * n);
        float[] all = new float[layers * heads * n * n];
        for (int l = 0; l < layers; l++) {
            System.arraycopy(dense.attention().get(l), 0, all, l * heads * n * n, heads * n * n);
        }
        float[] r = Rollout.compute(new AttentionMaps(all, layers, heads, n, prefix, gh, gw), HeadFusion.MEAN, 0.0,
                layers - 1);
        float[] sal = new float[n - prefix];
        for (int i = 0; i < (classToken ? 1 : n); i++) {
            for (int p = 0; p < sal.length; p++) {
                sal[p] += r[i * n + prefix + p];
            }
        }
        return sal;
    }

    static int[] stageStarts(int layers, int stages) {
        java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
        for (int k = 1; k < stages; k++) {
            int l = (int) Math.round((double) layers * k / stages);
            if (l > 0 && l < layers) {
                s.add(l);
            }
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public FigureSet run(LabOptions o, LabProgress progress) throws LabException {
        ProbeInputs in = ProbeInputs.open(o);
        var cfg = in.vit.config();
        int layers = cfg.depth();
        int stages = o.getInt("stages", 2, 1000);
        double keepShow = o.getDouble("keep", 0.01, 1);
        boolean rolloutPolicy = o.get("policy").equals("rollout");
        int[] starts = stageStarts(layers, stages);
        if (starts.length == 0) {
            throw new LabException("lab redundancy: --stages " + stages + " leaves no stage start inside "
                    + layers + " layers");
        }
        ProbeInputs.Image shown = in.shown(o.getInt("show"));
        int pre = cfg.prefixTokens();
        List<ProbeViT.Pass> base = new ArrayList<>();
        List<float[]> saliency = new ArrayList<>();
        for (ProbeInputs.Image img : in.images) {
            ProbeViT.Pass p = in.vit.forward(img.pixels(), img.h(), img.w(), ProbeViT.NONE);
            base.add(p);
            saliency.add(rolloutSaliency(p, pre, img.h() / cfg.patch(), img.w() / cfg.patch(), cfg.classToken()));
        }
        double[] ratios = new double[10];
        double[][] cos = new double[2][10];
        double[][] agree = new double[2][10];
        double[][] acc = new double[2][10];
        for (int k = 0; k < 10; k++) {
            ratios[k] = 1.0 - 0.1 * k;
            for (int policy = 0; policy < 2; policy++) {
                progress.checkCancelled();
                progress.update("keep " + ratios[k], (k * 2 + policy) / 20.0);
                ProbeInputs.Drift drift = new ProbeInputs.Drift();
                for (int i = 0; i < in.images.size(); i++) {
                    ProbeInputs.Image img = in.images.get(i);
                    int g = saliency.get(i).length;
                    Dropper d = new Dropper(policy == 1, saliency.get(i), starts, ratios[k], pre, cfg.classToken(),
                            layers, g);
                    drift.add(base.get(i), in.vit.forward(img.pixels(), img.h(), img.w(), d), img.label());
                }
                cos[policy][k] = drift.logitCosine();
                agree[policy][k] = drift.agreement();
                acc[policy][k] = drift.accuracy();
            }
        }
        String[] names = {"class-token attention", "attention rollout"};
        FigureSet.Builder fig = new FigureSet.Builder("Redundancy reduction on " + in.modelName);
        fig.plot(LinePlot.lines("redundancy-drift", "Logit cosine to the full pass", "keep ratio after the last stage",
                "mean cosine", List.of(new Series(names[0], ratios, cos[0]), new Series(names[1], ratios, cos[1]))));
        fig.plot(LinePlot.lines("redundancy-agreement", "Prediction agreement with the full pass", "keep ratio",
                "fraction of images", List.of(new Series(names[0], ratios, agree[0]), new Series(names[1], ratios, agree[1]))));
        if (!Double.isNaN(acc[0][0])) {
            fig.plot(LinePlot.lines("redundancy-accuracy", "Top-1 accuracy on the labelled images", "keep ratio",
                    "accuracy", List.of(new Series(names[0], ratios, acc[0]), new Series(names[1], ratios, acc[1]))));
        }
        // agreement of the chosen policy's kept set with rollout saliency, over the images, at --keep
        double iou = 0;
        double rho = 0;
        int rhoCount = 0;
        int gh = shown.h() / cfg.patch();
        int gw = shown.w() / cfg.patch();
        for (int i = 0; i < in.images.size(); i++) {
            ProbeInputs.Image img = in.images.get(i);
            float[] sal = saliency.get(i);
            Dropper d = new Dropper(rolloutPolicy, sal, starts, keepShow, pre, cfg.classToken(), layers, sal.length);
            in.vit.forward(img.pixels(), img.h(), img.w(), d);
            boolean[] kept = new boolean[sal.length];
            int count = 0;
            for (int p = 0; p < sal.length; p++) {
                kept[p] = d.presentUntil[p] == layers - 1;
                count += kept[p] ? 1 : 0;
            }
            iou += iou(kept, topK(sal, count));
            if (!d.firstScores.isEmpty()) {
                rho += spearman(d.firstScores.get(0), sal);
                rhoCount++;
            }
            if (img == shown) {
                float[] until = new float[sal.length];
                for (int p = 0; p < sal.length; p++) {
                    until[p] = d.presentUntil[p];
                }
                fig.heatmap(ProbeInputs.grid("redundancy-kept", "Last layer each patch took part in (" + names[rolloutPolicy ? 1 : 0]
                        + ", keep " + keepShow + ", " + img.name() + "); " + (layers - 1) + " = kept to the end", gh, gw, until, false));
                fig.heatmap(ProbeInputs.grid("redundancy-rollout", "Attention-rollout saliency of the full pass, "
                        + img.name(), gh, gw, sal, false));
            }
        }
        fig.scalar("keep_shown", keepShow);
        fig.scalar("kept_vs_rollout_iou", iou / in.images.size());
        if (rhoCount > 0) {
            fig.scalar("cls_attention_vs_rollout_spearman", rho / rhoCount);
        }
        int idx = (int) Math.round((1 - keepShow) * 10);
        if (idx >= 0 && idx < 10 && Math.abs(ratios[idx] - keepShow) < 1e-9) {
            fig.scalar("logit_cosine_at_keep", cos[rolloutPolicy ? 1 : 0][idx]);
            fig.scalar("agreement_at_keep", agree[rolloutPolicy ? 1 : 0][idx]);
        }
        fig.scalar("keep1_logit_cosine", Math.min(cos[0][0], cos[1][0]));
        fig.note("No official IA-RED² code exists: this is our reading. The paper's learned multi-head interpreter "
                + "is replaced by a training-free attention policy; stages start at layers " + Arrays.toString(starts)
                + ", each keeping keep^(s/S') of the patches so the last leaves the keep ratio; dropped tokens leave "
                + "attention and the residual stream.");
        fig.note("Rollout: compute.explain.Rollout (mean over heads, no discarding, rows renormalised) of the full pass.");
        return fig.build();
    }

    private static boolean[] topK(float[] v, int k) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(v[b], v[a]));
        boolean[] top = new boolean[v.length];
        for (int i = 0; i < k; i++) {
            top[order[i]] = true;
        }
        return top;
    }

    static double iou(boolean[] a, boolean[] b) {
        int inter = 0;
        int union = 0;
        for (int i = 0; i < a.length; i++) {
            inter += a[i] && b[i] ? 1 : 0;
            union += a[i] || b[i] ? 1 : 0;
        }
        return union == 0 ? 1 : (double) inter / union;
    }

    /** Spearman rank correlation (average ranks for ties). */
    static double spearman(float[] a, float[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double ma = Arrays.stream(ra).average().orElse(0);
        double mb = Arrays.stream(rb).average().orElse(0);
        double num = 0, da = 0, db = 0;
        for (int i = 0; i < ra.length; i++) {
            num += (ra[i] - ma) * (rb[i] - mb);
            da += (ra[i] - ma) * (ra[i] - ma);
            db += (rb[i] - mb) * (rb[i] - mb);
        }
        return da == 0 || db == 0 ? 0 : num / Math.sqrt(da * db);
    }

    private static double[] ranks(float[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Float.compare(v[x], v[y]));
        double[] r = new double[v.length];
        int i = 0;
        while (i < v.length) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                r[order[k]] = (i + j) / 2.0;
            }
            i = j + 1;
        }
        return r;
    }
}
