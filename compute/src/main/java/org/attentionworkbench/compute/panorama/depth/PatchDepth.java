package org.attentionworkbench.compute.panorama.depth;

import org.attentionworkbench.compute.models.depth.DepthKind;

/**
 * A perspective model's depth for one tangent patch, in the patch's own planar (pinhole) frame:
 * h×w row-major, row 0 the patch's top. Non-finite values mark pixels without a prediction.
 */
public record PatchDepth(float[] values, int width, int height, DepthKind kind) {
    public PatchDepth {
        if (kind == null) {
            throw new IllegalArgumentException("depth kind is required");
        }
        if (width < 1 || height < 1 || values == null || values.length != (long) width * height) {
            throw new IllegalArgumentException("patch depth has " + (values == null ? "no" : values.length)
                    + " values for " + width + "×" + height);
        }
    }
}
