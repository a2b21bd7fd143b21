package org.attentionworkbench.app.labs;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.labs.Lab;
import org.attentionworkbench.compute.labs.LabException;
import org.attentionworkbench.compute.labs.LabOption;

/**
 * Commands of the Labs page, on the FX thread: choose a lab (its option values reset to the defaults),
 * run it on the workbench's task runner (progress and Cancel in the page and the status bar), export
 * the last result. Results and errors land in the {@link LabsModel}; a lab's error never escapes.
 */
public final class LabsController {
    private static final Logger LOG = Logger.getLogger(LabsController.class.getName());

    private final Workbench workbench;
    private final LabsModel model = new LabsModel();
    private Task<?> running;

    public LabsController(Workbench workbench, List<Lab> labs) {
        this.workbench = workbench;
        model.labs.setAll(labs);
        model.selected.addListener((obs, was, lab) -> resetValues());
    }

    public LabsModel model() { return model; }

    public void select(Lab lab) {
        model.selected.set(lab);
    }

    /** Sets one option's text value (the form calls this as the user types). */
    public void setValue(String option, String value) {
        model.values.put(option, value);
    }

    /** The selected lab's defaults. */
    public void resetValues() {
        model.values.clear();
        Lab lab = model.selected.get();
        if (lab != null) {
            for (LabOption o : lab.options()) {
                model.values.put(o.name(), o.defaultValue());
            }
        }
    }

    /** Runs the selected lab with the values shown, off the FX thread; a run still going is cancelled first. */
    public void run() {
        Lab lab = model.selected.get();
        if (lab == null) {
            return;
        }
        cancel();
        Map<String, String> typed = Map.copyOf(model.values);
        model.error.set("");
        model.status.set("Running " + lab.title() + "…");
        model.progress.set(-1);
        model.running.set(true);
        Task<LabsModel.LabRun> task = workbench.tasks().submit("Lab " + lab.id(), p -> LabsService.run(lab, typed, p),
                this::finished, this::failed);
        running = task;
        task.progressProperty().addListener((obs, was, now) -> {
            if (running == task) {
                model.progress.set(now.doubleValue());
            }
        });
        task.messageProperty().addListener((obs, was, now) -> {
            if (running == task && now != null && !now.isEmpty()) {
                model.status.set(now);
            }
        });
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_CANCELLED, e -> {
            if (running == task) {
                running = null;
                model.running.set(false);
                model.status.set(lab.title() + ": cancelled");
            }
        });
    }

    /** Stops the run in progress (the lab stops at its next progress check). */
    public void cancel() {
        if (running != null && running.isRunning()) {
            running.cancel();
        }
    }

    /** Writes the last result (JSON, CSVs, PNGs, lab.json) into dir, off the FX thread. */
    public void export(Path dir) {
        LabsModel.LabRun r = model.result.get();
        if (r == null) {
            return;
        }
        model.status.set("Exporting to " + dir + "…");
        workbench.tasks().submit("Export lab figures", p -> LabFiles.write(r.lab(), r.options(), r.figures(), dir),
                files -> model.status.set("Exported " + files.size() + " files to " + dir),
                e -> {
                    model.error.set("Export to " + dir + " failed: " + message(e));
                    model.status.set("");
                });
    }

    private void finished(LabsModel.LabRun r) {
        running = null;
        model.running.set(false);
        model.progress.set(1);
        model.result.set(r);
        int n = r.figures().plots().size() + r.figures().heatmaps().size() + r.figures().tables().size();
        model.status.set(String.format(Locale.ROOT, "%s: done in %.1f s, %d figure%s", r.lab().title(), r.seconds(), n,
                n == 1 ? "" : "s"));
        LOG.info("Lab " + r.lab().id() + " ran in " + String.format(Locale.ROOT, "%.2f s", r.seconds()));
    }

    private void failed(Throwable e) {
        running = null;
        model.running.set(false);
        model.progress.set(0);
        model.status.set("");
        // a LabException is the user's to fix (an option, a file); anything else is a fault in the lab
        model.error.set(e instanceof LabException ? e.getMessage() : "The lab failed: " + e);
        LOG.warning(model.error.get());
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
