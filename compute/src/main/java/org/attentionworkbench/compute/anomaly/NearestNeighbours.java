package org.attentionworkbench.compute.anomaly;

import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * Training-free k-nearest-neighbour scorer over every patch of the normal prompt(s), no coreset:
 * anomaly_n = mean over the k most similar prompt patches of (1 − cos(T_n, P_j)); k = 1 is PatchCore's
 * rule.
 *
 * <p>Dimension legend: N target patches, M prompt patches (all prompts stacked, split into chunks of at
 * most {@link #CHUNK} rows so that the N×M similarity block stays small), D feature width.
 *
 * <p>Feature rows are unit length ({@link PatchFeatures}), so the similarity GEMM T·Pᵀ on the device
 * gives the cosines directly — the same logits {@link PromptReconstruction} divides by τ before its
 * softmax; as τ → 0 that softmax picks the single best match, which is this scorer at k = 1 (on unit
 * vectors, 1 − cos(T, P_best)). 1 − cos rather than the memory bank's Euclidean √(2 − 2·cos): same
 * order, but on the scale of the reconstruction's scores. The host keeps the k largest per row.
 */
public final class NearestNeighbours implements PatchScorer {
    public static final int CHUNK = 8192;

    private final Device device;
    private final List<Tensor> chunks = new ArrayList<>();
    private final int m;
    private final int dim;
    private final int k;

    /** @param k neighbours averaged, 1 ≤ k ≤ the prompt patches */
    public NearestNeighbours(Device device, List<PatchFeatures> prompts, int k) {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("at least one prompt image");
        }
        this.device = device;
        this.dim = prompts.get(0).dim();
        float[] stacked = PatchFeatures.stack(prompts);
        this.m = stacked.length / dim;
        if (k < 1 || k > m) {
            throw new IllegalArgumentException("k = " + k + " neighbours must be in [1, " + m + " prompt patches]");
        }
        this.k = k;
        for (int at = 0; at < m; at += CHUNK) {
            int rows = Math.min(CHUNK, m - at);
            // held transposed, [D, rows], as a weight: packed once for the GEMM, not per image
            float[] t = new float[rows * dim];
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < dim; i++) {
                    t[i * rows + r] = stacked[(at + r) * dim + i];
                }
            }
            chunks.add(device.uploadWeight(t, dim, rows));
        }
    }

    public int k() {
        return k;
    }

    /** Prompt patches in total. */
    public int promptPatches() {
        return m;
    }

    @Override
    public float[] score(PatchFeatures target) {
        if (target.dim() != dim) {
            throw new IllegalArgumentException("target features of dim " + target.dim() + ", prompt " + dim);
        }
        int n = target.patches();
        float[][] best = NearestCosines.of(device, chunks, true, target, k); // k largest cosines, descending
        // 3. mean cosine distance to the k nearest
        float[] out = new float[n];
        for (int p = 0; p < n; p++) {
            double sum = 0;
            for (float v : best[p]) {
                sum += 1 - (double) v;
            }
            out[p] = (float) (sum / k);
        }
        return out;
    }

    @Override
    public String describe() {
        return "nearest neighbours (k=" + k + ", 1 − cosine, " + m + " prompt patches)";
    }

    @Override
    public void close() {
        chunks.forEach(Tensor::close);
        chunks.clear();
    }
}
