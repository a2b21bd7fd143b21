package org.attentionworkbench.compute.colorize;

import org.attentionworkbench.compute.image.RgbImage;

/**
 * Image quality of a colorization against the ground truth, both 8-bit sRGB.
 *
 * <p>PSNR as iColoriT reports it (utils.psnr): RGB scaled to [0, 1], MSE over all pixels and the
 * three channels, 10·log10(1/MSE). {@link #psnr} gives +∞ for identical images; {@link #psnrClamped}
 * clamps the MSE at 1e-5 as iColoriT does (at most 50 dB), so that means over images stay finite.
 *
 * <p>SSIM as Wang et al. 2004: Gaussian window σ = 1.5 truncated at 3.5σ (11×11), K1 = 0.01,
 * K2 = 0.03, data range 255, population covariances, computed per R, G, B channel on the pixels
 * whose window lies inside the image (a 5-pixel border dropped) and averaged over the channels:
 * skimage.metrics.structural_similarity(gaussian_weights=True, sigma=1.5,
 * use_sample_covariance=False, data_range=255, channel_axis=2).
 */
public final class Metrics {
    private static final double SIGMA = 1.5;
    private static final int RADIUS = (int) (3.5 * SIGMA + 0.5);

    private Metrics() {}

    public static double mse(RgbImage x, RgbImage y) {
        same(x, y);
        double s = 0;
        int[] a = x.rgb(), b = y.rgb();
        for (int i = 0; i < a.length; i++) {
            for (int sh = 0; sh <= 16; sh += 8) {
                double d = (((a[i] >> sh) & 0xFF) - ((b[i] >> sh) & 0xFF)) / 255.0;
                s += d * d;
            }
        }
        return s / (3.0 * a.length);
    }

    public static double psnr(RgbImage x, RgbImage y) {
        double m = mse(x, y);
        return m == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(1 / m);
    }

    /** iColoriT's: MSE clamped at 1e-5. */
    public static double psnrClamped(RgbImage x, RgbImage y) {
        return 10 * Math.log10(1 / Math.max(1e-5, mse(x, y)));
    }

    public static double ssim(RgbImage x, RgbImage y) {
        same(x, y);
        int w = x.width(), h = x.height();
        if (w <= 2 * RADIUS || h <= 2 * RADIUS) {
            throw new IllegalArgumentException("SSIM needs images larger than " + (2 * RADIUS + 1) + " px a side");
        }
        double[] kernel = new double[2 * RADIUS + 1];
        double ks = 0;
        for (int i = -RADIUS; i <= RADIUS; i++) {
            kernel[i + RADIUS] = Math.exp(-0.5 * i * i / (SIGMA * SIGMA));
            ks += kernel[i + RADIUS];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= ks;
        }
        double c1 = Math.pow(0.01 * 255, 2), c2 = Math.pow(0.03 * 255, 2);
        double total = 0;
        for (int sh = 16; sh >= 0; sh -= 8) {
            double[] a = channel(x, sh), b = channel(y, sh);
            double[] ab = new double[a.length], aa = new double[a.length], bb = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                ab[i] = a[i] * b[i];
                aa[i] = a[i] * a[i];
                bb[i] = b[i] * b[i];
            }
            double[] ma = blur(a, w, h, kernel), mb = blur(b, w, h, kernel);
            double[] saa = blur(aa, w, h, kernel), sbb = blur(bb, w, h, kernel), sab = blur(ab, w, h, kernel);
            double s = 0;
            int cnt = 0;
            for (int yy = RADIUS; yy < h - RADIUS; yy++) {
                for (int xx = RADIUS; xx < w - RADIUS; xx++) {
                    int i = yy * w + xx;
                    double va = saa[i] - ma[i] * ma[i], vb = sbb[i] - mb[i] * mb[i], cov = sab[i] - ma[i] * mb[i];
                    s += (2 * ma[i] * mb[i] + c1) * (2 * cov + c2)
                            / ((ma[i] * ma[i] + mb[i] * mb[i] + c1) * (va + vb + c2));
                    cnt++;
                }
            }
            total += s / cnt;
        }
        return total / 3;
    }

    private static double[] channel(RgbImage img, int shift) {
        int[] p = img.rgb();
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (p[i] >> shift) & 0xFF;
        }
        return out;
    }

    /** Separable Gaussian; only the interior (window fully inside) is used, so borders are clamped. */
    private static double[] blur(double[] src, int w, int h, double[] k) {
        double[] tmp = new double[src.length], out = new double[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int d = -RADIUS; d <= RADIUS; d++) {
                    s += k[d + RADIUS] * src[y * w + Math.max(0, Math.min(w - 1, x + d))];
                }
                tmp[y * w + x] = s;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int d = -RADIUS; d <= RADIUS; d++) {
                    s += k[d + RADIUS] * tmp[Math.max(0, Math.min(h - 1, y + d)) * w + x];
                }
                out[y * w + x] = s;
            }
        }
        return out;
    }

    private static void same(RgbImage x, RgbImage y) {
        if (x.width() != y.width() || x.height() != y.height()) {
            throw new IllegalArgumentException("images differ in size: " + x.width() + "×" + x.height() + " vs "
                    + y.width() + "×" + y.height());
        }
    }
}
