package org.attentionworkbench.compute.labs;

import java.util.concurrent.CancellationException;

/** Progress of a lab run and the user's cancel. */
public interface LabProgress {
    /** fraction in [0, 1], or NaN when unknown. */
    void update(String message, double fraction);

    boolean cancelled();

    /** Throws {@link CancellationException} when the user cancelled: call it inside long loops. */
    default void checkCancelled() {
        if (cancelled()) {
            throw new CancellationException("lab cancelled");
        }
    }

    /** No reporting, never cancelled (tests, the CLI without a terminal). */
    LabProgress NONE = new LabProgress() {
        @Override
        public void update(String message, double fraction) {}

        @Override
        public boolean cancelled() {
            return false;
        }
    };
}
