package org.attentionworkbench.compute.anomaly.pipeline;

import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.AnomalyMap;
import org.attentionworkbench.compute.anomaly.PatchFeatures;

/**
 * One scored image, immutable (handed from the run's worker thread to a view).
 *
 * @param patches  per-patch anomaly [gridH·gridW]
 * @param map      the smoothed raw map at the model input size S×S (the whole image squashed)
 * @param features the target's patch features, kept for the prompt ↔ target view (which prompt patch
 *                 a target patch matched) so hovering never runs the backbone again
 */
public record ImageResult(float score, float[] patches, int gridH, int gridW, AnomalyMap map, PatchFeatures features) {

    static ImageResult of(AnomalyInspector.Scored s, PatchFeatures features) {
        return new ImageResult(s.score(), s.patches(), s.gridH(), s.gridW(), s.map(), features);
    }

    /** As the evaluation takes it. */
    public AnomalyInspector.Scored scored() {
        return new AnomalyInspector.Scored(patches, gridH, gridW, map, score);
    }
}
