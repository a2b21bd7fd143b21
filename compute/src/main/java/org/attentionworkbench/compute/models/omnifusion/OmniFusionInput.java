package org.attentionworkbench.compute.models.omnifusion;

import org.attentionworkbench.compute.image.RgbImage;

/**
 * OmniFusion's loader preprocessing ({@code dataset_loader_stanford.py} and friends): {@code cv2.imread}
 * (BGR), {@code cv2.resize(…, (W, H), interpolation=cv2.INTER_AREA)} on 8-bit pixels, then /255 as
 * float32, channels first. So channel 0 is <b>blue</b>: the released checkpoints saw BGR.
 *
 * <p>INTER_AREA as OpenCV defines it: shrinking averages each output pixel's footprint of
 * scale = in/out source pixels, with fractional weights for partly covered ones; enlarging is
 * bilinear with OpenCV's area coefficients (fx = (x+1) − (⌊x·scale⌋+1)/scale, then its fraction).
 * The result is rounded to 8 bits, as cv2 does for uint8 images, before /255.
 */
final class OmniFusionInput {
    private OmniFusionInput() {}

    static float[] bgr(RgbImage image, int width, int height) {
        if (width < 2 || height < 2 || (long) width * height > (1L << 28)) {
            throw new IllegalArgumentException("OmniFusion input size " + width + "×" + height + " is out of range");
        }
        float[][] tabX = weights(image.width(), width);
        float[][] tabY = weights(image.height(), height);
        int[] ix = index(image.width(), width);
        int[] iy = index(image.height(), height);
        int taps = tabX[0].length / width;
        int tapsY = tabY[0].length / height;
        float[] out = new float[3 * width * height];
        int plane = width * height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double b = 0, g = 0, r = 0;
                for (int ty = 0; ty < tapsY; ty++) {
                    float wy = tabY[0][y * tapsY + ty];
                    if (wy == 0) {
                        continue;
                    }
                    int sy = iy[y] + ty;
                    for (int tx = 0; tx < taps; tx++) {
                        float wx = tabX[0][x * taps + tx];
                        if (wx == 0) {
                            continue;
                        }
                        int sx = ix[x] + tx;
                        int rgb = image.rgb()[sy * image.width() + sx];
                        double w = (double) wx * wy;
                        r += w * ((rgb >> 16) & 0xff);
                        g += w * ((rgb >> 8) & 0xff);
                        b += w * (rgb & 0xff);
                    }
                }
                int at = y * width + x;
                out[at] = u8(b) / 255f;
                out[plane + at] = u8(g) / 255f;
                out[2 * plane + at] = u8(r) / 255f;
            }
        }
        return out;
    }

    private static float u8(double v) {
        return (float) Math.max(0, Math.min(255, Math.rint(v)));
    }

    /** First source index of every output index. */
    private static int[] index(int in, int out) {
        int[] first = new int[out];
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            first[o] = scale >= 1 ? (int) Math.floor(o * scale) : Math.max(0, Math.min(in - 1, (int) Math.floor(o * scale)));
        }
        return first;
    }

    /**
     * Weights per output index, {@code taps} consecutive source pixels from {@link #index}: shrinking,
     * the overlap of [o·s, (o+1)·s) with each source pixel divided by s; enlarging, OpenCV's area
     * bilinear pair (1 − fx, fx), the second clamped onto the last pixel.
     */
    private static float[][] weights(int in, int out) {
        double scale = (double) in / out;
        if (scale >= 1) {
            int taps = (int) Math.ceil(scale) + 1;
            float[] w = new float[out * taps];
            for (int o = 0; o < out; o++) {
                double lo = o * scale, hi = Math.min(in, (o + 1) * scale);
                int first = (int) Math.floor(lo);
                for (int t = 0; t < taps; t++) {
                    int s = first + t;
                    double overlap = Math.min(hi, s + 1) - Math.max(lo, s);
                    w[o * taps + t] = s < in && overlap > 1e-9 ? (float) (overlap / scale) : 0f;
                }
            }
            return new float[][] {w};
        }
        float[] w = new float[out * 2];
        double inv = (double) out / in;
        for (int o = 0; o < out; o++) {
            int sx = (int) Math.floor(o * scale);
            double fx = (o + 1) - (sx + 1) * inv;
            fx = fx <= 0 ? 0 : fx - Math.floor(fx);
            if (sx >= in - 1) {
                w[o * 2] = 1f;
                w[o * 2 + 1] = 0f;
            } else {
                w[o * 2] = (float) (1 - fx);
                w[o * 2 + 1] = (float) fx;
            }
        }
        return new float[][] {w};
    }
}
