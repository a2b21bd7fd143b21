package org.attentionworkbench.app.depth360;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.attentionworkbench.app.attention.ModelLibrary;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.explain.HeadFusion;
import org.attentionworkbench.compute.models.catalog.ModelCache;

/**
 * The 360° page's "attention under the pointer" on the FX thread: the explorer's state (on/off,
 * layer, head or fusion), the depth model in use, and hover requests run on one worker thread that
 * only runs the newest (a request still waiting when a newer one comes is dropped, and a result that is
 * no longer the newest is not shown; a model forward already running finishes and is cached).
 */
public final class PanoramaAttentionController implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PanoramaAttentionController.class.getName());
    /** Width of the reprojected map (ERP, height half of it). */
    public static final int OVERLAY_WIDTH = 1024;
    /** What the page says when there is no depth model. */
    public static final String NO_MODEL = "No depth model: “Get Depth Anything” downloads Depth Anything V2 Small "
            + "(Apache-2.0, ~99 MB) into the model cache, or “Depth model…” opens a checkpoint you have "
            + "(a Hugging Face folder's model.safetensors, or depth_anything_v2_vits.pth)";

    private final Workbench workbench;
    private final PanoramaAttention service = new PanoramaAttention();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "panorama-attention");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Pending> pending = new AtomicReference<>();
    private final AtomicLong generation = new AtomicLong();

    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled", false);
    private final IntegerProperty layer = new SimpleIntegerProperty(this, "layer", 0);
    /** A head ≥ 0, or -1 for the heads fused by {@link #fusionProperty()}. */
    private final IntegerProperty head = new SimpleIntegerProperty(this, "head", -1);
    private final ObjectProperty<HeadFusion> fusion = new SimpleObjectProperty<>(this, "fusion", HeadFusion.MEAN);
    private final ReadOnlyIntegerWrapper layers = new ReadOnlyIntegerWrapper(this, "layers", 0);
    private final ReadOnlyIntegerWrapper heads = new ReadOnlyIntegerWrapper(this, "heads", 0);
    private final ReadOnlyObjectWrapper<Path> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", NO_MODEL);
    private final ReadOnlyObjectWrapper<PanoramaAttention.Result> result = new ReadOnlyObjectWrapper<>(this, "result");

    private record Pending(long generation, PanoramaAttention.Request request) {}

    public PanoramaAttentionController(Workbench workbench) {
        this.workbench = workbench;
    }

    public BooleanProperty enabledProperty() { return enabled; }
    public IntegerProperty layerProperty() { return layer; }
    public IntegerProperty headProperty() { return head; }
    public ObjectProperty<HeadFusion> fusionProperty() { return fusion; }
    public ReadOnlyIntegerProperty layersProperty() { return layers.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty headsProperty() { return heads.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Path> modelProperty() { return model.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** The newest attention map, or null (attention off, no model, pointer gone). */
    public ReadOnlyObjectProperty<PanoramaAttention.Result> resultProperty() { return result.getReadOnlyProperty(); }

    /** Opens the catalog's depth model when it is installed in {@code cacheDir} (null: the default cache). */
    public void openInstalled(Path cacheDir) {
        Path dir = cacheDir == null ? ModelCache.defaultDir() : cacheDir;
        worker.execute(() -> {
            Optional<Path> found = PanoramaAttention.installedCatalogModel(dir);
            found.ifPresent(this::openOnWorker);
        });
    }

    /** Downloads the catalog's Depth Anything V2 Small into the model cache (status bar: progress, Cancel), then opens it. */
    public void download() {
        Path cache = ModelCache.defaultDir();
        var entry = PanoramaAttention.catalogEntry();
        status.set("Downloading " + entry.name + "…");
        workbench.tasks().submit("Downloading " + entry.name,
                progress -> new ModelLibrary(cache).download(entry, progress),
                r -> openModel(ModelCache.modelDir(cache, entry.id)),
                e -> status.set("Download failed: " + (e.getMessage() == null ? e.toString() : e.getMessage())));
    }

    /** Opens a Depth Anything checkpoint off the FX thread. */
    public void openModel(Path checkpoint) {
        status.set("Opening " + checkpoint.getFileName() + "…");
        worker.execute(() -> openOnWorker(checkpoint));
    }

    private void openOnWorker(Path checkpoint) {
        try {
            var device = workbench.devices().device();
            if (device == null) {
                throw new IllegalStateException("the compute device is still opening; try again in a moment");
            }
            service.open(checkpoint, device);
            int[] lh = service.layersAndHeads();
            Platform.runLater(() -> {
                model.set(checkpoint);
                layers.set(lh[0]);
                heads.set(lh[1]);
                if (lh[0] > 0) {
                    layer.set(Math.min(Math.max(layer.get(), 0), lh[0] - 1));
                }
                if (head.get() >= lh[1]) {
                    head.set(-1);
                }
                status.set("Depth model " + checkpoint.getFileName() + ": hover the panorama to see where it looks");
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot open depth model " + checkpoint, e);
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            Platform.runLater(() -> status.set("Cannot open " + checkpoint.getFileName() + ": " + msg));
        }
    }

    /** The pointer is at (lon, lat up) on {@code panorama}: shows the attention there (newest wins). */
    public void hover(LoadedPanorama panorama, double lon, double lat) {
        if (!enabled.get() || model.get() == null || panorama == null) {
            return;
        }
        PanoramaAttention.Explore e = new PanoramaAttention.Explore(layer.get(), head.get(), fusion.get());
        long g = generation.incrementAndGet();
        pending.set(new Pending(g, new PanoramaAttention.Request(panorama, lon, lat, e, OVERLAY_WIDTH)));
        worker.execute(this::drain);
    }

    /** Forgets the shown map and any waiting request (attention off, a new panorama). */
    public void clear() {
        generation.incrementAndGet();
        pending.set(null);
        result.set(null);
    }

    private void drain() {
        Pending p = pending.getAndSet(null);
        if (p == null) {
            return;
        }
        try {
            PanoramaAttention.Result r = service.run(p.request(), () -> pending.get() != null
                    || generation.get() != p.generation(), note -> Platform.runLater(() -> status.set(note)));
            if (r != null) {
                Platform.runLater(() -> {
                    if (generation.get() == p.generation() && enabled.get()) {
                        result.set(r);
                        status.set(r.description());
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "panorama attention failed", e);
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            Platform.runLater(() -> status.set("Attention failed: " + msg));
        }
    }

    @Override
    public void close() {
        clear();
        worker.execute(service::close);
        worker.shutdown();
    }
}
