package org.attentionworkbench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.NormalImages;
import org.attentionworkbench.compute.anomaly.Normalizer;
import org.attentionworkbench.compute.anomaly.data.AnomalyItem;
import org.attentionworkbench.compute.anomaly.data.AnomalyLabel;
import org.attentionworkbench.compute.anomaly.pipeline.BatchOutputs;
import org.attentionworkbench.compute.anomaly.pipeline.ImageResult;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionListener;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionPipeline;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionRequest;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionTarget;
import org.attentionworkbench.compute.anomaly.pipeline.RunFolder;
import org.attentionworkbench.compute.anomaly.pipeline.RunResult;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job in local mode (local[2]) on a subset of the demo set (../shared/data/anomaly/dobot_cubes):
 * its scores, normalised scores, flags and heatmaps equal those of compute's InspectionPipeline — the
 * flow {@code workbench anomaly} runs — for the same prompt and settings; a corrupt image and a missing
 * path give rows with their errors and the job goes on.
 */
class InspectionJobTest {
    private static final int PER_CLASS = 3;
    /** Smaller than the CLI's 256 to keep the test short; the equality does not depend on it. */
    private static final int SIZE = 128;

    @TempDir
    static Path tmp;
    private static Path backbone;
    private static Path prompt;
    private static List<Path> calibration;
    private static Path subset;
    private static SparkSession spark;
    /** Why the tests skip (the shared data is missing), or null. */
    private static String missing;

