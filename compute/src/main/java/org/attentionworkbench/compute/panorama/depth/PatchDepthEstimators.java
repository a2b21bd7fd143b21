package org.attentionworkbench.compute.panorama.depth;

import java.nio.file.Path;
import org.attentionworkbench.compute.models.depth.DepthModels;
import org.attentionworkbench.compute.tensor.Device;

/** Opens a perspective depth checkpoint as a {@link PatchDepthEstimator} for the tangent-patch pipeline. */
public final class PatchDepthEstimators {
    private PatchDepthEstimators() {}

    /**
     * A Depth Anything V2 checkpoint in either layout ({@link DepthModels#open}) on {@code device}; errors
     * are {@link org.attentionworkbench.compute.checkpoint.CheckpointException}s naming the file. Close the
     * estimator to free the model.
     */
    public static ModelPatchEstimator open(Path checkpoint, Device device) {
        return new ModelPatchEstimator(DepthModels.open(checkpoint, device));
    }
}
