package org.attentionworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.attentionworkbench.app.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** anomaly end to end on a synthetic good/defect folder with the real MobileNetV2. */
class AnomalyCliTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final int SIZE = 128;
    /** The planted defect: a disc at (88, 40) of radius 12. */
    private static final int BX = 88, BY = 40, BR = 12;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Woven texture (two sinusoids, noise) with an optional orange blob. */
    private static void image(Path file, long seed, boolean blob) throws IOException {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double v = 110 + 40 * Math.sin(x * 0.7) * Math.sin(y * 0.7) + r.nextGaussian() * 6;
                int g = (int) Math.max(0, Math.min(255, v));
                int rgb = (g << 16) | (g << 8) | (int) (g * 0.9);
                if (blob && (x - BX) * (x - BX) + (y - BY) * (y - BY) <= BR * BR) {
                    rgb = (230 << 16) | (120 << 8) | 30;
                }
                img.setRGB(x, y, rgb);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void scoresASyntheticFolderAndTheDefectGlows(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(REPO.resolve("../shared/models/mobilenet_v2_imagenet.safetensors")),
                "../shared missing: skipped");
        System.setProperty("workbench.home", REPO.toString());
        Path data = dir.resolve("data");
        for (int i = 0; i < 5; i++) {
            image(data.resolve("good/g" + i + ".png"), i, false);
        }
        for (int i = 0; i < 3; i++) {
            image(data.resolve("defect/d" + i + ".png"), 100 + i, true);
        }
        Path out = dir.resolve("out");
        Run r = run("--device", "java", "anomaly", "--backbone", "mobilenet", "--prompt",
                data.resolve("good/g0.png").toString(), "--calibrate", data.resolve("good/g1.png").toString(),
                "--calibrate", data.resolve("good/g2.png").toString(), "--input", data.toString(), "--out",
                out.toString(), "--size", "128");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("5/5"), "progress bar: " + r.err());
        assertTrue(r.err().contains("--calibrate"), "threshold from the calibration images: " + r.err());

        List<String> csv = Files.readAllLines(out.resolve("scores.csv"));
        assertEquals("file,score,normalised,flagged", csv.get(0));
        assertEquals(6, csv.size(), "header + 5 inputs (prompt and calibration images are not scored): " + csv);
        for (String line : csv.subList(1, csv.size())) {
            // (a good image may be flagged too: two calibration images make a tight threshold)
            assertTrue(!line.startsWith("defect/") || line.endsWith(",true"), "defect not flagged: " + line);
        }
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertEquals(1.0, m.get("image_auroc").getAsDouble(), 1e-9, m.toString());
        assertEquals(3, m.get("images_anomalous").getAsInt());

        for (String name : List.of("defect_d0.png", "defect_d1.png", "defect_d2.png")) {
            BufferedImage heat = ImageIO.read(out.resolve("heatmaps").resolve(name).toFile());
            BufferedImage orig = ImageIO.read(data.resolve("defect").resolve(name.substring(7)).toFile());
            assertEquals(SIZE, heat.getWidth(), "heatmap at the image's own size");
            // brightening by the overlay (heatmap − photo), inside the blob vs far from it
            double in = 0, outside = 0;
            int nIn = 0, nOut = 0;
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    double d2 = Math.hypot(x - BX, y - BY);
                    double delta = luma(heat.getRGB(x, y)) - luma(orig.getRGB(x, y));
                    if (d2 <= BR * 0.7) {
                        in += delta;
                        nIn++;
                    } else if (d2 > 3 * BR) {
                        outside += delta;
                        nOut++;
                    }
                }
            }
            assertTrue(in / nIn > outside / nOut + 40, name + ": blob brightened by " + in / nIn + ", elsewhere "
                    + outside / nOut);
        }
    }

    @Test
    void missingPromptIsAUsageError(@TempDir Path dir) {
        Run r = run("anomaly", "--backbone", "mobilenet", "--input", dir.toString(), "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--prompt"), r.err());
    }

    private static double luma(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
    }
}
