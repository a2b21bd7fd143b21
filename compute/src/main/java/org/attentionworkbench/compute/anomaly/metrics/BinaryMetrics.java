package org.attentionworkbench.compute.anomaly.metrics;

import java.util.Arrays;

/**
 * Threshold metrics over one score per sample (image-level: one anomaly score per image, label true =
 * defect). Each matches sklearn / anomalib on the same input, ties included:
 * <ul>
 *   <li>{@link #auroc}: {@code sklearn.metrics.roc_auc_score}. Computed as the Mann–Whitney statistic
 *       (a tie counts one half), which equals the trapezoid area under the tie-grouped ROC exactly; the
 *       counts are kept in longs, so the only rounding is the final division.</li>
 *   <li>{@link #rocCurve}: {@code roc_curve(drop_intermediate=False)}, first threshold +∞.</li>
 *   <li>{@link #f1Max}: anomalib's {@code F1Max}: max over the {@code precision_recall_curve} thresholds
 *       of F1, computed as 2·TP / (TP + FP + P) (anomalib adds 1e-10 to the denominator of 2pr/(p+r),
 *       which moves the value by ~1e-10 and never the argmax).</li>
 * </ul>
 *
 * <p>Legend: P positives (defects), N negatives (good), TP/FP counted at score ≥ threshold.
 */
public final class BinaryMetrics {
    private BinaryMetrics() {}

    public static double auroc(double[] scores, boolean[] defect) {
        return auroc(groups(scores, defect, true, true));
    }

    public static RocCurve rocCurve(double[] scores, boolean[] defect) {
        return rocCurve(groups(scores, defect, true, true));
    }

    public static F1Max f1Max(double[] scores, boolean[] defect) {
        return f1Max(groups(scores, defect, true, false));
    }

    /** Sorts each class apart and checks that the metric is defined for the classes present. */
    private static Counted groups(double[] scores, boolean[] defect, boolean needPos, boolean needNeg) {
        if (scores.length != defect.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + defect.length + " labels");
        }
        int p = 0;
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            p += defect[i] ? 1 : 0;
        }
        double[] pos = new double[p], neg = new double[scores.length - p];
        for (int i = 0, a = 0, b = 0; i < scores.length; i++) {
            if (defect[i]) {
                pos[a++] = scores[i];
            } else {
                neg[b++] = scores[i];
            }
        }
        checkClasses(pos.length, neg.length, needPos, needNeg);
        Arrays.sort(pos);
        Arrays.sort(neg);
        return new Counted(ScoreGroups.of(pos, neg), pos.length, neg.length);
    }

    /** A walk over score groups with the class totals. */
    record Counted(ScoreGroups groups, long p, long n) {}

    static void checkClasses(long p, long n, boolean needPos, boolean needNeg) {
        if (needPos && p == 0 || needNeg && n == 0) {
            String present = p == 0 && n == 0 ? "no samples" : p == 0 ? "only good samples (no defect)"
                    : "only defect samples (no good)";
            throw new UndefinedMetricException("metric undefined: " + present
                    + "; it needs " + (needNeg ? "both classes" : "at least one defect"));
        }
    }

    static double auroc(Counted c) {
        // 2U = Σ over groups of pos·(2·negatives below + negatives tied): exact in longs
        ScoreGroups g = c.groups();
        long negAboveOrAt = 0, twiceU = 0;
        while (g.next()) {
            negAboveOrAt += g.neg();
            long below = c.n() - negAboveOrAt;
            twiceU += g.pos() * (2 * below + g.neg());
        }
        return twiceU / (2.0 * c.p() * c.n());
    }

    static RocCurve rocCurve(Counted c) {
        ScoreGroups g = c.groups();
        DoubleList fpr = new DoubleList(), tpr = new DoubleList(), thr = new DoubleList();
        fpr.add(0);
        tpr.add(0);
        thr.add(Double.POSITIVE_INFINITY);
        long tp = 0, fp = 0;
        while (g.next()) {
            tp += g.pos();
            fp += g.neg();
            fpr.add((double) fp / c.n());
            tpr.add((double) tp / c.p());
            thr.add(g.score());
        }
        return new RocCurve(fpr.toArray(), tpr.toArray(), thr.toArray());
    }

    static F1Max f1Max(Counted c) {
        ScoreGroups g = c.groups();
        long tp = 0, fp = 0;
        double best = -1, bestThr = Double.NaN, bestP = 0, bestR = 0;
        while (g.next()) {
            tp += g.pos();
            fp += g.neg();
            double f1 = 2.0 * tp / (tp + fp + c.p());
            // ≥: among equal F1 keep the lowest threshold, as argmax over ascending thresholds does
            if (f1 >= best) {
                best = f1;
                bestThr = g.score();
                bestP = (double) tp / (tp + fp);
                bestR = (double) tp / c.p();
            }
        }
        return new F1Max(best, bestThr, bestP, bestR);
    }

    /** A growable double array: curves have one point per distinct score, unknown in advance. */
    static final class DoubleList {
        private double[] a = new double[16];
        private int n;

        void add(double v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        double[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
