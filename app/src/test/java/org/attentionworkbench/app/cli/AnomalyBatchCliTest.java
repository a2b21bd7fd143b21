package org.attentionworkbench.app.cli;

import static org.attentionworkbench.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.attentionworkbench.app.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** anomaly batches that go wrong: clashing names, reruns, unwritable --out, corrupt images, Ctrl-C / SIGTERM. */
class AnomalyBatchCliTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path WEIGHTS = REPO.resolve("../shared/models/mobilenet_v2_imagenet.safetensors").normalize();

    private static Path image(Path file, long seed, boolean blob, String format) throws IOException {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int g = (int) Math.max(0, Math.min(255, 110 + 40 * Math.sin(x * 0.7) * Math.sin(y * 0.7)
                        + r.nextGaussian() * 6));
                boolean in = blob && (x - 40) * (x - 40) + (y - 20) * (y - 20) <= 64;
                img.setRGB(x, y, in ? 0xE6781E : (g << 16) | (g << 8) | (int) (g * 0.9));
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, format, file.toFile());
        return file;
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted()
                    .toList();
        }
    }

    @Test
    void anOutputThatCannotBeWrittenIsFoundBeforeAnyImageIsScored(@TempDir Path dir) throws Exception {
        Path prompt = image(dir.resolve("in/good.png"), 1, false, "png");
        Path target = image(dir.resolve("in/part.png"), 2, true, "png");
        Path junkBackbone = Files.writeString(dir.resolve("backbone.safetensors"), "not a checkpoint");
        Path out = Files.writeString(dir.resolve("out"), "a file where the folder should go");
        CliRun r = run("--device", "java", "anomaly", "--backbone", junkBackbone.toString(), "--prompt", prompt.toString(),
                "--input", target.toString(), "--out", out.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("--out " + out) && r.err().contains("not a folder")
                && r.err().contains("nothing was scored"), r.err());
        assertFalse(r.err().contains("device:") || r.err().contains("backbone"),
                "stopped before the device or the backbone was opened: " + r.err());
        assertEquals("a file where the folder should go", Files.readString(out));
    }

    @Test
    void clashingNamesCorruptImagesAndARerunIntoTheSameOut(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(WEIGHTS), "MobileNetV2 weights not at " + WEIGHTS + ": skipped");
        System.setProperty("workbench.home", REPO.toString());
        Path prompt = image(dir.resolve("in/good.png"), 1, false, "png");
        Path jpg = image(dir.resolve("in/x.jpg"), 2, true, "jpg");
        Path png = image(dir.resolve("in/x.png"), 3, false, "png");
        Path broken = dir.resolve("in/broken.png");
        Files.write(broken, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13});
        Path out = dir.resolve("out");

        // 1. three inputs, one corrupt: the batch goes on, the failure is listed, exit code 3
        CliRun r = run("--device", "java", "anomaly", "--backbone", "mobilenet", "--prompt", prompt.toString(), "--input",
                jpg.toString(), "--input", broken.toString(), "--input", png.toString(), "--out", out.toString(),
                "--size", "64");
        assertEquals(AnomalyCommand.EXIT_SOME_FAILED, r.code(), r.err());
        assertTrue(r.err().contains("1 of 3 images failed") && r.err().contains("broken.png"), r.err());
        assertTrue(r.out().contains("2 images"), r.out());
        assertEquals(List.of("heatmaps", "heatmaps/x.jpg.png", "heatmaps/x.png.png", "metrics.json", "run.json",
                "scores.csv"), files(out), "x.jpg and x.png each get their own heatmap");
        List<String> csv = Files.readAllLines(out.resolve("scores.csv"));
        assertEquals(4, csv.size(), csv.toString());
        assertTrue(csv.get(1).startsWith("x.jpg,") && csv.get(1).endsWith(",heatmaps/x.jpg.png,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("broken.png,unknown,,,,,,") && csv.get(2).length() > 30, csv.get(2));
        assertTrue(csv.get(3).startsWith("x.png,") && csv.get(3).endsWith(",heatmaps/x.png.png,"), csv.get(3));
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertEquals(1, m.get("failed").getAsInt());
        assertEquals(broken.toString(),
                m.getAsJsonArray("failures").get(0).getAsJsonObject().get("path").getAsString());

        // 2. a rerun with other inputs: the old heatmaps go, a file the user put there stays
        Files.writeString(out.resolve("my-notes.txt"), "keep", StandardCharsets.UTF_8);
        Path other = image(dir.resolve("in/other/y.png"), 4, true, "png");
        r = run("--device", "java", "anomaly", "--backbone", "mobilenet", "--prompt", prompt.toString(), "--input",
                other.toString(), "--out", out.toString(), "--size", "64");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("heatmaps", "heatmaps/y.png.png", "metrics.json", "my-notes.txt", "run.json",
                "scores.csv"), files(out), "no heatmap of the old run beside the new scores");
        assertEquals(2, Files.readAllLines(out.resolve("scores.csv")).size());
    }

    @Test
    void sigtermStopsBeforeTheNextImageAndLeavesOutAsItWas(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(WEIGHTS), "MobileNetV2 weights not at " + WEIGHTS + ": skipped");
        Path prompt = image(dir.resolve("in/good.png"), 1, false, "png");
        for (int i = 0; i < 300; i++) {
            image(dir.resolve(String.format("in/parts/p%03d.png", i)), 10 + i, i % 7 == 0, "png");
        }
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("my-notes.txt"), "keep", StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Dworkbench.home=" + REPO, "-cp",
                System.getProperty("java.class.path"), "org.attentionworkbench.app.Main", "--device", "java",
                "anomaly", "--backbone", "mobilenet", "--prompt", prompt.toString(), "--out", out.toString(),
                "--size", "64", "--no-heatmaps"));
        try (Stream<Path> s = Files.list(dir.resolve("in/parts"))) {
            s.sorted().forEach(p -> {
                cmd.add("--input");
                cmd.add(p.toString());
            });
        }
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        StringBuilder err = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean sent = false;
            while ((line = in.readLine()) != null) {
                err.append(line).append('\n');
                if (!sent && line.startsWith("score ")) {
                    // 10 % done: what Ctrl-C does (SIGINT), SIGTERM does through the same shutdown hook
                    new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start().waitFor();
                    sent = true;
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped");
        assertTrue(err.toString().contains("cancelled after"), err.toString());
        assertFalse(err.toString().contains("score 300/300"), "stopped early: " + err);
        assertTrue(p.exitValue() != 0, "a cancelled run is no success");
        assertEquals(List.of("my-notes.txt"), files(out), "no scores.csv, no staging folder: " + err);
    }
}
