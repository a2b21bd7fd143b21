package org.attentionworkbench.compute.anomaly;

import java.util.List;

/**
 * An optional step after the scorer: the target's features, the scorer's patch scores and the prompts' features
 * in, sharper patch scores on the same grid out (the OneNIP refiner, {@code compute.anomaly.refiner}).
 */
public interface PatchRefiner {

    /** Refined per-patch anomaly [gridH·gridW], higher = more anomalous. */
    float[] refine(PatchFeatures target, float[] patchScores, List<PatchFeatures> prompts);

    /** Fails (with the refiner's file named) when it cannot refine features of this shape. */
    void check(PatchFeatures prompt);

    /**
     * Where this run differs from what the refiner was trained on (features, scorer), one sentence each; empty
     * when it matches or the refiner does not know. A mismatch still runs (the net is convolutional), but its
     * output was never checked on such input, so callers show these as warnings.
     */
    default java.util.List<String> mismatches(String features, String scorer) {
        return java.util.List.of();
    }

    /** For messages and metadata. */
    String describe();
}
