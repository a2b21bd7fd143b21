package org.attentionworkbench.app.labs;

import java.util.Map;
import org.attentionworkbench.app.tasks.Work;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.labs.Lab;
import org.attentionworkbench.compute.labs.LabException;
import org.attentionworkbench.compute.labs.LabOptions;
import org.attentionworkbench.compute.labs.LabProgress;

/** The Labs page's work, without UI, on a worker thread: checking the options and running a lab. */
public final class LabsService {
    private LabsService() {}

    /** Checks the typed values against the lab's options, runs it, and times it. */
    public static LabsModel.LabRun run(Lab lab, Map<String, String> typed, Work.Progress progress) throws LabException {
        LabOptions options = LabOptions.of(lab, typed);
        long start = System.nanoTime();
        FigureSet figures = lab.run(options, progress(progress));
        return new LabsModel.LabRun(lab, options.asMap(), figures, (System.nanoTime() - start) / 1e9);
    }

    /** The task's progress as a lab sees it: messages and fractions go to the status bar, Cancel comes back. */
    static LabProgress progress(Work.Progress p) {
        return new LabProgress() {
            @Override
            public void update(String message, double fraction) {
                if (message != null) {
                    p.message(message);
                }
                p.update(Double.isFinite(fraction) ? Math.max(0, Math.min(1, fraction)) : -1, 1);
            }

            @Override
            public boolean cancelled() {
                return p.isCancelled() || Thread.currentThread().isInterrupted();
            }
        };
    }
}
