package org.attentionworkbench.app.pointcloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.Logger;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.attentionworkbench.app.attention.AttentionService;
import org.attentionworkbench.app.attention.ImageRunRequest;
import org.attentionworkbench.app.attention.ImageRunResult;
import org.attentionworkbench.app.attention.MapQuery;
import org.attentionworkbench.app.attention.ModelChoice;
import org.attentionworkbench.app.attention.ModelLibrary;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.explain.AttentionMaps;
import org.attentionworkbench.compute.explain.HeadFusion;
import org.attentionworkbench.compute.explain.Rollout;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.models.catalog.ModelCache;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.Provenance;
import org.attentionworkbench.compute.pointcloud.attention.PatchAttentionLift;
import org.attentionworkbench.compute.pointcloud.attention.PointAttention;
import org.attentionworkbench.compute.tensor.Device;

/**
 * Attention on points, two ways. From an image model: for a cloud made from an image (its points
 * keep their source pixel), picking a point runs the chosen model on the source image through the
 * Attention page's {@link AttentionService} (same pass, same cache rules) and colours every point by
 * the attention of the patch under the picked point, with the explorer's layer, head, fusion and
 * rollout. From a file: an attention array loaded beside the cloud ({@link PointAttention}); picking
 * a point colours by its row. State is javafx.beans; the work runs through the workbench's tasks.
 */
