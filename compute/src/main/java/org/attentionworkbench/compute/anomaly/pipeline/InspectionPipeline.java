package org.attentionworkbench.compute.anomaly.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.attentionworkbench.compute.anomaly.AnomalyEvaluation;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.AnomalyMap;
import org.attentionworkbench.compute.anomaly.FeatureExtractor;
import org.attentionworkbench.compute.anomaly.PromptReconstruction;
import org.attentionworkbench.compute.anomaly.Normalizer;
import org.attentionworkbench.compute.anomaly.PatchFeatures;
import org.attentionworkbench.compute.anomaly.PatchRefiner;
import org.attentionworkbench.compute.anomaly.data.AnomalyItem;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;

/**
 * The anomaly inspection flow, the one both the GUI and the {@code anomaly} command run: backbone →
 * prompt features → scorer → the threshold from held-out normal images (before any target, never from
 * the targets' own labels) → every target scored and reported as soon as it is done → the set-wide
 * normaliser → metrics from the labels.
 *
 * <p>A target that cannot be read or scored is recorded as an {@link ImageFailure} and the batch goes
 * on; so does a ground-truth mask that cannot be read (its image is left out of the pixel metrics). A
 * prompt that cannot be read stops the run (there is nothing to score against). Cancellation is
 * checked before every image; a cancelled run returns what it has, marked {@link RunResult#cancelled()}.
 */
public final class InspectionPipeline {

    private InspectionPipeline() {}

    public static RunResult run(InspectionRequest req, Device device, InspectionListener listener,
            BooleanSupplier cancelled) throws IOException {
        return run(req, device, listener, cancelled, null);
    }

    /** The same with a refiner (null: none) applied after the scorer. */
    public static RunResult run(InspectionRequest req, Device device, InspectionListener listener,
            BooleanSupplier cancelled, PatchRefiner refiner) throws IOException {
        InspectionRequest.Options o = req.options();
        listener.stage("Loading backbone " + req.backbone().getFileName() + "…");
        try (FeatureExtractor fx = Backbones.open(req.backbone(), device, o.inputSize(), o.taps(), o.relu6(),
                o.aggregate())) {
            return run(req, fx, listener, cancelled, refiner);
        }
    }

    /** The same with a backbone already open (the request's backbone path is then only a name). */
    public static RunResult run(InspectionRequest req, FeatureExtractor fx, InspectionListener listener,
            BooleanSupplier cancelled) throws IOException {
        return run(req, fx, listener, cancelled, null);
    }

