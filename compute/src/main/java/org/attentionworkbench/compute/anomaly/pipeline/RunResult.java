package org.attentionworkbench.compute.anomaly.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.attentionworkbench.compute.anomaly.AnomalyEvaluation;
import org.attentionworkbench.compute.anomaly.Normalizer;

/**
 * What a run produced.
 *
 * @param request     what was asked
 * @param results     parallel to the request's targets: null for an image that failed or was not reached
 * @param failures    images that could not be read or scored (targets and calibration images)
 * @param normalizer  the set-wide normaliser; null when nothing was scored
 * @param report      metrics from the labels, over the scored targets; null without labels or when cancelled
 * @param cancelled   true when the run stopped early: results are partial
 * @param msPerImage  mean time per scored target
 * @param backbone    the backbone as described by its extractor
 * @param scorer      the scorer's description
 */
public record RunResult(InspectionRequest request, List<ImageResult> results, List<ImageFailure> failures,
        Normalizer normalizer, AnomalyEvaluation.Report report, boolean cancelled, double msPerImage, String backbone,
        String scorer) {

    public RunResult {
        results = Collections.unmodifiableList(new ArrayList<>(results)); // null entries allowed
        failures = List.copyOf(failures);
    }

    public int scoredCount() {
        return (int) results.stream().filter(r -> r != null).count();
    }

    /** Failures of images to score (calibration failures left out). */
    public List<ImageFailure> targetFailures() {
        return failures.stream().filter(f -> f.role() == ImageFailure.Role.TARGET).toList();
    }

    public long flaggedCount() {
        return normalizer == null ? 0
                : results.stream().filter(r -> r != null && normalizer.flagged(r.score())).count();
    }

    /** "backbone; scorer". */
    public String description() {
        return backbone + "; " + scorer;
    }
}
