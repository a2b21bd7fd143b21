package org.attentionworkbench.app.anomaly;

import org.attentionworkbench.compute.anomaly.AnomalyMap;
import org.attentionworkbench.compute.anomaly.PatchFeatures;

/**
 * One scored image, immutable: handed from the run's worker thread to the FX thread.
 *
 * @param patches  per-patch anomaly [gridH·gridW]
 * @param map      the smoothed raw map at the model input size S×S (the whole image squashed)
 * @param features the target's patch features, kept for the prompt ↔ target view (which prompt patch
 *                 a target patch matched) so hovering never runs the backbone again
 */
public record ImageResult(float score, float[] patches, int gridH, int gridW, AnomalyMap map, PatchFeatures features) {}
