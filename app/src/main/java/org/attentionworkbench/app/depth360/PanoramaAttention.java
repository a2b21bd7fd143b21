package org.attentionworkbench.app.depth360;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.attentionworkbench.compute.explain.AttentionMaps;
import org.attentionworkbench.compute.explain.HeadFusion;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.models.AttentionExport;
import org.attentionworkbench.compute.models.catalog.ModelCache;
import org.attentionworkbench.compute.models.catalog.ModelCatalog;
import org.attentionworkbench.compute.models.catalog.ModelDownloader;
import org.attentionworkbench.compute.models.depth.DepthAnything;
import org.attentionworkbench.compute.models.depth.DepthModel;
import org.attentionworkbench.compute.models.depth.DepthModels;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.nn.Captured;
import org.attentionworkbench.compute.panorama.Gnomonic;
import org.attentionworkbench.compute.panorama.TangentLayout;
import org.attentionworkbench.compute.panorama.TangentPatch;
import org.attentionworkbench.compute.panorama.depth.PanoramaLayouts;
import org.attentionworkbench.compute.panorama.tokens.PatchTokens;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.viewers.panorama.PanoramaRenderer;

/**
 * Where a depth model looks, on a panorama (no UI; one worker thread uses it): the tangent patch whose
 * centre is nearest the pointer is shown to the depth model as a pinhole picture, the backbone's
 * attention of one layer is kept (per patch and layer, a few at a time), and the row of the token under
 * the pointer (heads fused or one head) is reprojected onto an ERP map, NaN outside the patch.
 * Not thread-safe: one worker thread opens, runs and closes it ({@link PanoramaAttentionController}).
 */
public final class PanoramaAttention implements AutoCloseable {
    /** The layout the patches come from (OmniFusion's 18, 80° FOV) and their side in pixels (37 tokens of 14). */
    public static final String LAYOUT = "18";
    public static final int PATCH_PIXELS = 518;
    /** Patches × layers kept (Depth Anything Small at 518²: ~45 MB each). */
    public static final int CACHE = 4;
    /** The catalog's depth model, used when it is installed. */
    public static final String CATALOG_ID = "depth-anything-v2-small-hf";

    /** How to read the attention: a layer, and one head (≥ 0) or the heads fused. */
    public record Explore(int layer, int head, HeadFusion fusion) {
        public String describe() {
            return head >= 0 ? "layer " + layer + ", head " + head
                    : "layer " + layer + ", " + fusion.name().toLowerCase(Locale.ROOT) + " of heads";
        }
    }

    /**
     * @param lon longitude under the pointer (radians)
     * @param lat latitude under the pointer (radians, up positive, as the viewer's)
     */
    public record Request(LoadedPanorama panorama, double lon, double lat, Explore explore, int overlayWidth) {}

    /**
     * @param map overlayWidth × overlayWidth/2 in the panorama's own convention, NaN outside the patch
     * @param outline the patch's border as (lon, lat up) pairs
     */
    public record Result(Request request, int patch, int token, int gridH, int gridW, float[] map, int width,
            int height, double[] outline, String description) {}

    private record Key(int patch, int layer) {}

    private record PatchRun(AttentionMaps maps) {}

