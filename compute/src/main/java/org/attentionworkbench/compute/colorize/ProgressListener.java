package org.attentionworkbench.compute.colorize;

/** Progress of one colorization, and the way to cancel it (polled between steps). */
public interface ProgressListener {
    ProgressListener NONE = (fraction, stage) -> {};

    /** fraction in [0, 1]; stage names the step ("features", "attention", "pcg", "upsample"). */
    void progress(double fraction, String stage);

    default boolean cancelled() {
        return false;
    }
}
