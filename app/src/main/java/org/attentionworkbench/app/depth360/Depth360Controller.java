package org.attentionworkbench.app.depth360;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javafx.concurrent.Task;
import org.attentionworkbench.app.workspace.Workbench;

/**
 * Commands of the 360° depth page, on the FX thread: opening a panorama file or the sample room
 * and exporting the view run on the workbench's task runner; results land in the
 * {@link Depth360Model}. The next steps (depth model, overlay, measuring, 3D view) add their
 * commands here and take the shown panorama from {@link Depth360Model#panorama()}.
 */
public final class Depth360Controller {
    private static final Logger LOG = Logger.getLogger(Depth360Controller.class.getName());

    private final Workbench workbench;
    private final Depth360Model model = new Depth360Model();
    private Consumer<Throwable> errorHandler = e -> { };
    private Task<?> loading;

    public Depth360Controller(Workbench workbench) {
        this.workbench = workbench;
    }

    public Depth360Model model() { return model; }
    public Workbench workbench() { return workbench; }

    /** Who shows an error to the user (the page shows a dialog). */
    public void setErrorHandler(Consumer<Throwable> handler) {
        this.errorHandler = handler;
    }

    /** Reads {@code file} off the FX thread (progress and Cancel in the status bar). */
    public void open(Path file) {
        cancelLoading();
        model.status.set("Opening " + file.getFileName() + "…");
        loading = workbench.tasks().submit("Opening panorama " + file.getFileName(),
                progress -> Depth360Service.load(file, progress), this::show, this::failed);
    }

    /** Renders the sample room off the FX thread and shows it. */
    public void openSampleRoom() {
        cancelLoading();
        model.status.set("Rendering the sample room…");
        loading = workbench.tasks().submit("Sample room",
                progress -> Depth360Service.sampleRoom(Depth360Service.ROOM_WIDTH, Depth360Service.ROOM_HEIGHT),
                this::show, this::failed);
    }

    /** Shows a panorama that is already in memory. */
    public void show(LoadedPanorama p) {
        model.panorama.set(p);
        String size = String.format(Locale.ROOT, "%s: %d×%d", p.displayName(), p.image().width(), p.image().height());
        model.status.set(p.notes().isEmpty() ? size : size + " — " + String.join("; ", p.notes()));
        p.notes().forEach(LOG::info);
        LOG.info("Opened panorama " + (p.file() == null ? p.displayName() : p.file()));
    }

    /** Renders the captured view and writes it as a PNG, off the FX thread. */
    public void exportView(ViewExport view, Path file) {
        workbench.tasks().submit("Export view", progress -> {
            Depth360Service.writePng(view.render(), view.width(), view.height(), file);
            return file;
        }, f -> model.status.set("Saved view to " + f), this::failed);
    }

    private void cancelLoading() {
        if (loading != null && loading.isRunning()) {
            loading.cancel();
        }
    }

    private void failed(Throwable e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        model.status.set("Failed: " + msg);
        LOG.warning(msg);
        errorHandler.accept(e);
    }
}
