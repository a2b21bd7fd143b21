package org.attentionworkbench.compute.anomaly.refiner;

import java.util.List;
import org.attentionworkbench.compute.anomaly.PatchFeatures;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * What the refiner sees per patch, channel-major [1 + G, H·W]: the scorer's patch score, then the L2 norm of the
 * residual between the target patch and its most similar prompt patch (OneNIP's reconstruction error, here
 * against the nearest prompt patch) in each of G = 8 consecutive channel groups (for MobileNetV2 roughly its taps,
 * shallow to deep). Norms, not the residual vector itself: with one normal image to learn from, a network on the
 * raw 152-dimensional residual learned which directions the synthetic anomalies take and missed a real crack.
 */
public final class RefinerInputs {
    /** Consecutive channel groups whose residual energy is one input channel each. */
    public static final int GROUPS = 8;

    private RefinerInputs() {}

    /** Input channels for features of dim d. */
    public static int channels(int d) {
        return 1 + Math.min(GROUPS, d);
    }

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
        int groups = Math.min(GROUPS, d);
        float[] x = new float[(1 + groups) * n];
        System.arraycopy(scores, 0, x, 0, n);
        for (int i = 0; i < n; i++) {
            for (int g = 0; g < groups; g++) {
                int from = g * d / groups;
                int to = (g + 1) * d / groups;
                double ss = 0;
                for (int c = from; c < to; c++) {
                    double r = target.data()[i * d + c] - nearest[i][c];
                    ss += r * r;
                }
                x[(1 + g) * n + i] = (float) Math.sqrt(ss * d / (to - from)); // ≈ 1 for unrelated unit rows
            }
        }
        return x;
    }
}
