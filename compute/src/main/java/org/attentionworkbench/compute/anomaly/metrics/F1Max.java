package org.attentionworkbench.compute.anomaly.metrics;

/**
 * The best F1 over all thresholds (anomalib's F1Max) and where it is reached: predict "defect" for
 * score ≥ {@code threshold}. When several thresholds tie, the lowest one wins, as argmax over sklearn's
 * ascending {@code precision_recall_curve} thresholds picks it.
 */
public record F1Max(double f1, double threshold, double precision, double recall) {}
