package org.attentionworkbench.app.pointcloud;

import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javafx.concurrent.Task;
import org.attentionworkbench.app.services.ImageLoadException;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.image.PngWriter;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.points.render.Frame;
import org.attentionworkbench.viewers.points.render.PointRenderer;
import org.attentionworkbench.viewers.points.render.PointRenderers;
import org.attentionworkbench.viewers.points.render.SizeMode;

/**
 * The Point clouds page's commands, on the FX thread: open (read off the FX thread with progress and
 * Cancel), colour, pick and measure, edit with undo, save, export, screenshot. Long work goes
 * through the workbench's {@code TaskRunner}; results come back here and land in the
 * {@link PointCloudModel}.
 */
public final class PointCloudController {
    private static final Logger LOG = Logger.getLogger(PointCloudController.class.getName());
    /** Picked points kept in the list (older ones leave it). */
    public static final int MAX_PICKED = 100;

    private final Workbench workbench;
    private final PointCloudModel model = new PointCloudModel();
    private final List<PointCloud> undo = new ArrayList<>();
    private final List<PointCloud> redo = new ArrayList<>();
    private Consumer<String> cameraRestorer = s -> { };
    private Task<?> loading;

    public PointCloudController(Workbench workbench) {
        this.workbench = workbench;
        model.renderer.set(workbench.settings().pointRenderer());
        model.renderer.addListener((obs, old, r) -> {
            workbench.settings().setPointRenderer(r);
            workbench.saveSettings();
        });
        Runnable recolour = this::recolour;
        model.colorBy.addListener((obs, o, n) -> recolour.run());
        model.colormap.addListener((obs, o, n) -> recolour.run());
        model.range.addListener((obs, o, n) -> recolour.run());
        model.attention.addListener((obs, o, n) -> recolour.run());
        model.cloud.addListener((obs, o, n) -> recolour.run());
        model.picked.addListener((javafx.collections.ListChangeListener<PickedPoint>) c ->
                model.measurement.set(Measurements.describe(model.picked)));
    }

    public PointCloudModel model() {
        return model;
    }

    public Workbench workbench() {
        return workbench;
    }

    /** The view restores a file's remembered camera through this (the encoded camera, or null). */
    public void setCameraRestorer(Consumer<String> restorer) {
        this.cameraRestorer = restorer;
    }

    // ---- open ----------------------------------------------------------------------------------

    /** Reads {@code file} off the FX thread; the status bar shows progress and Cancel. */
    public void open(Path file) {
        if (loading != null && loading.isRunning()) {
            loading.cancel();
        }
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        loading = workbench.tasks().submit("Opening " + name, progress -> PointCloudService.load(file, progress),
                this::show, error -> failed(file, error));
    }

    /** Shows a cloud that is already in memory (a depth map turned into points, a test's cloud). */
    public void show(LoadedCloud loaded) {
        undo.clear();
        redo.clear();
        updateHistory();
        model.picked.clear();
        model.attention.set(null);
        model.loaded.set(loaded);
        PointCloud c = loaded.cloud();
        ColorBy first = ColorBy.initial(c);
        model.colorBy.set(first); // recolours through the cloud listener below if unchanged
        model.cloud.set(c);
        model.status.set(String.format(Locale.ROOT, "%s: %,d points (%s)", loaded.displayName(), c.size(),
                loaded.format()));
        LOG.info("Opened point cloud " + loaded.file() + " (" + loaded.format() + ", " + c.size() + " points)");
        if (loaded.file() != null && java.nio.file.Files.exists(loaded.file())) {
            workbench.rememberRecent(loaded.file());
            cameraRestorer.accept(workbench.settings().pointCloudCamera(loaded.file().toString()));
        } else {
            cameraRestorer.accept(null);
        }
    }

