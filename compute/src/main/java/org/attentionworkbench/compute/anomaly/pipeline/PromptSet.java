package org.attentionworkbench.compute.anomaly.pipeline;

import java.nio.file.Path;
import java.util.List;
import org.attentionworkbench.compute.anomaly.PatchFeatures;

/**
 * The normal prompts of a run as the prompt ↔ target view needs them: the files, their patch features,
 * and how the run scores (reconstruction by attention, or a memory bank's nearest neighbour).
 */
public record PromptSet(List<Path> files, List<PatchFeatures> features, boolean reconstruction, float temperature) {
    public PromptSet {
        files = List.copyOf(files);
        features = List.copyOf(features);
    }
}
