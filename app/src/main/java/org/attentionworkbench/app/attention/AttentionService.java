package org.attentionworkbench.app.attention;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.attentionworkbench.app.tasks.Work;
import org.attentionworkbench.compute.explain.Artifacts;
import org.attentionworkbench.compute.explain.AttentionMaps;
import org.attentionworkbench.compute.explain.HeadStatistics;
import org.attentionworkbench.compute.image.Preprocess;
import org.attentionworkbench.compute.models.AttentionExport;
import org.attentionworkbench.compute.models.VisionModel;
import org.attentionworkbench.compute.models.vit.ViT;
import org.attentionworkbench.compute.models.vit.ViTConfig;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * Image forward passes for the Attention page, without any UI: open the model (kept open for the
 * next image), run it with every layer's attention captured, and derive the statistics and
 * artifacts. Results are cached per (image, model, input size), so going back to an image, or
 * moving the pointer over its map, never runs the model again.
 *
 * <p>{@link #run} is called on a worker thread; the device is used by one pass at a time (the
 * text service takes the same lock).
 */
public final class AttentionService implements AutoCloseable {
    /** Results kept; a ViT-S/8 result is ~180 MB, so few. */
    private static final int CACHE_ENTRIES = 4;

    private final Map<ImageRunRequest.Key, ImageRunResult> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ImageRunRequest.Key, ImageRunResult> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };
    /** Guards the open model: one image pass at a time (cache look-ups do not wait for it). */
    private final Object runLock = new Object();
    private VisionModel open;
    private Path openCard;
    private Device openDevice;

    /** How many results the cache holds. */
    public synchronized int cachedResults() {
        return cache.size();
    }

    /** A cached result, when this (image, model, input size) ran before. */
    public synchronized Optional<ImageRunResult> cached(ImageRunRequest request) {
        return Optional.ofNullable(cache.get(request.key()));
    }

    /** Runs (or returns from the cache) one request on a worker thread. */
    public ImageRunResult run(ImageRunRequest request, Device device, Work.Progress progress) throws IOException {
        Optional<ImageRunResult> hit = cached(request);
        if (hit.isPresent()) {
            return hit.get();
        }
        long t0 = System.nanoTime();
        ImageRunResult result;
        synchronized (runLock) {
          synchronized (DeviceLock.of(device)) {
            // 1. the model, reopened only when the card or the device changed
            progress.message("Opening " + request.card().getFileName());
            progress.update(0.05, 1);
            VisionModel model = model(request.card(), device);
            checkCancel(progress);
            // 2. the forward pass with every layer's attention kept
            progress.message("Running " + model.card().name + " on " + request.imageName());
            progress.update(0.2, 1);
            ViTConfig cfg = model.network().config();
            ViT.Output out = forward(model, request);
            checkCancel(progress);
            // 3. maps, statistics, artifacts and the top classes
            progress.message("Statistics");
            progress.update(0.8, 1);
            AttentionMaps maps = AttentionMaps.fromVit(out, cfg);
            HeadStatistics stats = HeadStatistics.compute(maps, cfg.patch());
            int tokens = out.tokens().dim(1);
            int dim = out.tokens().dim(2);
            float[] first = new float[tokens * dim]; // batch item 0
            System.arraycopy(out.tokens().data(), 0, first, 0, first.length);
            List<Artifacts.Artifact> artifacts = Artifacts.find(first, tokens, dim, maps,
                    Math.min(cfg.prefixTokens(), tokens - 1));
            List<Prediction> top = new ArrayList<>();
            if (out.logits() != null) {
                for (Map<String, Object> e : AttentionExport.top(out.logits().data(), model.labels(), 5)) {
                    top.add(new Prediction((Integer) e.get("index"), (String) e.get("label"),
                            (Double) e.get("probability")));
                }
            }
            progress.update(1, 1);
            result = new ImageRunResult(request.key(), request.imageName(), model.card().name, model.card().trained,
                    request.card(), cfg.layout().id(), maps, stats, List.copyOf(artifacts), cfg.patch(),
                    out.gridW() * cfg.patch(), out.gridH() * cfg.patch(), List.copyOf(top),
                    (System.nanoTime() - t0) / 1_000_000);
          }
        }
        synchronized (this) {
            cache.put(request.key(), result);
        }
        return result;
    }

    /**
     * The image as the model sees it: squashed to its square input (so the patch grid covers the whole
     * image, as DINO's visualize_attention does), or on its native grid.
     */
    private static ViT.Output forward(VisionModel model, ImageRunRequest request) {
        ViT vit = model.network();
        Preprocess.Recipe r = model.recipe();
        int[] size = new int[2];
        float[] pixels;
        if (request.nativeGrid()) {
            pixels = Preprocess.nativeGrid(request.image(), r, vit.config().patch(), size);
        } else {
            int side = r.crop() > 0 ? r.crop() : r.resize() > 0 ? r.resize() : vit.config().gridH() * vit.config().patch();
            Preprocess.Recipe squash = new Preprocess.Recipe(side, true, 0, r.channels(), r.mean(), r.std());
            pixels = Preprocess.apply(request.image(), squash, size);
        }
        Device d = vit.device();
        try (Tensor x = d.upload(pixels, 1, r.channels(), size[0], size[1])) {
            return vit.forward(x, CaptureRequest.allAttention(vit.config().depth()));
        }
    }

    private VisionModel model(Path card, Device device) throws IOException {
        Path c = card.toAbsolutePath().normalize();
        if (open != null && c.equals(openCard) && device == openDevice) {
            return open;
        }
        closeModel();
        open = VisionModel.open(c, device);
        openCard = c;
        openDevice = device;
        return open;
    }

    private static void checkCancel(Work.Progress progress) {
        if (progress.isCancelled()) {
            throw new CancellationException("attention run cancelled");
        }
    }

    /** Forgets the open model (the device changed or the app closes). */
    public void closeModel() {
        synchronized (runLock) {
          if (open != null) {
            open.close();
            open = null;
            openCard = null;
            openDevice = null;
          }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            cache.clear();
        }
        closeModel();
    }
}
