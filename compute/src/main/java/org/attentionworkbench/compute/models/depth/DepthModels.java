package org.attentionworkbench.compute.models.depth;

import java.nio.file.Path;
import org.attentionworkbench.compute.tensor.Device;

/** Opens a depth model file or folder on a device, detecting its layout. */
public final class DepthModels {
    private DepthModels() {}

    /**
     * A Depth Anything V2 checkpoint: an HF folder (model.safetensors + config.json [+
     * preprocessor_config.json]) or its model.safetensors, or an original depth_anything_v2_*.pth.
     * Errors are {@link org.attentionworkbench.compute.checkpoint.CheckpointException}s naming the file.
     */
    public static DepthModel open(Path path, Device device) {
        return open(path, device, DepthOptions.defaults());
    }

    /** As {@link #open(Path, Device)}, with what the file cannot tell (metric range, heads of odd widths). */
    public static DepthModel open(Path path, Device device, DepthOptions options) {
        return new DepthAnything(device, DepthAnythingLoader.load(path, options));
    }
}
