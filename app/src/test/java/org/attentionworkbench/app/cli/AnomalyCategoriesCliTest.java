package org.attentionworkbench.app.cli;

import static org.attentionworkbench.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code anomaly --input ROOT} on a folder of two MVTec-style categories with the real MobileNetV2: each
 * category scored against its own prompt and thresholded on its own, a category column, per-category
 * metrics and their mean, and --report over both.
 */
class AnomalyCategoriesCliTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final int SIZE = 96;

    @BeforeAll
    static void needsTheModel() {
        assumeTrue(Files.isRegularFile(REPO.resolve("../shared/models/mobilenet_v2_imagenet.safetensors")),
                "../shared missing: skipped");
        System.setProperty("workbench.home", REPO.toString());
    }

    /**
     * "weave": a woven grey texture, defects an orange disc; "stripes": bold blue-white stripes, defects a
     * grey patch of weave. Either category's normal parts are far from the other's prompt.
     */
    private static void image(Path file, boolean stripes, long seed, boolean defect) throws IOException {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double n = r.nextGaussian() * 6;
                int rgb;
                boolean inDefect = defect && (x - 60) * (x - 60) + (y - 30) * (y - 30) <= 100;
                if (stripes && !inDefect) {
                    int v = (int) Math.max(0, Math.min(255, ((x / 6) % 2 == 0 ? 230 : 40) + n));
                    rgb = (v / 3 << 16) | (v / 2 << 8) | Math.min(255, v + 25);
                } else if (!stripes && inDefect) {
                    rgb = (230 << 16) | (120 << 8) | 30;
                } else {
                    int g = (int) Math.max(0, Math.min(255, 110 + 40 * Math.sin(x * 0.7) * Math.sin(y * 0.7) + n));
                    rgb = (g << 16) | (g << 8) | g;
                }
                img.setRGB(x, y, rgb);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    private static Path twoCategories(Path root) throws IOException {
        for (String cat : List.of("stripes", "weave")) {
            boolean s = cat.equals("stripes");
            for (int i = 0; i < 4; i++) {
                image(root.resolve(cat + "/train/good/" + i + ".png"), s, i + (s ? 50 : 0), false);
            }
            for (int i = 0; i < 3; i++) {
                image(root.resolve(cat + "/test/good/g" + i + ".png"), s, 10 + i + (s ? 50 : 0), false);
                image(root.resolve(cat + "/test/spot/s" + i + ".png"), s, 20 + i + (s ? 50 : 0), true);
            }
        }
        return root;
    }

    @Test
    void eachCategoryItsOwnPromptThresholdAndMetrics(@TempDir Path dir) throws Exception {
        Path root = twoCategories(dir.resolve("set"));
        Path out = dir.resolve("out");
        CliRun r = run("--device", "java", "anomaly", "--backbone", "mobilenet", "--input", root.toString(), "--out",
                out.toString(), "--size", String.valueOf(SIZE), "--scorer", "knn", "--report", "--worst", "4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("category stripes: MVTEC") && r.err().contains("category weave: MVTEC"), r.err());
        assertTrue(r.out().contains("mean over 2 categories"), r.out());

        List<String> csv = Files.readAllLines(out.resolve("scores.csv"));
        assertEquals("category,file,label,class,score,normalised,flagged,heatmap,error", csv.get(0));
        assertEquals(13, csv.size(), "6 test images per category: " + csv);
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        JsonObject cats = m.getAsJsonObject("categories");
        double[] tau = new double[2];
        int k = 0;
        for (String cat : List.of("stripes", "weave")) {
            JsonObject c = cats.getAsJsonObject(cat);
            // a prompt from the other category would make every part of this one look anomalous
            assertEquals(1.0, c.get("image_auroc").getAsDouble(), 1e-9, cat + ": " + c);
            String prompt = c.getAsJsonArray("prompts").get(0).getAsString();
            assertTrue(prompt.contains("/" + cat + "/train/good/"), cat + " prompt " + prompt);
            tau[k++] = c.get("threshold").getAsDouble();
        }
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",", -1);
            double tauOf = tau[f[0].equals("stripes") ? 0 : 1];
            assertEquals(Double.parseDouble(f[4]) > tauOf, Boolean.parseBoolean(f[6]),
                    "flagged by its own category's threshold: " + line);
            assertTrue(f[1].startsWith(f[0] + "/test/"), line);
        }
        assertEquals(1.0, m.getAsJsonObject("mean").get("image_auroc").getAsDouble(), 1e-9);
        String html = Files.readString(out.resolve("report.html"));
        assertEquals(4, html.split("<figure class=\"card worst\">", -1).length - 1, "--worst 4");
        assertTrue(html.contains("<svg") && html.contains("class=\"roc\""));
    }

    @Test
    void categoryChoiceAndUsageErrors(@TempDir Path dir) throws Exception {
        Path root = twoCategories(dir.resolve("set"));
        Path out = dir.resolve("out");
        CliRun one = run("--device", "java", "anomaly", "--backbone", "mobilenet", "--input", root.toString(),
                "--category", "weave", "--out", out.toString(), "--size", String.valueOf(SIZE), "--no-heatmaps");
        assertEquals(0, one.code(), one.err());
        List<String> csv = Files.readAllLines(out.resolve("scores.csv"));
        assertEquals(7, csv.size());
        csv.subList(1, 7).forEach(l -> assertTrue(l.startsWith("weave,weave/test/"), l));
        assertFalse(Files.exists(out.resolve("report.html")), "no --report, no report");

        CliRun missing = run("anomaly", "--backbone", "mobilenet", "--input", root.toString(), "--category", "cable",
                "--out", dir.resolve("o2").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no category cable"), missing.err());
        CliRun prompt = run("anomaly", "--backbone", "mobilenet", "--input", root.toString(), "--prompt",
                root.resolve("weave/train/good/0.png").toString(), "--out", dir.resolve("o3").toString());
        assertEquals(2, prompt.code());
        assertTrue(prompt.err().contains("--prompt and --calibrate do not apply"), prompt.err());
        // one category folder runs as before: no category column
        CliRun single = run("--device", "java", "anomaly", "--backbone", "mobilenet", "--input",
                root.resolve("weave").toString(), "--out", dir.resolve("o4").toString(), "--size",
                String.valueOf(SIZE), "--no-heatmaps", "--report");
        assertEquals(0, single.code(), single.err());
        assertEquals("file,label,class,score,normalised,flagged,heatmap,error",
                Files.readAllLines(dir.resolve("o4/scores.csv")).get(0));
        assertTrue(Files.readString(dir.resolve("o4/report.html")).contains("class=\"roc\""));
    }
}
