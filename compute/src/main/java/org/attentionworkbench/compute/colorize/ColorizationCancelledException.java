package org.attentionworkbench.compute.colorize;

/** A colorization stopped because its {@link ProgressListener} asked to cancel. */
public final class ColorizationCancelledException extends RuntimeException {
    public ColorizationCancelledException(String method) {
        super(method + ": cancelled");
    }
}
