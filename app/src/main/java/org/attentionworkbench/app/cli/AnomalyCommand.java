package org.attentionworkbench.app.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.attentionworkbench.compute.anomaly.AnomalyEvaluation;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.AnomalyMap;
import org.attentionworkbench.compute.anomaly.FeatureExtractor;
import org.attentionworkbench.compute.anomaly.Heatmaps;
import org.attentionworkbench.compute.anomaly.MobileNetFeatures;
import org.attentionworkbench.compute.anomaly.NormalImages;
import org.attentionworkbench.compute.anomaly.Normalizer;
import org.attentionworkbench.compute.anomaly.ViTFeatures;
import org.attentionworkbench.compute.anomaly.data.AnomalyDataset;
import org.attentionworkbench.compute.anomaly.data.AnomalyDatasets;
import org.attentionworkbench.compute.anomaly.data.AnomalyItem;
import org.attentionworkbench.compute.anomaly.data.AnomalyLabel;
import org.attentionworkbench.compute.anomaly.data.DatasetException;
import org.attentionworkbench.compute.anomaly.metrics.Aupro;
import org.attentionworkbench.compute.anomaly.metrics.F1Max;
import org.attentionworkbench.compute.device.Device;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.io.AtomicFiles;
import org.attentionworkbench.compute.tensor.Activation;

/**
 * {@code workbench anomaly --backbone PATH|mobilenet --input DATASET|IMG ... --out DIR [--prompt IMG ...]
 * [--calibrate DIR|IMG ...]}: scores every test image of a dataset (MVTec AD, BTAD, VisA or plain
 * good/defect folders, see {@link AnomalyDatasets}) or of loose images against normal prompt(s); writes
 * scores.csv, heatmaps/ and metrics.json.
 *
 * <p>Normal images ({@link NormalImages}): the prompts are the {@code --prompt} images, or else
 * {@code --prompts K} (default 1, the one-prompt method) spread over the dataset's training images
 * (train/good). The threshold is the 0.99 quantile of held-out normal images' scores: the
 * {@code --calibrate} images, or else the last 20 % (by name) of the training images, never a prompt.
 * With no held-out normal image the threshold is marked UNCALIBRATED and flags the top
 * {@code --contamination} share (default 0.1) of the batch ({@link Normalizer#uncalibrated}).
 * Prompt and calibration images are never test images.
 */
public final class AnomalyCommand implements Subcommand {
    private static final Set<String> VALUES = Set.of("--backbone", "--prompt", "--prompts", "--input", "--out",
            "--size", "--temperature", "--coreset", "--method", "--topk", "--calibrate", "--taps", "--contamination");
    private static final Set<String> FLAGS = Set.of("--no-heatmaps", "--relu6");

    /** A test image with its name in the outputs (path below its dataset's root). */
    private record Test(AnomalyItem item, String name) {}

    @Override
    public String name() {
        return "anomaly";
    }

    @Override
    public String help() {
        return "--backbone mobilenet|CKPT --input DATASET|IMG... --out DIR [--prompt IMG...] [--prompts K] "
                + "[--calibrate DIR|IMG...] [--contamination 0.1] [--size 256] [--temperature T] [--coreset R] "
                + "[--method auto|recon|bank] [--topk K]";
    }

