package org.attentionworkbench.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.attentionworkbench.compute.anomaly.AnomalyEvaluation;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.CachedFeatures;
import org.attentionworkbench.compute.anomaly.MemoryBank;
import org.attentionworkbench.compute.anomaly.NormalImages;
import org.attentionworkbench.compute.anomaly.Normalizer;
import org.attentionworkbench.compute.anomaly.PromptAugmentation;
import org.attentionworkbench.compute.anomaly.pipeline.Backbones;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionInputs;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionListener;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionPipeline;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionRequest;
import org.attentionworkbench.compute.anomaly.pipeline.RunResult;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.samples.defects.DefectDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workbench anomaly-protocol --data DIR --out DIR}: the protocol that chose the anomaly defaults
 * (BENCHMARKS.md "Anomaly"), in one command. Every feature setting × every scorer × every dataset, each run
 * built exactly as {@code workbench anomaly} builds it ({@link InspectionInputs}, {@link NormalImages},
 * {@link InspectionPipeline}, {@link AnomalyEvaluation}), so each number equals that command's with the same
 * flags. Features are cached per image within one feature setting ({@link CachedFeatures}): the scorers
 * see the same features and the grid runs in minutes instead of hours.
 *
 * <p>Datasets: {@code dobot1} / {@code dobot5} (DIR/dobot_cubes, the first one / five normal/ images by name
 * as prompts), {@code hazelnut} (DIR/hazelnut_toy, prompt good.jpg, pixel metrics), {@code synthetic}
 * (samples' DefectDataset written into OUT/synthetic, seed 1, the CLI's default normal images). Two stages
 * (to fit a 2-core machine): every scorer on the first feature setting, then the {@code --finalists} best
 * of them by the mean on every other feature setting. A dataset
 * whose folder is missing is skipped with a note. The primary metric is image AUROC where defined, else
 * pixel AUROC; settings are ranked by its mean over the datasets (ties: mean pixel AUROC, then the smaller
 * input size, then fewer augmented prompt copies). A scorer may carry a prompt augmentation
 * ({@code knn:3+rotations}, see {@link PromptAugmentation}). Writes protocol.csv (every run) and protocol.md (one row per setting, best first).
 */
@Command(name = "anomaly-protocol", description = {"The anomaly protocol: every scorer and feature setting on every "
        + "dataset; protocol.csv and protocol.md in --out.",
        "Settings are ranked by the mean over datasets of the primary metric (image AUROC where defined, else pixel "
        + "AUROC). See BENCHMARKS.md \"Anomaly\"."})
public final class AnomalyProtocolCommand extends CliCommand {
    /** The feature grid of the protocol (BENCHMARKS.md): SIZE:AGGREGATE[:TAPS]. */
    static final String DEFAULT_FEATURES = "256:3,256:1,320:3,384:3,256:3:6-13,256:3:3-6-13-16";
    /** The word for the protocol's own grid (the default of --features and --scorers). */
    static final String GRID = "protocol";
    /** The scorer grid: softmax:τ, knn:k, fod:τ, bank (no prompt augmentation: the first protocol had none). */
    static final String DEFAULT_SCORERS = "softmax:0.05,softmax:0.02,softmax:0.01,knn:1,knn:3,fod:0.05,fod:0.02,bank";

    @Option(names = "--backbone", defaultValue = "mobilenet", paramLabel = "mobilenet|CKPT",
            description = "Feature backbone, as for anomaly.")
    private String backbone;

