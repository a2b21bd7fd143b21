package org.attentionworkbench.compute.colorize;

import org.attentionworkbench.compute.parallel.Parallel;

/**
 * Mean over a (2r+1)×(2r+1) window clipped at the border (divided by the pixels inside), in O(N)
 * with running sums, rows then columns. Legend: w×h plane, row-major.
 */
final class BoxFilter {
    private BoxFilter() {}

    static float[] mean(float[] src, int w, int h, int r) {
        float[] tmp = new float[w * h];
        Parallel.forRange(0, h, 32, (y0, y1) -> {
            for (int y = y0; y < y1; y++) {
                int row = y * w;
                double s = 0;
                for (int x = 0; x <= Math.min(r, w - 1); x++) {
                    s += src[row + x];
                }
                for (int x = 0; x < w; x++) {
                    int lo = Math.max(0, x - r), hi = Math.min(w - 1, x + r);
                    tmp[row + x] = (float) (s / (hi - lo + 1));
                    if (x + r + 1 < w) {
                        s += src[row + x + r + 1];
                    }
                    if (x - r >= 0) {
                        s -= src[row + x - r];
                    }
                }
            }
        });
        float[] out = new float[w * h];
        Parallel.forRange(0, w, 32, (x0, x1) -> {
            double[] s = new double[x1 - x0];
            for (int y = 0; y <= Math.min(r, h - 1); y++) {
                for (int x = x0; x < x1; x++) {
                    s[x - x0] += tmp[y * w + x];
                }
            }
            for (int y = 0; y < h; y++) {
                int lo = Math.max(0, y - r), hi = Math.min(h - 1, y + r);
                float inv = 1f / (hi - lo + 1);
                for (int x = x0; x < x1; x++) {
                    out[y * w + x] = (float) (s[x - x0] * inv);
                    if (y + r + 1 < h) {
                        s[x - x0] += tmp[(y + r + 1) * w + x];
                    }
                    if (y - r >= 0) {
                        s[x - x0] -= tmp[(y - r) * w + x];
                    }
                }
            }
        });
        return out;
    }
}
