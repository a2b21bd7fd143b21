package org.attentionworkbench.compute.anomaly.pipeline;

import static org.attentionworkbench.compute.anomaly.pipeline.PipelineFixtures.corrupt;
import static org.attentionworkbench.compute.anomaly.pipeline.PipelineFixtures.image;
import static org.attentionworkbench.compute.anomaly.pipeline.PipelineFixtures.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.anomaly.NormalImages;
import org.attentionworkbench.compute.anomaly.data.AnomalyLabel;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output folder: checked first, swapped in whole, only the previous run's files replaced. */
class RunFolderTest {
    private final Device device = TestDevices.java();

    private RunResult run(Path dir, List<InspectionTarget> targets) throws Exception {
        InspectionRequest req = new InspectionRequest(dir.resolve("stand-in"),
                List.of(image(dir.resolve("in/prompt.png"), false, "png")), List.of(), targets,
                InspectionRequest.Options.defaults().withInputSize(32));
        return InspectionPipeline.run(req, new ColourPatches(device, 4, 32), new InspectionListener() {}, () -> false);
    }

    private static BatchOutputs.Provenance provenance() {
        return new BatchOutputs.Provenance(List.of(), new NormalImages(List.of(), List.of(), "test"));
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted()
                    .toList();
        }
    }

    @Test
    void xJpgAndXPngWriteTwoHeatmapsAndTheCsvNamesEachAndTheFailure(@TempDir Path dir) throws Exception {
        Path jpg = image(dir.resolve("in/x.jpg"), true, "jpg");
        Path png = image(dir.resolve("in/x.png"), false, "png");
        Path broken = corrupt(dir.resolve("in/y.png"));
        RunResult r = run(dir, List.of(target(jpg, "x.jpg", AnomalyLabel.UNKNOWN),
                target(png, "x.png", AnomalyLabel.UNKNOWN), target(broken, "y.png", AnomalyLabel.UNKNOWN)));
        Path out = dir.resolve("out");
        try (RunFolder folder = RunFolder.prepare(out)) {
            BatchOutputs.write(folder, r, provenance(), device, true);
        }
        assertEquals(List.of("heatmaps/x.jpg.png", "heatmaps/x.png.png", "metrics.json", "run.json", "scores.csv"),
                files(out), "no staging folder left, one heatmap per image");
        List<String> csv = Files.readAllLines(out.resolve("scores.csv"));
        assertEquals(BatchOutputs.CSV_HEADER, csv.get(0));
        assertTrue(csv.get(1).startsWith("x.jpg,unknown,,") && csv.get(1).endsWith(",heatmaps/x.jpg.png,"), csv.get(1));
        assertTrue(csv.get(2).endsWith(",heatmaps/x.png.png,"), csv.get(2));
        assertTrue(csv.get(3).startsWith("y.png,unknown,,,,,,") && csv.get(3).contains("y.png"), csv.get(3));
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertEquals(1, m.get("failed").getAsInt());
        assertEquals(2, m.get("scored").getAsInt());
        assertEquals("y.png", m.getAsJsonArray("failures").get(0).getAsJsonObject().get("file").getAsString());
        JsonObject manifest = JsonParser.parseString(Files.readString(out.resolve("run.json"))).getAsJsonObject();
        assertTrue(manifest.get("complete").getAsBoolean());
        assertEquals(4, manifest.getAsJsonArray("files").size());
    }

    @Test
    void aRerunReplacesThePreviousRunsFilesAndKeepsTheUsers(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Path a = image(dir.resolve("in/old/a.png"), true, "png");
        try (RunFolder folder = RunFolder.prepare(out)) {
            BatchOutputs.write(folder, run(dir, List.of(target(a, "old/a.png", AnomalyLabel.UNKNOWN))), provenance(),
                    device, true);
        }
        assertTrue(Files.isRegularFile(out.resolve("heatmaps/old/a.png.png")));
        Files.writeString(out.resolve("notes.txt"), "mine", StandardCharsets.UTF_8);
        Files.writeString(out.resolve("heatmaps/keep-me.txt"), "mine too", StandardCharsets.UTF_8);

        Path b = image(dir.resolve("in/b.png"), false, "png");
        try (RunFolder folder = RunFolder.prepare(out)) {
            BatchOutputs.write(folder, run(dir, List.of(target(b, "b.png", AnomalyLabel.UNKNOWN))), provenance(),
                    device, true);
        }
        assertEquals(List.of("heatmaps/b.png.png", "heatmaps/keep-me.txt", "metrics.json", "notes.txt", "run.json",
                "scores.csv"), files(out), "the old run's heatmap is gone, the user's files stay");
        assertFalse(Files.exists(out.resolve("heatmaps/old")), "emptied folders of the old run are removed");
        assertEquals(2, Files.readAllLines(out.resolve("scores.csv")).size());
    }

    @Test
    void aRunThatIsNotCommittedLeavesTheFolderAsItWas(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Path a = image(dir.resolve("in/a.png"), true, "png");
        try (RunFolder folder = RunFolder.prepare(out)) {
            BatchOutputs.write(folder, run(dir, List.of(target(a, "a.png", AnomalyLabel.UNKNOWN))), provenance(),
                    device, true);
        }
        List<String> before = files(out);
        String scores = Files.readString(out.resolve("scores.csv"));
        try (RunFolder folder = RunFolder.prepare(out)) {
            Files.writeString(folder.file("scores.csv"), "file,half\n", StandardCharsets.UTF_8); // then cancelled
        }
        assertEquals(before, files(out), "no staging folder, no half-written file under a final name");
        assertEquals(scores, Files.readString(out.resolve("scores.csv")));

        Path fresh = dir.resolve("never-written");
        try (RunFolder folder = RunFolder.prepare(fresh)) {
            assertTrue(Files.isDirectory(fresh), "made at once, so a bad --out fails before any work");
        }
        assertFalse(Files.exists(fresh), "a run that wrote nothing leaves no folder it made");
    }

    @Test
    void anOutputThatCannotBeAFolderFailsAtOnce(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        OutputFolderException e = assertThrows(OutputFolderException.class, () -> RunFolder.prepare(file));
        assertTrue(e.getMessage().contains("taken") && e.getMessage().contains("not a folder"), e.getMessage());
        e = assertThrows(OutputFolderException.class, () -> RunFolder.prepare(file.resolve("below")));
        assertTrue(e.getMessage().contains("cannot write there"), e.getMessage());
    }

    @Test
    void aReadOnlyFolderFailsAtOnce(@TempDir Path dir) throws Exception {
        Path ro = Files.createDirectories(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(ro), "running as root: every folder is writable");
            OutputFolderException e = assertThrows(OutputFolderException.class, () -> RunFolder.prepare(ro));
            assertTrue(e.getMessage().contains("cannot write there"), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /**
     * A defect's ground-truth mask that is corrupt, or missing, does not stop the run: the image is scored
     * and counts for the image metrics, the pixel metrics leave it out, and metrics.json lists the mask.
     */
    @Test
    void anUnreadableMaskIsListedAndLeftOutOfThePixelMetrics(@TempDir Path dir) throws Exception {
        Path goodMask = mask(dir.resolve("gt/a_mask.png"));
        Path brokenMask = corrupt(dir.resolve("gt/b_mask.png"));
        Path missingMask = dir.resolve("gt/c_mask.png");
        List<InspectionTarget> targets = List.of(
                target(image(dir.resolve("in/g.png"), false, "png"), "g.png", AnomalyLabel.GOOD),
                defect(image(dir.resolve("in/a.png"), true, "png"), goodMask),
                defect(image(dir.resolve("in/b.png"), true, "png"), brokenMask),
                defect(image(dir.resolve("in/c.png"), true, "png"), missingMask));
        List<ImageFailure> heard = new java.util.ArrayList<>();
        InspectionRequest req = new InspectionRequest(dir.resolve("stand-in"),
                List.of(image(dir.resolve("in/prompt.png"), false, "png")), List.of(), targets,
                InspectionRequest.Options.defaults().withInputSize(32));
        RunResult r = InspectionPipeline.run(req, new ColourPatches(device, 4, 32), new InspectionListener() {
            @Override
            public void failed(ImageFailure f) {
                heard.add(f);
            }
        }, () -> false);
        assertEquals(4, r.scoredCount(), "every image scored");
        assertEquals(List.of(), r.targetFailures());
        assertEquals(3, r.report().overall().defect(), "image metrics count all three defects");
        assertEquals(1, r.report().overall().withMask(), "pixel metrics only the one with a readable mask");
        assertNotNull(r.report().overall().pixelAuroc());
        assertEquals(List.of(ImageFailure.Role.MASK, ImageFailure.Role.MASK),
                r.failures().stream().map(ImageFailure::role).toList());
        assertEquals(r.failures(), heard, "reported as they happen");
        assertEquals(List.of(2, 3), r.failures().stream().map(ImageFailure::index).toList());

        Path out = dir.resolve("out");
        try (RunFolder folder = RunFolder.prepare(out)) {
            BatchOutputs.write(folder, r, provenance(), device, false);
        }
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertEquals(0, m.get("failed").getAsInt(), "no image failed");
        assertEquals(1, m.get("images_defect_with_mask").getAsInt());
        assertTrue(m.has("pixel_auroc"), m.toString());
        var failures = m.getAsJsonArray("failures");
        assertEquals(2, failures.size(), failures.toString());
        JsonObject f = failures.get(0).getAsJsonObject();
        assertEquals("mask", f.get("role").getAsString());
        assertEquals("b.png", f.get("file").getAsString());
        assertEquals(brokenMask.toString(), f.get("path").getAsString());
        assertTrue(f.get("reason").getAsString().contains("b_mask.png"), f.toString());
        assertTrue(failures.get(1).getAsJsonObject().get("reason").getAsString().contains("no such file"),
                failures.toString());
    }

    private static InspectionTarget defect(Path file, Path mask) {
        return new InspectionTarget(new org.attentionworkbench.compute.anomaly.data.AnomalyItem(file,
                AnomalyLabel.DEFECT, "red", mask), file.getFileName().toString());
    }

    /** The red square of {@link PipelineFixtures#image} in white on black. */
    private static Path mask(Path file) throws Exception {
        var img = new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 8; y < 24; y++) {
            for (int x = 8; x < 24; x++) {
                img.getRaster().setSample(x, y, 0, 255);
            }
        }
        Files.createDirectories(file.getParent());
        javax.imageio.ImageIO.write(img, "png", file.toFile());
        return file;
    }

    /**
     * A run killed hard (SIGKILL: no close) leaves its staging folder; the next run into the same folder
     * removes it once its process is gone, and touches nothing else.
     */
    @Test
    void stagingFoldersOfKilledRunsAreRemovedByTheNextRun(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Process alive = new ProcessBuilder("sleep", "60").start();
        try {
            Path killed = staging(out, dead.pid() + "-123");
            Path running = staging(out, alive.pid() + "-456"); // another run in progress
            Path ours = staging(out, ProcessHandle.current().pid() + "-789");
            Path reused = staging(out, alive.pid() + "-999"); // written an hour before that process started
            Files.setLastModifiedTime(reused, java.nio.file.attribute.FileTime.from(
                    java.time.Instant.now().minus(java.time.Duration.ofHours(1))));
            Path oldName = staging(out, "123"); // no pid in the name: cannot tell, kept
            Path users = staging(out, "notes"); // not the exact pattern
            Path file = Files.writeString(out.resolve(".anomaly-partial-" + dead.pid() + "-5"), "a file, not a run's");
            try (RunFolder folder = RunFolder.prepare(out)) {
                assertFalse(Files.exists(killed), "the killed run's staging folder is removed");
                assertFalse(Files.exists(reused), "a reused pid does not keep it");
                for (Path kept : List.of(running, ours, oldName, users, file)) {
                    assertTrue(Files.exists(kept), kept + " kept");
                }
                assertTrue(folder.file("x").getParent().getFileName().toString()
                        .startsWith(".anomaly-partial-" + ProcessHandle.current().pid() + "-"), "its own has its pid");
            }
        } finally {
            alive.destroyForcibly();
        }
    }

    private static Path staging(Path out, String suffix) throws Exception {
        Path p = Files.createDirectories(out.resolve(".anomaly-partial-" + suffix).resolve("heatmaps"));
        Files.writeString(p.resolve("a.png.png"), "half");
        return p.getParent();
    }
}
