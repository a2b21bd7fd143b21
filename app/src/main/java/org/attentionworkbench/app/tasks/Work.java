package org.attentionworkbench.app.tasks;

/** A piece of long work: runs off the FX thread, reports progress, checks for cancel. */
@FunctionalInterface
public interface Work<T> {

    T call(Progress progress) throws Exception;

    /** What the work may tell the status bar; safe to call from the worker thread. */
    interface Progress {
        void update(double done, double total);

        void message(String text);

        boolean isCancelled();
    }
}
