package org.attentionworkbench.app.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.AnomalyMap;
import org.attentionworkbench.compute.anomaly.FeatureExtractor;
import org.attentionworkbench.compute.anomaly.Heatmaps;
import org.attentionworkbench.compute.anomaly.InputSet;
import org.attentionworkbench.compute.anomaly.MobileNetFeatures;
import org.attentionworkbench.compute.anomaly.Normalizer;
import org.attentionworkbench.compute.anomaly.RankMetrics;
import org.attentionworkbench.compute.anomaly.ViTFeatures;
import org.attentionworkbench.compute.device.Device;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.tensor.Activation;

/**
 * {@code workbench anomaly --backbone PATH|mobilenet --prompt IMG [--prompt IMG ...] --input DIR|IMG ...
 * --out DIR}: scores every input against the normal prompt(s); writes scores.csv, heatmaps/ and, when the
 * folder layout gives labels or masks, metrics.json.
 */
public final class AnomalyCommand implements Subcommand {
    private static final Set<String> VALUES = Set.of("--backbone", "--prompt", "--input", "--out", "--size",
            "--temperature", "--coreset", "--method", "--topk", "--calibrate", "--taps");
    private static final Set<String> FLAGS = Set.of("--no-heatmaps", "--relu6");

    @Override
    public String name() {
        return "anomaly";
    }

    @Override
    public String help() {
        return "--backbone mobilenet|CKPT --prompt IMG... --input DIR|IMG... --out DIR [--size 256] "
                + "[--temperature T] [--coreset R] [--method auto|recon|bank] [--topk K] [--calibrate DIR|IMG]";
    }

