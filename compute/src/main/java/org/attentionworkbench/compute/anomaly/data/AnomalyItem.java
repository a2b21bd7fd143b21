package org.attentionworkbench.compute.anomaly.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One test image.
 *
 * @param defectClass the defect's name ("scratch", "ko", ...) for a defect, "good" for a good image,
 *                    null when unknown
 * @param mask        the ground-truth mask file (white = defect), or null when the dataset has none
 */
public record AnomalyItem(Path image, AnomalyLabel label, String defectClass, Path mask) {
    public AnomalyItem {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(label, "label");
    }
}
