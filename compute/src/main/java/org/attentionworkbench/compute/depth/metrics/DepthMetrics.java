package org.attentionworkbench.compute.depth.metrics;

import java.util.Arrays;

/**
 * Scores a predicted depth map against ground truth with the standard metrics (Eigen et al.; the set
 * OmniFusion's metrics.py reports): AbsRel = mean |p−g|/g, SqRel = mean (p−g)²/g, RMSE = √mean (p−g)²,
 * RMSE log = √mean (ln p − ln g)², δk = fraction with max(p/g, g/p) < 1.25^k. Only pixels whose ground
 * truth the {@link ValidRange} accepts (and the caller's mask, if any, allows) count. All sums are in
 * double precision. The numpy reference is tools/depth/make_metric_goldens.py.
 */
public final class DepthMetrics {
    /**
     * Aligned predictions below this (1 mm, the usual min_depth of evaluation code) are raised to it,
     * so that ln p and g/p stay finite when an alignment or a model gives p ≤ 0.
     */
    public static final double MIN_PREDICTION = 1e-3;

    private DepthMetrics() {
    }

    /** {@link #evaluate(float[], float[], boolean[], ValidRange, Alignment)} with no mask and {@link ValidRange#ANY}. */
    public static DepthScores evaluate(float[] pred, float[] gt, Alignment alignment) {
        return evaluate(pred, gt, null, ValidRange.ANY, alignment);
    }

    /**
     * Scores {@code pred} against {@code gt} (same length, any layout).
     *
     * @param mask      null, or true where a pixel may count (e.g. not the sky); ANDed with the range test
     * @param range     which ground-truth depths are valid
     * @param alignment fitted over the valid pixels; for {@link Alignment#LEAST_SQUARES_INVERSE} {@code pred}
     *                  is inverse depth, and aligned inverse depths below 1/cap become 1/cap, with cap =
     *                  {@code range.maxDepth()} if finite, else the largest valid ground truth (as the MiDaS
     *                  evaluation caps disparity at 1/max_depth)
     * @throws InvalidDepthInputException if lengths differ, no pixel is valid, a valid pixel's prediction is
     *                                    not finite, or the alignment has no solution
     */
    public static DepthScores evaluate(float[] pred, float[] gt, boolean[] mask, ValidRange range,
            Alignment alignment) {
        if (pred.length != gt.length) {
            throw new InvalidDepthInputException("prediction has " + pred.length + " pixels but ground truth has "
                    + gt.length);
        }
        if (mask != null && mask.length != gt.length) {
            throw new InvalidDepthInputException("mask has " + mask.length + " pixels but ground truth has "
                    + gt.length);
        }
        int n = 0;
        int[] valid = new int[gt.length];
        for (int i = 0; i < gt.length; i++) {
            if ((mask == null || mask[i]) && range.accepts(gt[i])) {
                if (!Float.isFinite(pred[i])) {
                    throw new InvalidDepthInputException("prediction at pixel " + i + " is " + pred[i]);
                }
                valid[n++] = i;
            }
        }
        if (n == 0) {
            throw new InvalidDepthInputException("no valid ground-truth pixel among " + gt.length
                    + " (needs finite depth in (" + range.minDepth() + ", " + range.maxDepth() + "]"
                    + (mask == null ? "" : " inside the mask") + ")");
        }
        double[] p = new double[n];
        double[] g = new double[n];
        for (int k = 0; k < n; k++) {
            p[k] = pred[valid[k]];
            g[k] = gt[valid[k]];
        }
        double[] fit = align(p, g, range, alignment);
        return score(p, g, alignment, fit[0], fit[1]);
    }

    /** Replaces p by the aligned prediction and returns {scale, shift}. */
    private static double[] align(double[] p, double[] g, ValidRange range, Alignment alignment) {
        int n = p.length;
        switch (alignment) {
            case NONE -> {
                clamp(p);
                return new double[] {1, 0};
            }
            case MEDIAN -> {
                double mp = median(p);
                if (!(mp > 0)) {
                    throw new InvalidDepthInputException("median alignment needs a positive median prediction, got "
                            + mp);
                }
                double s = median(g) / mp;
                for (int k = 0; k < n; k++) {
                    p[k] *= s;
                }
                clamp(p);
                return new double[] {s, 0};
            }
            case LEAST_SQUARES_DEPTH -> {
                double[] st = leastSquares(p, g);
                for (int k = 0; k < n; k++) {
                    p[k] = st[0] * p[k] + st[1];
                }
                clamp(p);
                return st;
            }
            case LEAST_SQUARES_INVERSE -> {
                double[] inv = new double[n];
                double cap = range.maxDepth();
                boolean capFromData = Double.isInfinite(cap);
                if (capFromData) {
                    cap = 0;
                }
                for (int k = 0; k < n; k++) {
                    inv[k] = 1 / g[k];
                    if (capFromData) {
                        cap = Math.max(cap, g[k]);
                    }
                }
                double[] st = leastSquares(p, inv);
                double minInverse = 1 / cap;
                for (int k = 0; k < n; k++) {
                    p[k] = 1 / Math.max(st[0] * p[k] + st[1], minInverse);
                }
                clamp(p);
                return st;
            }
            default -> throw new AssertionError(alignment);
        }
    }

    /** The s, t minimising Σ(s·x + t − y)², solved in centred form (no cancellation for large offsets). */
    private static double[] leastSquares(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int k = 0; k < n; k++) {
            mx += x[k];
            my += y[k];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        for (int k = 0; k < n; k++) {
            sxx += (x[k] - mx) * (x[k] - mx);
            sxy += (x[k] - mx) * (y[k] - my);
        }
        if (!(sxx > 0)) {
            throw new InvalidDepthInputException("least-squares alignment needs at least two different predictions"
                    + " among the " + n + " valid pixels");
        }
        double s = sxy / sxx;
        return new double[] {s, my - s * mx};
    }

    private static void clamp(double[] p) {
        for (int k = 0; k < p.length; k++) {
            if (!(p[k] >= MIN_PREDICTION)) {
                p[k] = MIN_PREDICTION;
            }
        }
    }

    /** numpy's median: the middle value, or the mean of the two middle values. */
    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    private static DepthScores score(double[] p, double[] g, Alignment alignment, double scale, double shift) {
        int n = p.length;
        double absRel = 0;
        double sqRel = 0;
        double sq = 0;
        double sqLog = 0;
        int d1 = 0;
        int d2 = 0;
        int d3 = 0;
        double t1 = 1.25;
        double t2 = 1.25 * 1.25;
        double t3 = 1.25 * 1.25 * 1.25;
        for (int k = 0; k < n; k++) {
            double diff = p[k] - g[k];
            absRel += Math.abs(diff) / g[k];
            sqRel += diff * diff / g[k];
            sq += diff * diff;
            double dl = Math.log(p[k]) - Math.log(g[k]);
            sqLog += dl * dl;
            double ratio = Math.max(p[k] / g[k], g[k] / p[k]);
            d1 += ratio < t1 ? 1 : 0;
            d2 += ratio < t2 ? 1 : 0;
            d3 += ratio < t3 ? 1 : 0;
        }
        return new DepthScores(absRel / n, sqRel / n, Math.sqrt(sq / n), Math.sqrt(sqLog / n), (double) d1 / n,
                (double) d2 / n, (double) d3 / n, n, alignment, scale, shift);
    }
}