    @Option(names = "--data", defaultValue = "../shared/data/anomaly", paramLabel = "DIR",
            description = "Folder holding dobot_cubes/ and hazelnut_toy/.")
    private Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for protocol.csv, protocol.md "
            + "and the synthetic set.")
    private Path out;

    @Option(names = "--features", defaultValue = GRID, paramLabel = "S:P[:T-T..],...",
            description = "Feature settings: input size, aggregation window, optional taps; the first is stage 1's "
            + "(protocol: " + DEFAULT_FEATURES + ").")
    private String features;

    @Option(names = "--scorers", defaultValue = GRID, paramLabel = "NAME[:V],...",
            description = "Scorers: softmax:τ, knn:k, fod:τ, bank, each optionally +flips or +rotations (prompt "
            + "augmentation; protocol: " + DEFAULT_SCORERS + ").")
    private String scorers;

    @Option(names = "--finalists", defaultValue = "2", paramLabel = "N", description = "Stage 2: only the N best "
            + "scorers (by the mean on the first --features setting) run on the other feature settings; 0: all.")
    private int finalists;

    @Option(names = "--synthetic", defaultValue = "20,10", paramLabel = "GOOD,DEFECT",
            description = "Synthetic set: good images per split and defects per kind (seed 1); 0,0 leaves it out.")
    private String synthetic;

    /** One feature setting. */
    record Features(int size, int aggregate, int[] taps) {
        String label() {
            return size + "/p" + aggregate + "/" + (taps.length == 0 ? "3-6-13"
                    : Arrays.stream(taps).mapToObj(String::valueOf).collect(Collectors.joining("-")));
        }
    }

    /** One scorer setting with its command-line spelling. */
    record Scorer(String label, AnomalyInspector.Settings settings) {}

    /** One dataset of the protocol: inputs and prompts as the anomaly command would get them. */
    record Dataset(String name, Path input, List<Path> prompts, int promptCount) {}

    /** One run's numbers. */
    record Row(Features features, Scorer scorer, String dataset, Double imageAuroc, Double pixelAuroc, Double aupro,
            double msPerImage) {
        Double primary() {
            return imageAuroc != null ? imageAuroc : pixelAuroc;
        }
    }

    @Override
    protected int run(CliContext context) throws Exception {
        if (finalists < 0) {
            throw new UsageException("--finalists needs N ≥ 0");
        }
        List<Features> grid = parseFeatures(features);
        List<Scorer> scorerGrid = parseScorers(scorers);
        PrintStream err = context.err();
        if (!Files.isDirectory(data)) { // a mistyped folder would silently leave the real datasets out of the mean
            throw new UsageException("--data " + data + ": not a folder");
        }
        Files.createDirectories(out);
        List<Dataset> sets = datasets(err);
        if (sets.isEmpty()) {
            throw new UsageException("no dataset found (--data " + data + ", --synthetic " + synthetic + ")");
        }
        Path checkpoint = backbone.equals(Backbones.DEFAULT_NAME) ? Backbones.requireDefault()
                : ModelLocator.resolve(backbone);
        List<Row> rows = new ArrayList<>();
        long t0 = System.nanoTime();
        Devices.Selection sel = Devices.open(context.deviceSelector());
        try (Device device = sel.device()) {
            err.println("device: " + device.info().label() + "; " + grid.size() + " feature settings × "
                    + scorerGrid.size() + " scorers × " + sets.size() + " datasets");
            List<Scorer> stage = scorerGrid;
            for (Features f : grid) {
                if (f != grid.get(0) && finalists > 0 && stage == scorerGrid) {
                    // stage 2: the finalists by the mean on the first feature setting, best first
                    List<String> names = sets.stream().map(Dataset::name).toList();
                    stage = rank(rows, names).stream().limit(finalists).map(Ranked::scorer).toList();
                    err.println("stage 2: " + stage.stream().map(Scorer::label).toList() + " on the other feature "
                            + "settings");
                }
                try (CachedFeatures fx = new CachedFeatures(
                        Backbones.open(checkpoint, device, f.size(), f.taps(), false, f.aggregate()))) {
                    for (Scorer s : stage) {
                        for (Dataset d : sets) {
                            Row row = runOne(checkpoint, fx, f, s, d);
                            rows.add(row);
                            err.printf(Locale.ROOT, "%-18s %-13s %-9s primary %s  (%.0f ms/image, %.0f s)%n",
                                    f.label(), s.label(), d.name(), fmt(row.primary()), row.msPerImage(),
                                    (System.nanoTime() - t0) / 1e9);
                        }
                    }
                }
            }
        }
        List<String> names = sets.stream().map(Dataset::name).toList();
        Files.writeString(out.resolve("protocol.csv"), csv(rows));
        Files.writeString(out.resolve("protocol.md"), markdown(rows, names, (System.nanoTime() - t0) / 1e9));
        Ranked best = rank(rows, names).get(0);
        context.out().println("best by the mean: " + best.features().label() + " " + best.scorer().label()
                + " mean " + fmt(best.mean()) + "; wrote " + out.resolve("protocol.md"));
        return 0;
    }

    /** One run, built as the anomaly command builds it. */
    static Row runOne(Path checkpoint, CachedFeatures fx, Features f, Scorer s, Dataset d) throws IOException {
        InspectionInputs in = InspectionInputs.open(List.of(d.input()));
        NormalImages normals = NormalImages.choose(d.prompts(), List.of(), in.train(), d.promptCount());
        InspectionRequest.Options options = new InspectionRequest.Options(f.size(), f.taps(), false, s.settings(),
                Normalizer.DEFAULT_CONTAMINATION, f.aggregate());
        InspectionRequest req = new InspectionRequest(checkpoint, normals.prompts(), normals.calibration(),
                in.testTargets(normals), options);
        RunResult r = InspectionPipeline.run(req, fx, new InspectionListener() {}, () -> false);
        if (!r.targetFailures().isEmpty()) {
            throw new IOException(d.name() + ": " + r.targetFailures().size() + " images failed, e.g. "
                    + r.targetFailures().get(0).reason());
        }
        AnomalyEvaluation.Metrics m = r.report().overall();
        return new Row(f, s, d.name(), m.imageAuroc(), m.pixelAuroc(), m.aupro(), r.msPerImage());
    }

    private List<Dataset> datasets(PrintStream err) throws IOException, UsageException {
        List<Dataset> sets = new ArrayList<>();
        Path dobot = data.resolve("dobot_cubes");
        if (Files.isDirectory(dobot.resolve("normal"))) {
            List<Path> normal;
            try (Stream<Path> s = Files.list(dobot.resolve("normal"))) {
                normal = s.filter(Files::isRegularFile).sorted(Comparator.comparing(p -> p.getFileName().toString()))
                        .toList();
            }
            sets.add(new Dataset("dobot1", dobot, normal.subList(0, 1), 1));
            sets.add(new Dataset("dobot5", dobot, normal.subList(0, Math.min(5, normal.size())), 1));
        } else {
            err.println("note: " + dobot + " not found, dobot1/dobot5 left out");
        }
        Path hazel = data.resolve("hazelnut_toy");
        if (Files.isRegularFile(hazel.resolve("good.jpg"))) {
            sets.add(new Dataset("hazelnut", hazel, List.of(hazel.resolve("good.jpg")), 1));
        } else {
            err.println("note: " + hazel + " not found, hazelnut left out");
        }
        int[] gd = ints(synthetic, "--synthetic");
        if (gd.length != 2 || gd[0] < 0 || gd[1] < 0) {
            throw new UsageException("--synthetic needs GOOD,DEFECT counts, not '" + synthetic + "'");
        }
        if (gd[0] > 0) {
            Path syn = out.resolve("synthetic");
            if (!Files.isDirectory(syn.resolve("test"))) {
                DefectDataset.writeDataset(syn, gd[0], gd[1], 1);
            }
            sets.add(new Dataset("synthetic", syn, List.of(), 1));
        }
        return sets;
    }

    static List<Features> parseFeatures(String spec) throws UsageException {
        List<Features> list = new ArrayList<>();
        for (String item : (spec.equals(GRID) ? DEFAULT_FEATURES : spec).split(",")) {
            String[] p = item.trim().split(":");
            try {
                if (p.length < 2 || p.length > 3) {
                    throw new NumberFormatException();
                }
                int size = Integer.parseInt(p[0]);
                int agg = Integer.parseInt(p[1]);
                int[] taps = p.length == 3 ? Arrays.stream(p[2].split("-")).mapToInt(Integer::parseInt).toArray()
                        : new int[0];
                if (size < 32 || size % 8 != 0 || agg < 1 || agg % 2 == 0) {
                    throw new NumberFormatException();
                }
                list.add(new Features(size, agg, taps));
            } catch (NumberFormatException e) {
                throw new UsageException("--features item '" + item + "' must be SIZE:AGGREGATE[:TAPS], e.g. 256:3 or "
                        + "256:3:6-13 (size a multiple of 8 ≥ 32, aggregation odd ≥ 1)");
            }
        }
        return list;
    }

    static List<Scorer> parseScorers(String spec) throws UsageException {
        List<Scorer> list = new ArrayList<>();
        AnomalyInspector.Settings base = AnomalyInspector.Settings.defaults().withCoreset(MemoryBank.DEFAULT_CORESET)
                .withNeighbours(1).withAugmentation(PromptAugmentation.NONE); // a name without + means none

        for (String item : (spec.equals(GRID) ? DEFAULT_SCORERS : spec).split(",")) {
            String[] plus = item.trim().split("\\+", 2); // NAME[:V][+AUGMENTATION]
            String[] p = plus[0].split(":");
            try {
                AnomalyInspector.Settings s = switch (p[0]) {
                    case "softmax" -> base.withMethod(AnomalyInspector.Method.RECONSTRUCTION)
                            .withTemperature(Float.parseFloat(p[1]));
                    case "fod" -> base.withMethod(AnomalyInspector.Method.CORRELATION)
                            .withTemperature(Float.parseFloat(p[1]));
                    case "knn" -> base.withMethod(AnomalyInspector.Method.NEAREST_NEIGHBOURS)
                            .withNeighbours(Integer.parseInt(p[1]));
                    case "bank" -> base.withMethod(AnomalyInspector.Method.MEMORY_BANK);
                    default -> throw new NumberFormatException();
                };
                if (!(s.temperature() > 0) || s.neighbours() < 1) {
                    throw new NumberFormatException();
                }
                if (plus.length == 2) {
                    s = s.withAugmentation(PromptAugmentation.parse(plus[1]));
                }
                list.add(new Scorer(item.trim(), s));
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) { // NumberFormatException too
                throw new UsageException("--scorers item '" + item + "' must be softmax:τ, knn:k, fod:τ or bank, "
                        + "optionally +flips or +rotations (the prompts' augmentation)");
            }
        }
        return list;
    }

    private static int[] ints(String s, String option) throws UsageException {
        try {
            return Arrays.stream(s.split(",")).mapToInt(t -> Integer.parseInt(t.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs integers, not '" + s + "'");
        }
    }

    /** A setting with its per-dataset primary metrics and their means. */
    record Ranked(Features features, Scorer scorer, Map<String, Row> byDataset, double mean, double meanPixel) {}

    static List<Ranked> rank(List<Row> rows, List<String> datasets) {
        Map<String, Map<String, Row>> bySetting = new LinkedHashMap<>();
        Map<String, Row> first = new LinkedHashMap<>();
        for (Row r : rows) {
            String key = r.features().label() + " " + r.scorer().label();
            bySetting.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(r.dataset(), r);
            first.putIfAbsent(key, r);
        }
        List<Ranked> ranked = new ArrayList<>();
        for (var e : bySetting.entrySet()) {
            double sum = 0;
            double pix = 0;
            int pixN = 0;
            for (String d : datasets) {
                Row r = e.getValue().get(d);
                Double v = r == null ? null : r.primary();
                sum += v == null || v.isNaN() ? 0 : v; // an undefined metric counts as 0: never a winner by omission
                if (r != null && r.pixelAuroc() != null && !r.pixelAuroc().isNaN()) {
                    pix += r.pixelAuroc();
                    pixN++;
                }
            }
            Row r0 = first.get(e.getKey());
            ranked.add(new Ranked(r0.features(), r0.scorer(), e.getValue(), sum / datasets.size(),
                    pixN == 0 ? 0 : pix / pixN));
        }
        ranked.sort(Comparator.comparingDouble((Ranked r) -> -Math.round(r.mean() * 1000) / 1000.0)
                .thenComparingDouble(r -> -r.meanPixel())
                .thenComparingInt(r -> r.features().size())
                .thenComparingInt(r -> r.scorer().settings().augmentation().copies())); // then the cheaper
        return ranked;
    }

    static String csv(List<Row> rows) {
        StringBuilder b = new StringBuilder("size,aggregate,taps,scorer,dataset,image_auroc,pixel_auroc,aupro,primary,"
                + "ms_per_image\n");
        for (Row r : rows) {
            Features f = r.features();
            b.append(f.size()).append(',').append(f.aggregate()).append(',')
                    .append(f.label().substring(f.label().lastIndexOf('/') + 1)).append(',')
                    .append(r.scorer().label()).append(',').append(r.dataset()).append(',')
                    .append(fmt(r.imageAuroc())).append(',').append(fmt(r.pixelAuroc())).append(',')
                    .append(fmt(r.aupro())).append(',').append(fmt(r.primary())).append(',')
                    .append(String.format(Locale.ROOT, "%.1f", r.msPerImage())).append('\n');
        }
        return b.toString();
    }

    static String markdown(List<Row> rows, List<String> datasets, double seconds) {
        StringBuilder b = new StringBuilder();
        b.append("| rank | size / aggregation / taps | scorer | ");
        datasets.forEach(d -> b.append(d).append(" | "));
        b.append("**mean** | mean pixel AUROC |\n|---|---|---|");
        datasets.forEach(d -> b.append("---|"));
        b.append("---|---|\n");
        int i = 1;
        for (Ranked r : rank(rows, datasets)) {
            b.append("| ").append(i++).append(" | ").append(r.features().label()).append(" | ")
                    .append(r.scorer().label()).append(" | ");
            for (String d : datasets) {
                Row row = r.byDataset().get(d);
                b.append(row == null ? "–" : fmt(row.primary())).append(" | ");
            }
            b.append("**").append(fmt(r.mean())).append("** | ").append(fmt(r.meanPixel())).append(" |\n");
        }
        b.append(String.format(Locale.ROOT, "%nPrimary metric: image AUROC, pixel AUROC where no image AUROC is "
                + "defined (hazelnut). %d runs in %.0f s.%n", rows.size(), seconds));
        return b.toString();
    }

    private static String fmt(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