    @Override
    public int run(List<String> args, CliContext context) throws Exception {
        Args a = Args.parse(args, VALUES, FLAGS);
        String backbone = a.required("--backbone");
        List<String> inputs = a.all("--input");
        if (inputs.isEmpty()) {
            throw new UsageException("--input is required (a dataset folder or images; may repeat)");
        }
        Path out = Path.of(a.required("--out"));
        int size = intArg(a, "--size", 256);
        int promptCount = intArg(a, "--prompts", 1);
        double contamination = doubleArg(a, "--contamination", Normalizer.DEFAULT_CONTAMINATION);
        if (promptCount < 1 || !(contamination > 0 && contamination < 1)) {
            throw new UsageException("--prompts needs K ≥ 1 and --contamination a share in (0, 1)");
        }
        AnomalyInspector.Settings settings = AnomalyInspector.Settings.defaults()
                .withMethod(method(a.optional("--method", "auto")))
                .withTemperature((float) doubleArg(a, "--temperature", AnomalyInspector.Settings.defaults().temperature()))
                .withCoreset(doubleArg(a, "--coreset", AnomalyInspector.Settings.defaults().coreset()))
                .withTopK(intArg(a, "--topk", 1));
        int[] taps = taps(a.optional("--taps", ""));
        PrintStream err = context.err();

        // 1. the datasets (or loose images), then which normal images prompt and which calibrate
        List<Test> all = new ArrayList<>();
        List<Path> train = new ArrayList<>();
        JsonArray datasets = new JsonArray();
        for (String in : inputs) {
            Path p = Path.of(in);
            if (Files.isRegularFile(p) && !p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                all.add(new Test(new AnomalyItem(p, AnomalyLabel.UNKNOWN, null, null), p.getFileName().toString()));
                continue;
            }
            AnomalyDataset d;
            try {
                d = AnomalyDatasets.open(p);
            } catch (DatasetException e) {
                throw new UsageException("--input " + e.getMessage());
            }
            err.printf(Locale.ROOT, "dataset %s: %s, %d train, %d test (%d good, %d defect, %d masks)%n", p,
                    d.layout(), d.train().size(), d.items().size(), d.count(AnomalyLabel.GOOD),
                    d.count(AnomalyLabel.DEFECT), d.withMasks());
            JsonObject dj = new JsonObject();
            dj.addProperty("path", p.toString());
            dj.addProperty("layout", d.layout().name());
            datasets.add(dj);
            train.addAll(d.train());
            for (AnomalyItem it : d.items()) {
                all.add(new Test(it, d.root().relativize(it.image()).toString()));
            }
        }
        List<Path> calibrateGiven = new ArrayList<>();
        for (String c : a.all("--calibrate")) {
            calibrateGiven.addAll(images(Path.of(c)));
        }
        NormalImages normals;
        try {
            normals = NormalImages.choose(a.all("--prompt").stream().map(Path::of).toList(), calibrateGiven, train,
                    promptCount);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Set<Path> exclude = normals.all();
        List<Test> tests = all.stream().filter(t -> !exclude.contains(NormalImages.key(t.item().image()))).toList();
        if (tests.isEmpty()) {
            throw new UsageException("no test images left in " + inputs + " (all are prompt or calibration images)");
        }
        err.println("normal images: " + normals.note());
        List<RgbImage> promptImages = new ArrayList<>();
        for (Path p : normals.prompts()) {
            promptImages.add(ImageFiles.read(p));
        }

        Devices.Selection sel = Devices.open(context.deviceSelector());
        try (Device device = sel.device();
                FeatureExtractor fx = extractor(backbone, device, size, taps, a.flag("--relu6"));
                AnomalyInspector inspector = new AnomalyInspector(fx, promptImages, settings)) {
            err.println("device: " + device.info().label() + " (" + sel.note() + ")");
            err.println("anomaly: " + inspector.describe() + "; " + tests.size() + " test images");

            // 2. score every test image
            Progress bar = new Progress(err, "score", tests.size(), Progress.isTerminal(err));
            List<AnomalyInspector.Scored> scored = new ArrayList<>();
            long t0 = System.nanoTime();
            for (Test t : tests) {
                scored.add(inspector.score(ImageFiles.read(t.item().image())));
                bar.step(t.name());
            }
            bar.done();
            double msPerImage = (System.nanoTime() - t0) / 1e6 / tests.size();

            // 3. normalisation and threshold across the set, from held-out normal images
            Normalizer norm = normalizer(inspector, normals, scored, contamination, err);
            err.printf(Locale.ROOT, "threshold %.4f (%s)%n", norm.threshold(), norm.source());

            // 4. outputs
            Files.createDirectories(out);
            writeCsv(out.resolve("scores.csv"), tests, scored, norm);
            if (!a.flag("--no-heatmaps")) {
                Path dir = out.resolve("heatmaps");
                for (int i = 0; i < tests.size(); i++) {
                    RgbImage img = ImageFiles.read(tests.get(i).item().image());
                    AnomalyMap m = norm.apply(AnomalyMap.resize(device, scored.get(i).map(), img.height(), img.width()));
                    Heatmaps.writePng(Heatmaps.overlay(img, m), dir.resolve(heatmapName(tests.get(i).name())));
                }
            }
            long flagged = scored.stream().filter(s -> norm.flagged(s.score())).count();
            JsonObject m = new JsonObject();
            m.add("datasets", datasets);
            m.addProperty("images", tests.size());
            m.addProperty("flagged", flagged);
            m.addProperty("threshold", norm.threshold());
            m.addProperty("threshold_calibrated", norm.calibrated());
            m.addProperty("threshold_source", norm.source());
            m.addProperty("normal_images", normals.note());
            JsonArray pj = new JsonArray();
            normals.prompts().forEach(p -> pj.add(p.toString()));
            m.add("prompts", pj);
            m.addProperty("calibration_images", normals.calibration().size());
            AnomalyEvaluation.Report report = AnomalyEvaluation.evaluate(tests.stream().map(Test::item).toList(),
                    scored, norm.threshold());
            if (report != null) {
                add(m, report.overall());
                if (!report.perClass().isEmpty()) {
                    JsonObject pc = new JsonObject();
                    for (Map.Entry<String, AnomalyEvaluation.Metrics> e : report.perClass().entrySet()) {
                        JsonObject c = new JsonObject();
                        add(c, e.getValue());
                        pc.add(e.getKey(), c);
                    }
                    m.add("per_class", pc);
                }
            }
            m.addProperty("backbone", fx.describe());
            m.addProperty("scorer", inspector.scorer().describe());
            m.addProperty("ms_per_image", msPerImage);
            AtomicFiles.writeString(out.resolve("metrics.json"),
                    new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(m));
            if (report != null) {
                AnomalyEvaluation.Metrics o = report.overall();
                context.out().println("metrics: image AUROC " + fmt(o.imageAuroc()) + ", image F1-max "
                        + (o.imageF1() == null ? "-" : fmt(o.imageF1().f1())) + ", pixel AUROC " + fmt(o.pixelAuroc())
                        + ", AUPRO@30% " + fmt(o.aupro()) + "; at the threshold: precision "
                        + fmt(o.flags().precision()) + ", recall " + fmt(o.flags().recall()));
            }
            context.out().printf(Locale.ROOT, "%d images, %d flagged%s, %.1f ms/image; wrote %s%n", tests.size(),
                    flagged, norm.calibrated() ? "" : " (UNCALIBRATED threshold: top "
                            + Math.round(100 * contamination) + "% of the batch)", msPerImage, out);
        }
        return 0;
    }

    /** Image files of a folder (recursively; masks and ground-truth folders left out) or one file. */
    static List<Path> images(Path p) throws IOException, UsageException {
        if (Files.isRegularFile(p)) {
            return List.of(p);
        }
        if (!Files.isDirectory(p)) {
            throw new UsageException(p + ": no such file or folder");
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).filter(f -> {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                int dot = n.lastIndexOf('.');
                return dot > 0 && !n.startsWith(".") && AnomalyDatasets.IMAGE_EXTENSIONS.contains(n.substring(dot + 1))
                        && !n.substring(0, dot).endsWith("_mask")
                        && !p.relativize(f).toString().replace('\\', '/').contains("ground_truth/");
            }).sorted().toList();
        }
    }