    private final Map<Key, PatchRun> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, PatchRun> e) {
            return size() > CACHE;
        }
    };
    private DepthModel model;
    private Path modelPath;
    private LoadedPanorama cachedFor;
    private TangentLayout layout;

    /** The catalog's Depth Anything V2 Small entry. */
    public static ModelCatalog.Entry catalogEntry() {
        return ModelCatalog.builtIn().depthEntries().stream().filter(e -> e.id.equals(CATALOG_ID)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the model catalog lists no " + CATALOG_ID));
    }

    /** The catalog model's folder when it is installed in the user's cache. */
    public static Optional<Path> installedCatalogModel(Path cacheDir) {
        for (ModelCatalog.Entry e : ModelCatalog.builtIn().depthEntries()) {
            if (e.id.equals(CATALOG_ID) && ModelDownloader.isInstalled(cacheDir, e)) {
                return Optional.of(ModelCache.modelDir(cacheDir, e.id));
            }
        }
        return Optional.empty();
    }

    /** Opens a Depth Anything checkpoint (HF folder, its model.safetensors, or a .pth), closing the last one. */
    public void open(Path checkpoint, Device device) {
        DepthModel m = DepthModels.open(checkpoint, device);
        close();
        model = m;
        modelPath = checkpoint;
    }

    public boolean isOpen() {
        return model != null;
    }

    public Path modelPath() {
        return modelPath;
    }

    /** Backbone layers and heads of the open model, or {0, 0} when it does not say. */
    public int[] layersAndHeads() {
        if (model instanceof DepthAnything da) {
            return new int[] {da.backbone().config().depth(), da.backbone().config().heads()};
        }
        return new int[] {0, 0};
    }

    /** The patch, token and reprojected attention row under the pointer, or null when cancelled. */
    public Result run(Request q, BooleanSupplier cancelled) {
        return run(q, cancelled, note -> { });
    }

    /** As {@link #run(Request, BooleanSupplier)}; {@code note} hears when the model runs on a new patch (seconds). */
    public Result run(Request q, BooleanSupplier cancelled, java.util.function.Consumer<String> note) {
        if (model == null) {
            throw new IllegalStateException("no depth model is open");
        }
        LoadedPanorama p = q.panorama();
        if (p != cachedFor) {
            cache.clear();
            cachedFor = p;
            layout = PanoramaLayouts.named(LAYOUT, p.image().width(), Double.NaN, PATCH_PIXELS);
        }
        double latE = -q.lat(); // the engine's latitude grows downwards
        int index = PatchTokens.nearestPatch(layout, q.lon(), latE);
        TangentPatch patch = layout.patch(index);
        int layer = q.explore().layer();
        PatchRun run = cache.get(new Key(index, layer));
        if (run == null) {
            if (cancelled.getAsBoolean()) {
                return null;
            }
            note.accept(String.format(Locale.ROOT, "Running the depth model on patch %d (lon %.0f°, lat %.0f°)…",
                    index, patch.lon0Degrees(), -patch.lat0Degrees()));
            run = runPatch(p, patch, layer);
            cache.put(new Key(index, layer), run);
        }
        if (cancelled.getAsBoolean()) {
            return null;
        }
        AttentionMaps maps = run.maps();
        int gh = maps.gridH(), gw = maps.gridW();
        int cell = PatchTokens.tokenAt(patch, gh, gw, q.lon(), latE);
        if (cell < 0) { // cannot happen for the nearest patch's centre region; be safe at its corners
            return null;
        }
        int token = maps.prefix() + cell;
        Explore e = q.explore();
        float[] row = e.head() >= 0 ? maps.row(0, Math.min(e.head(), maps.heads() - 1), token)
                : maps.fusedRow(0, token, e.fusion());
        float[] grid = maps.patchGrid(row);
        int w = Math.max(2, q.overlayWidth()), h = Math.max(2, w / 2);
        float[] map = PatchTokens.toErp(grid, gh, gw, patch, w, h, PanoramaClouds.pixels(p.convention()));
        String what = String.format(Locale.ROOT, "Attention of token (%d, %d) of patch %d (lon %.0f°, lat %.0f°), %s",
                cell / gw, cell % gw, index, patch.lon0Degrees(), -patch.lat0Degrees(), e.describe());
        return new Result(q, index, cell, gh, gw, map, w, h, outline(patch), what);
    }

    private PatchRun runPatch(LoadedPanorama p, TangentPatch patch, int layer) {
        PanoramaRenderer.Source src = p.source();
        RgbImage picture = PatchTokens.render(patch, (lon, lat) -> src.colourAt(lon, -lat));
        BitSet layers = new BitSet();
        layers.set(layer);
        DepthModel.Prediction pred = model.predict(picture, new CaptureRequest(layers, false, false));
        List<Captured> captured = pred.layers();
        if (layer >= captured.size() || captured.get(layer) == null || captured.get(layer).attention() == null) {
            throw new IllegalArgumentException("the depth model has no attention for layer " + layer
                    + " (it has " + captured.size() + " layers)");
        }
        var attn = AttentionExport.stack(List.of(captured.get(layer)));
        int n = attn.dim(2);
        int prefix = n - pred.gridH() * pred.gridW();
        return new PatchRun(new AttentionMaps(attn.data(), 1, attn.dim(1), n, prefix, pred.gridH(), pred.gridW()));
    }

    /** The patch's border on the sphere, (lon, lat up) pairs, 16 samples per side. */
    static double[] outline(TangentPatch patch) {
        int per = 16;
        double[] out = new double[2 * 4 * per];
        double[] ll = new double[2];
        int k = 0;
        for (int side = 0; side < 4; side++) {
            for (int s = 0; s < per; s++) {
                double t = s / (double) per;
                double x = switch (side) {
                    case 0 -> patch.xMin() + t * (patch.xMax() - patch.xMin());
                    case 1 -> patch.xMax();
                    case 2 -> patch.xMax() - t * (patch.xMax() - patch.xMin());
                    default -> patch.xMin();
                };
                double y = switch (side) {
                    case 0 -> patch.yMin();
                    case 1 -> patch.yMin() + t * (patch.yMax() - patch.yMin());
                    case 2 -> patch.yMax();
                    default -> patch.yMax() - t * (patch.yMax() - patch.yMin());
                };
                Gnomonic.inverse(x, y, patch.lon0(), patch.lat0(), ll);
                out[k++] = ll[0];
                out[k++] = -ll[1];
            }
        }
        return out;
    }

    @Override
    public void close() {
        cache.clear();
        if (model != null) {
            model.close();
            model = null;
            modelPath = null;
        }
    }
}
