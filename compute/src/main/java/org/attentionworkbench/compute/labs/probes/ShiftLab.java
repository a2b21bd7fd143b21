package org.attentionworkbench.compute.labs.probes;

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
 * Shift equivariance: the input rolled by 1 … P-1 pixels, predictions and features compared with the
 * unshifted ones, plainly and with adaptive polyphase anchoring before the patch embedding (Ding et al.
 * 2023, "Reviving Shift Equivariance in Vision Transformers", no official code: our reading).
 *
 * <p>Anchoring picks the polyphase offset (a, b) ∈ [0, P)² whose component x[:, a::P, b::P] has the largest
 * norm and rolls the image by (-a, -b). For a circular shift by s, the anchored image is then the anchored
 * original rolled by a whole number of patches, P·⌊(a + s) / P⌋: zero (so the pass is identical) when a + s < P,
 * one patch otherwise, where the patch tokens are exactly a cyclic permutation and only the absolute position
 * embedding can still change the output.
 */
public final class ShiftLab implements Lab {
    @Override
    public String id() {
        return "shift";
    }

    @Override
    public String title() {
        return "Shift equivariance (polyphase anchoring)";
    }

    @Override
    public String summary() {
        return "A plain ViT's prediction changes when the input moves by less than a patch; anchoring the input to "
                + "its max-norm polyphase offset makes the patch tokens exactly a cyclic permutation (Reviving Shift Equivariance).";
    }

    @Override
    public List<LabOption> options() {
        return List.of(ProbeInputs.modelOption(), ProbeInputs.imageOption(),
                LabOption.choice("direction", "xy", List.of("x", "y", "xy"), "shift right (x), down (y) or both (xy)"),
                LabOption.integer("show", 3, "which image the polyphase norms are drawn for"));
    }

