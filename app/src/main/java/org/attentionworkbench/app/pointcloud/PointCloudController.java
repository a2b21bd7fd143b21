package org.attentionworkbench.app.pointcloud;

import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javafx.concurrent.Task;
import org.attentionworkbench.app.attention.AttentionService;
import org.attentionworkbench.app.services.ImageLoadException;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.PngWriter;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointCloudException;
import org.attentionworkbench.compute.pointcloud.ReadControl;
import org.attentionworkbench.compute.pointcloud.attention.DepthToCloud;
import org.attentionworkbench.compute.pointcloud.edit.CloudEdit;
import org.attentionworkbench.compute.pointcloud.edit.CropBox;
import org.attentionworkbench.compute.pointcloud.edit.EditHistory;
import org.attentionworkbench.compute.pointcloud.edit.Keep;
import org.attentionworkbench.compute.pointcloud.edit.PolygonSelection;
import org.attentionworkbench.compute.pointcloud.edit.Subsample;
import org.attentionworkbench.compute.pointcloud.lod.Octree;
import org.attentionworkbench.compute.pointcloud.lod.OctreeCache;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.points.render.Camera;
import org.attentionworkbench.viewers.points.render.Frame;
import org.attentionworkbench.viewers.points.render.JavaPointRenderer;
import org.attentionworkbench.viewers.points.render.PointRenderer;
import org.attentionworkbench.viewers.points.render.PointRenderers;
import org.attentionworkbench.viewers.points.render.SizeMode;

/**
 * The Point clouds page's commands, on the FX thread: open (read off the FX thread with progress and
 * Cancel), colour, pick and measure, edit with undo, save, export, screenshot. Long work goes
 * through the workbench's {@code TaskRunner}; results come back here and land in the
 * {@link PointCloudModel}.
 */