    @Override
    public int run(List<String> args, CliContext context) throws Exception {
        Args a = Args.parse(args, VALUES, FLAGS);
        String backbone = a.required("--backbone");
        List<Path> prompts = a.all("--prompt").stream().map(Path::of).toList();
        List<Path> inputs = a.all("--input").stream().map(Path::of).toList();
        if (prompts.isEmpty() || inputs.isEmpty()) {
            throw new UsageException("--prompt and --input are required (each may repeat)");
        }
        Path out = Path.of(a.required("--out"));
        int size = intArg(a, "--size", 256);
        AnomalyInspector.Settings settings = AnomalyInspector.Settings.defaults()
                .withMethod(method(a.optional("--method", "auto")))
                .withTemperature((float) doubleArg(a, "--temperature", AnomalyInspector.Settings.defaults().temperature()))
                .withCoreset(doubleArg(a, "--coreset", AnomalyInspector.Settings.defaults().coreset()))
                .withTopK(intArg(a, "--topk", 1));
        int[] taps = taps(a.optional("--taps", ""));
        PrintStream err = context.err();

        // 1. the inputs, without the prompt and calibration images
        List<Path> calibrate = new ArrayList<>();
        for (String c : a.all("--calibrate")) {
            InputSet.collect(List.of(Path.of(c)), Set.of()).forEach(i -> calibrate.add(i.file()));
        }
        Set<Path> exclude = new HashSet<>(prompts);
        exclude.addAll(calibrate);
        List<InputSet.Item> items = InputSet.collect(inputs, exclude);
        if (items.isEmpty()) {
            throw new UsageException("no images found in " + inputs);
        }
        List<RgbImage> promptImages = new ArrayList<>();
        for (Path p : prompts) {
            promptImages.add(ImageFiles.read(p));
        }

        Devices.Selection sel = Devices.open(context.deviceSelector());
        try (Device device = sel.device();
                FeatureExtractor fx = extractor(backbone, device, size, taps, a.flag("--relu6"));
                AnomalyInspector inspector = new AnomalyInspector(fx, promptImages, settings)) {
            err.println("device: " + device.info().label() + " (" + sel.note() + ")");
            err.println("anomaly: " + inspector.describe() + "; " + items.size() + " images");

            // 2. score every input
            Progress bar = new Progress(err, items.size());
            List<AnomalyInspector.Scored> scored = new ArrayList<>();
            long t0 = System.nanoTime();
            for (InputSet.Item it : items) {
                scored.add(inspector.score(ImageFiles.read(it.file())));
                bar.step(it.name());
            }
            bar.done();
            double msPerImage = (System.nanoTime() - t0) / 1e6 / items.size();

            // 3. normalisation across the set, from normal images
            Normalizer norm = normalizer(inspector, calibrate, scored);
            err.printf(Locale.ROOT, "threshold %.4f (%s)%n", norm.threshold(), norm.source());

            // 4. outputs
            Files.createDirectories(out);
            writeCsv(out.resolve("scores.csv"), items, scored, norm);
            if (!a.flag("--no-heatmaps")) {
                Path dir = out.resolve("heatmaps");
                for (int i = 0; i < items.size(); i++) {
                    RgbImage img = ImageFiles.read(items.get(i).file());
                    AnomalyMap m = norm.apply(AnomalyMap.resize(device, scored.get(i).map(), img.height(), img.width()));
                    Heatmaps.writePng(Heatmaps.overlay(img, m), dir.resolve(heatmapName(items.get(i).name())));
                }
            }
            JsonObject metrics = metrics(device, items, scored, norm);
            if (metrics != null) {
                metrics.addProperty("backbone", fx.describe());
                metrics.addProperty("scorer", inspector.scorer().describe());
                metrics.addProperty("prompts", prompts.size());
                metrics.addProperty("ms_per_image", msPerImage);
                Files.writeString(out.resolve("metrics.json"),
                        new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create()
                                .toJson(metrics), StandardCharsets.UTF_8);
                context.out().println("metrics: " + metrics.get("image_auroc") + " image AUROC, "
                        + metrics.get("pixel_auroc") + " pixel AUROC");
            }
            long flagged = 0;
            for (AnomalyInspector.Scored s : scored) {
                flagged += norm.flagged(s.score()) ? 1 : 0;
            }
            context.out().printf(Locale.ROOT, "%d images, %d flagged, %.1f ms/image; wrote %s%n", items.size(), flagged,
                    msPerImage, out);
        }
        return 0;
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

    private static Normalizer normalizer(AnomalyInspector inspector, List<Path> calibrate,
            List<AnomalyInspector.Scored> scored) throws IOException {
        if (!calibrate.isEmpty()) {
            List<AnomalyInspector.Scored> normals = new ArrayList<>();
            for (Path c : calibrate) {
                normals.add(inspector.score(ImageFiles.read(c)));
            }
            return AnomalyInspector.fit(normals, Normalizer.DEFAULT_QUANTILE,
                    "quantile 0.99 of " + normals.size() + " --calibrate normal images");
        }
        List<AnomalyInspector.Scored> loo = inspector.leaveOneOut();
        if (!loo.isEmpty()) {
            return AnomalyInspector.fit(loo, Normalizer.DEFAULT_QUANTILE,
                    "quantile 0.99 of the prompts scored leave-one-out");
        }
        float[] s = new float[scored.size()];
        List<AnomalyMap> maps = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            s[i] = scored.get(i).score();
            maps.add(scored.get(i).map());
        }
        return Normalizer.robust(maps, s);
    }

