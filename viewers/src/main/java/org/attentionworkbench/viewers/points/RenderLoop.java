package org.attentionworkbench.viewers.points;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.attentionworkbench.viewers.points.render.Camera;
import org.attentionworkbench.viewers.points.render.Frame;
import org.attentionworkbench.viewers.points.render.PointBatch;
import org.attentionworkbench.viewers.points.render.PointRenderer;
import org.attentionworkbench.viewers.points.render.RenderSettings;

/**
 * The view's render thread. Requests coalesce: only the newest is kept, so a renderer slower than
 * the mouse draws the latest camera next instead of working through a queue. After delivering a
 * frame it draws no other view frame until the FX thread has taken it ({@link #frameTaken}), which
 * both throttles it to what the screen shows and lets it reuse two sets of frame arrays. Snapshots
 * are never dropped and never wait for the FX thread.
 * The renderers it was given are closed on this thread (GL contexts belong to one thread).
 */
final class RenderLoop implements AutoCloseable {
    /** What to draw; the camera is a private copy. */
    record Job(PointScene scene, Camera camera, RenderSettings settings, PointRenderer renderer) {}

    /** A drawn frame (arrays owned by the loop until the next-but-one frame), or the error that stopped it. */
    record Result(Job job, Frame frame, List<PointBatch> batches, double millis, long points, String note,
            Throwable error) {}

    private record Snapshot(Job job, CompletableFuture<Frame> future) {}

    private final Object lock = new Object();
    private final Consumer<Result> deliver;
    private final Thread thread;
    private Job pending;
    private final ArrayDeque<Snapshot> snapshots = new ArrayDeque<>();
    private final List<PointRenderer> retired = new ArrayList<>();
    private boolean waitingForTake;
    private boolean closed;
    private long rendered;

    // Touched by the render thread only.
    private PointRenderer current;
    private final int[][] argb = new int[2][];
    private final int[][] ids = new int[2][];
    private final float[][] depth = new float[2][];
    private int slot;

    /** {@code deliver} runs on the render thread and must hand the result to the FX thread. */
    RenderLoop(String name, Consumer<Result> deliver) {
        this.deliver = deliver;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Replaces any request not yet started. */
    void request(Job job) {
        synchronized (lock) {
            pending = job;
            lock.notifyAll();
        }
    }

    CompletableFuture<Frame> snapshot(Job job) {
        CompletableFuture<Frame> f = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                f.completeExceptionally(new IllegalStateException("the point-cloud view is closed"));
            } else {
                snapshots.add(new Snapshot(job, f));
                lock.notifyAll();
            }
        }
        return f;
    }

    /** Hands a renderer that is no longer wanted to the loop, which closes it on its thread. */
    void retire(PointRenderer renderer) {
        synchronized (lock) {
            retired.add(renderer);
            lock.notifyAll();
        }
    }

    /** Called on the FX thread once the delivered frame is on screen. */
    void frameTaken() {
        synchronized (lock) {
            waitingForTake = false;
            lock.notifyAll();
        }
    }

    /** Frames drawn for the view so far (snapshots not counted). */
    long renderedFrames() {
        synchronized (lock) {
            return rendered;
        }
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    /** Stops the thread (waiting up to {@code millis} for a frame in progress) and closes the renderers. */
    void close(long millis) {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(2000);
    }

    private void run() {
        try {
            while (true) {
                Job job = null;
                Snapshot snap;
                List<PointRenderer> toClose;
                synchronized (lock) {
                    // A view frame waits until the last one is taken; snapshots and closing never wait
                    // (so a snapshot awaited on the FX thread cannot dead-lock with a frame for it).
                    while (!closed && snapshots.isEmpty() && retired.isEmpty()
                            && (pending == null || waitingForTake)) {
                        lock.wait();
                    }
                    if (closed) {
                        return;
                    }
                    toClose = new ArrayList<>(retired);
                    retired.clear();
                    snap = snapshots.poll();
                    if (snap == null && pending != null && !waitingForTake) {
                        job = pending;
                        pending = null;
                    }
                }
                for (PointRenderer r : toClose) {
                    closeQuietly(r);
                    if (r == current) {
                        current = null;
                    }
                }
                if (snap != null) {
                    renderSnapshot(snap);
                } else if (job != null) {
                    Result result = renderForView(job);
                    synchronized (lock) {
                        rendered++;
                        waitingForTake = true;
                    }
                    deliver.accept(result);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            shutDown();
        }
    }

    private Result renderForView(Job job) {
        if (job.renderer() == null) {
            return new Result(job, null, List.of(), 0, 0, "no renderer", null);
        }
        try {
            use(job.renderer());
            RenderSettings s = job.settings();
            long t0 = System.nanoTime();
            List<PointBatch> batches = job.scene().batchesFor(job.camera(), s.width(), s.height());
            Frame f = job.renderer().render(batches, job.camera(), s);
            double ms = (System.nanoTime() - t0) / 1e6;
            Frame own = copyIntoSlot(f);
            return new Result(job, own, batches, ms, count(batches), job.renderer().description(), null);
        } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
            return new Result(job, null, List.of(), 0, 0, job.renderer().name() + " renderer failed: " + e.getMessage(),
                    e);
        }
    }

    private void renderSnapshot(Snapshot snap) {
        Job job = snap.job();
        if (job.renderer() == null) {
            snap.future().completeExceptionally(new IllegalStateException("the view has no renderer"));
            return;
        }
        try {
            use(job.renderer());
            RenderSettings s = job.settings();
            Frame f = job.renderer().render(job.scene().batchesFor(job.camera(), s.width(), s.height()), job.camera(),
                    s);
            snap.future().complete(new Frame(f.width(), f.height(), f.argb().clone(), f.ids().clone(),
                    f.depth().clone()));
        } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
            snap.future().completeExceptionally(e);
        }
    }

    /** The renderer may reuse its arrays; the view keeps its own, alternating two sets. */
    private Frame copyIntoSlot(Frame f) {
        slot ^= 1;
        int n = f.width() * f.height();
        if (argb[slot] == null || argb[slot].length != n) {
            argb[slot] = new int[n];
            ids[slot] = new int[n];
            depth[slot] = new float[n];
        }
        System.arraycopy(f.argb(), 0, argb[slot], 0, n);
        System.arraycopy(f.ids(), 0, ids[slot], 0, n);
        System.arraycopy(f.depth(), 0, depth[slot], 0, n);
        return new Frame(f.width(), f.height(), argb[slot], ids[slot], depth[slot]);
    }

    private void use(PointRenderer r) {
        current = r;
    }

    private void shutDown() {
        List<Snapshot> left;
        List<PointRenderer> toClose;
        synchronized (lock) {
            closed = true;
            left = new ArrayList<>(snapshots);
            snapshots.clear();
            toClose = new ArrayList<>(retired);
            retired.clear();
        }
        for (Snapshot s : left) {
            s.future().completeExceptionally(new IllegalStateException("the point-cloud view was closed"));
        }
        if (current != null && !toClose.contains(current)) {
            toClose.add(current);
        }
        toClose.forEach(RenderLoop::closeQuietly);
    }

    private static long count(List<PointBatch> batches) {
        long n = 0;
        for (PointBatch b : batches) {
            n += b.count();
        }
        return n;
    }

    private static void closeQuietly(PointRenderer r) {
        try {
            r.close();
        } catch (RuntimeException e) {
            // Closing is best effort: a failed close must not stop the loop or the view.
        }
    }
}
