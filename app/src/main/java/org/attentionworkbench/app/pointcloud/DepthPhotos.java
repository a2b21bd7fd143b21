package org.attentionworkbench.app.pointcloud;

import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.attentionworkbench.app.tasks.Work;
import org.attentionworkbench.compute.depth.DepthClouds;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.models.catalog.ModelCache;
import org.attentionworkbench.compute.models.catalog.ModelCatalog;
import org.attentionworkbench.compute.models.catalog.ModelDownloader;
import org.attentionworkbench.compute.models.depth.DepthMap;
import org.attentionworkbench.compute.models.depth.DepthModel;
import org.attentionworkbench.compute.models.depth.DepthModels;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.tensor.Device;

/**
 * "Depth → 3D" without the UI: a monocular depth model on the open photo, then
 * {@link DepthClouds} (the same code as {@code workbench depth}) into a coloured cloud whose points keep
 * their pixels. Runs on the worker thread.
 */
public final class DepthPhotos {
    private DepthPhotos() {}

    /** The page keeps the cloud near this many points at most (one point every stride pixels). */
    public static final long MAX_POINTS = 2_000_000;

    /** The first catalog depth model installed in {@code cacheDir}, if any. */
    public static Optional<Path> installedModel(Path cacheDir) {
        for (ModelCatalog.Entry e : ModelCatalog.builtIn().depthEntries()) {
            if (ModelDownloader.isInstalled(cacheDir, e)
                    || Files.isRegularFile(ModelCache.modelDir(cacheDir, e.id).resolve("model.safetensors"))) {
                return Optional.of(ModelCache.modelDir(cacheDir, e.id));
            }
        }
        return Optional.empty();
    }

    /** The catalog's first depth model (Depth Anything V2 Small), the one the page offers to download. */
    public static ModelCatalog.Entry catalogModel() {
        return ModelCatalog.builtIn().depthEntries().get(0);
    }

    /**
     * Downloads a catalog depth model into {@code cacheDir} (sizes and checksums checked, resumable, as
     * the model manager does); returns its folder, which {@code DepthModels.open} reads.
     */
    public static Path install(ModelCatalog.Entry entry, Path cacheDir, Work.Progress progress) throws Exception {
        new ModelDownloader(cacheDir).install(entry, (file, bytes, total) -> {
            progress.message("Downloading " + file);
            if (total > 0) {
                progress.update(bytes, total);
            }
        }, progress::isCancelled);
        return ModelCache.modelDir(cacheDir, entry.id);
    }

    /** What to tell a user who has no depth model: the catalog's models, where they go, or choose a file. */
    public static String howToGet(Path cacheDir) {
        return ModelCatalog.builtIn().depthEntries().stream().map(e -> "• " + e.name + " (" + e.licence
                        + (e.files.isEmpty() ? "" : ", " + e.checkpoint().sizeHint) + "): download "
                        + e.files.stream().map(f -> f.fileName).collect(Collectors.joining(", ")) + " from "
                        + e.source + " into " + ModelCache.modelDir(cacheDir, e.id))
                .collect(Collectors.joining("\n", "No depth model is installed. Download it here, or from the model "
                        + "catalog:\n",
                        "\nOr choose a Depth Anything V2 checkpoint you have (an HF folder, model.safetensors or "
                                + "depth_anything_v2_*.pth)."));
    }

    /** The settings for an image: the field of view, and a stride that keeps at most {@link #MAX_POINTS}. */
    public static DepthClouds.Settings settings(int width, int height, double fovDegrees) {
        int stride = (int) Math.ceil(Math.sqrt((double) width * height / MAX_POINTS));
        return DepthClouds.Settings.defaults().withFov(fovDegrees).withStride(Math.max(1, stride));
    }

    /**
     * Opens {@code model} on {@code device}, predicts the depth of {@code image} and makes the cloud;
     * {@code imageFile} (or null) goes into the provenance. Cancellation is checked between stages
     * (an {@link InterruptedIOException}).
     */
    public static LoadedCloud run(Path model, Device device, RgbImage image, Path imageFile, String imageName,
            double fovDegrees, Work.Progress progress) throws Exception {
        progress.message("Loading " + model.getFileName());
        progress.update(0, 3);
        try (DepthModel m = DepthModels.open(model, device)) {
            cancelPoint(progress);
            progress.message(String.format(Locale.ROOT, "Depth of %s (%d×%d)", imageName, image.width(), image.height()));
            progress.update(1, 3);
            DepthMap depth = m.predict(image);
            cancelPoint(progress);
            progress.message("Points");
            progress.update(2, 3);
            PointCloud cloud = DepthClouds.toCloud(image, imageFile == null ? null : imageFile.toString(), depth,
                    settings(image.width(), image.height(), fovDegrees));
            progress.update(3, 3);
            // "Depth map" as for depth files: not a file to list in recents or to remember a camera for
            return new LoadedCloud(imageFile != null ? imageFile : Path.of(imageName), "Depth map", cloud);
        }
    }

    private static void cancelPoint(Work.Progress progress) throws InterruptedIOException {
        if (progress.isCancelled()) {
            throw new InterruptedIOException("cancelled");
        }
    }
}