    private void failed(Path file, Throwable error) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (error instanceof InterruptedIOException) {
            model.status.set("Opening " + name + ": cancelled");
            return;
        }
        String reason = error.getMessage() == null ? error.toString() : error.getMessage();
        // the typed errors start with the file's name; the dialog names it already
        if (reason.startsWith(name + ": ")) {
            reason = reason.substring(name.length() + 2);
        }
        LOG.warning("Could not open " + file + ": " + reason);
        model.status.set("Could not open " + name + ": " + reason);
        workbench.forgetRecentIfListed(file);
        workbench.reportLoadError(new ImageLoadException(name, reason, error));
    }

    /** Remembers where the camera was on the open file (the view calls this when the camera settles). */
    public void rememberCamera(String encoded) {
        LoadedCloud l = model.loaded.get();
        if (l != null && l.file() != null && encoded != null) {
            workbench.settings().setPointCloudCamera(l.file().toString(), encoded);
            workbench.saveSettings();
        }
    }

    // ---- colour --------------------------------------------------------------------------------

    public void setColorBy(ColorBy by) {
        model.colorBy.set(by);
    }

    public void setColormap(Colormap map) {
        model.colormap.set(map);
    }

    public void setRange(ColorRange range) {
        model.range.set(range);
    }

    /** Recomputes every point's colour and the legend's span for the current settings. */
    void recolour() {
        PointCloud c = model.cloud.get();
        if (c == null) {
            model.colours.set(null);
            return;
        }
        ColorBy by = model.colorBy.get();
        if (by.kind() == ColorBy.Kind.ATTENTION && model.attention.get() == null) {
            by = ColorBy.initial(c);
        }
        float[] values = CloudColours.values(c, by, model.attention.get());
        if (values != null && by.usesColormap(c)) {
            double offset = CloudColours.offset(c, by);
            double[] s = CloudColours.span(values, model.range.get(), offset);
            model.span.set(new double[] {s[0] + offset, s[1] + offset});
        }
        model.colours.set(CloudColours.argb(c, by, model.colormap.get(), model.range.get(), model.attention.get()));
    }

    // ---- appearance ----------------------------------------------------------------------------

    public void setPointSize(double px) {
        model.pointSize.set(Math.max(0.5, Math.min(64, px)));
    }

    public void setSizeMode(SizeMode mode) {
        model.sizeMode.set(mode);
    }

    public void setEdl(boolean on, double strength, double radius) {
        model.edl.set(on);
        model.edlStrength.set(strength);
        model.edlRadius.set(radius);
    }

    public void setBackground(int rgb) {
        model.background.set(rgb & 0xFFFFFF);
    }

    public void setRenderer(String choice) {
        model.renderer.set(choice);
    }

    /**
     * Opens the renderer the setting asks for off the FX thread (a GL context can take a moment) and
     * hands it to {@code use}; the model's note says which runs and why (no GL: the Java one).
     */
    public void openRenderer(Consumer<PointRenderer> use) {
        String choice = model.renderer.get();
        workbench.tasks().submit("Opening the " + choice + " point renderer", progress -> PointRenderers.open(choice),
                sel -> {
                    model.rendererNote.set(sel.note());
                    LOG.info("Point renderer: " + sel.renderer().description() + " (" + sel.note() + ")");
                    use.accept(sel.renderer());
                }, e -> model.rendererNote.set("No point renderer: " + e.getMessage()));
    }

    /** Points drawn before the cloud is thinned, for the renderer that runs. */
    public static int budget(PointRenderer r) {
        return r != null && r.name().equals("gl") ? DrawList.GL_BUDGET : DrawList.JAVA_BUDGET;
    }

    // ---- picking -------------------------------------------------------------------------------

    /** Adds point {@code index} of the shown cloud to the picked list (-1, a click on background, is ignored). */
    public void pick(int index) {
        PointCloud c = model.cloud.get();
        if (c == null || index < 0 || index >= c.size()) {
            return;
        }
        if (model.picked.size() >= MAX_PICKED) {
            model.picked.remove(0);
        }
        model.picked.add(PickedPoint.of(c, index));
    }

    public void clearPicked() {
        model.picked.clear();
    }

    public void exportPicked(Path file) {
        List<PickedPoint> points = List.copyOf(model.picked);
        workbench.tasks().submit("Exporting picked points", progress -> {
            PointCloudService.exportCsv(points, file);
            return file;
        }, f -> model.status.set("Wrote " + points.size() + " picked points to " + f.getFileName()),
                e -> saveFailed(file, e));
    }

    // ---- edits ---------------------------------------------------------------------------------

    /** Replaces the shown cloud by an edit of it; Undo brings the previous one back. */
    public void applyEdit(PointCloud edited, String what) {
        PointCloud before = model.cloud.get();
        if (before == null || edited == null) {
            return;
        }
        undo.add(before);
        redo.clear();
        model.picked.clear();
        model.attention.set(null);
        model.cloud.set(edited);
        model.status.set(String.format(Locale.ROOT, "%s: %,d of %,d points kept", what, edited.size(), before.size()));
        updateHistory();
    }

    public void undo() {
        if (!undo.isEmpty()) {
            redo.add(model.cloud.get());
            restore(undo.remove(undo.size() - 1), "Undone");
        }
    }

    public void redo() {
        if (!redo.isEmpty()) {
            undo.add(model.cloud.get());
            restore(redo.remove(redo.size() - 1), "Redone");
        }
    }

    private void restore(PointCloud c, String what) {
        model.picked.clear();
        model.attention.set(null);
        model.cloud.set(c);
        model.status.set(String.format(Locale.ROOT, "%s: %,d points", what, c.size()));
        updateHistory();
    }

    private void updateHistory() {
        model.canUndo.set(!undo.isEmpty());
        model.canRedo.set(!redo.isEmpty());
    }

    /** Random subsample to {@code count} points. */
    public void subsampleRandom(int count) {
        PointCloud c = model.cloud.get();
        if (c != null && count > 0 && count < c.size()) {
            applyEdit(c.select(CloudColours.randomSubset(c.size(), count, System.nanoTime())), "Random subsample");
        }
    }

    /** Writes the shown cloud in the format of {@code file}'s extension. */
    public void saveAs(Path file, boolean ascii) {
        PointCloud c = model.cloud.get();
        if (c == null) {
            return;
        }
        workbench.tasks().submit("Saving " + file.getFileName(), progress -> {
            PointCloudService.save(c, file, ascii);
            return file;
        }, f -> {
            model.status.set(String.format(Locale.ROOT, "Saved %,d points to %s", c.size(), f.getFileName()));
            workbench.rememberRecent(f);
        }, e -> saveFailed(file, e));
    }

    private void saveFailed(Path file, Throwable e) {
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        model.status.set("Could not write " + file.getFileName() + ": " + reason);
        workbench.reportLoadError(new ImageLoadException(String.valueOf(file.getFileName()),
                "could not write it: " + reason, e));
    }

    // ---- pictures ------------------------------------------------------------------------------

    /** Writes a rendered frame (the view's, or a larger snapshot of it) as PNG, off the FX thread. */
    public void savePicture(Frame frame, Path file) {
        workbench.tasks().submit("Saving " + file.getFileName(), progress -> {
            PngWriter.write(DrawList.image(frame), file);
            return file;
        }, f -> model.status.set(String.format(Locale.ROOT, "Screenshot %d×%d saved to %s", frame.width(),
                frame.height(), f.getFileName())), e -> saveFailed(file, e));
    }
}
