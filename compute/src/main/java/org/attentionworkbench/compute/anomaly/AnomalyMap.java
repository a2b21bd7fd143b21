package org.attentionworkbench.compute.anomaly;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * A pixel anomaly map [height, width] row-major, and the steps that make one from patch scores:
 * bilinear upsampling (align_corners=False, on the device), Gaussian smoothing (σ = 4 px as PatchCore,
 * at the model-input resolution so the smoothing means the same for every image size) and the image
 * score (max, or the mean of the top k pixels).
 */
public record AnomalyMap(int height, int width, float[] values) {
    /** PatchCore's smoothing. */
    public static final double SIGMA = 4;

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    public AnomalyMap {
        if (values.length != height * width) {
            throw new IllegalArgumentException("map " + height + "×" + width + " with " + values.length + " values");
        }
    }

    /** Patch scores on a gh×gw grid → a smoothed size×size map. */
    public static AnomalyMap fromPatches(Device device, float[] patches, int gh, int gw, int size, double sigma) {
        AnomalyMap up = resize(device, new AnomalyMap(gh, gw, patches), size, size);
        return sigma > 0 ? new AnomalyMap(size, size, gaussian(up.values, size, size, sigma)) : up;
    }

    /** Bilinear resize, PyTorch semantics (align_corners=False, no antialias). */
    public static AnomalyMap resize(Device device, AnomalyMap m, int height, int width) {
        try (Tensor in = device.upload(m.values, 1, 1, m.height, m.width);
                Tensor out = device.allocate(1, 1, height, width)) {
            device.resizeBilinear(out, in, false);
            return new AnomalyMap(height, width, device.download(out));
        }
    }

    /**
     * scipy.ndimage.gaussian_filter(x, sigma) with its defaults: separable, kernel radius
     * int(4σ + 0.5), mode "reflect" (edge sample repeated: d c b a | a b c d | d c b a). In float (within
     * 1e-6 of scipy's double on maps of O(1)), each pixel's taps summed in scipy's order; vectorised along
     * the rows (the tap loop outside the pixel loop).
     */
    public static float[] gaussian(float[] x, int h, int w, double sigma) {
        int r = (int) (4 * sigma + 0.5);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        // 1. along rows (axis 0 first, as scipy): each output row is a weighted sum of whole input rows
        float[] kf = new float[k.length];
        for (int i = 0; i < k.length; i++) {
            kf[i] = (float) k[i];
        }
        float[] mid = new float[h * w];
        int end = F.loopBound(w);
        for (int y = 0; y < h; y++) {
            int o = y * w;
            for (int t = -r; t <= r; t++) {
                int src = reflect(y + t, h) * w;
                float kt = kf[t + r];
                int xx = 0;
                for (; xx < end; xx += F.length()) {
                    FloatVector.fromArray(F, x, src + xx).fma(FloatVector.broadcast(F, kt), FloatVector.fromArray(F, mid, o + xx))
                            .intoArray(mid, o + xx);
                }
                for (; xx < w; xx++) {
                    mid[o + xx] = Math.fma(x[src + xx], kt, mid[o + xx]);
                }
            }
        }
        // 2. along columns: each row padded by its reflection once, then contiguous windows
        float[] out = new float[h * w];
        float[] padded = new float[w + 2 * r];
        for (int y = 0; y < h; y++) {
            for (int i = -r; i < w + r; i++) {
                padded[i + r] = mid[y * w + reflect(i, w)];
            }
            int o = y * w;
            for (int t = 0; t < kf.length; t++) {
                float kt = kf[t];
                int xx = 0;
                for (; xx < end; xx += F.length()) {
                    FloatVector.fromArray(F, padded, xx + t).fma(FloatVector.broadcast(F, kt), FloatVector.fromArray(F, out, o + xx))
                            .intoArray(out, o + xx);
                }
                for (; xx < w; xx++) {
                    out[o + xx] = Math.fma(padded[xx + t], kt, out[o + xx]);
                }
            }
        }
        return out;
    }

    /** scipy's "reflect" (half-sample symmetric) index, periodic with period 2n. */
    static int reflect(int i, int n) {
        int period = 2 * n;
        int m = ((i % period) + period) % period;
        return m < n ? m : period - 1 - m;
    }

    /** The image score: the maximum (topK ≤ 1) or the mean of the topK largest pixels. */
    public float imageScore(int topK) {
        if (topK <= 1) {
            float best = Float.NEGATIVE_INFINITY;
            for (float v : values) {
                best = Math.max(best, v);
            }
            return best;
        }
        float[] s = values.clone();
        Arrays.sort(s);
        int k = Math.min(topK, s.length);
        double sum = 0;
        for (int i = s.length - k; i < s.length; i++) {
            sum += s[i];
        }
        return (float) (sum / k);
    }
}
