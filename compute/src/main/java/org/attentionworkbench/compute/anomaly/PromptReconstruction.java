package org.attentionworkbench.compute.anomaly;

import java.util.List;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * OneNIP-style, training-free: each target patch is rebuilt from the normal prompt's patches by
 * attention, and what cannot be rebuilt is anomalous.
 *
 * <p>Dimension legend: N target patches, M prompt patches (all prompts stacked), D feature width.
 *
 * <p>A = softmax(T·Pᵀ / τ) (rows: cosine similarities, features being unit length), R = A·P,
 * anomaly_n = 1 − cos(T_n, R_n). A small τ makes the rebuild a nearest-neighbour copy; a large one
 * blends many prompt patches and raises every score. A and R are one fused attention on the device
 * ({@link Device#attention}: q = T, k = v = P, scale 1/τ; the N×M matrix is never written out); only
 * the O(N·D) cosine runs on the host.
 */
public final class PromptReconstruction implements PatchScorer {
    /** A priori default: logits span ±20 for cosines in [−1, 1], sharp but not a hard arg-max. */
    public static final float DEFAULT_TEMPERATURE = 0.05f;

    private final Device device;
    private final Tensor prompt; // [1, 1, M, D]: one batch, one head
    private final int m;
    private final int dim;
    private final float temperature;

    public PromptReconstruction(Device device, List<PatchFeatures> prompts, float temperature) {
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
        this.prompt = device.upload(stacked, 1, 1, m, dim);
        this.temperature = temperature;
    }

    public float temperature() {
        return temperature;
    }

    /** Prompt patches in total (the length of an attention row). */
    public int promptPatches() {
        return m;
    }

    @Override
    public float[] score(PatchFeatures target) {
        check(target);
        int n = target.patches();
        float[] rebuilt;
        try (Tensor t = device.upload(target.data(), 1, 1, n, dim); Tensor r = device.allocate(1, 1, n, dim)) {
            // 1-3. logits cosine / τ, softmax over the prompt patches, the attention-weighted sum of them
            device.attention(r, t, prompt, prompt, 1f / temperature);
            rebuilt = device.download(r);
        }
        // 4. anomaly = 1 − cos(target, rebuilt)
        float[] out = new float[n];
        float[] x = target.data();
        for (int p = 0; p < n; p++) {
            double dot = 0;
            double rr = 0;
            double tt = 0;
            for (int i = 0; i < dim; i++) {
                float tv = x[p * dim + i];
                float rv = rebuilt[p * dim + i];
                dot += tv * rv;
                rr += rv * rv;
                tt += tv * tv;
            }
            double den = Math.sqrt(rr * tt);
            out[p] = (float) (den > 0 ? 1 - dot / den : 1);
        }
        return out;
    }

    /**
     * The attention row of one target patch over the prompt patches [M] (prompt i's patches at
     * i·gridH·gridW onward): where in the prompt it matched. Sums to 1.
     */
    public float[] attention(PatchFeatures target, int patch) {
        check(target);
        if (patch < 0 || patch >= target.patches()) {
            throw new IndexOutOfBoundsException("patch " + patch + " of " + target.patches());
        }
        float[] row = new float[dim];
        System.arraycopy(target.data(), patch * dim, row, 0, dim);
        try (Tensor t = device.upload(row, 1, dim); Tensor a = device.allocate(1, m); Tensor p = prompt.reshape(m, dim)) {
            device.gemm(a, t, false, p, true, null, 1f / temperature);
            device.softmaxRows(a, a);
            return device.download(a);
        }
    }

    private void check(PatchFeatures target) {
        if (target.dim() != dim) {
            throw new IllegalArgumentException("target features of dim " + target.dim() + ", prompt " + dim);
        }
    }

    @Override
    public String describe() {
        return "prompt reconstruction (τ=" + temperature + ", " + m + " prompt patches)";
    }

    @Override
    public void close() {
        prompt.close();
    }
}
