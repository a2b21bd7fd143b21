package org.attentionworkbench.compute.depth.metrics;

/** The inputs cannot be scored: sizes differ, no valid pixel, a non-finite prediction, an alignment with no solution. */
public final class InvalidDepthInputException extends IllegalArgumentException {
    public InvalidDepthInputException(String message) {
        super(message);
    }
}
