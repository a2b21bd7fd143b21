package org.attentionworkbench.compute.anomaly.metrics;

/**
 * ROC points as sklearn's {@code roc_curve(y, s, drop_intermediate=False)}: one point per distinct score,
 * highest first, predicting "defect" for score ≥ threshold, after a first point (0, 0) whose threshold is
 * +∞ (sklearn ≥ 1.3; 1.2 wrote max + 1 there).
 */
public record RocCurve(double[] fpr, double[] tpr, double[] thresholds) {
    public RocCurve {
        if (fpr.length != tpr.length || fpr.length != thresholds.length) {
            throw new IllegalArgumentException("fpr, tpr, thresholds lengths " + fpr.length + ", " + tpr.length
                    + ", " + thresholds.length);
        }
    }

    public int size() {
        return fpr.length;
    }
}
