package org.attentionworkbench.compute.anomaly.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * Area under the per-region-overlap curve up to a false-positive-rate limit, normalised by the limit: the
 * MVTec AD definition (Bergmann et al., MVTec AD evaluation code, {@code compute_pro} + {@code trapezoid}
 * with {@code x_max}), which anomalib's AUPRO approximates.
 *
 * <p>Per threshold t (predict defect where score ≥ t): PRO = mean over all ground-truth regions (8-connected
 * components of every mask, pooled over images) of the fraction of the region predicted; FPR = predicted
 * good pixels / all good pixels. The curve starts at (0, 0), has one point per distinct score and ends at
 * (1, 1); the area up to the limit uses the trapezoid rule, the last piece up to the limit interpolated
 * linearly.
 *
 * <p>Where we differ from the MVTec code: FPRs stay in float64 (MVTec casts them to float32, a relative
 * change near 1e-8 in the result). anomalib resamples each region's ROC onto a common index grid
 * before averaging; its value can differ from this one by ~1e-3 on small inputs.
 *
 * <p>Memory: one long per pixel (the score's sortable bits above the pixel's region size), sorted once.
 */
public final class Aupro {
    public static final double DEFAULT_FPR_LIMIT = 0.3;

    /** The PRO curve up to the limit: ascending fpr, the last point interpolated at the limit. */
    public record ProCurve(double[] fpr, double[] pro, double aupro) {}

    private Aupro() {}

    public static double aupro(List<ScoredMask> maps) {
        return walk(maps, DEFAULT_FPR_LIMIT, false).aupro();
    }

    public static double aupro(List<ScoredMask> maps, double fprLimit) {
        return walk(maps, fprLimit, false).aupro();
    }

    public static ProCurve curve(List<ScoredMask> maps, double fprLimit) {
        return walk(maps, fprLimit, true);
    }

    private static ProCurve walk(List<ScoredMask> maps, double limit, boolean keepCurve) {
        if (!(limit > 0 && limit <= 1)) {
            throw new IllegalArgumentException("FPR limit " + limit + " is not in (0, 1]");
        }
        // 1. per pixel: sortable score bits (high word) and its region's size (low word, 0 = good pixel)
        long total = 0;
        for (ScoredMask m : maps) {
            total += m.scores().length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(total + " pixels: too many for one evaluation");
        }
        long[] keys = new long[(int) total];
        long ok = 0, regions = 0;
        int k = 0, image = 0;
        for (ScoredMask m : maps) {
            ConnectedComponents cc = ConnectedComponents.label(m.defect(), m.width(), m.height());
            regions += cc.count();
            int[] labels = cc.labels();
            float[] s = m.scores();
            for (int i = 0; i < s.length; i++) {
                if (Float.isNaN(s[i])) {
                    throw new IllegalArgumentException("map " + image + ": score at pixel " + i + " is NaN");
                }
                int size = labels[i] == 0 ? 0 : cc.size(labels[i]);
                ok += size == 0 ? 1 : 0;
                keys[k++] = (long) sortable(s[i]) << 32 | size;
            }
            image++;
        }
        if (regions == 0 || ok == 0) {
            throw new UndefinedMetricException("AUPRO undefined: "
                    + (regions == 0 ? "no defect region in any mask" : "no good pixel in any mask"));
        }
        Arrays.parallelSort(keys);

        // 2. from the highest score down, one curve point per distinct score; integrate up to the limit
        BinaryMetrics.DoubleList xs = new BinaryMetrics.DoubleList(), ys = new BinaryMetrics.DoubleList();
        double px = 0, py = 0, area = 0;
        if (keepCurve) {
            xs.add(0);
            ys.add(0);
        }
        long fp = 0;
        double proSum = 0;
        int i = keys.length - 1;
        boolean done = false;
        while (!done) {
            double x, y;
            if (i >= 0) {
                int group = (int) (keys[i] >> 32);
                while (i >= 0 && (int) (keys[i] >> 32) == group) {
                    int size = (int) keys[i];
                    if (size == 0) {
                        fp++;
                    } else {
                        proSum += 1.0 / size;
                    }
                    i--;
                }
                x = Math.min(1.0, (double) fp / ok);
                y = Math.min(1.0, proSum / regions);
            } else {
                // the curve's closing point
                x = 1;
                y = 1;
                done = true;
            }
            if (x <= limit) {
                area += 0.5 * (y + py) * (x - px);
                px = x;
                py = y;
                if (keepCurve) {
                    xs.add(x);
                    ys.add(y);
                }
            } else {
                // first point past the limit: add the piece up to the limit, y interpolated linearly
                if (px != limit) {
                    double yAt = py + (y - py) * (limit - px) / (x - px);
                    area += 0.5 * (yAt + py) * (limit - px);
                    if (keepCurve) {
                        xs.add(limit);
                        ys.add(yAt);
                    }
                }
                done = true;
            }
        }
        return new ProCurve(xs.toArray(), ys.toArray(), area / limit);
    }

    /** Float bits as an int whose signed order is the float order (-0 and +0 as one score). */
    static int sortable(float f) {
        int bits = Float.floatToIntBits(f == 0f ? 0f : f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }
}
