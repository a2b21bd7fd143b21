package org.attentionworkbench.compute.models.omnifusion;

import org.attentionworkbench.compute.image.RgbImage;

/**
 * OmniFusion's loader preprocessing ({@code dataset_loader_stanford.py} and friends): {@code cv2.imread}
 * (BGR), {@code cv2.resize(…, (W, H), interpolation=cv2.INTER_AREA)} on 8-bit pixels, then /255 as
 * float32, channels first. So channel 0 is <b>blue</b>: the released checkpoints saw BGR.
 *
 * <p>{@link #cv2Area} is OpenCV 4's INTER_AREA on 8-bit images, bit for bit (checked against
 * {@code cv2.resize} in {@code OmniFusionInputTest}): shrinking both sides by whole factors sums the
 * block (2×2: {@code (sum + 2) >> 2}, else {@code sum · (1/area)} in float, rounded half to even);
 * shrinking otherwise weighs each source pixel by its covered fraction of the cell, accumulated in
 * float (rows, then columns, OpenCV's order); enlarging either side is OpenCV's linear resize with
 * its area coefficients in 11-bit fixed point, the vertical pass rounded as its SIMD code does.
 */
final class OmniFusionInput {
    private OmniFusionInput() {}

    static float[] bgr(RgbImage image, int width, int height) {
        if (width < 2 || height < 2 || (long) width * height > (1L << 28)) {
            throw new IllegalArgumentException("OmniFusion input size " + width + "×" + height + " is out of range");
        }
        RgbImage small = cv2Area(image, width, height);
        float[] out = new float[3 * width * height];
        int plane = width * height;
        for (int i = 0; i < plane; i++) {
            int p = small.rgb()[i];
            out[i] = (p & 0xff) / 255f;
            out[plane + i] = ((p >> 8) & 0xff) / 255f;
            out[2 * plane + i] = ((p >> 16) & 0xff) / 255f;
        }
        return out;
    }

    /** {@code cv2.resize(img, (width, height), interpolation=cv2.INTER_AREA)} of an 8-bit RGB image. */
    static RgbImage cv2Area(RgbImage image, int width, int height) {
        int w = image.width(), h = image.height();
        if (w == width && h == height) {
            return new RgbImage(w, h, image.rgb().clone());
        }
        double scaleX = 1 / ((double) width / w), scaleY = 1 / ((double) height / h);
        int[] out = new int[width * height];
        for (int shift = 0; shift <= 16; shift += 8) {
            int[] c = new int[w * h];
            for (int i = 0; i < c.length; i++) {
                c[i] = (image.rgb()[i] >> shift) & 0xff;
            }
            int[] r;
            if (scaleX >= 1 && scaleY >= 1) {
                int ix = (int) Math.rint(scaleX), iy = (int) Math.rint(scaleY);
                boolean whole = Math.abs(scaleX - ix) < Math.ulp(1.0) && Math.abs(scaleY - iy) < Math.ulp(1.0);
                r = whole ? areaWhole(c, w, ix, iy, width, height) : area(c, w, h, width, height, scaleX, scaleY);
            } else {
                r = linear(c, w, h, width, height);
            }
            for (int i = 0; i < r.length; i++) {
                out[i] |= r[i] << shift;
            }
        }
        return new RgbImage(width, height, out);
    }

