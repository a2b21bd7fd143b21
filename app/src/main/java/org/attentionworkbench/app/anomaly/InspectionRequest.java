package org.attentionworkbench.app.anomaly;

import java.nio.file.Path;
import java.util.List;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.data.AnomalyItem;

/**
 * One inspection run, immutable: normal prompt images, held-out normal images that calibrate the
 * threshold (may be empty), the images to score (in file order), the backbone checkpoint, the model
 * input size and the scorer settings.
 */
public record InspectionRequest(List<Path> prompts, List<Path> calibration, List<AnomalyItem> items, Path backbone,
        int inputSize, AnomalyInspector.Settings settings) {
    public InspectionRequest {
        prompts = List.copyOf(prompts);
        calibration = List.copyOf(calibration);
        items = List.copyOf(items);
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("choose at least one normal prompt image");
        }
    }
}
