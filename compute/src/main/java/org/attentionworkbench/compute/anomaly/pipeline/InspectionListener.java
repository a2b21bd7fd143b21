package org.attentionworkbench.compute.anomaly.pipeline;

import org.attentionworkbench.compute.anomaly.Normalizer;

/**
 * What a run reports while it goes, called on the run's thread (a GUI hands over to its own thread).
 * Every method does nothing by default.
 */
public interface InspectionListener {

    /** What the run is doing now ("Loading backbone …"). */
    default void stage(String message) {}

    /** Something the user should know that does not stop the run (e.g. a refiner trained on other features). */
    default void warning(String message) {}

    /** The prompts are encoded and the scorer is built. */
    default void prompts(PromptSet prompts) {}

    /** One held-out normal image is done ({@code done} of {@code total}, failed or not). */
    default void calibrated(int done, int total, String name) {}

    /** Target {@code index} is scored. */
    default void scored(int index, ImageResult result) {}

    /** An image could not be scored; the run goes on. */
    default void failed(ImageFailure failure) {}

    /** A normaliser across the set: provisional while an uncalibrated run goes on, final at the end. */
    default void normalizer(Normalizer normalizer, boolean provisional) {}
}
