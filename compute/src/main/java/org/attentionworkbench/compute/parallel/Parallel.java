package org.attentionworkbench.compute.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

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

    /**
     * How long a worker (and a caller waiting for one) spins before it parks. A model's forward pass
     * is hundreds of ops of 20-500 µs each; waking a parked thread per op costs tens of µs, so the
     * workers stay awake across the short gap between one op and the next. 1 ms also covers the
     * caller's own serial steps between ops (allocating a kept attention map: ~0.1 ms); with 100 µs
     * the ViT-S forward with all maps had more slow outliers (medians 41.1-49.7 vs 40.1-41.6 ms, three
     * JVMs each). An idle pool parks 1 ms after its last op.
     */
    private static final long SPIN_NANOS = Long.getLong("workbench.spinMicros", 1000) * 1000;

    /**
     * Spinning pays only while the cores are ours. With more runnable threads than cores (the system
     * load average above the core count + ½, read at most once a second) a spinning thread takes the
     * core from one doing work, so threads park at once instead: on the shared 2-core machine (load
     * ~8) the MobileNetV2 features took 127 ms per image spinning and 46 ms parking, like OpenMP's
     * ACTIVE vs PASSIVE wait policy for PyTorch (830 vs 100 ms).
     */
    private static long spinNanos() {
        long now = System.nanoTime();
        if (now - loadCheckedAt > 1_000_000_000L) {
            loadCheckedAt = now;
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            crowded = load > Runtime.getRuntime().availableProcessors() + 0.5;
        }
        return crowded ? 0 : SPIN_NANOS;
    }

    private static long loadCheckedAt = System.nanoTime() - 2_000_000_000L;
    private static boolean crowded;

    /** Spinning workers for the usual case, one caller at a time; a busy crew sends callers to POOL. */
    private static final Worker[] CREW = new Worker[THREADS - 1];
    private static final ReentrantLock CREW_LOCK = new ReentrantLock();

    static {
        for (int i = 0; i < CREW.length; i++) {
            CREW[i] = new Worker();
            Thread t = new Thread(CREW[i]::loop, "workbench-crew-" + (i + 1));
            t.setDaemon(true);
            CREW[i].thread = t;
            t.start();
        }
    }

    /**
     * One crew thread: takes a task from its slot, runs it, reports done (or the failure). A task the
     * worker has not started yet can be taken back by the caller ({@link #cancel}).
     */
    private static final class Worker {
        Thread thread;
        private RangeBody body;
        private int lo, hi;
        private Throwable failure;
        /** Written last by the caller (after body, lo, hi) and by the worker: the hand-off. */
        private final AtomicInteger state = new AtomicInteger(); // 0 idle, 1 task posted, 3 running, 2 done

        void post(RangeBody b, int from, int to) {
            body = b;
            lo = from;
            hi = to;
            failure = null;
            state.set(1);
            LockSupport.unpark(thread);
        }

        /** Takes back a posted task the worker has not started; false when it has. */
        boolean cancel() {
            return state.compareAndSet(1, 0);
        }

        void loop() {
            INSIDE.set(true);
            while (true) {
                long until = System.nanoTime() + spinNanos();
                while (state.get() != 1) {
                    if (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                if (!state.compareAndSet(1, 3)) {
                    continue; // taken back by the caller
                }
                try {
                    body.run(lo, hi);
                } catch (Throwable e) {
                    failure = e;
                }
                body = null;
                state.set(2);
            }
        }

        /** Takes back the posted task if it has not started, else waits for it and rethrows what it threw. */
        void await() {
            if (cancel()) {
                return;
            }
            long until = System.nanoTime() + spinNanos();
            while (state.get() != 2) {
                if (System.nanoTime() < until) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            state.set(0);
            Throwable f = failure;
            failure = null;
            if (f instanceof RuntimeException re) {
                throw re;
            }
            if (f instanceof Error er) {
                throw er;
            }
            if (f != null) {
                throw new IllegalStateException(f);
            }
        }
    }

    private Parallel() {}

    public static int threads() {
        return THREADS;
    }

    /**
     * Splits [from, to) into at most {@link #threads()} contiguous chunks of at least {@code grain}
     * indices and runs them in parallel; the caller runs one chunk itself, and any other chunk no worker
     * has started by then (a chunk may run on any thread, one after another). Nested calls run serially.
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
        if (CREW_LOCK.tryLock()) {
            try {
                runOnCrew(body, bounds, chunks);
            } finally {
                CREW_LOCK.unlock();
            }
            return;
        }
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

    /**
     * Chunk 0 here, chunks 1.. claimed by whoever is free first: the crew, or this thread once its own
     * chunk is done. On a shared machine a crew thread may not be scheduled for a while; its chunk is
     * then run here instead of waited for, and the task it never started is taken back. Waits for the
     * chunks the crew did take, rethrowing the first failure.
     */
    private static void runOnCrew(RangeBody body, int[] bounds, int chunks) {
        AtomicInteger next = new AtomicInteger(1);
        RangeBody claim = (unusedLo, unusedHi) -> {
            for (int c; (c = next.getAndIncrement()) < chunks; ) {
                body.run(bounds[c], bounds[c + 1]);
            }
        };
        for (int c = 1; c < chunks; c++) {
            CREW[c - 1].post(claim, 0, 0);
        }
        Throwable failure = null;
        INSIDE.set(true);
        try {
            body.run(bounds[0], bounds[1]);
            claim.run(0, 0);
        } catch (Throwable e) {
            failure = e;
        } finally {
            INSIDE.set(false);
        }
        // every posted chunk is awaited, so the crew is idle again before the lock is released
        for (int c = 1; c < chunks; c++) {
            try {
                CREW[c - 1].await();
            } catch (Throwable e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error er) {
            throw er;
        }
    }
}
