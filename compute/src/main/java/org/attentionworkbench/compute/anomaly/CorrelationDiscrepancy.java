package org.attentionworkbench.compute.anomaly;

import java.util.List;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * FOD-style ("Focus the Discrepancy", intra- and inter-correlation), training-free: each target patch
 * attends over its own image's patches (intra) and over the normal prompt's patches (inter); the anomaly
 * is the inter mismatch, sharpened where the two disagree.
 *
 * <p>Dimension legend: N target patches, M prompt patches (all prompts stacked), D feature width.
 *
 * <p>Per target patch n, with cosines c (rows are unit length) and the softmax attention over c/τ:
 * <ul>
 *   <li>inter: e_inter(n) = Σ_j softmax_j(c(T_n, P_j)/τ) · c(T_n, P_j), the attention-weighted (soft-max)
 *       similarity of n to the normal reference;</li>
 *   <li>intra: e_intra(n) = the same over the target's own patches, leaving out n's
 *       (2·{@link #EXCLUDE}+1)² neighbourhood (a patch and its neighbours share pixels after the local
 *       aggregation, so they would always look alike).</li>
 * </ul>
 * anomaly_n = (1 − e_inter(n)) + max(0, e_intra(n) − e_inter(n)).
 *
 * <p>Why this form. FOD learns that a normal patch correlates with the normal reference about as well as
 * with its own surroundings, and an anomalous one does not. Without training, the expected similarity is
 * the comparable quantity: a normal patch finds its like in the reference at least as well as in its own
 * image (both are images of the same product), so the disagreement term is ~0 and the score is the soft
 * nearest-neighbour distance; a defect that covers several patches (a scratch, a stain, a wrong part)
 * finds its like in its own image but not in the reference, and the term adds that gap on top. An isolated
 * one-patch defect finds its like nowhere: the term stays 0 and the score falls back to the inter distance,
 * so it never does worse than a soft nearest neighbour on such defects. A target equal to the prompt scores
 * ~0: each patch attends to itself in the prompt (cosine 1), and its own image, without itself, matches no
 * better. τ is the reconstruction's temperature; a small one makes e_inter the nearest-neighbour cosine.
 *
 * <p>Cost: one N×M and one N×N GEMM and softmax on the device per image; the host masks the
 * neighbourhood and takes the weighted sums (O(N·(N + M))).
 */
public final class CorrelationDiscrepancy implements PatchScorer {
    /** Chebyshev radius of the own-neighbourhood left out of the intra attention (1: the 3×3 window). */
    public static final int EXCLUDE = 1;
    /** A logit far below any cosine / τ: its softmax weight is exactly 0 in float. */
    private static final float MASKED = -1e4f;

    private final Device device;
    private final Tensor prompt; // [M, D]
    private final int m;
    private final int dim;
    private final float temperature;

    public CorrelationDiscrepancy(Device device, List<PatchFeatures> prompts, float temperature) {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("at least one prompt image");
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        this.device = device;
        this.dim = prompts.get(0).dim();
        float[] stacked = PatchFeatures.stack(prompts);
        this.m = stacked.length / dim;
        this.prompt = device.upload(stacked, m, dim);
        this.temperature = temperature;
    }

    public float temperature() {
        return temperature;
    }

    @Override
    public float[] score(PatchFeatures target) {
        if (target.dim() != dim) {
            throw new IllegalArgumentException("target features of dim " + target.dim() + ", prompt " + dim);
        }
        float[] inter;
        float[] intra;
        try (Tensor t = device.upload(target.data(), target.patches(), dim)) {
            inter = expectedCosine(t, prompt, null);
            intra = expectedCosine(t, t, target);
        }
        float[] out = new float[inter.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = (1 - inter[p]) + Math.max(0, intra[p] - inter[p]);
        }
        return out;
    }

    /** The intra (e_intra) and inter (e_inter) expected similarities of every target patch, for tests and views. */
    public float[][] correlations(PatchFeatures target) {
        try (Tensor t = device.upload(target.data(), target.patches(), dim)) {
            return new float[][] {expectedCosine(t, t, target), expectedCosine(t, prompt, null)};
        }
    }

    /**
     * Per row n of {@code t}: Σ_j softmax(c_nj/τ)·c_nj over the rows of {@code ref}; with {@code own} (the
     * target's grid, ref = t) n's own neighbourhood is left out.
     */
    private float[] expectedCosine(Tensor t, Tensor ref, PatchFeatures own) {
        int n = t.dim(0);
        int cols = ref.dim(0);
        float[] logits;
        float[] weights;
        try (Tensor s = device.allocate(n, cols)) {
            // 1. logits c/τ on the device
            device.gemm(s, t, false, ref, true, null, 1f / temperature);
            logits = device.download(s);
        }
        // 2. intra: mask the own neighbourhood (always similar, see the class comment)
        if (own != null) {
            int w = own.gridW();
            int h = own.gridH();
            for (int p = 0; p < n; p++) {
                int py = p / w;
                int px = p % w;
                for (int y = Math.max(0, py - EXCLUDE); y <= Math.min(h - 1, py + EXCLUDE); y++) {
                    for (int x = Math.max(0, px - EXCLUDE); x <= Math.min(w - 1, px + EXCLUDE); x++) {
                        logits[p * cols + y * w + x] = MASKED;
                    }
                }
            }
        }
        // 3. softmax over the reference patches, on the device
        try (Tensor s = device.upload(logits, n, cols); Tensor a = device.allocate(n, cols)) {
            device.softmaxRows(a, s);
            weights = device.download(a);
        }
        // 4. the attention-weighted cosine: τ·Σ a·(c/τ); masked entries have weight 0
        float[] out = new float[n];
        for (int p = 0; p < n; p++) {
            double sum = 0;
            int at = p * cols;
            for (int j = 0; j < cols; j++) {
                float a = weights[at + j];
                if (a != 0) {
                    sum += a * logits[at + j];
                }
            }
            out[p] = (float) (sum * temperature);
        }
        return out;
    }

    @Override
    public String describe() {
        return "FOD-style correlation discrepancy (τ=" + temperature + ", " + m + " prompt patches, intra without the "
                + (2 * EXCLUDE + 1) + "×" + (2 * EXCLUDE + 1) + " own neighbourhood)";
    }

    @Override
    public void close() {
        prompt.close();
    }
}