    @BeforeAll
    static void setUp() throws IOException {
        String s = System.getProperty("workbench.shared");
        Path shared = s == null ? Path.of("..", "shared") : Path.of(s);
        Path cubes = shared.resolve("data/anomaly/dobot_cubes");
        backbone = shared.resolve("models/mobilenet_v2_imagenet.safetensors");
        if (!Files.isDirectory(cubes) || !Files.isRegularFile(backbone)) {
            missing = "shared data missing (" + cubes + ", " + backbone + "): the Spark job's tests are skipped";
            return;
        }
        List<Path> normal = sorted(cubes.resolve("normal"));
        List<Path> abnormal = sorted(cubes.resolve("abnormal"));
        prompt = normal.get(0);
        calibration = normal.subList(1, 3);
        subset = tmp.resolve("in");
        copy(normal.subList(10, 10 + PER_CLASS), subset.resolve("normal"));
        copy(abnormal.subList(0, PER_CLASS), subset.resolve("abnormal"));
        spark = SparkSession.builder().master("local[2]").appName("InspectionJobTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void calibratedScoresAndHeatmapsEqualTheCli() throws IOException {
        assumeTrue(missing == null, missing);
        Path out = tmp.resolve("calibrated");
        JobSettings settings = JobSettings.defaults().withInputSize(SIZE);
        InspectionJob.Result r = InspectionJob.run(spark, new InspectionJob.Request(backbone.toString(),
                List.of(prompt.toString()), List.of(subset.toString()), List.of(),
                calibration.stream().map(Path::toString).toList(), out.toString(), settings, 0));
        assertEquals(2 * PER_CLASS, r.images());
        assertEquals(0, r.failed());
        assertTrue(r.normalizer().calibrated());

        RunResult cli = cli(settings, calibration, targets());
        // the threshold fitted on the calibration images (to float rounding: the engine's parallel sums)
        assertEquals(cli.normalizer().threshold(), r.normalizer().threshold(), 1e-6, "threshold");
        assertEquals(cli.normalizer().pixelFloor(), r.normalizer().pixelFloor(), 1e-6, "pixel floor");
        assertEquals(cli.normalizer().imageFloor(), r.normalizer().imageFloor(), 1e-6, "image floor");
        assertEquals(cli.normalizer().source(), r.normalizer().source());
        Map<String, Row> rows = rows(out);
        Path cliOut = tmp.resolve("cli-out");
        try (RunFolder folder = RunFolder.prepare(cliOut); JavaDevice device = new JavaDevice()) {
            BatchOutputs.write(folder, cli, new BatchOutputs.Provenance(List.of(), new NormalImages(List.of(prompt),
                    calibration, "test")), device, true);
        }
        for (int i = 0; i < cli.request().targets().size(); i++) {
            String name = cli.request().targets().get(i).name();
            Row row = rows.get(name);
            assertNotNull(row, name + " has no row");
            assertRowEquals(cli.results().get(i), cli.normalizer(), row, name);
            // the heatmap: the same pixels as the CLI's
            assertEquals("heatmaps/" + name + ".png", row.getAs("heatmap"));
            RgbImage ours = ImageFiles.read(out.resolve(row.<String>getAs("heatmap")));
            RgbImage theirs = ImageFiles.read(cliOut.resolve("heatmaps").resolve(name + ".png"));
            assertSamePixels(theirs, ours, name);
        }
        assertTrue(Files.isRegularFile(out.resolve("summary.json")));
        try (Stream<Path> csv = Files.list(out.resolve("scores.csv"))) {
            Path part = csv.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst().orElseThrow();
            List<String> lines = Files.readAllLines(part);
            assertEquals("path,score,normalised,flagged,heatmap,error", lines.get(0));
            assertEquals(1 + 2 * PER_CLASS, lines.size());
        }
    }

    @Test
    void uncalibratedListWithBadImagesGivesRowErrorsAndTheCliScores() throws IOException {
        assumeTrue(missing == null, missing);
        Path broken = tmp.resolve("broken.jpg");
        Files.write(broken, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2, 3, 4, 5});
        Path missing = tmp.resolve("no-such-image.png");
        List<Path> good = sorted(subset.resolve("abnormal"));
        List<String> lines = new ArrayList<>();
        lines.add("# a comment, then images");
        good.forEach(p -> lines.add(p.toString()));
        lines.add(broken.toString());
        lines.add("");
        lines.add(missing.toString());
        lines.add(prompt.toString()); // a prompt is never a target, as in the CLI
        Path list = tmp.resolve("list.txt");
        Files.write(list, lines);
        Path out = tmp.resolve("uncalibrated");
        JobSettings settings = JobSettings.defaults().withInputSize(SIZE)
                .withMethod(AnomalyInspector.Method.NEAREST_NEIGHBOURS, 2).withHeatmaps(false);
        InspectionJob.Result r = InspectionJob.run(spark, new InspectionJob.Request(backbone.toString(),
                List.of(prompt.toString()), List.of(), List.of(list.toString()), List.of(), out.toString(),
                settings, 3));
        assertEquals(good.size() + 2, r.images());
        assertEquals(2, r.failed());
        assertFalse(r.normalizer().calibrated());

        Map<String, Row> rows = rows(out);
        Row bad = rows.get("broken.jpg");
        assertNull(bad.getAs("score"));
        String badError = bad.getAs("error");
        assertTrue(badError.contains(broken.toString()), badError);
        Row gone = rows.get("no-such-image.png");
        String goneError = gone.getAs("error");
        assertTrue(goneError.contains("no such file") && goneError.contains(missing.toString()), goneError);

        List<InspectionTarget> targets = good.stream().map(p -> new InspectionTarget(new AnomalyItem(p,
                AnomalyLabel.UNKNOWN, null, null), p.getFileName().toString())).toList();
        RunResult cli = cli(settings, List.of(), targets);
        assertFalse(cli.normalizer().calibrated());
        assertEquals(cli.normalizer().threshold(), r.normalizer().threshold(), 1e-6, "the uncalibrated threshold");
        assertEquals(cli.normalizer().pixelFloor(), r.normalizer().pixelFloor(), 1e-6, "the pixel floor");
        for (int i = 0; i < targets.size(); i++) {
            String name = targets.get(i).name();
            Row row = rows.get("abnormal/" + name);
            assertRowEquals(cli.results().get(i), cli.normalizer(), row, name);
            assertNull(row.getAs("heatmap"));
        }
        assertFalse(Files.exists(out.resolve("heatmaps")));
    }

