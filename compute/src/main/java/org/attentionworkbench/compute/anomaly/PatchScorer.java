package org.attentionworkbench.compute.anomaly;

/** Scores every patch of a target image against what normal looks like. */
public interface PatchScorer extends AutoCloseable {

    /** Per patch anomaly [gridH·gridW], row-major; higher = more anomalous. */
    float[] score(PatchFeatures target);

    /** For messages and metadata. */
    String describe();

    @Override
    void close();
}
