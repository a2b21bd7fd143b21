package org.attentionworkbench.compute.anomaly.refiner;

import java.util.List;
import org.attentionworkbench.compute.anomaly.PatchFeatures;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * What the refiner sees per patch, channel-major [1 + D, H·W]: the scorer's patch score, then the residual
 * between the target patch and its most similar prompt patch (OneNIP's reconstruction error, here against the
 * nearest prompt patch), scaled by √D so its entries are of order one.
 */
public final class RefinerInputs {
    private RefinerInputs() {}

    public static float[] build(Device device, PatchFeatures target, float[] scores, List<PatchFeatures> prompts) {
        int n = target.patches();
        int d = target.dim();
        if (scores.length != n) {
            throw new IllegalArgumentException(scores.length + " scores for " + n + " patches");
        }
        // 1. the most similar prompt patch of every target patch (one GEMM per prompt)
        float[] best = new float[n];
        java.util.Arrays.fill(best, Float.NEGATIVE_INFINITY);
        float[][] nearest = new float[n][];
        try (Tensor t = device.upload(target.data(), n, d)) {
            for (PatchFeatures p : prompts) {
                if (p.dim() != d) {
                    throw new IllegalArgumentException("prompt features of dim " + p.dim() + ", target " + d);
                }
                int m = p.patches();
                float[] sim;
                try (Tensor pt = device.upload(p.data(), m, d); Tensor s = device.allocate(n, m)) {
                    device.gemm(s, t, false, pt, true, null, 1f);
                    sim = device.download(s);
                }
                for (int i = 0; i < n; i++) {
                    int arg = -1;
                    for (int j = 0; j < m; j++) {
                        if (sim[i * m + j] > best[i]) {
                            best[i] = sim[i * m + j];
                            arg = j;
                        }
                    }
                    if (arg >= 0) {
                        nearest[i] = java.util.Arrays.copyOfRange(p.data(), arg * d, (arg + 1) * d);
                    }
                }
            }
        }
        // 2. the channels
        float[] x = new float[(1 + d) * n];
        System.arraycopy(scores, 0, x, 0, n);
        float scale = (float) Math.sqrt(d);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                x[(1 + c) * n + i] = scale * (target.data()[i * d + c] - nearest[i][c]);
            }
        }
        return x;
    }
}
