package org.attentionworkbench.compute.panorama.depth;

import org.attentionworkbench.compute.panorama.TangentPatch;

/** Progress of a {@link PanoramaDepthPipeline} run, called on the running thread; also its cancel switch. */
public interface PanoramaDepthListener {
    PanoramaDepthListener NONE = new PanoramaDepthListener() {};

    /** A patch's depth is in (the model's raw output), so a view can show it before the rest are done. */
    default void patchEstimated(int index, int total, TangentPatch patch, PatchDepth depth) {}

    /** A step started: "patches", "align", "blend". */
    default void stage(String name) {}

    /** Polled between patches and solver iterations; true stops the run with a CancellationException. */
    default boolean cancelled() {
        return false;
    }
}
