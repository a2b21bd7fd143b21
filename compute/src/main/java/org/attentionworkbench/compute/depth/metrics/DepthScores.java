package org.attentionworkbench.compute.depth.metrics;

/**
 * The standard monocular depth metrics over the valid pixels, and the alignment that was applied
 * (aligned = scale·pred + shift, in depth or inverse depth as {@code alignment} says; 1 and 0 for NONE).
 */
public record DepthScores(double absRel, double sqRel, double rmse, double rmseLog, double delta1,
        double delta2, double delta3, int validPixels, Alignment alignment, double scale, double shift) {
}
