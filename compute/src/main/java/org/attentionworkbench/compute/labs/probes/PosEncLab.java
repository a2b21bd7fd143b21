package org.attentionworkbench.compute.labs.probes;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.figure.LinePlot;
import org.attentionworkbench.compute.figure.Series;
import org.attentionworkbench.compute.labs.Lab;
import org.attentionworkbench.compute.labs.LabException;
import org.attentionworkbench.compute.labs.LabOption;
import org.attentionworkbench.compute.labs.LabOptions;
import org.attentionworkbench.compute.labs.LabProgress;
import org.attentionworkbench.compute.tensor.HostTensor;

/**
 * Position encodings seen as SeqPE does: the cosine similarity of the patch position embeddings and the
 * position-only attention logits PE_i·W_Q,hᵀ·W_K,h·PE_jᵀ (scaled) of the first layer, per head, at the
 * training grid and at an extrapolated grid (the embedding resampled as the model's layout does,
 * models.vit.PosInterpolation).
 */
public final class PosEncLab implements Lab {
    @Override
    public String id() {
        return "posenc";
    }

    @Override
    public String title() {
        return "Position encodings (similarity and position-only logits)";
    }

    @Override
    public String summary() {
        return "A learned position embedding is local (similarity falls with distance) and so are the position-only "
                + "attention logits; resampled to a larger grid the structure stretches rather than extends (SeqPE's view).";
    }

    @Override
    public List<LabOption> options() {
        return List.of(ProbeInputs.modelOption(),
                LabOption.integer("grid-h", 0, "extrapolated grid rows; 0 = twice the training grid"),
                LabOption.integer("grid-w", 0, "extrapolated grid columns; 0 = twice the training grid"),
                LabOption.flag("norm", false, "apply the first block's layer norm to the embedding first "
                        + "(off: the bare PE_i·W_Q·W_Kᵀ·PE_j of the formula, biases left out)"));
    }

    /** What one grid gives. */
    record GridView(int gh, int gw, float[] cosine, List<float[]> logits) {}

