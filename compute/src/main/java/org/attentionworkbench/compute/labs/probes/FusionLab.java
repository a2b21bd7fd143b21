package org.attentionworkbench.compute.labs.probes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.figure.LinePlot;
import org.attentionworkbench.compute.figure.Series;
import org.attentionworkbench.compute.labs.Lab;
import org.attentionworkbench.compute.labs.LabException;
import org.attentionworkbench.compute.labs.LabOption;
import org.attentionworkbench.compute.labs.LabOptions;
import org.attentionworkbench.compute.labs.LabProgress;

/**
 * Token fusion during the forward pass: r tokens merged per layer by bipartite matching, scored as
 * MCTF does (similarity × inverse attention received × inverse size, mlvlab/MCTF utils/mctf.py) or as
 * ToMe does (cosine similarity of the keys averaged over heads). Which patches merged, drawn per
 * layer; output drift and FLOPs against r.
 */
public final class FusionLab implements Lab {
    @Override
    public String id() {
        return "fusion";
    }

    @Override
    public String title() {
        return "Token fusion (MCTF, ToMe baseline)";
    }

    @Override
    public String summary() {
        return "Merging r tokens per layer (MCTF: multi-criteria score; ToMe: key similarity) keeps the "
                + "prediction while FLOPs fall; which patches merge at each layer, drift and FLOPs against r.";
    }

    @Override
    public List<LabOption> options() {
        return List.of(ProbeInputs.modelOption(), ProbeInputs.imageOption(),
                LabOption.integer("r", 2, "tokens merged per layer for the maps"),
                LabOption.integer("r-max", 0, "largest r of the sweep; 0 = half the patches"),
                LabOption.integer("steps", 9, "values of r in the sweep, evenly spread over 0 … r-max"),
                LabOption.integer("show", 3, "which image the maps are drawn for (index; digit n with the bundled set)"),
                LabOption.real("tau-sim", 1, "MCTF similarity temperature (0: similarity left out)"),
                LabOption.real("tau-info", 20, "MCTF informativeness (inverse attention) temperature (0: left out)"),
                LabOption.real("tau-size", 40, "MCTF size temperature (0: left out)"));
    }

    /** How pairs are scored. */
    enum Method { MCTF, TOME }

    /** The merge hook: r tokens per layer, the score of the method; records token counts and FLOPs. */
    static final class Merger implements ProbeViT.Hooks {
        private final Method method;
        private final int r;
        private final int prefix;
        private final double tauSim, tauInfo, tauSize;
        final List<int[]> owners = new ArrayList<>(); // per layer, after its merge: owner of each patch
        final List<float[]> sizes = new ArrayList<>(); // per layer, after its merge: size of each patch's token
        final int[] mlpTokens;

        Merger(Method method, int r, int prefix, int layers, double tauSim, double tauInfo, double tauSize) {
            this.method = method;
            this.r = r;
            this.prefix = prefix;
            this.tauSim = tauSim;
            this.tauInfo = tauInfo;
            this.tauSize = tauSize;
            this.mlpTokens = new int[layers];
        }

        @Override
        public ProbeViT.Tokens afterAttention(int layer, ProbeViT.Tokens t, float[] probs, float[][] keys) {
            int n = t.n();
            int free = n - prefix;
            int rl = Math.min(r, free / 2);
            ProbeViT.Tokens out = rl <= 0 ? t : merge(t, probs, keys, rl);
            mlpTokens[layer] = out.n();
            owners.add(out.owner.clone());
            float[] s = new float[out.owner.length];
            for (int p = 0; p < s.length; p++) {
                s[p] = out.size[out.owner[p]];
            }
            sizes.add(s);
            return out;
        }

