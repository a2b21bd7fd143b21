package org.attentionworkbench.compute.image;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.attentionworkbench.compute.parallel.Parallel;

/**
 * Image → normalised pixel tensor as model cards describe it (torchvision's ImageNet recipe:
 * Resize(shorter side) → CenterCrop → ToTensor → Normalize), plus a "native" mode that keeps the
 * whole image and snaps it to the patch grid.
 *
 * <p>Resizing follows PIL's antialiased bilinear filter on 8-bit data (what torchvision does to PIL
 * images): separable passes, each rounded to 8 bits, so results agree with torchvision to one grey level.
 */
public final class Preprocess {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /**
     * The intermediate of {@link #resize} per calling thread, kept: at 512² → 256² it is 3 MB, and a
     * fresh one per image cost more (page faults, collections) than the filtering itself.
     */
    private static final ThreadLocal<double[][]> MID = ThreadLocal.withInitial(() -> new double[3][0]);

    private Preprocess() {}

    /**
     * The recipe.
     *
     * @param resize   shorter side after resizing (0: no resize)
     * @param squash   resize both sides to {@code resize}, ignoring the aspect (HF ViTImageProcessor)
     * @param crop     centre crop size (0: none)
     * @param channels 3 for RGB, 1 for grey (ITU-R 601 luma, as PIL's convert("L"))
     * @param mean     per-channel mean after scaling to [0, 1]
     * @param std      per-channel standard deviation
     */
    public record Recipe(int resize, boolean squash, int crop, int channels, float[] mean, float[] std) {
        public static Recipe imagenet(int size) {
            return new Recipe(size * 256 / 224, false, size, 3, new float[] {0.485f, 0.456f, 0.406f},
                    new float[] {0.229f, 0.224f, 0.225f});
        }
    }

    /** Normalised pixels [C, H, W] of the given recipe. */
    public static float[] apply(RgbImage img, Recipe r, int[] outSize) {
        RgbImage x = img;
        if (r.resize() > 0) {
            int[] wh = resizedSize(img.width(), img.height(), r);
            x = resize(x, wh[0], wh[1]);
        }
        if (r.crop() > 0) {
            x = centerCrop(x, r.crop(), r.crop());
        }
        outSize[0] = x.height();
        outSize[1] = x.width();
        return normalise(x, r);
    }

    /**
     * {width, height} of a {@code w × h} image after the recipe's resize (before its crop); the image's
     * own size when the recipe does not resize.
     */
    public static int[] resizedSize(int w, int h, Recipe r) {
        if (r.resize() <= 0) {
            return new int[] {w, h};
        }
        if (r.squash()) {
            return new int[] {r.resize(), r.resize()};
        }
        if (w <= h) { // torchvision: the long side is int(size · long / short)
            return new int[] {r.resize(), (int) ((long) r.resize() * h / w)};
        }
        return new int[] {(int) ((long) r.resize() * w / h), r.resize()};
    }

    /** {left, top} of a centre crop of {@code cw × ch} from a {@code w × h} image (torchvision's rounding). */
    public static int[] centerCropOffset(int w, int h, int cw, int ch) {
        return new int[] {(int) Math.rint((w - cw) / 2.0), (int) Math.rint((h - ch) / 2.0)};
    }

    /**
     * Patches per side at most in "native" mode: 64 × 64 patches (1024 px at patch 16) keep one
     * layer's maps of a 12-head model within 0.8 GB. A pixel cap alone let a patch-7 model reach
     * 146 × 114 patches, whose maps overflow a Java array.
     */
    public static final int NATIVE_MAX_GRID = 64;

    /** "Native" mode with the longer side capped at {@link #NATIVE_MAX_GRID} patches. */
    public static float[] nativeGrid(RgbImage img, Recipe r, int patch, int[] outSize) {
        return nativeGrid(img, r, patch, NATIVE_MAX_GRID * patch, outSize);
    }

    /** "Native" mode: the whole image, resized so each side is the nearest multiple of the patch. */
    public static float[] nativeGrid(RgbImage img, Recipe r, int patch, int maxSide, int[] outSize) {
        int[] wh = nativeSize(img.width(), img.height(), patch, maxSide);
        int w = wh[0];
        int h = wh[1];
        RgbImage x = w == img.width() && h == img.height() ? img : resize(img, w, h);
        outSize[0] = h;
        outSize[1] = w;
        return normalise(x, r);
    }

    /** {width, height} of "native" mode's input for a {@code w × h} image: each side the nearest multiple of the patch. */
    public static int[] nativeSize(int w, int h, int patch, int maxSide) {
        double s = Math.min(1.0, maxSide / (double) Math.max(w, h));
        return new int[] {Math.max(patch, (int) Math.round(w * s / patch) * patch),
            Math.max(patch, (int) Math.round(h * s / patch) * patch)};
    }

    /** torchvision CenterCrop: offsets rounded half to even, as Python's round(). */
    public static RgbImage centerCrop(RgbImage img, int cw, int ch) {
        if (cw > img.width() || ch > img.height()) {
            throw new IllegalArgumentException("crop " + cw + "×" + ch + " larger than image " + img.width() + "×"
                    + img.height());
        }
        int[] at = centerCropOffset(img.width(), img.height(), cw, ch);
        int left = at[0];
        int top = at[1];
        int[] out = new int[cw * ch];
        for (int y = 0; y < ch; y++) {
            System.arraycopy(img.rgb(), (y + top) * img.width() + left, out, y * cw, cw);
        }
        return new RgbImage(cw, ch, out);
    }

