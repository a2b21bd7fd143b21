package org.attentionworkbench.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.attentionworkbench.compute.anomaly.AnomalyEvaluation;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.MemoryBank;
import org.attentionworkbench.compute.anomaly.MobileNetFeatures;
import org.attentionworkbench.compute.anomaly.NormalImages;
import org.attentionworkbench.compute.anomaly.Normalizer;
import org.attentionworkbench.compute.anomaly.PromptAugmentation;
import org.attentionworkbench.compute.anomaly.PromptReconstruction;
import org.attentionworkbench.compute.anomaly.data.AnomalyDataset;
import org.attentionworkbench.compute.anomaly.data.AnomalyLabel;
import org.attentionworkbench.compute.anomaly.data.CategoryFolders;
import org.attentionworkbench.compute.anomaly.data.DatasetException;
import org.attentionworkbench.compute.anomaly.pipeline.Backbones;
import org.attentionworkbench.compute.anomaly.pipeline.BatchOutputs;
import org.attentionworkbench.compute.anomaly.pipeline.ImageFailure;
import org.attentionworkbench.compute.anomaly.pipeline.ImageResult;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionInputs;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionListener;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionPipeline;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionRequest;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionTarget;
import org.attentionworkbench.compute.anomaly.pipeline.PromptSet;
import org.attentionworkbench.compute.anomaly.pipeline.OutputFolderException;
import org.attentionworkbench.compute.anomaly.pipeline.RunFolder;
import org.attentionworkbench.compute.anomaly.pipeline.RunResult;
import org.attentionworkbench.compute.anomaly.report.BatchReport;
import org.attentionworkbench.compute.anomaly.refiner.OneNipRefiner;
import org.attentionworkbench.compute.anomaly.refiner.RefinerNet;
import org.attentionworkbench.compute.checkpoint.CheckpointException;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.device.Devices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * {@code workbench anomaly --backbone PATH|mobilenet --input DATASET|IMG ... --out DIR [--prompt IMG ...]
 * [--calibrate DIR|IMG ...]}: scores every test image of a dataset (MVTec AD, BTAD, VisA or plain
 * good/defect folders) or of loose images against normal prompt(s); writes scores.csv, heatmaps/,
 * metrics.json and run.json. A thin shell over {@link InspectionPipeline} (the flow the GUI runs too)
 * and {@link BatchOutputs}: this class reads the options and prints progress.
 *
 * <p>Normal images ({@link NormalImages}): the prompts are the {@code --prompt} images, or else
 * {@code --prompts K} (default 1, the one-prompt method) spread over the dataset's training images
 * (train/good). The threshold is the 0.99 quantile of held-out normal images' scores: the
 * {@code --calibrate} images, or else the last 20 % (by name) of the training images, never a prompt.
 * With no held-out normal image the threshold is marked UNCALIBRATED and flags the top
 * {@code --contamination} share (default 0.1) of the batch ({@link Normalizer#uncalibrated}).
 * Prompt and calibration images are never test images.
 *
 * <p>Robustness: {@code --out} is checked before any image is scored ({@link RunFolder}); the run is
 * written to a staging folder and swapped in at the end, replacing only the previous run's files (so
 * no old heatmap is left beside new scores, and nothing a user put there is touched); an image that
 * cannot be read is listed (scores.csv's error column, metrics.json's failures, a summary line) and
 * the batch goes on; Ctrl-C stops before the next image and leaves {@code --out} as it was.
 *
 * <p>Exit codes: 0 every image scored; {@value #EXIT_SOME_FAILED} outputs written but some images
 * could not be scored; 1 nothing written (e.g. {@code --out} not writable, every image failed);
 * 2 bad usage; {@value #EXIT_CANCELLED} cancelled (Ctrl-C / SIGTERM).
 */
@Command(name = "anomaly", description = {"Anomaly scores and heatmaps of a dataset or images, from normal prompts.",
        "Scores every test image of a dataset (MVTec AD, BTAD, VisA or good/defect folders) or loose images against "
        + "normal prompt images: scores.csv, heatmaps/, metrics.json and run.json in --out.",
        "The threshold is the 0.99 quantile of held-out normal images' scores (--calibrate, else the last 20 %% of the "
        + "training images); with none it is UNCALIBRATED and flags the top --contamination share of the batch."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every image scored", "1:nothing written (--out not writable, every image failed, ...)",
            "2:usage error", "3:outputs written, but some images failed (listed in scores.csv and metrics.json)",
            "130:cancelled (Ctrl-C, SIGTERM): --out left as it was"})
public final class AnomalyCommand extends CliCommand {
    /** Outputs written, but some images could not be read or scored (they are listed). */
    public static final int EXIT_SOME_FAILED = 3;
    /** Stopped by Ctrl-C or SIGTERM before the end: nothing written (128 + SIGINT, as shells report it). */
    public static final int EXIT_CANCELLED = 130;
    @Option(names = "--backbone", required = true, paramLabel = "mobilenet|CKPT", description = "Feature backbone: "
            + "mobilenet (the shared MobileNetV2 weights), or a checkpoint, card or model name (MobileNet or ViT).")
    private String backbone;

    @Option(names = "--input", required = true, paramLabel = "DATASET|IMG", description = "A dataset folder or an "
            + "image; may repeat.")
    private List<String> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for scores.csv, heatmaps/ and "
            + "metrics.json.")
    private Path out;

    @Option(names = "--prompt", paramLabel = "IMG", showDefaultValue = Visibility.NEVER, description = "A normal "
            + "image to compare with; may repeat (default: --prompts images from the dataset's training images).")
    private List<String> prompts = new ArrayList<>();

    @Option(names = "--prompts", paramLabel = "K", defaultValue = "1", description = "Prompts taken from the dataset's "
            + "training images when no --prompt is given.")
    private int promptCount;

    @Option(names = "--calibrate", paramLabel = "DIR|IMG", showDefaultValue = Visibility.NEVER, description =
            "Held-out normal images for the threshold; may repeat (default: the last 20 %% of the training images).")
    private List<String> calibrate = new ArrayList<>();

    @Option(names = "--contamination", paramLabel = "SHARE", defaultValue = "" + Normalizer.DEFAULT_CONTAMINATION,
            description = "Share of the batch flagged when there is no held-out normal image, in (0, 1).")
    private double contamination;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "" + InspectionRequest.Options.DEFAULT_INPUT_SIZE,
            description = "Side the images are squashed to.")
    private int size;

    @Option(names = {"--method", "--scorer"}, paramLabel = "auto|recon|bank|knn|fod", defaultValue = "auto",
            description = "Scorer: prompt reconstruction (recon or softmax, one prompt), memory bank (bank, several), "
            + "k nearest prompt patches by 1 − cosine (knn), FOD-style intra/inter correlation (fod); auto = knn "
            + "(the protocol's choice, BENCHMARKS.md).")
    private String methodName;

    @Option(names = "--k", paramLabel = "N", defaultValue = "" + AnomalyInspector.Settings.DEFAULT_NEIGHBOURS,
            description = "Neighbours averaged by knn and bank (1: the nearest, PatchCore's rule).")
    private int neighbours;

    @Option(names = "--augment", paramLabel = "none|flips|rotations", defaultValue = PromptAugmentation.DEFAULT_WORD,
            description = "Also match against the prompts mirrored (flips: ×4) or mirrored and turned by quarter turns "
            + "(rotations: ×8), for parts that lie at any angle.")
    private String augment;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "" + PromptReconstruction.DEFAULT_TEMPERATURE,
            description = "Softmax temperature of the reconstruction.")
    private float temperature;

    @Option(names = "--coreset", paramLabel = "R", defaultValue = "" + MemoryBank.DEFAULT_CORESET,
            description = "Share of the memory bank kept by the greedy coreset (1: all).")
    private double coreset;

    @Option(names = "--topk", paramLabel = "K", defaultValue = "1", description = "Image score: the mean of the top K "
            + "pixels of the map (1: the maximum).")
    private int topK;

    @Option(names = "--taps", paramLabel = "I[,I...]", defaultValue = "", showDefaultValue = Visibility.NEVER,
            description = "MobileNet blocks whose features are used (default: 3,6,13).")
    private String tapList;

    @Option(names = "--aggregate", paramLabel = "P", defaultValue = "" + MobileNetFeatures.DEFAULT_AGGREGATE,
            description = "MobileNet local aggregation: the P×P mean of each feature map (odd; 1: none).")
    private int aggregate;

    @Option(names = "--relu6", description = "MobileNet with ReLU6 as trained (default: plain ReLU, unclipped "
            + "features).")
    private boolean relu6;

    @Option(names = "--no-heatmaps", description = "Write no heatmaps/.")
    private boolean noHeatmaps;

    @Option(names = "--report", description = "Also write report.html: summary, ROC, the --worst images with heatmaps "
            + "and prompt matches, false negatives; one file, opens in any browser.")
    private boolean report;

    @Option(names = "--worst", paramLabel = "N", defaultValue = "" + BatchReport.DEFAULT_WORST,
            description = "Images shown in report.html's worst and false-negative lists.")
    private int worst;

    @Option(names = "--category", paramLabel = "NAME", showDefaultValue = Visibility.NEVER, description = "With an "
            + "--input whose subfolders are categories (an MVTec AD root): run only these; may repeat (default: all).")
    private List<String> categories = new ArrayList<>();

    @Option(names = "--refiner", paramLabel = "FILE", description = "A refiner trained by 'anomaly-refiner' (same "
            + "--backbone, --size, --taps, --scorer), applied to the scorer's patch scores.")
    private Path refinerFile;

    @Option(names = "--refiner-mode", paramLabel = "add|replace", defaultValue = "add", description = "add: the "
            + "scorer's patch score + the refiner's probability; replace: the refiner's probability alone.")
    private String refinerMode;

    @Override
    protected int run(CliContext context) throws Exception {
        if (promptCount < 1 || neighbours < 1 || !(contamination > 0 && contamination < 1)) {
            throw new UsageException("--prompts and --k need ≥ 1 and --contamination a share in (0, 1)");
        }
        AnomalyInspector.Settings settings = AnomalyInspector.Settings.defaults()
                .withMethod(method(methodName))
                .withTemperature(temperature)
                .withCoreset(coreset)
                .withNeighbours(neighbours)
                .withTopK(topK)
                .withAugmentation(augmentation(augment));
        int[] taps = taps(tapList);
        PrintStream err = context.err();
        if (size < 8) {
            throw new UsageException("--size needs at least 8 pixels");
        }
        if (aggregate < 1 || aggregate % 2 == 0) {
            throw new UsageException("--aggregate needs an odd window ≥ 1 (1, 3, 5 …), not " + aggregate);
        }
        InspectionRequest.Options options = new InspectionRequest.Options(size, taps, relu6, settings,
                contamination, aggregate);
        Path checkpoint = backbone(backbone);
        if (worst < 0) {
            throw new UsageException("--worst needs ≥ 0");
        }
        if (inputs.size() == 1 && CategoryFolders.isCategoryRoot(Path.of(inputs.get(0)))) {
            if (refinerFile != null) { // a refiner learns one product's normal look
                throw new UsageException("--refiner is trained on one product; it cannot serve a folder of categories "
                        + "(run each category on its own with its refiner)");
            }
            return new AnomalyCategories(Path.of(inputs.get(0)), categories, prompts, calibrate, promptCount,
                    checkpoint, options, out, !noHeatmaps, report ? worst : -1).run(context);
        }
        if (!categories.isEmpty()) {
            throw new UsageException("--category needs an --input whose subfolders are categories (train/good in each)");
        }

        // 1. the datasets (or loose images), then which normal images prompt and which calibrate
        InspectionInputs in;
        try {
            in = InspectionInputs.open(inputs.stream().map(Path::of).toList());
        } catch (DatasetException e) {
            throw new UsageException("--input " + e.getMessage());
        }
        for (AnomalyDataset d : in.datasets()) {
            err.printf(Locale.ROOT, "dataset %s: %s, %d train, %d test (%d good, %d defect, %d masks)%n", d.root(),
                    d.layout(), d.train().size(), d.items().size(), d.count(AnomalyLabel.GOOD),
                    d.count(AnomalyLabel.DEFECT), d.withMasks());
        }
        List<Path> calibrateGiven = new ArrayList<>();
        for (String c : calibrate) {
            try {
                calibrateGiven.addAll(InspectionInputs.images(Path.of(c)));
            } catch (NoSuchFileException e) {
                throw new UsageException("--calibrate " + c + ": no such file or folder");
            }
        }
        NormalImages normals;
        try {
            normals = NormalImages.choose(prompts.stream().map(Path::of).toList(), calibrateGiven, in.train(),
                    promptCount);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<InspectionTarget> tests = in.testTargets(normals);
        if (tests.isEmpty()) {
            throw new UsageException("no test images left in " + inputs + " (all are prompt or calibration images)");
        }
        err.println("normal images: " + normals.note());
        InspectionRequest request = new InspectionRequest(checkpoint, normals.prompts(), normals.calibration(), tests,
                options);

        RefinerNet refinerNet = null;
        OneNipRefiner.Mode mode = switch (refinerMode) {
            case "add" -> OneNipRefiner.Mode.ADD;
            case "replace" -> OneNipRefiner.Mode.REPLACE;
            default -> throw new UsageException("--refiner-mode must be add or replace, not '" + refinerMode + "'");
        };
        if (refinerFile != null) {
            try {
                refinerNet = RefinerNet.load(refinerFile);
            } catch (CheckpointException e) {
                err.println("workbench: --refiner " + e.getMessage());
                return 1;
            }
        }

        // 2. --out is checked (and a staging folder made in it) before anything is scored
        try (Interrupts interrupts = Interrupts.install(); RunFolder folder = prepare(out, err)) {
            if (folder == null) {
                return 1;
            }
            Devices.Selection sel = Devices.open(context.deviceSelector());
            try (Device device = sel.device()) {
                err.println("device: " + device.info().label() + " (" + sel.note() + ")");
                err.println("anomaly: " + tests.size() + " test images");
                RunResult r;
                CliListener listener = new CliListener(err, tests);
                try {
                    r = InspectionPipeline.run(request, device, listener, interrupts::requested,
                            refinerNet == null ? null
                                    : new OneNipRefiner(refinerNet, device, refinerFile.toString(), mode));
                } catch (CheckpointException e) {
                    err.println("workbench: --refiner " + e.getMessage()); // trained on other features
                    return 1;
                } catch (NoSuchFileException e) {
                    err.println("workbench: " + e.getFile() + ": " + e.getReason());
                    return 1;
                } catch (IOException e) {
                    err.println("workbench: " + e.getMessage()); // a prompt that cannot be read: names the file
                    return 1;
                }
                if (report && !r.cancelled() && r.normalizer() != null) {
                    BatchReport.write(folder.file(BatchReport.FILE), "Anomaly report: " + String.join(", ", inputs),
                            List.of(new BatchReport.Section(null, r, listener.prompts)), worst, device);
                }
                return finish(r, folder, new BatchOutputs.Provenance(in.datasets(), normals), device,
                        !noHeatmaps, out, context);
            }
        }
    }

    /** Writes the outputs (unless cancelled or nothing was scored) and prints the summary; the exit code. */
    static int finish(RunResult r, RunFolder folder, BatchOutputs.Provenance provenance, Device device,
            boolean heatmaps, Path out, CliContext context) throws IOException {
        PrintStream err = context.err();
        int n = r.request().targets().size();
        List<ImageFailure> failed = r.targetFailures();
        if (r.cancelled()) {
            err.printf(Locale.ROOT, "cancelled after %d of %d images: nothing written, %s left as it was%n",
                    r.scoredCount() + failed.size(), n, out);
            return EXIT_CANCELLED;
        }
        for (ImageFailure f : r.failures()) {
            if (f.role() == ImageFailure.Role.CALIBRATION) {
                err.println("calibration image skipped: " + f.reason());
            }
        }
        List<ImageFailure> masks = r.failures().stream().filter(f -> f.role() == ImageFailure.Role.MASK).toList();
        if (!masks.isEmpty()) {
            err.printf(Locale.ROOT, "%d ground-truth mask(s) could not be read; their images are left out of the"
                    + " pixel metrics (listed in metrics.json):%n", masks.size());
            masks.forEach(f -> err.println("  " + f.name() + ": " + f.reason()));
        }
        if (r.normalizer() == null) {
            err.printf(Locale.ROOT, "all %d images failed, nothing written:%n", n);
            failed.forEach(f -> err.println("  " + f.name() + ": " + f.reason()));
            return 1;
        }
        Normalizer norm = r.normalizer();
        err.println("anomaly: " + r.description());
        err.printf(Locale.ROOT, "threshold %.4f (%s)%n", norm.threshold(), norm.source());
        BatchOutputs.write(folder, r, provenance, device, heatmaps);
        AnomalyEvaluation.Report report = r.report();
        if (report != null) {
            AnomalyEvaluation.Metrics o = report.overall();
            context.out().println("metrics: image AUROC " + fmt(o.imageAuroc()) + ", image F1-max "
                    + (o.imageF1() == null ? "-" : fmt(o.imageF1().f1())) + ", pixel AUROC " + fmt(o.pixelAuroc())
                    + ", AUPRO@30% " + fmt(o.aupro()) + "; at the threshold: precision "
                    + fmt(o.flags().precision()) + ", recall " + fmt(o.flags().recall()));
        }
        context.out().printf(Locale.ROOT, "%d images, %d flagged%s, %.1f ms/image; wrote %s%n", r.scoredCount(),
                r.flaggedCount(), norm.calibrated() ? "" : " (UNCALIBRATED threshold: top "
                        + Math.round(100 * r.request().options().contamination()) + "% of the batch)",
                r.msPerImage(), out);
        if (!failed.isEmpty()) {
            err.printf(Locale.ROOT, "%d of %d images failed (listed in scores.csv and metrics.json; exit code %d):%n",
                    failed.size(), n, EXIT_SOME_FAILED);
            failed.forEach(f -> err.println("  " + f.name() + ": " + f.reason()));
            return EXIT_SOME_FAILED;
        }
        return 0;
    }

    /** The output folder, or null after a message when it cannot be written. */
    static RunFolder prepare(Path out, PrintStream err) {
        try {
            return RunFolder.prepare(out);
        } catch (OutputFolderException e) {
            err.println("workbench: --out " + e.getMessage() + "; nothing was scored");
            return null;
        }
    }

    /** {@code mobilenet}: the default (one place: {@link Backbones}); else a file or a model name. */
    static Path backbone(String backbone) throws UsageException {
        if (backbone.equals(Backbones.DEFAULT_NAME)) {
            try {
                return Backbones.requireDefault();
            } catch (NoSuchFileException e) {
                throw new UsageException("--backbone mobilenet: " + e.getFile() + " not found; give the checkpoint's path");
            }
        }
        return ModelLocator.resolve(backbone);
    }

    /** Progress bars for the calibration and the scoring; a failed image gets its own line. */
    static final class CliListener implements InspectionListener {
        private final PrintStream err;
        private final List<InspectionTarget> tests;
        private Progress calibration;
        private Progress scoring;
        PromptSet prompts;

        CliListener(PrintStream err, List<InspectionTarget> tests) {
            this.err = err;
            this.tests = tests;
        }

        @Override
        public void prompts(PromptSet p) {
            prompts = p;
        }

        @Override
        public void warning(String message) {
            err.println("warning: " + message);
        }

        @Override
        public void calibrated(int done, int all, String name) {
            if (calibration == null) {
                calibration = new Progress(err, "calibrate", all, Progress.isTerminal(err));
            }
            calibration.step(name);
            if (done == all) {
                calibration.done();
            }
        }

        @Override
        public void scored(int index, ImageResult result) {
            step(index);
        }

        @Override
        public void failed(ImageFailure f) {
            if (Progress.isTerminal(err)) {
                err.println();
            }
            err.println(f.role() == ImageFailure.Role.MASK ? "mask of " + f.name() + " not read: " + f.reason()
                    : "failed: " + f.name() + ": " + f.reason());
            if (f.role() == ImageFailure.Role.TARGET) {
                step(f.index());
            }
        }

        private void step(int index) {
            if (scoring == null) {
                scoring = new Progress(err, "score", tests.size(), Progress.isTerminal(err));
            }
            scoring.step(tests.get(index).name());
            if (scoring.finished()) {
                scoring.done();
            }
        }
    }

    /**
     * Ctrl-C and SIGTERM: the JVM runs its shutdown hooks; ours asks the run to stop before the next image
     * and waits (up to a minute) until the command has cleaned up and said so, then the JVM exits.
     */
    static final class Interrupts implements AutoCloseable {
        private final AtomicBoolean requested = new AtomicBoolean();
        private final CountDownLatch finished = new CountDownLatch(1);
        private final Thread hook;

        private Interrupts() {
            hook = new Thread(() -> {
                requested.set(true);
                try {
                    finished.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "anomaly-interrupt");
        }

        static Interrupts install() {
            Interrupts i = new Interrupts();
            Runtime.getRuntime().addShutdownHook(i.hook);
            return i;
        }

        boolean requested() {
            return requested.get();
        }

        @Override
        public void close() {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C): the hook has seen the countdown and returns
            }
        }
    }

    private static String fmt(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    static AnomalyInspector.Method method(String s) throws UsageException {
        return switch (s) {
            case "auto" -> AnomalyInspector.Method.AUTO;
            case "recon", "reconstruction", "softmax" -> AnomalyInspector.Method.RECONSTRUCTION;
            case "bank", "memory-bank" -> AnomalyInspector.Method.MEMORY_BANK;
            case "knn" -> AnomalyInspector.Method.NEAREST_NEIGHBOURS;
            case "fod", "correlation" -> AnomalyInspector.Method.CORRELATION;
            default -> throw new UsageException("--method/--scorer must be auto, recon (softmax), bank, knn or fod, not '"
                    + s + "'");
        };
    }

    static PromptAugmentation augmentation(String s) throws UsageException {
        try {
            return PromptAugmentation.parse(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--augment: " + e.getMessage());
        }
    }

    static int[] taps(String s) throws UsageException {
        if (s.isBlank()) {
            return new int[0];
        }
        try {
            return java.util.Arrays.stream(s.split(",")).mapToInt(t -> Integer.parseInt(t.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new UsageException("--taps needs block indices like 3,6,13, not '" + s + "'");
        }
    }

    /**
     * Progress on stderr. On a terminal: one bar redrawn in place with \r. Elsewhere (a CI log, a pipe,
     * a file) \r would pile every redraw into one endless line, so it prints a plain line at each 10 %
     * step and at the end.
     */
    static final class Progress {
        private final PrintStream err;
        private final String label;
        private final int total;
        private final boolean terminal;
        private final long start = System.nanoTime();
        private int done;
        private int lastTenth;

        Progress(PrintStream err, String label, int total, boolean terminal) {
            this.err = err;
            this.label = label;
            this.total = total;
            this.terminal = terminal;
        }

        /**
         * Whether {@code err} is the process's stderr and that is a terminal. Linux: where fd 2 points
         * (/dev/pts/N or /dev/ttyX); elsewhere: whether the JVM has a console. TERM=dumb counts as none.
         */
        static boolean isTerminal(PrintStream err) {
            if (err != System.err || "dumb".equals(System.getenv("TERM"))) {
                return false;
            }
            Path fd = Path.of("/proc/self/fd/2");
            if (Files.exists(fd, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            }
            return System.console() != null;
        }

        void step(String name) {
            done++;
            double secs = (System.nanoTime() - start) / 1e9;
            if (terminal) {
                int width = 30;
                int filled = (int) ((long) done * width / total);
                String shortName = name.length() > 30 ? "…" + name.substring(name.length() - 29) : name;
                err.printf(Locale.ROOT, "\r%s [%s%s] %d/%d %.1fs %-30s", label, "#".repeat(filled),
                        ".".repeat(width - filled), done, total, secs, shortName);
                err.flush();
                return;
            }
            int tenth = (int) ((long) done * 10 / total);
            if (tenth > lastTenth || done == total) {
                lastTenth = tenth;
                err.printf(Locale.ROOT, "%s %d/%d (%d%%) %.1fs%n", label, done, total, (int) (100L * done / total),
                        secs);
            }
        }

        boolean finished() {
            return done == total;
        }

        void done() {
            if (terminal && total > 0) {
                err.println();
            }
        }
    }
}