    private static void writeCsv(Path file, List<InputSet.Item> items, List<AnomalyInspector.Scored> scored,
            Normalizer norm) throws IOException {
        StringBuilder sb = new StringBuilder("file,score,normalised,flagged\n");
        for (int i = 0; i < items.size(); i++) {
            float s = scored.get(i).score();
            sb.append(csv(items.get(i).name())).append(',')
                    .append(String.format(Locale.ROOT, "%.6f,%.4f,%b%n", s, norm.image(s), norm.flagged(s)));
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static String heatmapName(String name) {
        String base = name.replace('\\', '/').replace('/', '_');
        int dot = base.lastIndexOf('.');
        return (dot > 0 ? base.substring(0, dot) : base) + ".png";
    }

    /** Image AUROC when both labels occur, pixel AUROC when masks exist; null when neither. */
    private static JsonObject metrics(Device device, List<InputSet.Item> items, List<AnomalyInspector.Scored> scored,
            Normalizer norm) throws IOException {
        JsonObject m = new JsonObject();
        List<Float> s = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        boolean anyMask = false;
        for (int i = 0; i < items.size(); i++) {
            InputSet.Item it = items.get(i);
            anyMask |= it.mask() != null;
            if (it.anomalous() != null) {
                s.add(scored.get(i).score());
                y.add(it.anomalous());
            }
        }
        boolean haveImage = y.contains(true) && y.contains(false);
        if (!haveImage && !anyMask) {
            return null;
        }
        if (haveImage) {
            float[] sc = new float[s.size()];
            boolean[] lab = new boolean[s.size()];
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < sc.length; i++) {
                sc[i] = s.get(i);
                lab[i] = y.get(i);
                boolean f = norm.flagged(sc[i]);
                tp += f && lab[i] ? 1 : 0;
                fp += f && !lab[i] ? 1 : 0;
                fn += !f && lab[i] ? 1 : 0;
            }
            m.addProperty("image_auroc", RankMetrics.auroc(sc, lab));
            m.addProperty("images_normal", y.stream().filter(b -> !b).count());
            m.addProperty("images_anomalous", y.stream().filter(b -> b).count());
            m.addProperty("flagged_true_positive", tp);
            m.addProperty("flagged_false_positive", fp);
            m.addProperty("flagged_false_negative", fn);
        }
        if (anyMask) {
            // pixels of every image with a mask, plus labelled-normal images (all-zero masks)
            List<float[]> vals = new ArrayList<>();
            List<boolean[]> truth = new ArrayList<>();
            int total = 0;
            JsonArray used = new JsonArray();
            for (int i = 0; i < items.size(); i++) {
                InputSet.Item it = items.get(i);
                if (it.mask() == null && !Boolean.FALSE.equals(it.anomalous())) {
                    continue;
                }
                RgbImage img = it.mask() != null ? ImageFiles.read(it.mask()) : ImageFiles.read(it.file());
                AnomalyMap map = AnomalyMap.resize(device, scored.get(i).map(), img.height(), img.width());
                boolean[] t = new boolean[img.rgb().length];
                for (int p = 0; p < t.length && it.mask() != null; p++) {
                    t[p] = img.green(p % img.width(), p / img.width()) > 127;
                }
                vals.add(map.values());
                truth.add(t);
                total += t.length;
                used.add(it.name());
            }
            float[] all = new float[total];
            boolean[] lab = new boolean[total];
            int at = 0;
            for (int i = 0; i < vals.size(); i++) {
                System.arraycopy(vals.get(i), 0, all, at, vals.get(i).length);
                System.arraycopy(truth.get(i), 0, lab, at, truth.get(i).length);
                at += vals.get(i).length;
            }
            m.addProperty("pixel_auroc", RankMetrics.auroc(all, lab));
            m.add("pixel_images", used);
        }
        m.addProperty("threshold", norm.threshold());
        m.addProperty("threshold_source", norm.source());
        return m;
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

    /** A one-line progress bar on stderr, redrawn with \r. */
    private static final class Progress {
        private final PrintStream err;
        private final int total;
        private final long start = System.nanoTime();
        private int done;

        Progress(PrintStream err, int total) {
            this.err = err;
            this.total = total;
        }

        void step(String name) {
            done++;
            int width = 30;
            int filled = (int) ((long) done * width / total);
            double secs = (System.nanoTime() - start) / 1e9;
            String shortName = name.length() > 30 ? "…" + name.substring(name.length() - 29) : name;
            err.printf(Locale.ROOT, "\r[%s%s] %d/%d %.1fs %-30s", "#".repeat(filled), ".".repeat(width - filled), done,
                    total, secs, shortName);
            err.flush();
        }

        void done() {
            err.println();
        }
    }
}
