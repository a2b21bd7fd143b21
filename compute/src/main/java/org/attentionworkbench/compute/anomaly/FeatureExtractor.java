package org.attentionworkbench.compute.anomaly;

import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.tensor.Device;

/**
 * A backbone turned into per-patch features. The backbone is a choice: {@link MobileNetFeatures}
 * (multi-scale CNN features, PatchCore-style) or {@link ViTFeatures} (a ViT's patch tokens, e.g. DINO).
 * Every image is squashed to {@link #inputSize()}² (whole image, no crop: a defect at the border must
 * not be cut away), so the grids of all images agree.
 */
public interface FeatureExtractor extends AutoCloseable {

    /** Patch features of one image. */
    PatchFeatures extract(RgbImage image);

    /** The side of the square model input. */
    int inputSize();

    /** For messages and metadata, e.g. "mobilenet_v2 taps 3,6,13". */
    String describe();

    Device device();

    @Override
    void close();
}