        private ProbeViT.Tokens merge(ProbeViT.Tokens t, float[] probs, float[][] keys, int rl) {
            int n = t.n();
            float[][] metric = method == Method.TOME ? headMean(keys, keys[0].length / headsOf(probs, n)) : t.x;
            double[][] unit = new double[n][];
            for (int i = prefix; i < n; i++) {
                unit[i] = normalise(metric[i]);
            }
            // informativeness and size terms, each 1/value scaled by its max (as mctf.py)
            double[] info = new double[n];
            double[] inv = new double[n];
            int heads = headsOf(probs, n);
            for (int j = 0; j < n; j++) {
                double a = 0;
                for (int h = 0; h < heads; h++) {
                    for (int i = 0; i < n; i++) {
                        a += probs[(h * n + i) * n + j];
                    }
                }
                info[j] = 1 / (a / (heads * n));
                inv[j] = 1 / t.size[j];
            }
            scaleByMax(info);
            scaleByMax(inv);
            // bipartite: A = even, B = odd among the non-prefix tokens
            List<Integer> a = new ArrayList<>();
            List<Integer> b = new ArrayList<>();
            for (int i = prefix; i < n; i++) {
                ((i - prefix) % 2 == 0 ? a : b).add(i);
            }
            double[] best = new double[a.size()];
            int[] match = new int[a.size()];
            for (int ai = 0; ai < a.size(); ai++) {
                best[ai] = Double.NEGATIVE_INFINITY;
                int i = a.get(ai);
                for (int j : b) {
                    double s = score(unit[i], unit[j], info[i], info[j], inv[i], inv[j]);
                    if (s > best[ai]) {
                        best[ai] = s;
                        match[ai] = j;
                    }
                }
            }
            Integer[] order = new Integer[a.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Double.compare(best[y], best[x]));
            boolean[] merged = new boolean[n];
            int[] into = new int[n];
            for (int k = 0; k < rl; k++) {
                merged[a.get(order[k])] = true;
                into[a.get(order[k])] = match[order[k]];
            }
            int[] dest = new int[n];
            int next = 0;
            for (int i = 0; i < n; i++) {
                dest[i] = merged[i] ? -2 : next++;
            }
            for (int i = 0; i < n; i++) {
                if (merged[i]) {
                    dest[i] = dest[into[i]];
                }
            }
            return t.regroup(dest, next);
        }

        private double score(double[] ui, double[] uj, double infoI, double infoJ, double invI, double invJ) {
            double cos = 0;
            for (int c = 0; c < ui.length; c++) {
                cos += ui[c] * uj[c];
            }
            if (method == Method.TOME) {
                return cos;
            }
            double s = tauSim > 0 ? Math.pow((cos + 1) / 2, 1 / tauSim) : 1;
            if (tauInfo > 0) {
                s *= Math.pow(infoI * infoJ, 1 / tauInfo);
            }
            if (tauSize > 0) {
                s *= Math.pow(invI * invJ, 1 / tauSize);
            }
            return s;
        }

        private static int headsOf(float[] probs, int n) {
            return probs.length / (n * n);
        }

        private static float[][] headMean(float[][] keys, int dh) {
            int heads = keys[0].length / dh;
            float[][] m = new float[keys.length][dh];
            for (int i = 0; i < keys.length; i++) {
                for (int h = 0; h < heads; h++) {
                    for (int c = 0; c < dh; c++) {
                        m[i][c] += keys[i][h * dh + c] / heads;
                    }
                }
            }
            return m;
        }

        private static double[] normalise(float[] v) {
            double s = 0;
            for (float f : v) {
                s += (double) f * f;
            }
            double inv = s == 0 ? 0 : 1 / Math.sqrt(s);
            double[] u = new double[v.length];
            for (int c = 0; c < v.length; c++) {
                u[c] = v[c] * inv;
            }
            return u;
        }

        private static void scaleByMax(double[] v) {
            double max = Arrays.stream(v).max().orElse(1);
            for (int i = 0; i < v.length; i++) {
                v[i] /= max;
            }
        }
    }

    /** Multiply-adds ×2 of one pass: per layer the attention on n tokens, the MLP on the tokens left after merging. */
    static double flops(org.attentionworkbench.compute.models.vit.ViTConfig c, int[] attnTokens, int[] mlpTokens) {
        double d = c.dim();
        double total = 0;
        for (int l = 0; l < attnTokens.length; l++) {
            double n = attnTokens[l];
            double m = mlpTokens[l];
            total += 2 * n * d * 3 * d + 2 * 2 * n * n * d + 2 * n * d * d + 2 * 2 * m * d * c.mlpHidden();
        }
        return total;
    }

