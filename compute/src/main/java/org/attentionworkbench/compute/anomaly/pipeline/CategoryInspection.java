package org.attentionworkbench.compute.anomaly.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.attentionworkbench.compute.anomaly.AnomalyEvaluation;
import org.attentionworkbench.compute.anomaly.AnomalyMap;
import org.attentionworkbench.compute.anomaly.FeatureExtractor;
import org.attentionworkbench.compute.anomaly.NormalImages;
import org.attentionworkbench.compute.anomaly.Normalizer;
import org.attentionworkbench.compute.anomaly.data.AnomalyDataset;
import org.attentionworkbench.compute.anomaly.data.AnomalyItem;
import org.attentionworkbench.compute.anomaly.data.CategoryFolders;

/**
 * A run over several product types ({@link CategoryFolders}): each category is its own
 * {@link InspectionPipeline} run, with prompts and held-out calibration images from its own training
 * images and its own {@link Normalizer}, one after the other on one open backbone. Raw scores of two
 * categories are not comparable (a bottle and a cable differ in how far any patch is from its prompt),
 * so a ranking across categories uses {@link #commonScale}: each category's threshold maps to 0.5.
 */
public final class CategoryInspection {

    /** One category, ready to run: its normal images (from its own train split) and its request. */
    public record CategoryRequest(String name, AnomalyDataset dataset, NormalImages normals,
            InspectionRequest request) {}

    /** One category's finished (or cancelled) run. */
    public record CategoryResult(String name, AnomalyDataset dataset, NormalImages normals, RunResult run) {}

    /** Every category's result, in order; {@code cancelled}: the run stopped early (later ones missing). */
    public record Result(List<CategoryResult> categories, boolean cancelled) {
        public Result {
            categories = List.copyOf(categories);
        }

        public int scoredCount() {
            return categories.stream().mapToInt(c -> c.run().scoredCount()).sum();
        }

        public long flaggedCount() {
            return categories.stream().mapToLong(c -> c.run().flaggedCount()).sum();
        }

        public int targetCount() {
            return categories.stream().mapToInt(c -> c.run().request().targets().size()).sum();
        }

        public List<ImageFailure> targetFailures() {
            return categories.stream().flatMap(c -> c.run().targetFailures().stream()).toList();
        }

        /**
         * The mean of a metric over the categories that define it (anomalib's and the MVTec papers' "mean"
         * row); null when none does.
         */
        public Double mean(Function<AnomalyEvaluation.Metrics, Double> metric) {
            double sum = 0;
            int n = 0;
            for (CategoryResult c : categories) {
                AnomalyEvaluation.Report r = c.run().report();
                Double v = r == null ? null : metric.apply(r.overall());
                if (v != null && !v.isNaN()) {
                    sum += v;
                    n++;
                }
            }
            return n == 0 ? null : sum / n;
        }

        /** How many categories define {@code metric} (the mean's denominator). */
        public int defining(Function<AnomalyEvaluation.Metrics, Double> metric) {
            int n = 0;
            for (CategoryResult c : categories) {
                AnomalyEvaluation.Report r = c.run().report();
                Double v = r == null ? null : metric.apply(r.overall());
                n += v != null && !v.isNaN() ? 1 : 0;
            }
            return n;
        }
    }

    /** Hands out the listener of each category's run (index in the request list). */
    public interface Listener {
        InspectionListener category(int index, CategoryRequest request);
    }

    private CategoryInspection() {}

    /**
     * The requests: per category, {@code promptCount} prompts spread over its training images, the last
     * 20 % of them held out to calibrate (the rules of {@link NormalImages}), and its test images named
     * {@code <category>/<path below the category>}, so names stay unique across categories.
     *
     * @throws IllegalArgumentException naming the category when it has no training image to prompt with
     */
    public static List<CategoryRequest> requests(CategoryFolders.Root root, Path backbone, int promptCount,
            InspectionRequest.Options options) {
        List<CategoryRequest> out = new ArrayList<>();
        for (CategoryFolders.Category c : root.categories()) {
            AnomalyDataset d = c.dataset();
            NormalImages normals;
            try {
                normals = NormalImages.choose(List.of(), List.of(), d.train(), promptCount);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("category " + c.name() + " (" + d.root() + "): no training "
                        + "images to take a prompt from", e);
            }
            var exclude = normals.all();
            Path base = d.root().toAbsolutePath().normalize();
            List<InspectionTarget> targets = new ArrayList<>();
            for (AnomalyItem it : d.items()) {
                Path abs = it.image().toAbsolutePath().normalize();
                if (!exclude.contains(abs)) {
                    targets.add(new InspectionTarget(it,
                            c.name() + "/" + base.relativize(abs).toString().replace('\\', '/')));
                }
            }
            out.add(new CategoryRequest(c.name(), d, normals, new InspectionRequest(backbone, normals.prompts(),
                    normals.calibration(), targets, options)));
        }
        return out;
    }

