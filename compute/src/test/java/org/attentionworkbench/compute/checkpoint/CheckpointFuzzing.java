package org.attentionworkbench.compute.checkpoint;

import org.attentionworkbench.compute.models.vit.ViTLoader;
import org.attentionworkbench.compute.models.vit.ViTOptions;

/** What every checkpoint fuzz target does with a file that opened: read each tensor, then load it as a ViT. */
final class CheckpointFuzzing {
    private CheckpointFuzzing() {}

    /** Decodes every tensor and tries the ViT loader; only {@link CheckpointException} may come out. */
    static void readEverything(Checkpoint c) {
        for (TensorEntry e : c.entries()) {
            if (e.dtype().convertsToFloat()) {
                c.readFloats(e.name());
            } else {
                c.readLongs(e.name());
            }
            if (c.hasFloatView(e.name())) {
                c.floatView(e.name());
            }
        }
        ViTLoader.load(c, ViTOptions.defaults());
    }
}