    @Override
    public FigureSet run(LabOptions o, LabProgress progress) throws LabException {
        ProbeInputs in = ProbeInputs.open(o);
        var cfg = in.vit.config();
        int layers = cfg.depth();
        int g = in.images.get(0).h() / cfg.patch() * (in.images.get(0).w() / cfg.patch());
        int rMax = o.getInt("r-max", 0, 100_000);
        if (rMax == 0) {
            rMax = g / 2;
        }
        int rShow = o.getInt("r", 0, rMax);
        int steps = Math.min(rMax + 1, o.getInt("steps", 2, 1000));
        java.util.TreeSet<Integer> sweep = new java.util.TreeSet<>();
        for (int i = 0; i < steps; i++) {
            sweep.add((int) Math.round((double) rMax * i / (steps - 1)));
        }
        sweep.add(rShow);
        int[] rList = sweep.stream().mapToInt(Integer::intValue).toArray();
        int shownAt = java.util.Arrays.binarySearch(rList, rShow);
        double ts = o.getDouble("tau-sim", 0, 1e6);
        double ti = o.getDouble("tau-info", 0, 1e6);
        double tz = o.getDouble("tau-size", 0, 1e6);
        ProbeInputs.Image shown = in.shown(o.getInt("show"));
        FigureSet.Builder fig = new FigureSet.Builder("Token fusion on " + in.modelName);

        List<ProbeViT.Pass> base = new ArrayList<>();
        for (ProbeInputs.Image img : in.images) {
            base.add(in.vit.forward(img.pixels(), img.h(), img.w(), ProbeViT.NONE));
        }
        int[] dense = base.get(0).tokens();
        double flops0 = flops(cfg, dense, dense);
        int points = rList.length;
        double[] rs = new double[points];
        double[][] cos = new double[2][points];
        double[][] agree = new double[2][points];
        double[][] feat = new double[2][points];
        double[][] acc = new double[2][points];
        double[][] flopsRel = new double[2][points];
        for (int ri = 0; ri < points; ri++) {
            int r = rList[ri];
            rs[ri] = r;
            for (Method m : Method.values()) {
                progress.checkCancelled();
                progress.update(m + " r = " + r, (ri * 2 + m.ordinal()) / (2.0 * points));
                ProbeInputs.Drift drift = new ProbeInputs.Drift();
                double f = 0;
                for (int i = 0; i < in.images.size(); i++) {
                    ProbeInputs.Image img = in.images.get(i);
                    Merger hook = new Merger(m, r, cfg.prefixTokens(), layers, ts, ti, tz);
                    ProbeViT.Pass p = in.vit.forward(img.pixels(), img.h(), img.w(), hook);
                    drift.add(base.get(i), p, img.label());
                    f += flops(cfg, p.tokens(), hook.mlpTokens) / flops0;
                }
                int k = m.ordinal();
                cos[k][ri] = drift.logitCosine();
                agree[k][ri] = drift.agreement();
                feat[k][ri] = drift.featureCosine();
                acc[k][ri] = drift.accuracy();
                flopsRel[k][ri] = f / in.images.size();
            }
        }
        String[] names = {"MCTF", "ToMe (similarity only)"};
        fig.plot(LinePlot.lines("fusion-drift", "Logit cosine to the unmerged pass", "r (tokens merged per layer)",
                "mean cosine", List.of(new Series(names[0], rs, cos[0]), new Series(names[1], rs, cos[1]))));
        fig.plot(LinePlot.lines("fusion-feature", "Cosine of the pooled feature to the unmerged pass's", "r",
                "mean cosine", List.of(new Series(names[0], rs, feat[0]), new Series(names[1], rs, feat[1]))));
        fig.plot(LinePlot.lines("fusion-agreement", "Prediction agreement with the unmerged pass", "r",
                "fraction of images", List.of(new Series(names[0], rs, agree[0]), new Series(names[1], rs, agree[1]))));
        if (!Double.isNaN(acc[0][0])) {
            fig.plot(LinePlot.lines("fusion-accuracy", "Top-1 accuracy on the labelled images", "r", "accuracy",
                    List.of(new Series(names[0], rs, acc[0]), new Series(names[1], rs, acc[1]))));
        }
        fig.plot(LinePlot.lines("fusion-flops", "FLOPs relative to the unmerged pass", "r", "FLOPs / dense",
                List.of(new Series(names[0], rs, flopsRel[0]), new Series(names[1], rs, flopsRel[1]))));

        // the source maps of the shown image at r: per layer, which patches share a token
        int gh = shown.h() / cfg.patch();
        int gw = shown.w() / cfg.patch();
        int[][] finalOwner = new int[2][];
        double coverage = 1;
        for (Method m : Method.values()) {
            Merger hook = new Merger(m, rShow, cfg.prefixTokens(), layers, ts, ti, tz);
            in.vit.forward(shown.pixels(), shown.h(), shown.w(), hook);
            for (int l = 0; l < layers; l++) {
                int[] owner = hook.owners.get(l);
                float[] groups = new float[owner.length];
                float[] sz = hook.sizes.get(l);
                double total = 0;
                java.util.Set<Integer> seen = new java.util.HashSet<>();
                for (int p = 0; p < owner.length; p++) {
                    groups[p] = owner[p] - cfg.prefixTokens();
                    if (seen.add(owner[p])) {
                        total += sz[p];
                    }
                }
                coverage = Math.min(coverage, total == owner.length ? 1 : 0);
                String tag = m.name().toLowerCase(java.util.Locale.ROOT);
                fig.heatmap(ProbeInputs.grid("fusion-" + tag + "-L" + l, names[m.ordinal()] + ", " + shown.name()
                        + ", after layer " + l + ": token each patch is in (equal values merged)", gh, gw, groups, false));
                fig.heatmap(ProbeInputs.grid("fusion-" + tag + "-L" + l + "-size", names[m.ordinal()] + ", after layer "
                        + l + ": size of each patch's token", gh, gw, sz, false));
            }
            finalOwner[m.ordinal()] = hook.owners.get(layers - 1);
        }
        fig.scalar("r_shown", rShow);
        fig.scalar("mctf_logit_cosine_at_r", cos[0][shownAt]);
        fig.scalar("tome_logit_cosine_at_r", cos[1][shownAt]);
        fig.scalar("mctf_feature_cosine_at_r", feat[0][shownAt]);
        fig.scalar("tome_feature_cosine_at_r", feat[1][shownAt]);
        fig.scalar("mctf_agreement_at_r", agree[0][shownAt]);
        fig.scalar("tome_agreement_at_r", agree[1][shownAt]);
        fig.scalar("mctf_flops_ratio_at_r", flopsRel[0][shownAt]);
        fig.scalar("tome_flops_ratio_at_r", flopsRel[1][shownAt]);
        fig.scalar("r0_logit_cosine", Math.min(cos[0][0], cos[1][0]));
        fig.scalar("groups_cover_every_patch", coverage);
        fig.scalar("mctf_tome_rand_index_final", randIndex(finalOwner[0], finalOwner[1]));
        fig.note("Images: " + in.images.size() + (in.images.get(0).label() >= 0 ? " bundled digit renders" : "")
                + "; drift is against the unmerged pass of the same image.");
        fig.note("Our reading of MCTF: score = ((cos+1)/2)^(1/τs) · (inverse attention received)^(1/τi) · "
                + "(inverse size)^(1/τz), each inverse scaled by its max, the metric being the tokens (mctf.py's x); "
                + "one-directional matching, no one-step-ahead attention, no training: the pretrained weights as they are.");
        fig.note("ToMe baseline: cosine of the keys averaged over heads. Both merge between attention and MLP, "
                + "size-weighted means, proportional attention (scores + log size); the prefix tokens never merge; "
                + "r is capped at half the free tokens of a layer.");
        fig.note("FLOPs: 2·multiply-adds of the projections, QKᵀ, PV and MLP per layer (matching cost left out).");
        return fig.build();
    }

    /** Fraction of patch pairs on which two partitions agree (same group in both or apart in both). */
    static double randIndex(int[] a, int[] b) {
        long agree = 0;
        long total = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                agree += (a[i] == a[j]) == (b[i] == b[j]) ? 1 : 0;
                total++;
            }
        }
        return total == 0 ? 1 : (double) agree / total;
    }
}