    GridView view(ProbeViT vit, int gh, int gw, boolean norm) {
        var cfg = vit.config();
        float[][] pe = vit.position(gh, gw);
        if (norm) {
            pe = layerNorm(pe, vit.weight("blocks.0.norm1.weight").data(), vit.weight("blocks.0.norm1.bias"), cfg.eps());
        }
        int g = pe.length;
        int d = cfg.dim();
        float[] cos = new float[g * g];
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                cos[i * g + j] = (float) ProbeInputs.cosine(pe[i], pe[j]);
            }
        }
        float[] wq = vit.weight("blocks.0.q.weight").data(); // (D, D): output rows, heads side by side
        float[] wk = vit.weight("blocks.0.k.weight").data();
        float[][] q = ProbeViT.linear(pe, wq, null, d, d);
        float[][] k = ProbeViT.linear(pe, wk, null, d, d);
        int dh = cfg.headDim();
        List<float[]> logits = new ArrayList<>();
        for (int h = 0; h < cfg.heads(); h++) {
            float[] m = new float[g * g];
            for (int i = 0; i < g; i++) {
                for (int j = 0; j < g; j++) {
                    double s = 0;
                    for (int c = h * dh; c < (h + 1) * dh; c++) {
                        s += q[i][c] * k[j][c];
                    }
                    m[i * g + j] = (float) (cfg.attnScale() * s);
                }
            }
            logits.add(m);
        }
        return new GridView(gh, gw, cos, logits);
    }

    /** The same logits of head h through the bilinear form W_Q,hᵀ·W_K,h (D × D), a second path for the check. */
    static float[] bilinearLogits(ProbeViT vit, float[][] pe, int h) {
        var cfg = vit.config();
        int d = cfg.dim();
        int dh = cfg.headDim();
        float[] wq = vit.weight("blocks.0.q.weight").data();
        float[] wk = vit.weight("blocks.0.k.weight").data();
        double[] b = new double[d * d];
        for (int r = h * dh; r < (h + 1) * dh; r++) {
            for (int a = 0; a < d; a++) {
                for (int c = 0; c < d; c++) {
                    b[a * d + c] += (double) wq[r * d + a] * wk[r * d + c];
                }
            }
        }
        int g = pe.length;
        float[] out = new float[g * g];
        for (int i = 0; i < g; i++) {
            double[] left = new double[d];
            for (int a = 0; a < d; a++) {
                for (int c = 0; c < d; c++) {
                    left[c] += pe[i][a] * b[a * d + c];
                }
            }
            for (int j = 0; j < g; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    s += left[c] * pe[j][c];
                }
                out[i * g + j] = (float) (cfg.attnScale() * s);
            }
        }
        return out;
    }

    @Override
    public FigureSet run(LabOptions o, LabProgress progress) throws LabException {
        ProbeInputs in = ProbeInputs.open(o, false);
        ProbeViT vit = in.vit;
        var cfg = vit.config();
        int th = cfg.gridH();
        int tw = cfg.gridW();
        int eh = o.getInt("grid-h", 0, 256);
        int ew = o.getInt("grid-w", 0, 256);
        eh = eh == 0 ? 2 * th : eh;
        ew = ew == 0 ? 2 * tw : ew;
        boolean norm = o.getFlag("norm");
        GridView train = view(vit, th, tw, norm);
        progress.update("extrapolated grid", 0.5);
        GridView ext = view(vit, eh, ew, norm);
        FigureSet.Builder fig = new FigureSet.Builder("Position encodings of " + in.modelName);
        for (GridView v : List.of(train, ext)) {
            String tag = v == train ? "train" : "extrapolated";
            int g = v.gh() * v.gw();
            fig.heatmap(ProbeInputs.grid("posenc-cos-" + tag, "Cosine similarity of patch position embeddings, "
                    + v.gh() + "×" + v.gw() + " grid (" + tag + ")", g, g, v.cosine(), true));
            for (int h = 0; h < v.logits().size(); h++) {
                fig.heatmap(ProbeInputs.grid("posenc-logits-" + tag + "-h" + h, "Position-only logits, layer 0 head " + h
                        + ", " + v.gh() + "×" + v.gw() + " (" + tag + ")", g, g, v.logits().get(h), true));
            }
        }
        // profiles against distance in training-grid patches
        List<Series> cosSeries = new ArrayList<>();
        List<Series> logitSeries = new ArrayList<>();
        double[] locality = new double[2];
        int k = 0;
        for (GridView v : List.of(train, ext)) {
            String tag = v == train ? "training grid " + v.gh() + "×" + v.gw() : "extrapolated " + v.gh() + "×" + v.gw();
            float[] dist = distances(v.gh(), v.gw(), th, tw);
            float[] meanLogit = new float[dist.length];
            for (float[] m : v.logits()) {
                for (int i = 0; i < m.length; i++) {
                    meanLogit[i] += m[i] / v.logits().size();
                }
            }
            cosSeries.add(profile(tag, dist, v.cosine()));
            logitSeries.add(profile(tag, dist, meanLogit));
            float[] negDist = new float[dist.length];
            for (int i = 0; i < dist.length; i++) {
                negDist[i] = -dist[i];
            }
            locality[k++] = RedundancyLab.spearman(v.cosine(), negDist);
        }
        fig.plot(LinePlot.lines("posenc-cos-profile", "Mean PE cosine against distance", "distance (training-grid patches)",
                "mean cosine", cosSeries));
        fig.plot(LinePlot.lines("posenc-logit-profile", "Mean position-only logit (layer 0, head mean) against distance",
                "distance (training-grid patches)", "mean logit", logitSeries));
        // checks: cosine diagonal, symmetry, two paths to the logits
        int g = th * tw;
        double diag = 0;
        double asym = 0;
        for (int i = 0; i < g; i++) {
            diag = Math.max(diag, Math.abs(train.cosine()[i * g + i] - 1));
            for (int j = 0; j < g; j++) {
                asym = Math.max(asym, Math.abs(train.cosine()[i * g + j] - train.cosine()[j * g + i]));
            }
        }
        float[][] pe = vit.position(th, tw);
        if (norm) {
            pe = layerNorm(pe, vit.weight("blocks.0.norm1.weight").data(), vit.weight("blocks.0.norm1.bias"), cfg.eps());
        }
        double pathDiff = 0;
        double scale = 0;
        for (int h = 0; h < cfg.heads(); h++) {
            float[] b = bilinearLogits(vit, pe, h);
            pathDiff = Math.max(pathDiff, ShiftLab.maxAbs(b, train.logits().get(h)));
            for (float f : b) {
                scale = Math.max(scale, Math.abs(f));
            }
        }
        fig.scalar("train_grid_h", th);
        fig.scalar("train_grid_w", tw);
        fig.scalar("extrapolated_grid_h", eh);
        fig.scalar("extrapolated_grid_w", ew);
        fig.scalar("cos_diagonal_max_error", diag);
        fig.scalar("cos_asymmetry_max", asym);
        fig.scalar("logits_two_paths_max_rel_diff", scale == 0 ? 0 : pathDiff / scale);
        fig.scalar("locality_spearman_train", locality[0]);
        fig.scalar("locality_spearman_extrapolated", locality[1]);
        fig.note("Position-only logits: scale · (PE_i W_Q,hᵀ)(PE_j W_K,hᵀ)ᵀ of block 0 with the q and k biases left out"
                + (norm ? ", after block 0's layer norm" : ", on the bare embedding (no layer norm)")
                + "; the class token is left out. The extrapolated grid is the trained table resampled by the layout's rule ("
                + cfg.posInterp() + "), as the explorer does for other input sizes.");
        fig.note("Locality: Spearman correlation between the PE cosine and minus the distance (in training-grid patches) "
                + "over all pairs; distances binned to 0.25 patch in the profiles.");
        return fig.build();
    }

    /** Pairwise distances (G²) between patch centres, in training-grid patches. */
    static float[] distances(int gh, int gw, int th, int tw) {
        int g = gh * gw;
        float[] d = new float[g * g];
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                double dy = (i / gw - j / gw) * (double) th / gh;
                double dx = (i % gw - j % gw) * (double) tw / gw;
                d[i * g + j] = (float) Math.hypot(dy, dx);
            }
        }
        return d;
    }

    /** Mean value per distance bin of 0.25. */
    static Series profile(String name, float[] dist, float[] value) {
        TreeMap<Integer, double[]> bins = new TreeMap<>();
        for (int i = 0; i < dist.length; i++) {
            double[] b = bins.computeIfAbsent(Math.round(dist[i] * 4), key -> new double[2]);
            b[0] += value[i];
            b[1]++;
        }
        double[] x = new double[bins.size()];
        double[] y = new double[bins.size()];
        int i = 0;
        for (var e : bins.entrySet()) {
            x[i] = e.getKey() / 4.0;
            y[i++] = e.getValue()[0] / e.getValue()[1];
        }
        return new Series(name, x, y);
    }

    private static float[][] layerNorm(float[][] x, float[] gamma, HostTensor beta, float eps) {
        float[][] y = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            double mean = 0;
            for (float f : x[i]) {
                mean += f;
            }
            mean /= x[i].length;
            double var = 0;
            for (float f : x[i]) {
                var += (f - mean) * (f - mean);
            }
            var /= x[i].length;
            double inv = 1 / Math.sqrt(var + eps);
            y[i] = new float[x[i].length];
            for (int c = 0; c < x[i].length; c++) {
                y[i][c] = (float) ((x[i][c] - mean) * inv * gamma[c] + (beta == null ? 0 : beta.data()[c]));
            }
        }
        return y;
    }
}
