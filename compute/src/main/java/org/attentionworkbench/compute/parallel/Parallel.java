package org.attentionworkbench.compute.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one seam for data parallelism in the engine: a fixed pool of our own (never the common pool,
 * which a JavaFX application shares), sized by {@code workbench.threads} or the core count.
 */
public final class Parallel {
    /** A body over a half-open range of indices. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    private static final int THREADS = Integer.getInteger("workbench.threads",
            Runtime.getRuntime().availableProcessors());
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, new ThreadFactory() {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "workbench-compute-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);

    private Parallel() {}

    public static int threads() {
        return THREADS;
    }

    /**
     * Splits [from, to) into at most {@link #threads()} contiguous chunks of at least {@code grain}
     * indices and runs them in parallel; the caller runs one chunk itself. Nested calls run serially.
     */
    public static void forRange(int from, int to, int grain, RangeBody body) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        int chunks = Math.min(THREADS, Math.max(1, n / Math.max(1, grain)));
        if (chunks == 1 || INSIDE.get()) {
            body.run(from, to);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(chunks - 1);
        int step = n / chunks;
        int rem = n % chunks;
        int start = from;
        int[] bounds = new int[chunks + 1];
        for (int c = 0; c < chunks; c++) {
            bounds[c] = start;
            start += step + (c < rem ? 1 : 0);
        }
        bounds[chunks] = to;
        for (int c = 1; c < chunks; c++) {
            int lo = bounds[c];
            int hi = bounds[c + 1];
            futures.add(POOL.submit(() -> {
                INSIDE.set(true);
                try {
                    body.run(lo, hi);
                } finally {
                    INSIDE.set(false);
                }
            }));
        }
        boolean was = INSIDE.get();
        INSIDE.set(true);
        try {
            body.run(bounds[0], bounds[1]);
        } finally {
            INSIDE.set(was);
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                if (c instanceof Error er) {
                    throw er;
                }
                throw new IllegalStateException(c);
            }
        }
    }
}
