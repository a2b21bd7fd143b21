package org.attentionworkbench.app.depth360;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;
import org.attentionworkbench.app.tasks.Work;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.models.catalog.ModelCache;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.heatmap.ValueRange;

/**
 * The depth step of the 360° page, on the FX thread: choosing a model, running it on the shown panorama
 * off the FX thread (progress, patches as they finish, Cancel keeps the previous result), the scale,
 * measuring, and the exports. State lives in {@link DepthStepModel}.
 */
public final class DepthController {
    private static final Logger LOG = Logger.getLogger(DepthController.class.getName());

    private final Workbench workbench;
    private final Depth360Model page;
    private final Path cacheDir;
    private final DepthStepModel model = new DepthStepModel();
    private final List<DepthModelChoice> opened = new ArrayList<>();
    private Consumer<Throwable> errorHandler = e -> { };
    private Task<PanoramaDepth> running;
    /** Bumped by every run, cancel and new panorama: late news from an older run is dropped. */
    private int generation;
    /** Width of the preview painted while patches arrive (coarse: it is replaced by the result). */
    static final int PREVIEW_WIDTH = 512;

    public DepthController(Workbench workbench, Depth360Model page) {
        this(workbench, page, ModelCache.defaultDir());
    }

    /** @param cacheDir where the model manager installs models (the installed depth models are listed from it) */
    public DepthController(Workbench workbench, Depth360Model page, Path cacheDir) {
        this.workbench = workbench;
        this.page = page;
        this.cacheDir = cacheDir;
        page.panoramaProperty().addListener((obs, was, p) -> panoramaChanged());
        refreshChoices();
    }

    public DepthStepModel model() { return model; }

    /** Who shows an error to the user (the page shows a dialog). */
    public void setErrorHandler(Consumer<Throwable> handler) {
        this.errorHandler = handler;
    }

    /** Lists the models: simulated when the panorama's depth is known, installed ones, opened checkpoints. */
    public void refreshChoices() {
        List<DepthModelChoice> all = new ArrayList<>();
        LoadedPanorama p = page.panorama();
        if (p != null && p.knownDepth() != null) {
            all.add(DepthModelChoice.simulated());
        }
        try {
            all.addAll(DepthModelChoice.installed(cacheDir));
        } catch (RuntimeException e) {
            LOG.warning("cannot list the installed depth models: " + e.getMessage());
        }
        all.addAll(opened);
        model.choices.setAll(all);
    }

    /** Checks a checkpoint off the FX thread (OmniFusion or Depth Anything), lists it and hands it to {@code then}. */
    public void openCheckpoint(Path file, Consumer<DepthModelChoice> then) {
        workbench.tasks().submit("Checking " + file.getFileName(), progress -> DepthModelChoice.checkpoint(file), c -> {
            opened.removeIf(o -> o.path().equals(c.path()));
            opened.add(c);
            refreshChoices();
            model.message.set("Added " + c.label());
            then.accept(c);
        }, this::failed);
    }