    @Test
    void aNonEmptyOutputFolderIsRefusedBeforeScoring() throws IOException {
        assumeTrue(missing == null, missing);
        Path out = tmp.resolve("taken");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        IOException e = assertThrows(IOException.class, () -> InspectionJob.run(spark, new InspectionJob.Request(
                backbone.toString(), List.of(prompt.toString()), List.of(subset.toString()), List.of(), List.of(),
                out.toString(), JobSettings.defaults(), 0)));
        assertTrue(e.getMessage().contains("not an empty folder"), e.getMessage());
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
    }

    @Test
    void aFolderWithoutImagesIsRefused() throws IOException {
        assumeTrue(missing == null, missing);
        Path empty = Files.createDirectories(tmp.resolve("no-images"));
        Files.writeString(empty.resolve("notes.txt"), "no image here");
        IOException e = assertThrows(IOException.class, () -> InspectionJob.run(spark, new InspectionJob.Request(
                backbone.toString(), List.of(prompt.toString()), List.of(empty.toString()), List.of(), List.of(),
                tmp.resolve("out-empty").toString(), JobSettings.defaults(), 0)));
        assertTrue(e.getMessage().contains("no images") && e.getMessage().contains(empty.toString()), e.getMessage());
    }

    /**
     * The same heatmap as the CLI's, to one 8-bit level per channel: the maps agree to float rounding
     * (the Java backend's parallel sums split the work by thread), which now and then tips a colour's
     * rounding.
     */
    private static void assertSamePixels(RgbImage expected, RgbImage actual, String name) {
        assertEquals(expected.width(), actual.width(), name);
        assertEquals(expected.height(), actual.height(), name);
        for (int i = 0; i < expected.rgb().length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                int e = (expected.rgb()[i] >> shift) & 0xFF;
                int a = (actual.rgb()[i] >> shift) & 0xFF;
                if (Math.abs(e - a) > 1) {
                    throw new AssertionError(name + ": heatmap pixel " + i + " is " + Integer.toHexString(
                            actual.rgb()[i]) + ", the CLI's " + Integer.toHexString(expected.rgb()[i]));
                }
            }
        }
    }

    private static void assertRowEquals(ImageResult cli, Normalizer norm, Row row, String name) {
        assertNull(row.getAs("error"), name);
        assertEquals(cli.score(), row.<Float>getAs("score"), 1e-6f, name + ": score");
        assertEquals(norm.image(cli.score()), row.<Float>getAs("normalised"), 1e-6f, name + ": normalised");
        assertEquals(norm.flagged(cli.score()), row.<Boolean>getAs("flagged"), name + ": flagged");
    }

    /** The CLI's flow, InspectionPipeline, on the same backbone, prompt and settings. */
    private static RunResult cli(JobSettings settings, List<Path> calibrate, List<InspectionTarget> targets)
            throws IOException {
        InspectionRequest req = new InspectionRequest(backbone, List.of(prompt), calibrate, targets,
                settings.options());
        try (JavaDevice device = new JavaDevice()) {
            return InspectionPipeline.run(req, device, new InspectionListener() {}, () -> false);
        }
    }

    /** The subset as the CLI would name it below its folder ("normal/x.jpg"). */
    private static List<InspectionTarget> targets() throws IOException {
        List<InspectionTarget> t = new ArrayList<>();
        for (String cls : List.of("abnormal", "normal")) {
            for (Path p : sorted(subset.resolve(cls))) {
                t.add(new InspectionTarget(new AnomalyItem(p, AnomalyLabel.UNKNOWN, null, null),
                        cls + "/" + p.getFileName()));
            }
        }
        return t;
    }

    /** Rows of scores.parquet by the path below the subset folder (or the file name for other paths). */
    private static Map<String, Row> rows(Path out) {
        Map<String, Row> m = new HashMap<>();
        for (Row r : spark.read().parquet(out.resolve("scores.parquet").toString()).collectAsList()) {
            String p = r.getAs("path");
            int at = p.indexOf("/in/");
            m.put(at >= 0 ? p.substring(at + 4) : p.substring(p.lastIndexOf('/') + 1), r);
        }
        return m;
    }

    private static List<Path> sorted(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void copy(List<Path> files, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Path f : files) {
            Files.copy(f, dir.resolve(f.getFileName()));
        }
    }
}
