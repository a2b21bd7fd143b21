package org.attentionworkbench.compute.colorize;

import org.attentionworkbench.compute.parallel.Parallel;

/**
 * Per-pixel descriptors of the grey image at working resolution: the queries and keys of the
 * training-free attention. Each feature is divided by an a-priori scale (a Gaussian σ), so a
 * squared feature distance of 1 means "one σ apart"; nothing here is fitted to test images.
 *
 * <p>Legend: P = w·h working pixels, D = {@link #DIM} features, row-major [P, D].
 *
 * <p>Features: L (σ 10), x and y normalised by the long side (σ = spatialScale), local mean of L
 * in 7×7 and 15×15 windows (σ 10), local standard deviation of L in 3×3, 7×7, 15×15 windows (σ 5),
 * gradient magnitude of L (σ 10 L units per working pixel).
 */
final class Features {
    static final int DIM = 9;
    static final double SIGMA_L = 10, SIGMA_MEAN = 10, SIGMA_STD = 5, SIGMA_GRAD = 10;

    final int w, h;
    /** [P, D], scaled. */
    final float[] f;
    /** |f_p|² per pixel (row constant of the distance; cancels in the softmax but keeps logits ≤ 0). */
    final float[] norm2;

    Features(WorkingGrid g, double spatialScale) {
        w = g.w;
        h = g.h;
        int n = w * h;
        float[] l = g.l;
        float[] l2 = new float[n];
        for (int i = 0; i < n; i++) {
            l2[i] = l[i] * l[i];
        }
        // local statistics at three scales
        float[][] mean = new float[3][], std = new float[3][];
        int[] radii = {1, 3, 7};
        for (int s = 0; s < 3; s++) {
            mean[s] = BoxFilter.mean(l, w, h, radii[s]);
            float[] m2 = BoxFilter.mean(l2, w, h, radii[s]);
            float[] sd = new float[n];
            for (int i = 0; i < n; i++) {
                sd[i] = (float) Math.sqrt(Math.max(0, m2[i] - mean[s][i] * mean[s][i]));
            }
            std[s] = sd;
        }
        double longSide = Math.max(w, h);
        f = new float[n * DIM];
        norm2 = new float[n];
        Parallel.forRange(0, h, 16, (y0, y1) -> {
            for (int y = y0; y < y1; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    // central differences, one-sided at the border
                    float gx = l[y * w + Math.min(w - 1, x + 1)] - l[y * w + Math.max(0, x - 1)];
                    float gy = l[Math.min(h - 1, y + 1) * w + x] - l[Math.max(0, y - 1) * w + x];
                    float grad = (float) Math.hypot(gx, gy) / 2f;
                    int o = i * DIM;
                    f[o] = (float) (l[i] / SIGMA_L);
                    f[o + 1] = (float) ((x + 0.5) / longSide / spatialScale);
                    f[o + 2] = (float) ((y + 0.5) / longSide / spatialScale);
                    f[o + 3] = (float) (mean[1][i] / SIGMA_MEAN);
                    f[o + 4] = (float) (mean[2][i] / SIGMA_MEAN);
                    f[o + 5] = (float) (std[0][i] / SIGMA_STD);
                    f[o + 6] = (float) (std[1][i] / SIGMA_STD);
                    f[o + 7] = (float) (std[2][i] / SIGMA_STD);
                    f[o + 8] = (float) (grad / SIGMA_GRAD);
                    float s = 0;
                    for (int d = 0; d < DIM; d++) {
                        s += f[o + d] * f[o + d];
                    }
                    norm2[i] = s;
                }
            }
        });
    }
}
