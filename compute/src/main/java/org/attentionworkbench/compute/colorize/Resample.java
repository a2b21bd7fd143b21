package org.attentionworkbench.compute.colorize;

import org.attentionworkbench.compute.parallel.Parallel;

/**
 * Resampling of planar float images between full and working resolution.
 *
 * <p>Legend: W×H source, w×h target, planes row-major. Pixel i spans [i, i+1) (half-pixel centres).
 */
final class Resample {
    private Resample() {}

    /** Area average: each target pixel averages the source pixels its footprint covers (w ≤ W, h ≤ H). */
    static float[] downArea(float[] src, int sw, int sh, int tw, int th) {
        // rows first: W×H → w×H, then columns: w×H → w×h
        float[] tmp = new float[tw * sh];
        Parallel.forRange(0, sh, 16, (y0, y1) -> {
            for (int y = y0; y < y1; y++) {
                for (int x = 0; x < tw; x++) {
                    int lo = (int) ((long) x * sw / tw), hi = Math.max(lo + 1, (int) ((long) (x + 1) * sw / tw));
                    float s = 0;
                    for (int k = lo; k < hi; k++) {
                        s += src[y * sw + k];
                    }
                    tmp[y * tw + x] = s / (hi - lo);
                }
            }
        });
        float[] out = new float[tw * th];
        Parallel.forRange(0, th, 16, (y0, y1) -> {
            for (int y = y0; y < y1; y++) {
                int lo = (int) ((long) y * sh / th), hi = Math.max(lo + 1, (int) ((long) (y + 1) * sh / th));
                for (int x = 0; x < tw; x++) {
                    float s = 0;
                    for (int k = lo; k < hi; k++) {
                        s += tmp[k * tw + x];
                    }
                    out[y * tw + x] = s / (hi - lo);
                }
            }
        });
        return out;
    }

    /** Sampling positions of a bilinear resize along one axis: index pairs and weights. */
    record Taps(int[] i0, int[] i1, float[] t) {
        static Taps of(int src, int dst) {
            int[] i0 = new int[dst], i1 = new int[dst];
            float[] t = new float[dst];
            double k = (double) src / dst;
            for (int d = 0; d < dst; d++) {
                double u = Math.max(0, Math.min(src - 1, (d + 0.5) * k - 0.5));
                int a = (int) Math.floor(u);
                i0[d] = a;
                i1[d] = Math.min(src - 1, a + 1);
                t[d] = (float) (u - a);
            }
            return new Taps(i0, i1, t);
        }
    }

    /** Bilinear resize, half-pixel centres, edge-clamped (PyTorch align_corners=False without antialias). */
    static float[] bilinear(float[] src, int sw, int sh, int tw, int th) {
        Taps tx = Taps.of(sw, tw), ty = Taps.of(sh, th);
        float[] out = new float[tw * th];
        Parallel.forRange(0, th, 16, (y0, y1) -> {
            for (int y = y0; y < y1; y++) {
                int r0 = ty.i0()[y] * sw, r1 = ty.i1()[y] * sw;
                float v = ty.t()[y];
                for (int x = 0; x < tw; x++) {
                    int c0 = tx.i0()[x], c1 = tx.i1()[x];
                    float u = tx.t()[x];
                    float top = src[r0 + c0] + u * (src[r0 + c1] - src[r0 + c0]);
                    float bot = src[r1 + c0] + u * (src[r1 + c1] - src[r1 + c0]);
                    out[y * tw + x] = top + v * (bot - top);
                }
            }
        });
        return out;
    }
}