    /** Whole factors: the block's integer sum. */
    private static int[] areaWhole(int[] c, int w, int sx, int sy, int width, int height) {
        int[] out = new int[width * height];
        float inv = 1f / (sx * sy);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int sum = 0;
                for (int j = 0; j < sy; j++) {
                    for (int i = 0; i < sx; i++) {
                        sum += c[(y * sy + j) * w + x * sx + i];
                    }
                }
                out[y * width + x] = sx == 2 && sy == 2 ? (sum + 2) >> 2 : u8(sum * inv);
            }
        }
        return out;
    }

    /** One axis of OpenCV's area table: for each output index, source indices and float weights. */
    private record AreaTab(int[] dst, int[] src, float[] alpha) {}

    private static AreaTab areaTab(int in, int out, double scale) {
        int cap = 2 * in + 2 * out;
        int[] di = new int[cap], si = new int[cap];
        float[] al = new float[cap];
        int k = 0;
        for (int d = 0; d < out; d++) {
            double f1 = d * scale, f2 = f1 + scale;
            double cell = Math.min(scale, in - f1);
            int s2 = Math.min((int) Math.floor(f2), in - 1);
            int s1 = Math.min((int) Math.ceil(f1), s2);
            if (s1 - f1 > 1e-3) {
                di[k] = d;
                si[k] = s1 - 1;
                al[k++] = (float) ((s1 - f1) / cell);
            }
            for (int s = s1; s < s2; s++) {
                di[k] = d;
                si[k] = s;
                al[k++] = (float) (1.0 / cell);
            }
            if (f2 - s2 > 1e-3) {
                di[k] = d;
                si[k] = s2;
                al[k++] = (float) (Math.min(Math.min(f2 - s2, 1.0), cell) / cell);
            }
        }
        return new AreaTab(java.util.Arrays.copyOf(di, k), java.util.Arrays.copyOf(si, k), java.util.Arrays.copyOf(al, k));
    }

    /** Fractional factors: each source row spread over its output columns, rows weighed into outputs, in float. */
    private static int[] area(int[] c, int w, int h, int width, int height, double scaleX, double scaleY) {
        AreaTab tx = areaTab(w, width, scaleX);
        AreaTab ty = areaTab(h, height, scaleY);
        int[] out = new int[width * height];
        float[] buf = new float[width];
        float[] sum = new float[width];
        int prev = ty.dst[0];
        for (int j = 0; j < ty.dst.length; j++) {
            float beta = ty.alpha[j];
            int dy = ty.dst[j], row = ty.src[j] * w;
            java.util.Arrays.fill(buf, 0f);
            for (int k = 0; k < tx.dst.length; k++) {
                buf[tx.dst[k]] = buf[tx.dst[k]] + c[row + tx.src[k]] * tx.alpha[k];
            }
            if (dy != prev) {
                for (int x = 0; x < width; x++) {
                    out[prev * width + x] = u8(sum[x]);
                    sum[x] = beta * buf[x];
                }
                prev = dy;
            } else {
                for (int x = 0; x < width; x++) {
                    sum[x] += beta * buf[x];
                }
            }
        }
        for (int x = 0; x < width; x++) {
            out[prev * width + x] = u8(sum[x]);
        }
        return out;
    }

    /** Enlarging: linear with INTER_AREA's coefficients, 11-bit weights, OpenCV's 8-bit rounding. */
    private static int[] linear(int[] c, int w, int h, int width, int height) {
        int[] x0 = new int[width], ax = new int[2 * width];
        int[] y0 = new int[height], ay = new int[2 * height];
        areaLinear(w, width, x0, ax);
        areaLinear(h, height, y0, ay);
        int[] mid = new int[h * width];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < width; x++) {
                int s = x0[x], s1 = Math.min(s + 1, w - 1);
                mid[y * width + x] = c[y * w + s] * ax[2 * x] + c[y * w + s1] * ax[2 * x + 1];
            }
        }
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            int r0 = y0[y] * width, r1 = Math.min(y0[y] + 1, h - 1) * width;
            int b0 = ay[2 * y], b1 = ay[2 * y + 1];
            for (int x = 0; x < width; x++) {
                // v_mul_hi on (S >> 4) per row, then a rounding shift by 2 (VResizeLinearVec_32s8u)
                int v = (((mid[r0 + x] >> 4) * b0) >> 16) + (((mid[r1 + x] >> 4) * b1) >> 16);
                out[y * width + x] = Math.max(0, Math.min(255, (v + 2) >> 2));
            }
        }
        return out;
    }

    private static void areaLinear(int in, int out, int[] first, int[] alpha) {
        double inv = (double) out / in, scale = 1 / inv;
        for (int d = 0; d < out; d++) {
            int s = (int) Math.floor(d * scale);
            float f = (float) ((d + 1) - (s + 1) * inv);
            f = f <= 0 ? 0f : f - (float) Math.floor(f);
            if (s >= in - 1) {
                f = 0f;
                s = in - 1;
            }
            first[d] = s;
            alpha[2 * d] = (int) Math.rint((1f - f) * 2048f);
            alpha[2 * d + 1] = (int) Math.rint(f * 2048f);
        }
    }

    /** saturate_cast&lt;uchar&gt;(float): round half to even, clamp. */
    private static int u8(float v) {
        return (int) Math.max(0, Math.min(255, Math.rint(v)));
    }
}