public final class CloudAttention implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CloudAttention.class.getName());

    /** Where the colours come from when a point is picked. */
    public enum Source { NONE, IMAGE_MODEL, FILE }

    /** The explorer's rollout discard ratio default. */
    public static final double DISCARD_RATIO = 0.9;

    private final Workbench workbench;
    private final PointCloudModel cloudModel;
    /** The Attention page's service when shared (one open model, one cache); closed by its owner. */
    private final AttentionService service;
    private final boolean ownsService;
    private final ModelLibrary library;
    private final MapQuery query = new MapQuery();

    final ObjectProperty<Source> source = new SimpleObjectProperty<>(this, "source", Source.NONE);
    final ObservableList<ModelChoice> models = FXCollections.observableArrayList();
    final ObjectProperty<ModelChoice> model = new SimpleObjectProperty<>(this, "model");
    /** Layer, -1 for the last. */
    final IntegerProperty layer = new SimpleIntegerProperty(this, "layer", -1);
    /** Head, -1 for the heads fused. */
    final IntegerProperty head = new SimpleIntegerProperty(this, "head", -1);
    final ObjectProperty<HeadFusion> fusion = new SimpleObjectProperty<>(this, "fusion", HeadFusion.MEAN);
    final BooleanProperty rollout = new SimpleBooleanProperty(this, "rollout", false);
    final ObjectProperty<PointAttention> file = new SimpleObjectProperty<>(this, "file");
    /** Layers and heads of the last result (for the spinners), 0 before one. */
    final IntegerProperty layers = new SimpleIntegerProperty(this, "layers");
    final IntegerProperty heads = new SimpleIntegerProperty(this, "heads");
    final StringProperty status = new SimpleStringProperty(this, "status", "");
    private int lastPoint = -1;
    private int generation;

    CloudAttention(Workbench workbench, PointCloudModel cloudModel, AttentionService shared) {
        this(workbench, cloudModel, new ModelLibrary(ModelCache.defaultDir()), shared);
    }

    CloudAttention(Workbench workbench, PointCloudModel cloudModel, ModelLibrary library) {
        this(workbench, cloudModel, library, null);
    }

    CloudAttention(Workbench workbench, PointCloudModel cloudModel, ModelLibrary library, AttentionService shared) {
        this.ownsService = shared == null;
        this.service = shared == null ? new AttentionService() : shared;
        this.workbench = workbench;
        this.cloudModel = cloudModel;
        this.library = library;
        for (var p : java.util.List.of(layer, head, fusion, rollout, model)) {
            p.addListener(o -> again());
        }
    }

    public ObjectProperty<Source> sourceProperty() { return source; }
    public ObservableList<ModelChoice> models() { return models; }
    public ObjectProperty<ModelChoice> modelProperty() { return model; }
    public IntegerProperty layerProperty() { return layer; }
    public IntegerProperty headProperty() { return head; }
    public ObjectProperty<HeadFusion> fusionProperty() { return fusion; }
    public BooleanProperty rolloutProperty() { return rollout; }
    public ObjectProperty<PointAttention> fileProperty() { return file; }
    public IntegerProperty layersProperty() { return layers; }
    public IntegerProperty headsProperty() { return heads; }
    public StringProperty statusProperty() { return status; }

    /** Whether the shown cloud's points know their source pixel (so an image model can be lifted onto them). */
    public static boolean fromImage(PointCloud c) {
        return c != null && c.provenance() != null;
    }

    /** A new cloud: what was lifted onto the old one no longer applies. */
    void reset() {
        lastPoint = -1;
        generation++;
        if (source.get() == Source.IMAGE_MODEL && !fromImage(cloudModel.cloud())) {
            source.set(Source.NONE);
        }
        if (file.get() != null && (cloudModel.cloud() == null || file.get().points() != cloudModel.cloud().size())) {
            file.set(null);
            if (source.get() == Source.FILE) {
                source.set(Source.NONE);
            }
        }
    }

    /** Lists the attention models off the FX thread (the Attention page's library). */
    public void refreshModels() {
        workbench.tasks().submit("Listing models", progress -> library.list(), m -> {
            models.setAll(m.choices());
            if (model.get() == null || !models.contains(model.get())) {
                model.set(m.preferred() != null ? m.preferred() : models.isEmpty() ? null : models.get(0));
            }
        }, e -> status.set("Could not list the models: " + e.getMessage()));
    }

    /** Switches to attention from the chosen image model (the cloud must come from an image). */
    public void useImageModel() {
        if (!fromImage(cloudModel.cloud())) {
            status.set("This cloud does not come from an image: its points have no source pixel.");
            return;
        }
        source.set(Source.IMAGE_MODEL);
        if (models.isEmpty()) {
            refreshModels();
        }
        status.set("Pick a point: its patch's attention colours the cloud.");
    }

    /** Loads an attention array for the shown cloud ([N], [N, N] or [H, N, N] .npy) off the FX thread. */
    public void loadFile(Path npy) {
        PointCloud c = cloudModel.cloud();
        if (c == null) {
            return;
        }
        String name = cloudModel.loaded.get() == null ? "the cloud" : cloudModel.loaded.get().displayName();
        workbench.tasks().submit("Loading " + npy.getFileName(), progress -> PointAttention.open(npy, c.size(), name),
                a -> {
                    if (cloudModel.cloud() != c) {
                        return;
                    }
                    file.set(a);
                    heads.set(a.heads());
                    source.set(Source.FILE);
                    status.set(a.isPerPoint() ? "One value per point: shown as the colour."
                            : String.format(Locale.ROOT, "%d head(s) over %,d points: pick a point to see its row.",
                                    a.heads(), a.points()));
                    if (a.isPerPoint()) {
                        showFileRow(0);
                    }
                }, e -> {
                    status.set(e.getMessage());
                    workbench.reportLoadError(new org.attentionworkbench.app.services.ImageLoadException(
                            String.valueOf(npy.getFileName()), reason(e, npy), e));
                });
    }

    private static String reason(Throwable e, Path file) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        String prefix = file.getFileName() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    /** A point was picked: lift its attention, as the source says. */
    void picked(int point) {
        lastPoint = point;
        switch (source.get()) {
            case IMAGE_MODEL -> runImageModel(point);
            case FILE -> showFileRow(point);
            default -> { }
        }
    }

    /** A setting changed: show the last picked point again with it. */
    private void again() {
        if (lastPoint >= 0 && source.get() != Source.NONE) {
            picked(lastPoint);
        }
    }

    private void showFileRow(int point) {
        PointAttention a = file.get();
        PointCloud c = cloudModel.cloud();
        if (a == null || c == null) {
            return;
        }
        int h = head.get();
        HeadFusion f = fusion.get();
        int gen = ++generation;
        workbench.tasks().submit("Attention row", progress -> h >= 0 && h < a.heads() ? a.row(point, h) : a.row(point, f),
                row -> {
                    if (gen == generation && cloudModel.cloud() == c) {
                        show(row, a.isPerPoint() ? "attention per point (" + a.file().getFileName() + ")"
                                : String.format(Locale.ROOT, "point #%d's attention (%s)", point,
                                        h >= 0 && h < a.heads() ? "head " + h : f.name().toLowerCase(Locale.ROOT)));
                    }
                }, e -> status.set(e.getMessage()));
    }

    private void runImageModel(int point) {
        PointCloud c = cloudModel.cloud();
        ModelChoice choice = model.get();
        Device device = workbench.devices().device();
        if (c == null || !fromImage(c)) {
            return;
        }
        if (choice == null || device == null) {
            status.set(choice == null ? "No attention model: open the Attention page's Models… to add one."
                    : "The compute device is not ready yet.");
            if (models.isEmpty()) {
                refreshModels();
            }
            return;
        }
        int l = layer.get();
        int h = head.get();
        HeadFusion f = fusion.get();
        boolean roll = rollout.get();
        int gen = ++generation;
        LoadedCloud loaded = cloudModel.loaded.get();
        String name = loaded == null ? "cloud" : loaded.displayName();
        status.set("Running " + choice.name() + " on " + name + "'s image…");
        workbench.tasks().submit("Attention on points: " + name, progress -> {
            RgbImage image = sourceImage(c, loaded);
            String key = imageKey(c, loaded);
            ImageRunResult r = service.run(new ImageRunRequest(key, name, image, choice.card(), false), device, progress);
            return lift(c, r, point, l, h, f, roll);
        }, lifted -> {
            if (gen == generation && cloudModel.cloud() == c) {
                layers.set(lifted.layers());
                heads.set(lifted.heads());
                show(lifted.values(), lifted.caption());
            }
        }, e -> {
            if (gen == generation) {
                status.set("Attention failed: " + e.getMessage());
                LOG.warning("Attention on points failed: " + e);
            }
        });
    }

    /** What one pick produced: a value per point, and what it shows. */
    record Lifted(float[] values, String caption, int layers, int heads) {}

    /** The picked point's patch as the query; its map (layer, head or fused, or rollout) lifted onto every point. */
    static Lifted lift(PointCloud c, ImageRunResult r, int point, int layer, int head, HeadFusion fusion,
            boolean rollout) {
        AttentionMaps m = r.maps();
        Provenance p = c.provenance();
        PatchAttentionLift.PatchGrid grid = PatchAttentionLift.PatchGrid.wholeImage(p.width(), p.height(), m.gridW(),
                m.gridH());
        int patch = PatchAttentionLift.patchOf(c, point, grid);
        int l = layer < 0 || layer >= m.layers() ? m.layers() - 1 : layer;
        int hd = head >= m.heads() ? -1 : head;
        float[] roll = rollout ? Rollout.compute(m, fusion, DISCARD_RATIO, l) : null;
        int token = patch < 0 ? MapQuery.CLS : r.patchToken(patch);
        float[] map = new MapQuery().compute(m, roll, l, hd, fusion, token, false).clone();
        float[] values = PatchAttentionLift.lift(c, grid, map);
        String who = patch < 0 ? "CLS (the point has no source pixel)"
                : "patch (" + patch % m.gridW() + ", " + patch / m.gridW() + ") under point #" + point;
        String how = rollout ? "rollout to layer " + l : "layer " + l + ", " + (hd < 0 ? "heads "
                + fusion.name().toLowerCase(Locale.ROOT) : "head " + hd);
        return new Lifted(values, r.modelName() + " · " + how + " · " + who, m.layers(), m.heads());
    }

    private void show(float[] values, String caption) {
        cloudModel.attention.set(values);
        cloudModel.colorBy.set(ColorBy.ATTENTION);
        status.set(caption);
        cloudModel.status.set("Attention: " + caption);
    }

    /**
     * The image the cloud came from: the file its provenance names when it exists (resized clouds
     * keep the size check in {@link PatchAttentionLift}), else the cloud's own colours laid out on the
     * source grid (an organised PCD frame IS its image; pixels without a point stay black).
     */
    static RgbImage sourceImage(PointCloud c, LoadedCloud loaded) throws IOException {
        Provenance p = c.provenance();
        if (p.sourceImage() != null) {
            Path f = Path.of(p.sourceImage());
            if (!f.isAbsolute() && loaded != null && loaded.file() != null && loaded.file().getParent() != null) {
                f = loaded.file().getParent().resolve(f);
            }
            if (Files.isRegularFile(f)) {
                RgbImage img = ImageFiles.read(f, ImageFiles.Workload.MODEL_INPUT);
                if (img.width() == p.width() && img.height() == p.height()) {
                    return img;
                }
            }
        }
        if (!c.hasRgb()) {
            throw new IOException("the points carry no colour and their source image "
                    + (p.sourceImage() == null ? "is not known" : "(" + p.sourceImage() + ") was not found"));
        }
        int[] rgb = new int[p.width() * p.height()];
        byte[] col = c.rgb();
        for (int i = 0; i < c.size(); i++) {
            int px = p.pixel()[i];
            if (px >= 0 && px < rgb.length) {
                rgb[px] = (col[3 * i] & 0xFF) << 16 | (col[3 * i + 1] & 0xFF) << 8 | (col[3 * i + 2] & 0xFF);
            }
        }
        return new RgbImage(p.width(), p.height(), rgb);
    }

    /** The cache key of the source image: the file, its size and time, the point count (edits change the image). */
    private static String imageKey(PointCloud c, LoadedCloud loaded) {
        String file = loaded == null || loaded.file() == null ? "memory" : loaded.file().toAbsolutePath().toString();
        long stamp = 0;
        try {
            if (loaded != null && loaded.file() != null && Files.exists(loaded.file())) {
                stamp = Files.getLastModifiedTime(loaded.file()).toMillis();
            }
        } catch (IOException e) {
            // no time stamp: the path and the count still tell images apart
        }
        return "pointcloud:" + file + "@" + stamp + "#" + c.size() + "@" + System.identityHashCode(c.rgb());
    }

    @Override
    public void close() {
        if (ownsService) {
            service.close();
        }
    }
}