    private static FeatureExtractor extractor(String backbone, Device device, int size, int[] taps, boolean relu6)
            throws IOException, UsageException {
        Activation act = relu6 ? Activation.RELU6 : Activation.RELU;
        if (backbone.equals("mobilenet")) {
            Path home = Path.of(System.getProperty("workbench.home", "."));
            Path w = home.resolve("../shared/models/mobilenet_v2_imagenet.safetensors").normalize();
            if (!Files.isRegularFile(w)) {
                throw new UsageException("--backbone mobilenet: " + w + " not found; give the checkpoint's path");
            }
            return MobileNetFeatures.open(w, device, act, size, taps);
        }
        Path p = ModelLocator.resolve(backbone);
        if (p.getFileName().toString().toLowerCase(Locale.ROOT).contains("mobilenet")) {
            return MobileNetFeatures.open(p, device, act, size, taps);
        }
        return ViTFeatures.open(p, device, size);
    }

    private static Normalizer normalizer(AnomalyInspector inspector, NormalImages normals,
            List<AnomalyInspector.Scored> scored, double contamination, PrintStream err) throws IOException {
        if (normals.calibrated()) {
            List<AnomalyInspector.Scored> cal = new ArrayList<>();
            Progress bar = new Progress(err, "calibrate", normals.calibration().size(), Progress.isTerminal(err));
            for (Path c : normals.calibration()) {
                cal.add(inspector.score(ImageFiles.read(c)));
                bar.step(c.getFileName().toString());
            }
            bar.done();
            return AnomalyInspector.fit(cal, Normalizer.DEFAULT_QUANTILE, String.format(Locale.ROOT,
                    "quantile %.2f of %d held-out normal images' scores: %s", Normalizer.DEFAULT_QUANTILE, cal.size(),
                    normals.note()));
        }
        float[] s = new float[scored.size()];
        List<AnomalyMap> maps = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            s[i] = scored.get(i).score();
            maps.add(scored.get(i).map());
        }
        return Normalizer.uncalibrated(maps, s, contamination);
    }

    private static void writeCsv(Path file, List<Test> tests, List<AnomalyInspector.Scored> scored, Normalizer norm)
            throws IOException {
        StringBuilder sb = new StringBuilder("file,label,class,score,normalised,flagged\n");
        for (int i = 0; i < tests.size(); i++) {
            AnomalyItem it = tests.get(i).item();
            float s = scored.get(i).score();
            sb.append(csv(tests.get(i).name())).append(',').append(it.label().name().toLowerCase(Locale.ROOT))
                    .append(',').append(it.defectClass() == null ? "" : csv(it.defectClass())).append(',')
                    .append(String.format(Locale.ROOT, "%.6f,%.4f,%b%n", s, norm.image(s), norm.flagged(s)));
        }
        AtomicFiles.writeString(file, sb);
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static String heatmapName(String name) {
        String base = name.replace('\\', '/').replace('/', '_');
        int dot = base.lastIndexOf('.');
        return (dot > 0 ? base.substring(0, dot) : base) + ".png";
    }

    /** One set's metrics as JSON properties; undefined ones are left out. */
    private static void add(JsonObject j, AnomalyEvaluation.Metrics m) {
        j.addProperty("images_good", m.good());
        j.addProperty("images_defect", m.defect());
        j.addProperty("images_defect_with_mask", m.withMask());
        put(j, "image_auroc", m.imageAuroc());
        f1(j, "image_f1max", m.imageF1());
        j.addProperty("flagged_true_positive", m.flags().truePositive());
        j.addProperty("flagged_false_positive", m.flags().falsePositive());
        j.addProperty("flagged_false_negative", m.flags().falseNegative());
        j.addProperty("flagged_true_negative", m.flags().trueNegative());
        put(j, "precision_at_threshold", m.flags().precision());
        put(j, "recall_at_threshold", m.flags().recall());
        put(j, "pixel_auroc", m.pixelAuroc());
        if (m.aupro() != null) {
            j.addProperty("aupro", m.aupro());
            j.addProperty("aupro_fpr_limit", Aupro.DEFAULT_FPR_LIMIT);
        }
        f1(j, "pixel_f1max", m.pixelF1());
    }

    private static void f1(JsonObject j, String key, F1Max f) {
        if (f != null) {
            j.addProperty(key, f.f1());
            j.addProperty(key + "_threshold", f.threshold());
            j.addProperty(key + "_precision", f.precision());
            j.addProperty(key + "_recall", f.recall());
        }
    }

    private static void put(JsonObject j, String key, Double v) {
        if (v != null && !v.isNaN()) {
            j.addProperty(key, v);
        }
    }

    private static String fmt(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static AnomalyInspector.Method method(String s) throws UsageException {
        return switch (s) {
            case "auto" -> AnomalyInspector.Method.AUTO;
            case "recon", "reconstruction" -> AnomalyInspector.Method.RECONSTRUCTION;
            case "bank", "memory-bank" -> AnomalyInspector.Method.MEMORY_BANK;
            default -> throw new UsageException("--method must be auto, recon or bank, not '" + s + "'");
        };
    }

    private static int[] taps(String s) throws UsageException {
        if (s.isBlank()) {
            return new int[0];
        }
        try {
            return java.util.Arrays.stream(s.split(",")).mapToInt(t -> Integer.parseInt(t.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new UsageException("--taps needs block indices like 3,6,13, not '" + s + "'");
        }
    }

    private static int intArg(Args a, String name, int fallback) throws UsageException {
        try {
            return Integer.parseInt(a.optional(name, String.valueOf(fallback)));
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs an integer");
        }
    }

    private static double doubleArg(Args a, String name, double fallback) throws UsageException {
        try {
            return Double.parseDouble(a.optional(name, String.valueOf(fallback)));
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a number");
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

        void done() {
            if (terminal && total > 0) {
                err.println();
            }
        }
    }
}
