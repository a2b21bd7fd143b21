package org.attentionworkbench.compute.models.depth;

import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.models.vit.Bicubic;

/**
 * Depth Anything's input and output resampling, exactly as each codebase does it:
 * <ul>
 *   <li>HF {@code DPTImageProcessor}: keep the aspect, scale "as little as possible" towards the
 *       target, round each side to the multiple; PIL bicubic on 8-bit RGB (PIL's fixed-point
 *       arithmetic, so equal to PIL); rescale, normalise. Back to the image: torch bicubic,
 *       align_corners=False.</li>
 *   <li>Original repo ({@code image2tensor}): the short side at least the target
 *       ({@code lower_bound}), sides multiples of 14; OpenCV {@code INTER_CUBIC} on the float image
 *       in [0, 1]; normalise. Back: bilinear, align_corners=True.</li>
 * </ul>
 */
public final class DepthPreprocess {
    private DepthPreprocess() {}

    /** Whose preprocessing to reproduce. */
    public enum Codebase { HF, ORIGINAL }

    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    /**
     * The recipe.
     *
     * @param codebase   whose resize rule, filter and output resampling
     * @param height     target height (518 for the released models)
     * @param width      target width
     * @param multiple   sides are rounded to multiples of this (14)
     * @param keepAspect keep the aspect ratio (both codebases do for Depth Anything)
     * @param mean       per-channel mean after scaling to [0, 1]
     * @param std        per-channel standard deviation
     */
    public record Recipe(Codebase codebase, int height, int width, int multiple, boolean keepAspect, float[] mean,
            float[] std) {
        public Recipe {
            if (height <= 0 || width <= 0 || multiple <= 0 || mean.length != 3 || std.length != 3) {
                throw new IllegalArgumentException("depth preprocessing " + width + "×" + height + " multiple "
                        + multiple + " with " + mean.length + " means and " + std.length + " deviations");
            }
        }

        public static Recipe of(Codebase codebase, int size) {
            return new Recipe(codebase, size, size, 14, true, IMAGENET_MEAN, IMAGENET_STD);
        }
    }

    /** {height, width} the recipe resizes an {@code h × w} image to. */
    public static int[] resizedSize(int h, int w, Recipe r) {
        double sh = r.height() / (double) h;
        double sw = r.width() / (double) w;
        if (r.codebase() == Codebase.HF) {
            if (r.keepAspect()) { // "scale as little as possible"
                if (Math.abs(1 - sw) < Math.abs(1 - sh)) {
                    sh = sw;
                } else {
                    sw = sh;
                }
            }
            return new int[] {Math.max(r.multiple(), roundToMultiple(sh * h, r.multiple(), 0)),
                Math.max(r.multiple(), roundToMultiple(sw * w, r.multiple(), 0))};
        }
        if (r.keepAspect()) { // lower_bound: the larger scale, so both sides reach the target
            if (sw > sh) {
                sh = sw;
            } else {
                sw = sh;
            }
        }
        return new int[] {roundToMultiple(sh * h, r.multiple(), r.height()), roundToMultiple(sw * w, r.multiple(), r.width())};
    }

    /** Python/NumPy round (half to even) to a multiple; up to the next multiple when below {@code min}. */
    private static int roundToMultiple(double v, int multiple, int min) {
        int y = (int) (Math.rint(v / multiple) * multiple);
        if (y < min) {
            y = (int) (Math.ceil(v / multiple) * multiple);
        }
        return y;
    }

