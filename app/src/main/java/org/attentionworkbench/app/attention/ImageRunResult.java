package org.attentionworkbench.app.attention;

import java.nio.file.Path;
import java.util.List;
import org.attentionworkbench.compute.explain.Artifacts;
import org.attentionworkbench.compute.explain.AttentionMaps;
import org.attentionworkbench.compute.explain.HeadStatistics;

/**
 * What one forward pass produced for the views: every layer's attention, the per-head statistics,
 * the artifact tokens and the top classes. Immutable (the arrays inside are never written after the
 * pass), so the FX thread can read it while a later pass runs.
 *
 * @param patch   patch size in model-input pixels
 * @param inputW  model input width in pixels (gridW · patch)
 * @param inputH  model input height in pixels
 * @param top     top classes, empty when the model has no classifier head
 */
public record ImageRunResult(ImageRunRequest.Key key, String imageName, String modelName, boolean trained,
        Path card, String layout, AttentionMaps maps, HeadStatistics stats, List<Artifacts.Artifact> artifacts,
        int patch, int inputW, int inputH, List<Prediction> top, long millis) {

    /** Token index of a patch (prefix tokens come first). */
    public int patchToken(int patch) {
        return maps.prefix() + patch;
    }
}