    /** pixels (C, h, w) rolled circularly by dy rows and dx columns (torch.roll). */
    static float[] roll(float[] x, int c, int h, int w, int dy, int dx) {
        float[] out = new float[x.length];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                int ty = Math.floorMod(y + dy, h);
                for (int xx = 0; xx < w; xx++) {
                    out[(ch * h + ty) * w + Math.floorMod(xx + dx, w)] = x[(ch * h + y) * w + xx];
                }
            }
        }
        return out;
    }

    /**
     * Squared norms of the P² polyphase components, (P, P): entry (a, b) is ‖x[:, a::P, b::P]‖². Each is summed
     * over its values in sorted order, so a rolled image gives bit-identical norms and ties stay ties.
     */
    static double[] polyphaseNorms(float[] x, int c, int h, int w, int p) {
        double[][] keys = polyphaseKeys(x, c, h, w, p);
        double[] n = new double[keys.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = keys[i][0];
        }
        return n;
    }

    /** Per component (a·P + b): its squared norm, then Σ|x| and Σx to break ties between equal norms. */
    private static double[][] polyphaseKeys(float[] x, int c, int h, int w, int p) {
        double[][] keys = new double[p * p][];
        int per = c * (h / p) * (w / p);
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                double[] v = new double[per];
                int k = 0;
                for (int ch = 0; ch < c; ch++) {
                    for (int y = a; y < h; y += p) {
                        for (int xx = b; xx < w; xx += p) {
                            v[k++] = x[(ch * h + y) * w + xx];
                        }
                    }
                }
                java.util.Arrays.sort(v);
                double sq = 0;
                double abs = 0;
                double sum = 0;
                for (double f : v) {
                    sq += f * f;
                    abs += Math.abs(f);
                    sum += f;
                }
                keys[a * p + b] = new double[] {sq, abs, sum};
            }
        }
        return keys;
    }

    /**
     * The max-norm polyphase offset (a, b); among equal norms the larger Σ|x|, then Σx. Returns null when
     * two components still tie: no choice is then consistent under shifts (the anchoring is ambiguous).
     */
    static int[] phaseOrNull(float[] x, int c, int h, int w, int p) {
        double[][] keys = polyphaseKeys(x, c, h, w, p);
        java.util.Comparator<double[]> order = java.util.Comparator.<double[]>comparingDouble(k -> k[0])
                .thenComparingDouble(k -> k[1]).thenComparingDouble(k -> k[2]);
        int best = 0;
        boolean tied = false;
        for (int i = 1; i < keys.length; i++) {
            int cmp = order.compare(keys[i], keys[best]);
            if (cmp > 0) {
                best = i;
                tied = false;
            } else if (cmp == 0) {
                tied = true;
            }
        }
        return tied ? null : new int[] {best / p, best % p};
    }

    /** The anchoring offset: the unique best one, or the first of the tied best. */
    static int[] phase(float[] x, int c, int h, int w, int p) {
        int[] ph = phaseOrNull(x, c, h, w, p);
        if (ph != null) {
            return ph;
        }
        double[] n = polyphaseNorms(x, c, h, w, p);
        int best = 0;
        for (int i = 1; i < n.length; i++) {
            if (n[i] > n[best]) {
                best = i;
            }
        }
        return new int[] {best / p, best % p};
    }

    /** The image rolled so that its max-norm polyphase component sits at offset (0, 0). */
    static float[] anchor(float[] x, int c, int h, int w, int p) {
        int[] ph = phase(x, c, h, w, p);
        return roll(x, c, h, w, -ph[0], -ph[1]);
    }

    @Override
    public FigureSet run(LabOptions o, LabProgress progress) throws LabException {
        ProbeInputs in = ProbeInputs.open(o);
        var cfg = in.vit.config();
        int p = cfg.patch();
        int c = cfg.channels();
        String dir = o.get("direction");
        int uy = dir.contains("y") ? 1 : 0;
        int ux = dir.contains("x") ? 1 : 0;
        double[] shifts = new double[p - 1];
        double[][] consistent = new double[2][p - 1];
        double[][] featCos = new double[2][p - 1];
        double maxRollError = 0;      // anchored(shift x) against anchored(x) rolled by the predicted whole patches
        double maxTokenError = 0;     // their patch tokens against the cyclic permutation
        int theoryCases = 0;          // (image, s) with a zero predicted roll: identical pass expected
        int theoryConsistent = 0;
        double theoryMaxLogitDiff = 0;
        double multipleTokenError = 0; // a shift by one whole patch, unanchored: tokens a cyclic permutation
        int anchorChanges = 0;         // images whose anchored prediction differs from the plain one
        int tiedImages = 0;            // images whose best polyphase component is not unique: the theory does not apply
        for (int si = 0; si < p - 1; si++) {
            shifts[si] = si + 1;
        }
        for (ProbeInputs.Image img : in.images) {
            progress.checkCancelled();
            int h = img.h();
            int w = img.w();
            int gh = h / p;
            int gw = w / p;
            ProbeViT.Pass plain = in.vit.forward(img.pixels(), h, w, ProbeViT.NONE);
            float[] anchored = anchor(img.pixels(), c, h, w, p);
            int[] ph = phase(img.pixels(), c, h, w, p);
            boolean unique = phaseOrNull(img.pixels(), c, h, w, p) != null;
            tiedImages += unique ? 0 : 1;
            ProbeViT.Pass plainA = in.vit.forward(anchored, h, w, ProbeViT.NONE);
            anchorChanges += plain.predicted() != plainA.predicted() ? 1 : 0;
            float[][] tokA = in.vit.patchTokens(anchored, h, w);
            for (int si = 0; si < p - 1; si++) {
                int s = si + 1;
                float[] shifted = roll(img.pixels(), c, h, w, s * uy, s * ux);
                ProbeViT.Pass ps = in.vit.forward(shifted, h, w, ProbeViT.NONE);
                consistent[0][si] += ps.predicted() == plain.predicted() ? 1 : 0;
                featCos[0][si] += ProbeInputs.cosine(ps.feature(), plain.feature());
                float[] shiftedA = anchor(shifted, c, h, w, p);
                ProbeViT.Pass pa = in.vit.forward(shiftedA, h, w, ProbeViT.NONE);
                consistent[1][si] += pa.predicted() == plainA.predicted() ? 1 : 0;
                featCos[1][si] += ProbeInputs.cosine(pa.feature(), plainA.feature());
                if (!unique) {
                    continue;
                }
                // the theory: anchored(shift x) = roll(anchored(x), P·⌊(a + s)/P⌋) per axis
                int ky = (ph[0] + s * uy) / p;
                int kx = (ph[1] + s * ux) / p;
                float[] predicted = roll(anchored, c, h, w, ky * p, kx * p);
                maxRollError = Math.max(maxRollError, maxAbs(shiftedA, predicted));
                maxTokenError = Math.max(maxTokenError, tokenPermutationError(in.vit.patchTokens(shiftedA, h, w),
                        tokA, gh, gw, ky, kx));
                if (ky == 0 && kx == 0) {
                    theoryCases++;
                    theoryConsistent += pa.predicted() == plainA.predicted() ? 1 : 0;
                    if (pa.logits() != null) {
                        theoryMaxLogitDiff = Math.max(theoryMaxLogitDiff, maxAbs(pa.logits(), plainA.logits()));
                    }
                }
            }
            float[] whole = roll(img.pixels(), c, h, w, p * uy, p * ux);
            multipleTokenError = Math.max(multipleTokenError, tokenPermutationError(in.vit.patchTokens(whole, h, w),
                    in.vit.patchTokens(img.pixels(), h, w), gh, gw, uy, ux));
        }
        int n = in.images.size();
        for (int k = 0; k < 2; k++) {
            for (int si = 0; si < p - 1; si++) {
                consistent[k][si] /= n;
                featCos[k][si] /= n;
            }
        }
        FigureSet.Builder fig = new FigureSet.Builder("Shift equivariance on " + in.modelName);
        fig.plot(LinePlot.lines("shift-consistency", "Prediction unchanged by the shift", "shift (pixels, " + dir + ")",
                "fraction of images", List.of(new Series("plain", shifts, consistent[0]),
                        new Series("polyphase anchored", shifts, consistent[1]))));
        fig.plot(LinePlot.lines("shift-feature", "Feature cosine to the unshifted input", "shift (pixels, " + dir + ")",
                "mean cosine", List.of(new Series("plain", shifts, featCos[0]),
                        new Series("polyphase anchored", shifts, featCos[1]))));
        ProbeInputs.Image shown = in.shown(o.getInt("show"));
        double[] norms = polyphaseNorms(shown.pixels(), c, shown.h(), shown.w(), p);
        float[] nf = new float[norms.length];
        for (int i = 0; i < nf.length; i++) {
            nf[i] = (float) norms[i];
        }
        fig.heatmap(ProbeInputs.grid("shift-polyphase", "Squared norm of each polyphase component (row a, column b), "
                + shown.name() + ": anchoring picks the largest", p, p, nf, false));
        fig.scalar("plain_consistency_mean", mean(consistent[0]));
        fig.scalar("anchored_consistency_mean", mean(consistent[1]));
        fig.scalar("plain_feature_cosine_mean", mean(featCos[0]));
        fig.scalar("anchored_feature_cosine_mean", mean(featCos[1]));
        fig.scalar("anchored_roll_max_error", maxRollError);
        fig.scalar("anchored_token_permutation_max_error", maxTokenError);
        fig.scalar("whole_patch_shift_token_permutation_max_error", multipleTokenError);
        fig.scalar("theory_zero_roll_cases", theoryCases);
        fig.scalar("theory_zero_roll_consistency", theoryCases == 0 ? Double.NaN : (double) theoryConsistent / theoryCases);
        fig.scalar("theory_zero_roll_max_logit_diff", theoryMaxLogitDiff);
        fig.scalar("anchoring_changed_prediction_images", anchorChanges);
        fig.scalar("tied_phase_images", tiedImages);
        fig.note("Shifts are circular (torch.roll) on the prepared input cut to the patch grid; consistency compares "
                + "each pass with the unshifted pass of the same kind (plain with plain, anchored with anchored).");
        fig.note("Our reading of Ding et al. 2023 (no official code): anchoring before the patch embedding only; "
                + "the absolute position embedding is left as trained, so for shifts that cross a phase boundary the tokens "
                + "are an exact cyclic permutation (checked) and the output may still change. Full consistency is what the "
                + "theory promises where the predicted roll is zero (checked). Images whose best component ties with "
                + "another (rendered digits with saturated strokes can) have no shift-consistent anchor: they are left out "
                + "of the theory checks and counted.");
        return fig.build();
    }

    /** Max |a - roll(b)| of patch tokens, roll by (ky, kx) patches on the gh × gw grid. */
    static double tokenPermutationError(float[][] a, float[][] b, int gh, int gw, int ky, int kx) {
        double max = 0;
        for (int y = 0; y < gh; y++) {
            for (int x = 0; x < gw; x++) {
                float[] ra = a[Math.floorMod(y + ky, gh) * gw + Math.floorMod(x + kx, gw)];
                max = Math.max(max, maxAbs(ra, b[y * gw + x]));
            }
        }
        return max;
    }

    static double maxAbs(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }
}
