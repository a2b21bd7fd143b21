package org.attentionworkbench.app.colorize;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.attentionworkbench.compute.colorize.ColorizationCancelledException;

/**
 * A worker thread that only ever runs the newest request: requests that arrive while one runs
 * replace each other in a one-slot mailbox, so a burst of hint edits (a drag) costs one run per
 * run-time, not one per event. With {@code cancelSuperseded} the running job is also told to stop
 * as soon as a newer request waits (the full-resolution lane); without, it finishes and shows
 * (the live lane: during a drag the user sees every result the machine can make).
 *
 * <p>One thread, so whatever the job holds (method instances with per-image caches) is confined to it.
 */
final class LatestLane<Q, R> implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LatestLane.class.getName());

    /** The work; {@code superseded} turns true when a newer request waits (poll it to cancel). */
    interface Job<Q, R> {
        R run(Q request, BooleanSupplier superseded) throws Exception;
    }

    private final ExecutorService thread;
    private final Job<Q, R> job;
    private final boolean cancelSuperseded;
    private final Executor deliver;
    private final Consumer<R> onResult;
    private final Consumer<Throwable> onError;
    private final AtomicReference<Q> pending = new AtomicReference<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    /** {@code deliver} runs the callbacks (Platform::runLater in the app). */
    LatestLane(String name, Job<Q, R> job, boolean cancelSuperseded, Executor deliver, Consumer<R> onResult,
            Consumer<Throwable> onError) {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        this.job = job;
        this.cancelSuperseded = cancelSuperseded;
        this.deliver = deliver;
        this.onResult = onResult;
        this.onError = onError;
    }

    /** Queues {@code request}, replacing any request not yet started. */
    void submit(Q request) {
        pending.set(request);
        if (draining.compareAndSet(false, true)) {
            thread.execute(this::drain);
        }
    }

    /** Drops a request not yet started (a new image, a closed page). */
    void clear() {
        pending.set(null);
    }

    /** Runs {@code task} on the lane's thread after what is queued (closing per-thread resources). */
    void runOnLane(Runnable task) {
        thread.execute(task);
    }

    private void drain() {
        while (true) {
            Q q = pending.getAndSet(null);
            if (q == null) {
                draining.set(false);
                // a submit between the poll and the flag found draining still true: take it now
                if (pending.get() != null && draining.compareAndSet(false, true)) {
                    continue;
                }
                return;
            }
            try {
                R r = job.run(q, cancelSuperseded ? () -> pending.get() != null : () -> false);
                deliver.execute(() -> onResult.accept(r));
            } catch (ColorizationCancelledException e) {
                LOG.fine("superseded: " + e.getMessage());
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "colorization failed", t);
                deliver.execute(() -> onError.accept(t));
            }
        }
    }

    @Override
    public void close() {
        pending.set(null);
        thread.shutdown();
    }
}
