package org.attentionworkbench.app.anomaly;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attentionworkbench.app.tasks.Work;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.AnomalyMap;
import org.attentionworkbench.compute.anomaly.FeatureExtractor;
import org.attentionworkbench.compute.anomaly.MemoryBank;
import org.attentionworkbench.compute.anomaly.MobileNetFeatures;
import org.attentionworkbench.compute.anomaly.Normalizer;
import org.attentionworkbench.compute.anomaly.PatchFeatures;
import org.attentionworkbench.compute.anomaly.ViTFeatures;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Device;

/**
 * Runs one {@link InspectionRequest} on a worker thread (the same flow as the {@code anomaly} command):
 * backbone → prompt features → scorer → each image scored and handed to the {@link Listener} as soon as
 * it is done (the queue fills while the run goes on) → the set-wide normaliser → metrics from labels.
 * Checks for cancel before every image.
 */
public final class InspectionRun {

    /** Called on the worker thread; implementations hand over to the FX thread. */
    public interface Listener {
        void prompts(PromptSet prompts);

        void scored(int index, ImageResult result);

        /** A (provisional while running, final at the end) normaliser across the set. */
        void normalizer(Normalizer normalizer);
    }

    private InspectionRun() {}

    public static Work<RunResult> work(InspectionRequest req, Device device, Listener listener) {
        return progress -> run(req, device, listener, progress);
    }

    static RunResult run(InspectionRequest req, Device device, Listener listener, Work.Progress progress)
            throws IOException {
        int n = req.items().size();
        progress.message("Loading backbone " + req.backbone().getFileName() + "…");
        try (FeatureExtractor fx = extractor(req.backbone(), device, req.inputSize())) {
            // 1. prompt features (kept for the prompt ↔ target view) and the scorer
            List<RgbImage> prompts = new ArrayList<>();
            List<PatchFeatures> promptFeatures = new ArrayList<>();
            for (Path p : req.prompts()) {
                RgbImage img = ImageFiles.read(p);
                prompts.add(img);
                promptFeatures.add(fx.extract(img));
            }
            try (AnomalyInspector inspector = new AnomalyInspector(fx, prompts, req.settings())) {
                boolean recon = !(inspector.scorer() instanceof MemoryBank);
                listener.prompts(new PromptSet(req.prompts(), promptFeatures, recon, req.settings().temperature()));
                // 2. the threshold from held-out normal images, before any target (as the CLI does);
                //    never from the inspected images' labels, which would grade the run on its own answers
                Normalizer fromPrompts = null;
                if (!req.calibration().isEmpty()) {
                    List<AnomalyInspector.Scored> normals = new ArrayList<>();
                    for (Path c : req.calibration()) {
                        if (progress.isCancelled()) {
                            return null;
                        }
                        progress.message("Calibrating on held-out normal image " + c.getFileName());
                        normals.add(inspector.score(ImageFiles.read(c)));
                    }
                    fromPrompts = AnomalyInspector.fit(normals, Normalizer.DEFAULT_QUANTILE,
                            "quantile 0.99 of " + normals.size() + " held-out normal images");
                    listener.normalizer(fromPrompts);
                }
                // 3. every image, streamed
                List<ImageResult> results = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    if (progress.isCancelled()) {
                        return null;
                    }
                    Path file = req.items().get(i).image();
                    progress.message(String.format(Locale.ROOT, "Inspecting %d/%d: %s", i + 1, n, file.getFileName()));
                    ImageResult r = score(fx, inspector, ImageFiles.read(file));
                    results.add(r);
                    listener.scored(i, r);
                    progress.update(i + 1, n);
                    if (fromPrompts == null && Integer.bitCount(i + 1) == 1) {
                        listener.normalizer(uncalibrated(results)); // provisional: 1, 2, 4, 8, … images
                    }
                }
                double ms = n == 0 ? 0 : (System.nanoTime() - t0) / 1e6 / n;
                // 4. the final normaliser and the metrics
                Normalizer norm = fromPrompts != null ? fromPrompts : results.isEmpty() ? null : uncalibrated(results);
                if (norm != null) {
                    listener.normalizer(norm);
                }
                progress.message("Computing metrics…");
                RunMetrics metrics = MetricsCalculator.compute(req.items(), results);
                return new RunResult(norm, metrics, ms, inspector.describe());
            }
        }
    }

    /** The inspector's own scoring, keeping the target features for the prompt view. */
    private static ImageResult score(FeatureExtractor fx, AnomalyInspector inspector, RgbImage image) {
        PatchFeatures f = fx.extract(image);
        float[] p = inspector.scorer().score(f);
        AnomalyMap map = AnomalyMap.fromPatches(fx.device(), p, f.gridH(), f.gridW(), fx.inputSize(),
                inspector.settings().sigma());
        return new ImageResult(map.imageScore(inspector.settings().topK()), p, f.gridH(), f.gridW(), map, f);
    }

    /**
     * No held-out normal image: the CLI's documented fallback, flagging the top share of the batch and
     * marked uncalibrated (a ranking for review, not a pass/fail decision).
     */
    private static Normalizer uncalibrated(List<ImageResult> results) {
        float[] s = new float[results.size()];
        List<AnomalyMap> maps = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            s[i] = results.get(i).score();
            maps.add(results.get(i).map());
        }
        return Normalizer.uncalibrated(maps, s, Normalizer.DEFAULT_CONTAMINATION);
    }

    /** MobileNetV2 for a checkpoint whose name says so, else a ViT (patch tokens). */
    static FeatureExtractor extractor(Path backbone, Device device, int size) throws IOException {
        String name = backbone.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.contains("mobilenet")) {
            return MobileNetFeatures.open(backbone, device, Activation.RELU, size);
        }
        return ViTFeatures.open(backbone, device, size);
    }
}