    /** Runs the depth model on the shown panorama; the result replaces the old one only when it succeeds. */
    public void run(DepthRunSettings settings) {
        LoadedPanorama p = page.panorama();
        if (p == null) {
            return;
        }
        cancel();
        int gen = ++generation;
        model.layout.set(DepthRunService.layout(settings));
        model.patchesDone.set(0);
        model.progress.set(0);
        model.running.set(true);
        model.message.set("Running " + settings.model().label() + "…");
        Device device = settings.model().kind() == DepthModelChoice.Kind.SIMULATED ? null : workbench.devices().device();
        PatchPreview preview = new PatchPreview(PREVIEW_WIDTH, PREVIEW_WIDTH / 2, PanoramaClouds.pixels(p.convention()));
        model.preview.set(null);
        Work<PanoramaDepth> work = progress -> DepthRunService.run(p, settings, device, progress,
                (index, patch, depth) -> {
                    preview.add(patch, depth);
                    DepthStepModel.Preview shot = new DepthStepModel.Preview(preview.snapshot(), preview.width(),
                            preview.height());
                    Platform.runLater(() -> {
                        if (gen == generation) {
                            model.patchesDone.set(Math.max(model.patchesDone.get(), index + 1));
                            model.preview.set(shot);
                        }
                    });
                });
        Task<PanoramaDepth> task = workbench.tasks().submit("360° depth", work, d -> finished(gen, d),
                e -> runFailed(gen, e));
        task.progressProperty().addListener((obs, was, v) -> {
            if (gen == generation && v.doubleValue() >= 0) {
                model.progress.set(v.doubleValue());
            }
        });
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_CANCELLED, e -> {
            if (gen == generation) {
                stopped("Cancelled: the previous depth is kept");
            }
        });
        running = task;
    }

    /** Stops the running run; the previous result stays. */
    public void cancel() {
        if (running != null && running.isRunning()) {
            running.cancel();
            stopped("Cancelled: the previous depth is kept");
        }
        running = null;
        generation++;
    }

    private void stopped(String why) {
        model.preview.set(null);
        model.running.set(false);
        model.progress.set(0);
        PanoramaDepth d = model.depth.get();
        model.layout.set(d == null ? null : d.layout());
        model.patchesDone.set(d == null || d.layout() == null ? 0 : d.layout().size());
        model.message.set(why);
    }

    private void finished(int gen, PanoramaDepth d) {
        if (gen != generation) {
            return;
        }
        running = null;
        model.preview.set(null);
        model.depth.set(d);
        model.scale.set(DepthScale.initial(d));
        model.measurement.set(null);
        model.layout.set(d.layout());
        model.patchesDone.set(d.layout() == null ? 0 : d.layout().size());
        model.progress.set(1);
        model.running.set(false);
        double covered = 0;
        for (int i = 0; i < d.depth().length; i++) {
            covered += d.covered(i) ? 1 : 0;
        }
        model.message.set(String.format(Locale.ROOT, "Depth by %s: %d×%d%s, %.0f %% covered, %.1f s — %s",
                d.modelLabel(), d.grid().width(), d.grid().height(),
                d.layout() == null ? "" : ", " + d.layout().size() + " patches", 100 * covered / d.depth().length,
                d.millis() / 1000.0, model.scale.get().note()) + " · click two points to measure");
        LOG.info(model.message.get());
    }

    private void runFailed(int gen, Throwable e) {
        if (gen != generation) {
            return;
        }
        running = null;
        stopped("Depth failed: " + message(e) + " (the previous depth is kept)");
        LOG.warning(model.message.get());
        errorHandler.accept(e);
    }

    private void panoramaChanged() {
        cancel();
        model.depth.set(null);
        model.layout.set(null);
        model.patchesDone.set(0);
        model.measurement.set(null);
        model.scale.set(DepthScale.none());
        model.message.set("");
        model.hover.set("");
        refreshChoices();
    }

    // ---- scale and measuring ------------------------------------------------------------------

    /** Metres from the camera's height above the floor; false (and a message) when it cannot be found. */
    public boolean setScaleFromCameraHeight(double metres) {
        PanoramaDepth d = model.depth.get();
        if (d == null) {
            return false;
        }
        try {
            setScale(DepthScale.fromCameraHeight(d, metres));
            return true;
        } catch (IllegalArgumentException e) {
            model.message.set("Cannot scale: " + e.getMessage());
            return false;
        }
    }

    /** Metres from the measured pair of points being {@code metres} apart. */
    public boolean setScaleFromKnownDistance(double metres) {
        PanoramaDepth d = model.depth.get();
        Measurement m = model.measurement.get();
        if (d == null || m == null || !m.complete()) {
            model.message.set("Measure two points first, then say how far apart they are");
            return false;
        }
        try {
            setScale(DepthScale.fromKnownDistance(d, m.lon1(), m.lat1(), m.lon2(), m.lat2(), metres));
            return true;
        } catch (IllegalArgumentException e) {
            model.message.set("Cannot scale: " + e.getMessage());
            return false;
        }
    }

    /** Back to the model's own units (metres for a metric model). */
    public void resetScale() {
        PanoramaDepth d = model.depth.get();
        if (d != null) {
            setScale(DepthScale.initial(d));
        }
    }

    private void setScale(DepthScale s) {
        model.scale.set(s);
        Measurement m = model.measurement.get();
        if (m != null && m.complete()) {
            model.measurement.set(measured(m.lon1(), m.lat1(), m.lon2(), m.lat2()));
        }
        model.message.set("Scale: " + s.note() + (m != null && m.complete() ? " — " + describe(model.measurement.get()) : ""));
    }

    /** The current measuring tool, or null before a depth exists. */
    public DepthMeasure measure() {
        PanoramaDepth d = model.depth.get();
        return d == null ? null : new DepthMeasure(d, model.scale.get());
    }

    /** The pointer moved over (lon, lat), or left the view (NaN): the distance from the camera there. */
    public void hover(double lon, double lat) {
        DepthMeasure m = measure();
        if (m == null || Double.isNaN(lon)) {
            model.hover.set("");
            return;
        }
        model.hover.set("distance " + m.scale().format(m.range(lon, lat)));
    }

    /** A click at (lon, lat): the first point of a measurement, the second (distance), or a new first. */
    public void pick(double lon, double lat) {
        if (model.depth.get() == null) {
            return;
        }
        Measurement m = model.measurement.get();
        if (m == null || m.complete()) {
            model.measurement.set(Measurement.first(lon, lat));
            model.message.set("Measuring: click the second point");
        } else {
            Measurement done = measured(m.lon1(), m.lat1(), lon, lat);
            model.measurement.set(done);
            model.message.set(describe(done));
        }
    }

    public void clearMeasurement() {
        model.measurement.set(null);
    }

    private Measurement measured(double lon1, double lat1, double lon2, double lat2) {
        return new Measurement(lon1, lat1, lon2, lat2, measure().distance(lon1, lat1, lon2, lat2));
    }

    /** "Distance 2.35 m" or "Distance 0.812 (relative units)". */
    public String describe(Measurement m) {
        return "Distance " + model.scale.get().format(m.distance());
    }

    // ---- exports ------------------------------------------------------------------------------

    /** What an export writes from the current depth (a snapshot, taken on the FX thread). */
    @FunctionalInterface
    private interface Export {
        void write(LoadedPanorama p, PanoramaDepth d, DepthScale s) throws Exception;
    }

    /** Depth as a 16-bit PNG (millimetres when scaled, else max-normalised). */
    public void exportDepthPng(Path file) {
        export("depth PNG", file, (p, d, s) -> DepthExports.writeDepthPng16(d, s, file));
    }

    /** Depth as float32 NPY [H, W]. */
    public void exportDepthNpy(Path file) {
        export("depth NPY", file, (p, d, s) -> DepthExports.writeDepthNpy(d, s, file));
    }

    /** The coloured point cloud (PLY, or another format by extension). */
    public void exportCloud(Path file) {
        export("point cloud", file, (p, d, s) -> DepthExports.writeCloud(DepthExports.cloud(d, s,
                p.toEquirect(d.grid().width(), d.grid().height()), p.displayName()), file));
    }

    /** The panorama at full resolution with the depth colormap blended in. */
    public void exportOverlay(Path file, Colormap colormap, ValueRange range, double opacity) {
        export("panorama with depth", file, (p, d, s) -> DepthExports.writeOverlayPng(p, d, s, colormap, range,
                opacity, file));
    }

    private void export(String what, Path file, Export export) {
        LoadedPanorama p = page.panorama();
        PanoramaDepth d = model.depth.get();
        DepthScale s = model.scale.get();
        if (p == null || d == null) {
            model.message.set("Run depth first");
            return;
        }
        workbench.tasks().submit("Export " + what, progress -> {
            progress.message("Writing " + file.getFileName());
            try {
                export.write(p, d, s);
            } catch (IOException | RuntimeException e) {
                String msg = message(e);
                throw new IOException(msg.contains(file.getFileName().toString()) ? msg : file + ": " + msg, e);
            }
            return file;
        }, f -> model.message.set("Saved " + what + " to " + f), this::failed);
    }

    private void failed(Throwable e) {
        model.message.set("Failed: " + message(e));
        LOG.warning(model.message.get());
        errorHandler.accept(e);
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
