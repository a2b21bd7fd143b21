package org.attentionworkbench.app.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;

/**
 * The one way the app runs long work: each {@link Work} becomes a {@link Task} on this runner's own
 * executor (never the common pool), its result or failure is handed back on the FX thread, and the
 * most recent running task is published as {@link #currentProperty()} for the status bar's
 * progress bar, message and Cancel button.
 *
 * <p>Call {@link #submit} on the FX thread.
 */
public final class TaskRunner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TaskRunner.class.getName());
    private static final int THREADS = 3;

    private final ExecutorService executor;
    private final ReadOnlyObjectWrapper<Task<?>> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final List<Task<?>> running = new ArrayList<>();

    public TaskRunner() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "workbench-task-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
    }

    /** The task the status bar shows (the latest one still running), or null. */
    public ReadOnlyObjectProperty<Task<?>> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /**
     * Runs {@code work} in the background. {@code onSuccess} and {@code onFailure} run on the FX
     * thread; neither is called when the task is cancelled.
     */
    public <T> Task<T> submit(String title, Work<T> work, Consumer<? super T> onSuccess,
                              Consumer<? super Throwable> onFailure) {
        Task<T> task = new WorkTask<>(title, work);
        task.setOnSucceeded(e -> {
            finished(task);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            finished(task);
            Throwable error = task.getException();
            if (error instanceof CancellationException) {
                return;
            }
            LOG.log(Level.FINE, title + " failed", error);
            onFailure.accept(error);
        });
        task.setOnCancelled(e -> {
            finished(task);
            LOG.info(title + ": cancelled");
        });
        running.add(task);
        current.set(task);
        executor.execute(task);
        return task;
    }

    /** Cancels the task the status bar shows. */
    public void cancelCurrent() {
        Task<?> t = current.get();
        if (t != null) {
            t.cancel();
        }
    }

    private void finished(Task<?> task) {
        running.remove(task);
        if (current.get() == task) {
            current.set(running.isEmpty() ? null : running.get(running.size() - 1));
        }
    }

    /** Stops accepting work and interrupts what runs (on exit). */
    @Override
    public void close() {
        executor.shutdownNow();
        if (Platform.isFxApplicationThread()) {
            List.copyOf(running).forEach(Task::cancel); // a cancelled task leaves the list as it goes
        }
    }

    /** Adapts {@link Work} to a JavaFX task. */
    private static final class WorkTask<T> extends Task<T> {
        private final Work<T> work;

        WorkTask(String title, Work<T> work) {
            this.work = work;
            updateTitle(title);
            updateMessage(title + "…");
        }

        @Override
        protected T call() throws Exception {
            T result = work.call(new Work.Progress() {
                @Override
                public void update(double done, double total) {
                    updateProgress(done, total);
                }

                @Override
                public void message(String text) {
                    updateMessage(text);
                }

                @Override
                public boolean isCancelled() {
                    return WorkTask.this.isCancelled();
                }
            });
            if (isCancelled()) {
                throw new CancellationException(getTitle());
            }
            return result;
        }
    }
}