    /**
     * PIL's Image.resize(BILINEAR): antialiased triangle filter, horizontal pass then vertical, each
     * rounded to 8 bits. Per pixel the taps are summed in double in tap order, from zero, as before
     * vectorisation: the horizontal pass is vectorised across rows (a vector holds one column of several
     * rows), the vertical pass along the row (one output row is a weighted sum of whole intermediate rows).
     */
    public static RgbImage resize(RgbImage img, int nw, int nh) {
        int w = img.width(), h = img.height();
        int[] rgb = img.rgb();
        // 1. horizontal: [3][h][nw] in double (the 8-bit values, exact). Blocks of B rows (B = lanes of a
        //    vector) are interleaved column by column, so that one vector holds a column's B rows and every
        //    tap is one contiguous load; blocks are shared out over the threads
        double[][] mid = MID.get();
        if (mid[0].length < nw * h) {
            for (int c = 0; c < 3; c++) {
                mid[c] = new double[nw * h];
            }
        }
        Filter fx = Filter.of(w, nw);
        int lanes = D.length();
        Parallel.forRange(0, (h + lanes - 1) / lanes, Math.max(1, 1024 / Math.max(1, nw)), (lo, hi) -> {
            double[] cols = new double[w * lanes];
            double[] lane = new double[lanes];
            for (int blk = lo; blk < hi; blk++) {
                int y0 = blk * lanes, rows = Math.min(lanes, h - y0);
                for (int c = 0; c < 3; c++) {
                    int shift = 16 - 8 * c;
                    for (int i = 0; i < lanes; i++) {
                        int src = (y0 + Math.min(i, rows - 1)) * w; // a short last block repeats its last row
                        for (int x = 0; x < w; x++) {
                            cols[x * lanes + i] = (rgb[src + x] >> shift) & 0xFF;
                        }
                    }
                    double[] m = mid[c];
                    for (int x = 0; x < nw; x++) {
                        double[] k = fx.weight[x];
                        int at = fx.start[x] * lanes;
                        DoubleVector acc = DoubleVector.zero(D);
                        for (int t = 0; t < k.length; t++) {
                            acc = acc.add(DoubleVector.fromArray(D, cols, at + t * lanes).mul(k[t]));
                        }
                        acc.intoArray(lane, 0);
                        for (int i = 0; i < rows; i++) {
                            m[(y0 + i) * nw + x] = clip8(lane[i]);
                        }
                    }
                }
            }
        });
        // 2. vertical, vectorised along x; then packed back into RGB
        int[] out = new int[nw * nh];
        Filter fy = Filter.of(h, nh);
        int end = D.loopBound(nw);
        Parallel.forRange(0, nh, Math.max(1, 4096 / Math.max(1, nw)), (lo, hi) -> {
            double[] acc = new double[nw];
            for (int y = lo; y < hi; y++) {
                double[] k = fy.weight[y];
                for (int c = 0; c < 3; c++) {
                    double[] m = mid[c];
                    java.util.Arrays.fill(acc, 0);
                    for (int t = 0; t < k.length; t++) {
                        int src = (fy.start[y] + t) * nw;
                        double kt = k[t];
                        int x = 0;
                        for (; x < end; x += D.length()) {
                            DoubleVector.fromArray(D, acc, x).add(DoubleVector.fromArray(D, m, src + x).mul(kt))
                                    .intoArray(acc, x);
                        }
                        for (; x < nw; x++) {
                            acc[x] += kt * m[src + x];
                        }
                    }
                    int shift = 16 - 8 * c;
                    for (int x = 0; x < nw; x++) {
                        out[y * nw + x] |= clip8(acc[x]) << shift;
                    }
                }
            }
        });
        return new RgbImage(nw, nh, out);
    }

    /** Per output pixel: first input index, tap count and normalised triangle weights. */
    private record Filter(int[] start, int[] count, double[][] weight) {
        static Filter of(int in, int out) {
            double scale = in / (double) out;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale; // bilinear support 1, widened when shrinking
            int[] start = new int[out];
            int[] count = new int[out];
            double[][] weight = new double[out][];
            for (int o = 0; o < out; o++) {
                double center = (o + 0.5) * scale;
                int lo = Math.max((int) (center - support + 0.5), 0);
                int hi = Math.min((int) (center + support + 0.5), in);
                double[] k = new double[hi - lo];
                double total = 0;
                for (int t = 0; t < k.length; t++) {
                    double d = Math.abs((t + lo - center + 0.5) / filterScale);
                    k[t] = d < 1 ? 1 - d : 0;
                    total += k[t];
                }
                for (int t = 0; t < k.length; t++) {
                    k[t] = total == 0 ? 0 : k[t] / total;
                }
                start[o] = lo;
                count[o] = k.length;
                weight[o] = k;
            }
            return new Filter(start, count, weight);
        }
    }

    private static int clip8(double v) {
        long r = Math.round(v);
        return (int) Math.max(0, Math.min(255, r));
    }

    /** ToTensor (/255) then Normalize; grey is PIL's convert("L") in fixed point. */
    static float[] normalise(RgbImage img, Recipe r) {
        int n = img.width() * img.height();
        float[] out = new float[r.channels() * n];
        for (int i = 0; i < n; i++) {
            int p = img.rgb()[i];
            int red = (p >> 16) & 0xFF, green = (p >> 8) & 0xFF, blue = p & 0xFF;
            if (r.channels() == 1) {
                int grey = (red * 19595 + green * 38470 + blue * 7471 + 0x8000) >> 16;
                out[i] = (grey / 255f - r.mean()[0]) / r.std()[0];
            } else {
                out[i] = (red / 255f - r.mean()[0]) / r.std()[0];
                out[n + i] = (green / 255f - r.mean()[1]) / r.std()[1];
                out[2 * n + i] = (blue / 255f - r.mean()[2]) / r.std()[2];
            }
        }
        return out;
    }
}