public final class PointCloudController implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PointCloudController.class.getName());
    /** Picked points kept in the list (older ones leave it). */
    public static final int MAX_PICKED = 100;

    private final Workbench workbench;
    private final PointCloudModel model = new PointCloudModel();
    /** Undo and redo over the open cloud's edits; used by one task at a time ({@link #busy}). */
    private EditHistory history;
    private boolean busy;
    private final OctreeCache octrees;
    private final CloudAttention attention;
    private Consumer<String> cameraRestorer = s -> { };
    private Task<?> loading;
    private Path depthModel;

    public PointCloudController(Workbench workbench) {
        this(workbench, null);
    }

    /** {@code attentionService}: the Attention page's service, so both share one model and cache (null: own). */
    public PointCloudController(Workbench workbench, AttentionService attentionService) {
        this.workbench = workbench;
        this.octrees = new OctreeCache(octreeDir());
        this.attention = new CloudAttention(workbench, model, attentionService);
        model.renderer.set(workbench.settings().pointRenderer());
        model.renderer.addListener((obs, old, r) -> {
            workbench.settings().setPointRenderer(r);
            workbench.saveSettings();
        });
        Runnable recolour = this::recolour;
        model.colorBy.addListener((obs, o, n) -> {
            // values are the field's own: an absolute range of one field means nothing for another
            if (!model.range.get().relative()) {
                model.range.set(ColorRange.DEFAULT);
            }
            recolour.run();
        });
        model.colormap.addListener((obs, o, n) -> recolour.run());
        model.range.addListener((obs, o, n) -> recolour.run());
        model.attention.addListener((obs, o, n) -> recolour.run());
        model.cloud.addListener((obs, o, n) -> {
            attention.reset();
            recolour.run();
            buildLod(n);
        });
        model.picked.addListener((javafx.collections.ListChangeListener<PickedPoint>) c ->
                model.measurement.set(Measurements.describe(model.picked)));
    }

    public PointCloudModel model() {
        return model;
    }

    public Workbench workbench() {
        return workbench;
    }

    /** Attention on points (image model or a loaded array). */
    public CloudAttention attention() {
        return attention;
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
        history = new EditHistory(loaded.cloud());
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
        if (loaded.file() != null && java.nio.file.Files.exists(loaded.file()) && !loaded.format().equals("Depth map")) {
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

    /**
     * Turns a depth map (.npy, or a 16-bit PNG in millimetres) into a cloud whose points keep their
     * pixel: {@code k} the intrinsics, or null to derive them from {@code hFovDeg} (centre principal
     * point, square pixels); {@code scale} multiplies the depth values (0.001: mm to m); {@code rgb}
     * colours the points (and is the image attention runs on), or null.
     */
    public void openDepthMap(Path depth, DepthToCloud.Intrinsics k, double hFovDeg, double scale, Path rgb) {
        String name = depth.getFileName() == null ? depth.toString() : depth.getFileName().toString();
        loading = workbench.tasks().submit("Depth map " + name, progress -> {
            DepthToCloud.DepthMap d = DepthToCloud.read(depth);
            DepthToCloud.Intrinsics in;
            try {
                in = k != null ? k : DepthToCloud.Intrinsics.fromFov(d.width(), d.height(), hFovDeg, Double.NaN);
            } catch (IllegalArgumentException e) {
                throw new PointCloudException(depth, e.getMessage());
            }
            RgbImage image = rgb == null ? null : ImageFiles.read(rgb, ImageFiles.Workload.VIEW);
            try {
                return new LoadedCloud(depth, "Depth map", DepthToCloud.toCloud(d, in, scale, image,
                        rgb == null ? null : rgb.toString()));
            } catch (IllegalArgumentException e) {
                throw new PointCloudException(rgb != null && e.getMessage().contains("×") ? rgb : depth, e.getMessage());
            }
        }, this::show, error -> failed(depth, error));
    }

    /** What {@link #depthTo3d} did. */
    public enum DepthStart { STARTED, NO_IMAGE, NO_MODEL, NO_DEVICE }

    /** The depth model "Depth → 3D" runs: one the user chose, else the first installed catalog model. */
    public java.util.Optional<Path> depthModel() {
        return depthModel != null ? java.util.Optional.of(depthModel)
                : DepthPhotos.installedModel(org.attentionworkbench.compute.models.catalog.ModelCache.defaultDir());
    }

    /** Uses this checkpoint (an HF folder, model.safetensors or an original .pth) for "Depth → 3D". */
    public void setDepthModel(Path checkpoint) {
        depthModel = checkpoint;
    }

    /**
     * Downloads a catalog depth model into the model cache off the FX thread (status bar progress and
     * Cancel), then runs "Depth → 3D" with it.
     */
    public void installDepthModel(org.attentionworkbench.compute.models.catalog.ModelCatalog.Entry entry,
            double fovDegrees) {
        Path cache = org.attentionworkbench.compute.models.catalog.ModelCache.defaultDir();
        model.status.set("Downloading " + entry.name + "…");
        workbench.tasks().submit("Downloading " + entry.name, progress -> DepthPhotos.install(entry, cache, progress),
                dir -> {
                    setDepthModel(dir);
                    LOG.info("Installed " + entry.name + " in " + dir);
                    depthTo3d(fovDegrees);
                },
                error -> {
                    String why = error.getMessage() == null ? error.toString() : error.getMessage();
                    LOG.warning("Could not download " + entry.name + ": " + why);
                    model.status.set("Could not download " + entry.name + ": " + why);
                });
    }

    /**
     * "Depth → 3D": the depth model on the open photo off the FX thread (status bar progress and
     * Cancel), then its coloured cloud on this page. Nothing starts without a photo, a model or a
     * device; the status line says which is missing ({@link DepthPhotos#howToGet} for the model).
     */
    public DepthStart depthTo3d(double fovDegrees) {
        org.attentionworkbench.app.services.LoadedImage img = workbench.currentImageProperty().get();
        if (img == null) {
            model.status.set("Depth → 3D: open a photo first (File ▸ Open, or drop one on the window).");
            return DepthStart.NO_IMAGE;
        }
        java.util.Optional<Path> checkpoint = depthModel();
        if (checkpoint.isEmpty()) {
            model.status.set("Depth → 3D: no depth model installed (see Depth → 3D ▸ Choose model…).");
            return DepthStart.NO_MODEL;
        }
        org.attentionworkbench.compute.tensor.Device device = workbench.devices().device();
        if (device == null) {
            model.status.set("Depth → 3D: the compute device is still opening; try again in a moment.");
            return DepthStart.NO_DEVICE;
        }
        if (loading != null && loading.isRunning()) {
            loading.cancel();
        }
        String name = img.source().displayName();
        Path file = img.source().path().orElse(null);
        RgbImage pixels = img.pixels().rgb();
        loading = workbench.tasks().submit("Depth → 3D " + name,
                progress -> DepthPhotos.run(checkpoint.get(), device, pixels, file, name, fovDegrees, progress),
                this::show, error -> failed(checkpoint.get(), error));
        return DepthStart.STARTED;
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
        workbench.tasks().submit("Opening the " + choice + " point renderer", progress -> PointRenderers.open(choice, JavaPointRenderer::new),
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
        attention.picked(index);
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

    // ---- level of detail ------------------------------------------------------------------------

    /** Where octrees of big clouds are cached: {@code octrees/} in the app's cache folder (workbench.cache.dir, XDG). */
    static Path octreeDir() {
        return org.attentionworkbench.compute.models.catalog.ModelCache.defaultDir().resolve("octrees");
    }

    /**
     * A cloud over the Java renderer's budget is drawn through an octree, built (or read from the
     * cache for an unedited file) off the FX thread with progress and Cancel.
     */
    private void buildLod(PointCloud c) {
        model.lod.set(null);
        if (c == null || c.size() <= DrawList.JAVA_BUDGET) {
            return;
        }
        LoadedCloud l = model.loaded.get();
        Path source = l != null && l.cloud() == c && l.file() != null && java.nio.file.Files.isRegularFile(l.file())
                ? l.file() : null;
        workbench.tasks().submit(String.format(Locale.ROOT, "Level of detail for %,d points", c.size()), progress -> {
            ReadControl control = new ReadControl(f -> progress.update(f, 1), progress::isCancelled);
            if (source != null) {
                OctreeCache.Loaded o = octrees.loadOrBuild(source, c, Octree.BuildOptions.DEFAULT, control);
                if (!o.note().isEmpty()) {
                    LOG.info("Octree of " + source + ": " + o.note());
                }
                return Lod.of(c, o.octree());
            }
            return Lod.of(c, Octree.build(c, Octree.BuildOptions.DEFAULT, control));
        }, lod -> {
            if (model.cloud.get() == lod.cloud()) {
                model.lod.set(lod);
            }
        }, e -> model.status.set("Level of detail failed: " + e.getMessage()));
    }

    // ---- edits ---------------------------------------------------------------------------------

    /** Applies an edit off the FX thread (one at a time); Undo takes it back. */
    public void edit(CloudEdit edit) {
        if (history == null || busy) {
            return;
        }
        EditHistory h = history;
        run("Editing: " + edit.name(), () -> h.apply(edit), h);
    }

    public void undo() {
        if (history != null && !busy && history.canUndo()) {
            EditHistory h = history;
            run("Undo " + h.currentDescription(), h::undo, h);
        }
    }

    public void redo() {
        if (history != null && !busy && history.canRedo()) {
            EditHistory h = history;
            run("Redo " + h.redoDescription(), h::redo, h);
        }
    }

    private void run(String title, java.util.concurrent.Callable<PointCloud> step, EditHistory h) {
        busy = true;
        workbench.tasks().submit(title, progress -> step.call(), c -> {
            busy = false;
            if (history != h) {
                return; // another cloud was opened meanwhile
            }
            model.picked.clear();
            model.attention.set(null);
            model.cloud.set(c);
            model.status.set(h.position() == 0 ? String.format(Locale.ROOT, "As opened: %,d points", c.size())
                    : h.currentDescription());
            updateHistory();
        }, e -> {
            busy = false;
            model.status.set(title + " failed: " + e.getMessage());
        });
    }

    private void updateHistory() {
        model.canUndo.set(history != null && history.canUndo());
        model.canRedo.set(history != null && history.canRedo());
    }

    /** Keeps {@code count} points picked at random. */
    public void subsampleRandom(int count) {
        PointCloud c = model.cloud.get();
        if (c != null && count > 0 && count < c.size()) {
            edit(Subsample.randomEdit(count, System.nanoTime()));
        }
    }

    /** One point per voxel of side {@code size}. */
    public void subsampleVoxel(double size) {
        if (model.cloud.get() != null && size > 0 && Double.isFinite(size)) {
            edit(Subsample.voxelEdit(size));
        }
    }

    /** Keeps the points inside (or outside) a box in world coordinates. */
    public void cropBox(double[] min, double[] max, Keep keep) {
        edit(CropBox.world(min, max, keep));
    }

    /**
     * Keeps the points whose projection falls inside (or outside) a polygon drawn on the view:
     * {@code xs, ys} in the frame's pixels of a {@code width × height} frame seen by {@code camera}.
     */
    public void polygon(double[] xs, double[] ys, Camera camera, int width, int height, Keep keep) {
        edit(new PolygonSelection(xs, ys, camera.viewProjection(width, height), width, height, keep));
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

    @Override
    public void close() {
        attention.close();
    }
}