    /** Runs the categories in order on one backbone; stops after the category in which it was cancelled. */
    public static Result run(List<CategoryRequest> requests, FeatureExtractor fx, Listener listener,
            BooleanSupplier cancelled) throws IOException {
        List<CategoryResult> done = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            CategoryRequest c = requests.get(i);
            InspectionListener l = listener.category(i, c);
            l.stage("Category " + c.name() + " (" + (i + 1) + "/" + requests.size() + ")");
            RunResult r = InspectionPipeline.run(c.request(), fx, l, cancelled);
            done.add(new CategoryResult(c.name(), c.dataset(), c.normals(), r));
            if (r.cancelled()) {
                return new Result(done, true);
            }
        }
        return new Result(done, false);
    }

    /**
     * A raw image score on the scale shared by all categories: 0.5 + 0.5·(s − τ)/(τ − floor), the
     * category's {@link Normalizer#image} without the clamp to [0, 1] (so the ranking inside a category
     * is kept at both ends). Above 0.5 ⇔ flagged by the category's own threshold.
     */
    public static double commonScale(Normalizer n, double score) {
        double span = Math.max(n.threshold() - n.imageFloor(), 1e-12);
        return 0.5 + 0.5 * (score - n.threshold()) / span;
    }

    /**
     * The result with its score on the {@link #commonScale} and its map and patches by the category's
     * pixel normalisation, unclamped; shown with {@link #COMMON} they look as under their own normaliser.
     */
    public static ImageResult onCommonScale(ImageResult r, Normalizer n) {
        double span = Math.max(n.threshold() - n.pixelFloor(), 1e-12);
        float[] map = r.map().values().clone();
        for (int i = 0; i < map.length; i++) {
            map[i] = (float) (0.5 + 0.5 * (map[i] - n.threshold()) / span);
        }
        float[] patches = r.patches().clone();
        for (int i = 0; i < patches.length; i++) {
            patches[i] = (float) (0.5 + 0.5 * (patches[i] - n.threshold()) / span);
        }
        return new ImageResult((float) commonScale(n, r.score()), patches, r.gridH(), r.gridW(),
                new AnomalyMap(r.map().height(), r.map().width(), map), r.features());
    }

    /**
     * All categories as one run on the {@link #commonScale}: targets in category order, results
     * {@link #onCommonScale}, failures re-indexed, the normaliser {@link #common}, and metrics over the
     * pooled common-scale scores (threshold 0.5: each image judged by its own category's threshold).
     * What a queue over every category sorts and counts by; per-category metrics stay in each run.
     */
    public static RunResult combined(Result result) {
        List<InspectionTarget> targets = new ArrayList<>();
        List<Path> prompts = new ArrayList<>();
        List<Path> calibration = new ArrayList<>();
        List<ImageResult> results = new ArrayList<>();
        List<ImageFailure> failures = new ArrayList<>();
        boolean calibrated = true;
        double ms = 0;
        int scored = 0;
        for (CategoryResult c : result.categories()) {
            RunResult r = c.run();
            int offset = targets.size();
            targets.addAll(r.request().targets());
            prompts.addAll(r.request().prompts());
            calibration.addAll(r.request().calibration());
            Normalizer n = r.normalizer();
            calibrated &= n != null && n.calibrated();
            for (ImageResult x : r.results()) {
                results.add(x == null || n == null ? null : onCommonScale(x, n));
            }
            for (ImageFailure f : r.failures()) {
                failures.add(new ImageFailure(f.role(), f.role() == ImageFailure.Role.CALIBRATION ? f.index()
                        : offset + f.index(), f.name(), f.file(), f.reason()));
            }
            ms += r.msPerImage() * r.scoredCount();
            scored += r.scoredCount();
        }
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("no category ran");
        }
        RunResult first = result.categories().get(0).run();
        InspectionRequest req = new InspectionRequest(first.request().backbone(), prompts, calibration, targets,
                first.request().options());
        List<AnomalyItem> items = new ArrayList<>();
        List<org.attentionworkbench.compute.anomaly.AnomalyInspector.Scored> scoredList = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) != null) {
                items.add(targets.get(i).item());
                scoredList.add(results.get(i).scored());
            }
        }
        AnomalyEvaluation.Report report = items.isEmpty() || result.cancelled() ? null
                : AnomalyEvaluation.evaluate(items, scoredList, COMMON.threshold());
        return new RunResult(req, results, failures, scored == 0 ? null : common(calibrated), report,
                result.cancelled(), scored == 0 ? 0 : ms / scored, first.backbone(), first.scorer());
    }

    /** {@link #COMMON}, marked uncalibrated when some category's threshold is. */
    public static Normalizer common(boolean calibrated) {
        return calibrated ? COMMON : new Normalizer(0, 0, 0.5, "per category; UNCALIBRATED in some (no held-out "
                + "normal images there): those flag a fixed share of their batch", false);
    }

    /**
     * The normaliser of results on the common scale: floors 0, threshold 0.5 (so {@code pixel} and
     * {@code image} are the clamp to [0, 1] and a common-scale score above 0.5 is flagged).
     */
    public static final Normalizer COMMON = new Normalizer(0, 0, 0.5,
            "per category: each category's own threshold (0.5 on the common scale)", true);
}
