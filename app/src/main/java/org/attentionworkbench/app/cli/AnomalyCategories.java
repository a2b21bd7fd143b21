package org.attentionworkbench.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.attentionworkbench.compute.anomaly.AnomalyEvaluation;
import org.attentionworkbench.compute.anomaly.FeatureExtractor;
import org.attentionworkbench.compute.anomaly.Normalizer;
import org.attentionworkbench.compute.anomaly.data.AnomalyDataset;
import org.attentionworkbench.compute.anomaly.data.AnomalyLabel;
import org.attentionworkbench.compute.anomaly.data.CategoryFolders;
import org.attentionworkbench.compute.anomaly.data.DatasetException;
import org.attentionworkbench.compute.anomaly.pipeline.Backbones;
import org.attentionworkbench.compute.anomaly.pipeline.CategoryInspection;
import org.attentionworkbench.compute.anomaly.pipeline.CategoryOutputs;
import org.attentionworkbench.compute.anomaly.pipeline.ImageFailure;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionRequest;
import org.attentionworkbench.compute.anomaly.pipeline.PromptSet;
import org.attentionworkbench.compute.anomaly.pipeline.RunFolder;
import org.attentionworkbench.compute.anomaly.report.BatchReport;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.tensor.Device;

/**
 * {@code workbench anomaly --input ROOT} where ROOT's subfolders are categories (an MVTec AD root,
 * {@link CategoryFolders}): each category gets {@code --prompts K} prompts and its held-out calibration
 * images from its own {@code train/good}, and its own threshold ({@link CategoryInspection}); the outputs
 * are {@link CategoryOutputs}' (a {@code category} column, per-category metrics and their mean) and, with
 * {@code --report}, one report over all categories. The same {@code --out} handling, progress and exit
 * codes as a one-dataset run ({@link AnomalyCommand}).
 */
final class AnomalyCategories {
    private final Path root;
    private final List<String> only;
    private final List<String> prompts;
    private final List<String> calibrate;
    private final int promptCount;
    private final Path checkpoint;
    private final InspectionRequest.Options options;
    private final Path out;
    private final boolean heatmaps;
    /** Images per report list, or −1: no report. */
    private final int reportWorst;

    AnomalyCategories(Path root, List<String> only, List<String> prompts, List<String> calibrate, int promptCount,
            Path checkpoint, InspectionRequest.Options options, Path out, boolean heatmaps, int reportWorst) {
        this.root = root;
        this.only = List.copyOf(only);
        this.prompts = List.copyOf(prompts);
        this.calibrate = List.copyOf(calibrate);
        this.promptCount = promptCount;
        this.checkpoint = checkpoint;
        this.options = options;
        this.out = out;
        this.heatmaps = heatmaps;
        this.reportWorst = reportWorst;
    }

    int run(CliContext context) throws Exception {
        PrintStream err = context.err();
        if (!prompts.isEmpty() || !calibrate.isEmpty()) {
            throw new UsageException("--prompt and --calibrate do not apply to several categories (" + root
                    + "): each takes --prompts K prompts and its calibration images from its own train/good");
        }
        CategoryFolders.Root cats;
        List<CategoryInspection.CategoryRequest> reqs;
        try {
            cats = CategoryFolders.open(root, new LinkedHashSet<>(only));
            reqs = CategoryInspection.requests(cats, checkpoint, promptCount, options);
        } catch (DatasetException | IllegalArgumentException e) {
            throw new UsageException("--input " + e.getMessage());
        }
        if (!cats.skipped().isEmpty()) {
            err.println("not categories (no train/good or train/ok), skipped: " + String.join(", ", cats.skipped()));
        }
        for (CategoryInspection.CategoryRequest c : reqs) {
            AnomalyDataset d = c.dataset();
            err.printf(Locale.ROOT, "category %s: %s, %d train, %d test (%d good, %d defect, %d masks); %s%n", c.name(),
                    d.layout(), d.train().size(), c.request().targets().size(), d.count(AnomalyLabel.GOOD),
                    d.count(AnomalyLabel.DEFECT), d.withMasks(), c.normals().note());
        }
        if (reqs.stream().allMatch(c -> c.request().targets().isEmpty())) {
            throw new UsageException("no test images in the categories of " + root);
        }
        try (AnomalyCommand.Interrupts interrupts = AnomalyCommand.Interrupts.install();
                RunFolder folder = AnomalyCommand.prepare(out, err)) {
            if (folder == null) {
                return 1;
            }
            Devices.Selection sel = Devices.open(context.deviceSelector());
            try (Device device = sel.device()) {
                err.println("device: " + device.info().label() + " (" + sel.note() + ")");
                List<AnomalyCommand.CliListener> listeners = new ArrayList<>();
                CategoryInspection.Result r;
                InspectionRequest.Options o = options;
                try (FeatureExtractor fx = Backbones.open(checkpoint, device, o.inputSize(), o.taps(), o.relu6())) {
                    r = CategoryInspection.run(reqs, fx, (i, c) -> {
                        err.println("category " + c.name() + " (" + (i + 1) + "/" + reqs.size() + "): "
                                + c.request().targets().size() + " test images");
                        AnomalyCommand.CliListener l = new AnomalyCommand.CliListener(err, c.request().targets());
                        listeners.add(l);
                        return l;
                    }, interrupts::requested);
                } catch (NoSuchFileException e) {
                    err.println("workbench: " + e.getFile() + ": " + e.getReason());
                    return 1;
                } catch (IOException e) {
                    err.println("workbench: " + e.getMessage());
                    return 1;
                }
                return finish(r, listeners.stream().map(l -> l.prompts).toList(), folder, device, context);
            }
        }
    }

