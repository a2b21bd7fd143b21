package org.attentionworkbench.compute.anomaly;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
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

    /**
     * Patch scores on a gh×gw grid → a smoothed size×size map. With σ > 0 the bilinear upsampling and the
     * Gaussian are one separable linear operator per axis, K = G·U [size, g] (U the upsampling, G the
     * smoothing with its reflected border), made once per shape: map = K_y · patches · K_xᵀ on the host,
     * in double — the same linear map as upsampling and then {@link #gaussian} (within float rounding), in
     * about a quarter of the multiply-adds and without the size² intermediate.
     */
    public static AnomalyMap fromPatches(Device device, float[] patches, int gh, int gw, int size, double sigma) {
        if (!(sigma > 0)) {
            return resize(device, new AnomalyMap(gh, gw, patches), size, size);
        }
        if (patches.length != gh * gw) {
            throw new IllegalArgumentException(gh + "×" + gw + " grid with " + patches.length + " scores");
        }
        double[] ky = upsampleThenSmooth(gh, size, sigma); // [size][gh]
        double[] kx = upsampleThenSmooth(gw, size, sigma); // [size][gw]
        // 1. along x: t[i][x] = Σ_j patches[i][j] · kx[x][j]
        double[] t = new double[gh * size];
        for (int i = 0; i < gh; i++) {
            for (int x = 0; x < size; x++) {
                double acc = 0;
                for (int j = 0; j < gw; j++) {
                    acc += patches[i * gw + j] * kx[x * gw + j];
                }
                t[i * size + x] = acc;
            }
        }
        // 2. along y: map[y][x] = Σ_i ky[y][i] · t[i][x], vectorised along x
        float[] out = new float[size * size];
        double[] acc = new double[size];
        int end = DV.loopBound(size);
        for (int y = 0; y < size; y++) {
            Arrays.fill(acc, 0);
            for (int i = 0; i < gh; i++) {
                double w = ky[y * gh + i];
                if (w == 0) {
                    continue;
                }
                int x = 0;
                for (; x < end; x += DV.length()) {
                    DoubleVector.fromArray(DV, t, i * size + x).fma(DoubleVector.broadcast(DV, w),
                            DoubleVector.fromArray(DV, acc, x)).intoArray(acc, x);
                }
                for (; x < size; x++) {
                    acc[x] = Math.fma(t[i * size + x], w, acc[x]);
                }
            }
            for (int x = 0; x < size; x++) {
                out[y * size + x] = (float) acc[x];
            }
        }
        return new AnomalyMap(size, size, out);
    }

    private static final VectorSpecies<Double> DV = DoubleVector.SPECIES_PREFERRED;
    private static final java.util.Map<String, double[]> OPERATORS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * K = G·U [out][in]: U the bilinear upsampling in → out (PyTorch, align_corners=False: source
     * (o + ½)·in/out − ½ clamped at 0, right neighbour clamped at the edge), G the Gaussian of
     * {@link #gaussian} on out samples (radius int(4σ + ½), scipy's "reflect" border). Cached by shape.
     */
    static double[] upsampleThenSmooth(int in, int out, double sigma) {
        return OPERATORS.computeIfAbsent(in + ":" + out + ":" + sigma, key -> {
            double[] u = new double[out * in];
            double scale = (double) in / out;
            for (int o = 0; o < out; o++) {
                double src = Math.max((o + 0.5) * scale - 0.5, 0);
                int i0 = (int) src;
                int i1 = i0 < in - 1 ? i0 + 1 : i0;
                double l1 = src - i0;
                u[o * in + i0] += 1 - l1;
                u[o * in + i1] += l1;
            }
            int r = (int) (4 * sigma + 0.5);
            double[] k = new double[2 * r + 1];
            double sum = 0;
            for (int i = -r; i <= r; i++) {
                k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
                sum += k[i + r];
            }
            double[] g = new double[out * in];
            for (int y = 0; y < out; y++) {
                for (int t = -r; t <= r; t++) {
                    int s = reflect(y + t, out);
                    double w = k[t + r] / sum;
                    for (int i = 0; i < in; i++) {
                        g[y * in + i] += w * u[s * in + i];
                    }
                }
            }
            return g;
        });
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
