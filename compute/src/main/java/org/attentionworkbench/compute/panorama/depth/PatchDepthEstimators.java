package org.attentionworkbench.compute.panorama.depth;

import java.nio.file.Path;

/** Opens a depth checkpoint as a {@link PatchDepthEstimator}. */
public final class PatchDepthEstimators {
    private PatchDepthEstimators() {}

    /**
     * Not yet: the Depth Anything loader is being built separately and will be plugged in here.
     *
     * @throws UnsupportedOperationException always, naming the file
     */
    public static PatchDepthEstimator open(Path checkpoint) {
        throw new UnsupportedOperationException(checkpoint + ": model loading for panorama-eval arrives with "
                + "Depth Anything; use --model simulated for now");
    }
}