    private int finish(CategoryInspection.Result r, List<PromptSet> promptSets, RunFolder folder, Device device,
            CliContext context) throws IOException {
        PrintStream err = context.err();
        List<ImageFailure> failed = r.targetFailures();
        if (r.cancelled()) {
            err.printf(Locale.ROOT, "cancelled after %d of %d images: nothing written, %s left as it was%n",
                    r.scoredCount() + failed.size(), r.targetCount(), out);
            return AnomalyCommand.EXIT_CANCELLED;
        }
        if (r.scoredCount() == 0) {
            err.printf(Locale.ROOT, "all %d images failed, nothing written%n", r.targetCount());
            failed.forEach(f -> err.println("  " + f.name() + ": " + f.reason()));
            return 1;
        }
        List<BatchReport.Section> sections = new ArrayList<>();
        for (int i = 0; i < r.categories().size(); i++) {
            CategoryInspection.CategoryResult c = r.categories().get(i);
            Normalizer n = c.run().normalizer();
            AnomalyEvaluation.Metrics m = c.run().report() == null ? null : c.run().report().overall();
            context.out().printf(Locale.ROOT, "%s: %d images, %d flagged, threshold %s%s%n", c.name(),
                    c.run().scoredCount(), c.run().flaggedCount(),
                    n == null ? "-" : String.format(Locale.ROOT, "%.4f%s", n.threshold(), n.calibrated() ? ""
                            : " (UNCALIBRATED)"),
                    m == null ? "" : ", image AUROC " + fmt(m.imageAuroc()) + ", pixel AUROC " + fmt(m.pixelAuroc())
                            + ", AUPRO@30% " + fmt(m.aupro()));
            if (n != null) {
                sections.add(new BatchReport.Section(c.name(), c.run(), i < promptSets.size() ? promptSets.get(i) : null));
            }
        }
        context.out().println("mean over " + r.categories().size() + " categories: image AUROC "
                + fmt(r.mean(AnomalyEvaluation.Metrics::imageAuroc)) + ", pixel AUROC "
                + fmt(r.mean(AnomalyEvaluation.Metrics::pixelAuroc)) + ", AUPRO@30% "
                + fmt(r.mean(AnomalyEvaluation.Metrics::aupro)));
        if (reportWorst >= 0) {
            BatchReport.write(folder.file(BatchReport.FILE), "Anomaly report: " + root, sections, reportWorst, device);
        }
        CategoryOutputs.write(folder, root, r, device, heatmaps);
        context.out().printf(Locale.ROOT, "%d images in %d categories, %d flagged; wrote %s%n", r.scoredCount(),
                r.categories().size(), r.flaggedCount(), out);
        if (!failed.isEmpty()) {
            err.printf(Locale.ROOT, "%d of %d images failed (listed in scores.csv and metrics.json; exit code %d):%n",
                    failed.size(), r.targetCount(), AnomalyCommand.EXIT_SOME_FAILED);
            failed.forEach(f -> err.println("  " + f.name() + ": " + f.reason()));
            return AnomalyCommand.EXIT_SOME_FAILED;
        }
        return 0;
    }

    private static String fmt(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