    /** Normalised pixels [3, H, W] of the recipe's resize; {@code outSize} receives {H, W}. */
    public static float[] apply(RgbImage img, Recipe r, int[] outSize) {
        int[] hw = resizedSize(img.height(), img.width(), r);
        outSize[0] = hw[0];
        outSize[1] = hw[1];
        if (r.codebase() == Codebase.HF) {
            RgbImage x = pilBicubic(img, hw[1], hw[0]);
            return normalize(x, r.mean(), r.std());
        }
        int n = img.width() * img.height();
        double[] rgb = new double[3 * n]; // [3, H, W] in [0, 1], as image2tensor's float64 / 255
        for (int i = 0; i < n; i++) {
            int p = img.rgb()[i];
            rgb[i] = ((p >> 16) & 0xFF) / 255.0;
            rgb[n + i] = ((p >> 8) & 0xFF) / 255.0;
            rgb[2 * n + i] = (p & 0xFF) / 255.0;
        }
        double[] resized = cv2Cubic(rgb, 3, img.height(), img.width(), hw[0], hw[1]);
        int m = hw[0] * hw[1];
        float[] out = new float[3 * m];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < m; i++) {
                out[c * m + i] = (float) ((resized[c * m + i] - r.mean()[c]) / r.std()[c]);
            }
        }
        return out;
    }

    /** ToTensor-style rescale (/255, float32) then (x − mean) / std, as HF's processor: [3, H, W]. */
    public static float[] normalize(RgbImage img, float[] mean, float[] std) {
        int n = img.width() * img.height();
        float[] out = new float[3 * n];
        for (int i = 0; i < n; i++) {
            int p = img.rgb()[i];
            out[i] = ((float) (((p >> 16) & 0xFF) / 255.0) - mean[0]) / std[0];
            out[n + i] = ((float) (((p >> 8) & 0xFF) / 255.0) - mean[1]) / std[1];
            out[2 * n + i] = ((float) ((p & 0xFF) / 255.0) - mean[2]) / std[2];
        }
        return out;
    }

    /** A prediction at model resolution back at the image's, with the codebase's resampling. */
    public static float[] toImageSize(float[] depth, int h, int w, int outH, int outW, Codebase codebase) {
        if (h == outH && w == outW) {
            return depth.clone();
        }
        if (codebase == Codebase.HF) {
            return Bicubic.resize(depth, 1, h, w, outH, outW, h / (double) outH, w / (double) outW, false);
        }
        return bilinearAlignCorners(depth, h, w, outH, outW);
    }

    /** torch bilinear, align_corners=True, one plane. */
    static float[] bilinearAlignCorners(float[] src, int h, int w, int outH, int outW) {
        float[] out = new float[outH * outW];
        double sy = outH > 1 ? (h - 1) / (double) (outH - 1) : 0;
        double sx = outW > 1 ? (w - 1) / (double) (outW - 1) : 0;
        for (int y = 0; y < outH; y++) {
            double fy = y * sy;
            int y0 = Math.min((int) fy, h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            double ty = fy - y0;
            for (int x = 0; x < outW; x++) {
                double fx = x * sx;
                int x0 = Math.min((int) fx, w - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                double tx = fx - x0;
                double top = src[y0 * w + x0] * (1 - tx) + src[y0 * w + x1] * tx;
                double bottom = src[y1 * w + x0] * (1 - tx) + src[y1 * w + x1] * tx;
                out[y * outW + x] = (float) (top * (1 - ty) + bottom * ty);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------
    // PIL Image.resize(BICUBIC) on 8-bit RGB: PIL's precompute_coeffs with the a = -0.5 cubic,
    // support widened by the downscale factor, weights normalised then turned into 22-bit fixed
    // point (normalize_coeffs_8bpc), horizontal pass then vertical, each rounded and clipped to 8 bits.
    // ---------------------------------------------------------------------------------------

    private static final int PRECISION_BITS = 32 - 8 - 2;

    /** Per output pixel: first input index, tap count and fixed-point weights. */
    private record PilFilter(int[] start, int[] count, int[][] weight) {}

    private static PilFilter pilCoefficients(int in, int out) {
        double scale = in / (double) out;
        double filterScale = Math.max(scale, 1.0);
        double support = 2.0 * filterScale;
        int[] start = new int[out];
        int[] count = new int[out];
        int[][] weight = new int[out][];
        for (int o = 0; o < out; o++) {
            double center = (o + 0.5) * scale;
            int lo = Math.max((int) (center - support + 0.5), 0);
            int hi = Math.min((int) (center + support + 0.5), in);
            double[] k = new double[hi - lo];
            double total = 0;
            for (int t = 0; t < k.length; t++) {
                k[t] = pilCubic((t + lo - center + 0.5) / filterScale);
                total += k[t];
            }
            int[] fixed = new int[k.length];
            for (int t = 0; t < k.length; t++) {
                double v = total != 0 ? k[t] / total : k[t];
                fixed[t] = (int) (v < 0 ? -0.5 + v * (1 << PRECISION_BITS) : 0.5 + v * (1 << PRECISION_BITS));
            }
            start[o] = lo;
            count[o] = k.length;
            weight[o] = fixed;
        }
        return new PilFilter(start, count, weight);
    }

    private static double pilCubic(double x) {
        double a = -0.5;
        x = Math.abs(x);
        if (x < 1) {
            return ((a + 2) * x - (a + 3)) * x * x + 1;
        }
        if (x < 2) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0;
    }

    private static int clip8(int acc) {
        return Math.max(0, Math.min(255, acc >> PRECISION_BITS));
    }

    /** PIL's {@code Image.resize((nw, nh), Image.BICUBIC)} of an RGB image, bit-exact. */
    public static RgbImage pilBicubic(RgbImage img, int nw, int nh) {
        int w = img.width();
        int h = img.height();
        int[] src = img.rgb();
        int[] mid = src;
        if (nw != w) {
            PilFilter f = pilCoefficients(w, nw);
            mid = new int[nw * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < nw; x++) {
                    int px = 0;
                    for (int shift = 16; shift >= 0; shift -= 8) {
                        int acc = 1 << (PRECISION_BITS - 1);
                        for (int t = 0; t < f.count[x]; t++) {
                            acc += ((src[y * w + f.start[x] + t] >> shift) & 0xFF) * f.weight[x][t];
                        }
                        px |= clip8(acc) << shift;
                    }
                    mid[y * nw + x] = px;
                }
            }
        }
        if (nh == h) {
            return new RgbImage(nw, nh, mid == src ? src.clone() : mid);
        }
        PilFilter f = pilCoefficients(h, nh);
        int[] out = new int[nw * nh];
        for (int y = 0; y < nh; y++) {
            for (int x = 0; x < nw; x++) {
                int px = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    int acc = 1 << (PRECISION_BITS - 1);
                    for (int t = 0; t < f.count[y]; t++) {
                        acc += ((mid[(f.start[y] + t) * nw + x] >> shift) & 0xFF) * f.weight[y][t];
                    }
                    px |= clip8(acc) << shift;
                }
                out[y * nw + x] = px;
            }
        }
        return new RgbImage(nw, nh, out);
    }

    // ---------------------------------------------------------------------------------------
    // OpenCV resize(INTER_CUBIC) of a floating-point image (resize.cpp): source x = (dx + 0.5)·scale
    // − 0.5 in float, Keys weights with A = −0.75 computed in float, the four taps clamped to the
    // border, no antialiasing; horizontal then vertical, accumulated in double.
    // ---------------------------------------------------------------------------------------

    private record CvTaps(int[] index, double[] weight) {}

    private static CvTaps cvCoefficients(int in, int out) {
        double scale = 1.0 / ((double) out / in);
        int[] idx = new int[out * 4];
        double[] wt = new double[out * 4];
        float a = -0.75f;
        for (int d = 0; d < out; d++) {
            float fx = (float) ((d + 0.5) * scale - 0.5);
            int sx = (int) Math.floor(fx);
            fx -= sx;
            float c0 = ((a * (fx + 1) - 5 * a) * (fx + 1) + 8 * a) * (fx + 1) - 4 * a;
            float c1 = ((a + 2) * fx - (a + 3)) * fx * fx + 1;
            float c2 = ((a + 2) * (1 - fx) - (a + 3)) * (1 - fx) * (1 - fx) + 1;
            float c3 = 1.f - c0 - c1 - c2;
            float[] c = {c0, c1, c2, c3};
            for (int k = 0; k < 4; k++) {
                idx[d * 4 + k] = Math.min(Math.max(sx - 1 + k, 0), in - 1);
                wt[d * 4 + k] = c[k];
            }
        }
        return new CvTaps(idx, wt);
    }

    /** {@code cv2.resize(img, (nw, nh), interpolation=cv2.INTER_CUBIC)} of planes [C, H, W] in double. */
    public static double[] cv2Cubic(double[] src, int channels, int h, int w, int nh, int nw) {
        CvTaps cx = cvCoefficients(w, nw);
        CvTaps cy = cvCoefficients(h, nh);
        double[] mid = new double[channels * h * nw];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                int row = (c * h + y) * w;
                for (int x = 0; x < nw; x++) {
                    double acc = 0;
                    for (int k = 0; k < 4; k++) {
                        acc += cx.weight[x * 4 + k] * src[row + cx.index[x * 4 + k]];
                    }
                    mid[(c * h + y) * nw + x] = acc;
                }
            }
        }
        double[] out = new double[channels * nh * nw];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < nh; y++) {
                for (int x = 0; x < nw; x++) {
                    double acc = 0;
                    for (int k = 0; k < 4; k++) {
                        acc += cy.weight[y * 4 + k] * mid[(c * h + cy.index[y * 4 + k]) * nw + x];
                    }
                    out[(c * nh + y) * nw + x] = acc;
                }
            }
        }
        return out;
    }
}