    public static RunResult run(InspectionRequest req, FeatureExtractor fx, InspectionListener listener,
            BooleanSupplier cancelled, PatchRefiner refiner) throws IOException {
        InspectionRequest.Options o = req.options();
        // 1. the prompts and the scorer
        List<RgbImage> prompts = new ArrayList<>();
        for (Path p : req.prompts()) {
            prompts.add(ImageFiles.read(p)); // a prompt must be readable: its message names the file
        }
        listener.stage("Encoding " + prompts.size() + " normal prompt image(s)…");
        try (AnomalyInspector inspector = new AnomalyInspector(fx, prompts, o.settings(), refiner)) {
            prompts.clear(); // the features are kept, the pixels are not needed any more
            inspector.warnings().forEach(listener::warning);
            boolean recon = inspector.scorer() instanceof PromptReconstruction;
            listener.prompts(new PromptSet(req.prompts(), inspector.promptFeatures(), recon,
                    o.settings().temperature()));
            List<ImageFailure> failures = new ArrayList<>();
            List<ImageResult> results = new ArrayList<>(Arrays.asList(new ImageResult[req.targets().size()]));

            // 2. the threshold from held-out normal images
            Normalizer calibrated = null;
            if (!req.calibration().isEmpty()) {
                List<AnomalyInspector.Scored> normals = new ArrayList<>();
                for (int i = 0; i < req.calibration().size(); i++) {
                    if (cancelled.getAsBoolean()) {
                        return cancelled(req, results, failures, null, 0, inspector);
                    }
                    Path c = req.calibration().get(i);
                    listener.stage("Calibrating on held-out normal image " + c.getFileName());
                    try {
                        normals.add(inspector.score(ImageFiles.read(c)));
                    } catch (IOException | RuntimeException e) {
                        ImageFailure f = new ImageFailure(ImageFailure.Role.CALIBRATION, i,
                                c.getFileName().toString(), c, reason(e));
                        failures.add(f);
                        listener.failed(f);
                    }
                    listener.calibrated(i + 1, req.calibration().size(), c.getFileName().toString());
                }
                if (!normals.isEmpty()) {
                    calibrated = AnomalyInspector.fit(normals, Normalizer.DEFAULT_QUANTILE,
                            String.format(Locale.ROOT, "quantile %.2f of %d held-out normal images' scores",
                                    Normalizer.DEFAULT_QUANTILE, normals.size()));
                    listener.normalizer(calibrated, false);
                }
            }

            // 3. every target, reported as it is done
            int n = req.targets().size();
            long t0 = System.nanoTime();
            int done = 0;
            for (int i = 0; i < n; i++) {
                if (cancelled.getAsBoolean()) {
                    return cancelled(req, results, failures, calibrated, msPer(t0, done), inspector);
                }
                InspectionTarget t = req.targets().get(i);
                listener.stage(String.format(Locale.ROOT, "Inspecting %d/%d: %s", i + 1, n, t.name()));
                try {
                    PatchFeatures f = fx.extract(ImageFiles.read(t.item().image()));
                    ImageResult r = ImageResult.of(inspector.score(f), f);
                    results.set(i, r);
                    done++;
                    listener.scored(i, r);
                    if (calibrated == null && Integer.bitCount(done) == 1) {
                        listener.normalizer(uncalibrated(results, o.contamination()), true); // 1, 2, 4, 8 …
                    }
                } catch (IOException | RuntimeException e) {
                    ImageFailure fail = new ImageFailure(ImageFailure.Role.TARGET, i, t.name(), t.item().image(),
                            reason(e));
                    failures.add(fail);
                    listener.failed(fail);
                }
            }
            double ms = msPer(t0, done);

            // 4. the final normaliser and the metrics
            Normalizer norm = calibrated != null ? calibrated
                    : done == 0 ? null : uncalibrated(results, o.contamination());
            if (norm != null) {
                listener.normalizer(norm, false);
            }
            listener.stage("Computing metrics…");
            AnomalyEvaluation.Report report = norm == null ? null : evaluate(req, results, norm, failures, listener);
            return new RunResult(req, results, failures, norm, report, false, ms, fx.describe(),
                    inspector.scoring());
        }
    }

    private static RunResult cancelled(InspectionRequest req, List<ImageResult> results, List<ImageFailure> failures,
            Normalizer norm, double ms, AnomalyInspector inspector) {
        return new RunResult(req, results, failures, norm, null, true, ms, inspector.features().describe(),
                inspector.scoring());
    }

    private static double msPer(long t0, int done) {
        return done == 0 ? 0 : (System.nanoTime() - t0) / 1e6 / done;
    }

    /**
     * Metrics over the scored targets (failed ones left out). A ground-truth mask that cannot be read is
     * added to {@code failures} (role MASK) and reported; its image is left out of the pixel metrics only.
     */
    private static AnomalyEvaluation.Report evaluate(InspectionRequest req, List<ImageResult> results,
            Normalizer norm, List<ImageFailure> failures, InspectionListener listener) {
        List<AnomalyItem> items = new ArrayList<>();
        List<AnomalyInspector.Scored> scored = new ArrayList<>();
        List<Integer> targetOf = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) != null) {
                items.add(req.targets().get(i).item());
                scored.add(results.get(i).scored());
                targetOf.add(i);
            }
        }
        AnomalyEvaluation.Report report = AnomalyEvaluation.evaluate(items, scored, norm.threshold());
        if (report != null) {
            for (AnomalyEvaluation.MaskFailure m : report.maskFailures()) {
                int i = targetOf.get(m.item());
                ImageFailure f = new ImageFailure(ImageFailure.Role.MASK, i, req.targets().get(i).name(), m.mask(),
                        m.reason());
                failures.add(f);
                listener.failed(f);
            }
        }
        return report;
    }

    /**
     * No held-out normal image: flag the top share of the batch, marked uncalibrated (a ranking for
     * review, not a pass/fail decision).
     */
    private static Normalizer uncalibrated(List<ImageResult> results, double contamination) {
        List<ImageResult> done = results.stream().filter(r -> r != null).toList();
        float[] s = new float[done.size()];
        List<AnomalyMap> maps = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            s[i] = done.get(i).score();
            maps.add(done.get(i).map());
        }
        return Normalizer.uncalibrated(maps, s, contamination);
    }

    /** The exception's message (the decoders name the file and the problem), or its type when it has none. */
    static String reason(Exception e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return e instanceof IOException ? m : e.getClass().getSimpleName() + ": " + m;
    }
}
