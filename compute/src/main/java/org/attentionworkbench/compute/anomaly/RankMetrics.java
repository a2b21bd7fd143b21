package org.attentionworkbench.compute.anomaly;

import java.util.Arrays;

/**
 * The one ranking metric the scoring core needs for its own benchmark: AUROC as the Mann–Whitney
 * statistic (ties count one half), for image scores or, flattened, for pixels. The full metric set
 * (AUPRO, F1-max, ...) lives in the metrics package.
 */
public final class RankMetrics {
    private RankMetrics() {}

    /** AUROC of scores against labels (true = anomalous); NaN when a class is empty. */
    public static double auroc(float[] scores, boolean[] anomalous) {
        if (scores.length != anomalous.length) {
            throw new IllegalArgumentException(scores.length + " scores, " + anomalous.length + " labels");
        }
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(scores[a], scores[b]));
        // midranks (1-based) summed over the positives
        double rankSum = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double mid = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (anomalous[order[t]]) {
                    rankSum += mid;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }
}
