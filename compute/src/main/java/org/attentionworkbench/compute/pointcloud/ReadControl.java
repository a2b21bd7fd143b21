package org.attentionworkbench.compute.pointcloud;

import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * Progress (0..1) and cancellation for a long read. Readers call {@link #check(double)} every few
 * thousand points; a cancelled read throws {@link InterruptedIOException}.
 */
public record ReadControl(DoubleConsumer progress, BooleanSupplier cancelled) {
    public static final ReadControl NONE = new ReadControl(p -> { }, () -> false);

    public ReadControl {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancelled, "cancelled");
    }

    /** Reports {@code fraction} done and throws if the user cancelled. */
    public void check(double fraction) throws InterruptedIOException {
        if (cancelled.getAsBoolean()) {
            throw new InterruptedIOException("cancelled");
        }
        progress.accept(Math.max(0, Math.min(1, fraction)));
    }
}
