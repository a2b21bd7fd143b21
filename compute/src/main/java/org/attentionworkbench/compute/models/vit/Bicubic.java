package org.attentionworkbench.compute.models.vit;

/**
 * Bicubic resampling with PyTorch's exact semantics ({@code F.interpolate(mode="bicubic",
 * align_corners=False)}), used for position embeddings on the host (small grids, done once per size).
 *
 * <p>Without antialias: Keys' cubic convolution with A = -0.75, four taps, edges clamped
 * (upsample_bicubic2d). With antialias: PIL-style separable filter with A = -0.5, support widened by
 * the downscale factor and weights normalised (_upsample_bicubic2d_aa).
 *
 * <p>{@code scaleH}/{@code scaleW} are input pixels per output pixel as PyTorch computes them.
 */
public final class Bicubic {
    private Bicubic() {}

    public static float[] resize(float[] src, int channels, int h, int w, int nh, int nw, double scaleH, double scaleW,
            boolean antialias) {
        // separable: rows first (w → nw), then columns (h → nh)
        Weights cols = antialias ? antialiased(w, nw, scaleW) : keys(w, nw, scaleW);
        Weights rows = antialias ? antialiased(h, nh, scaleH) : keys(h, nh, scaleH);
        float[] tmp = new float[channels * h * nw];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                int srcRow = (c * h + y) * w;
                int dstRow = (c * h + y) * nw;
                for (int x = 0; x < nw; x++) {
                    double acc = 0;
                    for (int t = 0; t < cols.taps; t++) {
                        acc += cols.weight[x * cols.taps + t] * src[srcRow + cols.index[x * cols.taps + t]];
                    }
                    tmp[dstRow + x] = (float) acc;
                }
            }
        }
        float[] out = new float[channels * nh * nw];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < nh; y++) {
                for (int x = 0; x < nw; x++) {
                    double acc = 0;
                    for (int t = 0; t < rows.taps; t++) {
                        acc += rows.weight[y * rows.taps + t] * tmp[(c * h + rows.index[y * rows.taps + t]) * nw + x];
                    }
                    out[(c * nh + y) * nw + x] = (float) acc;
                }
            }
        }
        return out;
    }

    /** Per output position: {@code taps} input indices and weights. */
    private record Weights(int taps, int[] index, double[] weight) {}

    /** upsample_bicubic2d: source = scale·(dst + 0.5) − 0.5, 4 taps, clamped indices. */
    private static Weights keys(int in, int out, double scale) {
        int[] idx = new int[out * 4];
        double[] wt = new double[out * 4];
        for (int o = 0; o < out; o++) {
            double real = scale * (o + 0.5) - 0.5;
            int i0 = (int) Math.floor(real);
            double t = real - i0;
            double[] k = {cubic(t + 1, -0.75), cubic(t, -0.75), cubic(1 - t, -0.75), cubic(2 - t, -0.75)};
            for (int j = 0; j < 4; j++) {
                idx[o * 4 + j] = Math.min(Math.max(i0 - 1 + j, 0), in - 1);
                wt[o * 4 + j] = k[j];
            }
        }
        return new Weights(4, idx, wt);
    }

    /** _upsample_bicubic2d_aa: PIL's filter, support 2·max(scale, 1), normalised weights. */
    private static Weights antialiased(int in, int out, double scale) {
        double support = 2.0 * Math.max(scale, 1.0);
        double invScale = scale >= 1.0 ? 1.0 / scale : 1.0;
        int taps = (int) Math.ceil(support) * 2 + 1;
        int[] idx = new int[out * taps];
        double[] wt = new double[out * taps];
        for (int o = 0; o < out; o++) {
            double center = scale * (o + 0.5);
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xsize = Math.min((int) (center + support + 0.5), in) - xmin;
            double total = 0;
            double[] k = new double[taps];
            for (int j = 0; j < Math.min(xsize, taps); j++) {
                k[j] = cubic((j + xmin - center + 0.5) * invScale, -0.5);
                total += k[j];
            }
            for (int j = 0; j < taps; j++) {
                idx[o * taps + j] = Math.min(xmin + j, in - 1);
                wt[o * taps + j] = j < xsize && total != 0 ? k[j] / total : 0;
            }
        }
        return new Weights(taps, idx, wt);
    }

    /** Keys' cubic convolution kernel with parameter a. */
    private static double cubic(double x, double a) {
        x = Math.abs(x);
        if (x < 1) {
            return ((a + 2) * x - (a + 3)) * x * x + 1;
        }
        if (x < 2) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0;
    }
}
