package org.attentionworkbench.compute.anomaly.metrics;

/**
 * One image's anomaly map and its ground truth, row-major {@code width × height}: the unit of the pixel
 * metrics. A good image has an all-false mask.
 */
public record ScoredMask(int width, int height, float[] scores, boolean[] defect) {
    public ScoredMask {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("map size " + width + "×" + height);
        }
        long n = (long) width * height;
        if (scores.length != n || defect.length != n) {
            throw new IllegalArgumentException("map " + width + "×" + height + " with " + scores.length
                    + " scores and " + defect.length + " mask pixels");
        }
    }
}
