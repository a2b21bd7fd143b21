package org.attentionworkbench.app.anomaly;

import java.nio.file.Path;
import java.util.List;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.data.AnomalyItem;

/**
 * One inspection run, immutable: normal prompt images, the images to score (in file order), the backbone
 * checkpoint, the model input size and the scorer settings.
 */
public record InspectionRequest(List<Path> prompts, List<AnomalyItem> items, Path backbone, int inputSize,
        AnomalyInspector.Settings settings) {
    public InspectionRequest {
        prompts = List.copyOf(prompts);
        items = List.copyOf(items);
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("choose at least one normal prompt image");
        }
    }
}
