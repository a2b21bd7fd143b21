package org.attentionworkbench.compute.models.omnifusion;

/** Progress of one prediction and the way to cancel it (polled between stages). */
public interface OmniFusionProgress {
    OmniFusionProgress NONE = (fraction, stage) -> { };

    /** fraction in [0, 1]; stage names the step ("patches", "encoder 1", "decoder 1", "merge 1", …). */
    void progress(double fraction, String stage);

    /** When true, the prediction stops at the next stage with a {@link java.util.concurrent.CancellationException}. */
    default boolean cancelled() {
        return false;
    }
}
