package org.attentionworkbench.app.cli;

import static org.attentionworkbench.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.attentionworkbench.samples.defects.DefectDataset;
import org.attentionworkbench.samples.defects.Surface;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** anomaly end to end on synthetic datasets (plain folders, MVTec, BTAD, VisA, flat) with the real MobileNetV2. */
class AnomalyCliTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final int SIZE = 128;
    /** The planted defect: a disc at (88, 40) of radius 12. */
    private static final int BX = 88, BY = 40, BR = 12;

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
        CliRun r = run("--device", "java", "anomaly", "--backbone", "mobilenet", "--prompt",
                data.resolve("good/g0.png").toString(), "--calibrate", data.resolve("good/g1.png").toString(),
                "--calibrate", data.resolve("good/g2.png").toString(), "--input", data.toString(), "--out",
                out.toString(), "--size", "128");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("score 5/5 (100%)"), "progress, one line per 10 % off a terminal: " + r.err());
        assertFalse(r.err().contains("\r"), "no carriage returns in a log: " + r.err());
        assertTrue(r.err().contains("2 --calibrate normal images"), "threshold from the calibration images: " + r.err());

        List<String> csv = Files.readAllLines(out.resolve("scores.csv"));
        assertEquals("file,label,class,score,normalised,flagged,heatmap,error", csv.get(0));
        assertEquals(6, csv.size(), "header + 5 inputs (prompt and calibration images are not scored): " + csv);
        for (String line : csv.subList(1, csv.size())) {
            // (a good image may be flagged too: two calibration images make a tight threshold)
            assertTrue(!line.startsWith("defect/") || line.contains(",true,heatmaps/defect/"), "defect not flagged: " + line);
        }
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertEquals(1.0, m.get("image_auroc").getAsDouble(), 1e-9, m.toString());
        assertEquals(3, m.get("images_defect").getAsInt());
        assertEquals(2, m.get("images_good").getAsInt());
        assertTrue(m.get("threshold_calibrated").getAsBoolean());
        assertEquals(3, m.get("flagged_true_positive").getAsInt());
        assertFalse(m.has("pixel_auroc"), "no masks, no pixel metrics");

        for (String name : List.of("d0.png", "d1.png", "d2.png")) {
            // the heatmap keeps the image's path below the dataset and its own name, extension included
            BufferedImage heat = ImageIO.read(out.resolve("heatmaps/defect").resolve(name + ".png").toFile());
            BufferedImage orig = ImageIO.read(data.resolve("defect").resolve(name).toFile());
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
    void mvtecTreeFromDefectDatasetGetsPixelMetricsAndHeldOutThreshold(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(REPO.resolve("../shared/models/mobilenet_v2_imagenet.safetensors")),
                "../shared missing: skipped");
        System.setProperty("workbench.home", REPO.toString());
        Path data = dir.resolve("metal");
        DefectDataset.writeDataset(data, Surface.BRUSHED_METAL, 128, 6, 3, 11);
        Path out = dir.resolve("out");
        // no --prompt: one prompt from train/good, the last 2 of its 6 images (by name) calibrate
        CliRun r = run("--device", "java", "anomaly", "--backbone", "mobilenet", "--input", data.toString(), "--out",
                out.toString(), "--size", "128", "--no-heatmaps");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("MVTEC"), r.err());
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertTrue(m.get("threshold_calibrated").getAsBoolean(), m.toString());
        assertEquals(2, m.get("calibration_images").getAsInt());
        assertEquals(List.of(data.resolve("train/good/002.png").toString()),
                m.getAsJsonArray("prompts").asList().stream().map(e -> e.getAsString()).toList(),
                "the middle of the 4-image prompt block");
        assertEquals(6 + 3 * 3, m.get("images").getAsInt(), "the test split only");
        assertEquals(9, m.get("images_defect_with_mask").getAsInt());
        // the defect regions score above the good ones: pixel AUROC and AUPRO well above chance
        assertTrue(m.get("pixel_auroc").getAsDouble() > 0.8, m.toString());
        assertTrue(m.get("aupro").getAsDouble() > 0.5, m.toString());
        assertEquals(0.3, m.get("aupro_fpr_limit").getAsDouble());
        assertTrue(m.has("pixel_f1max") && m.has("image_f1max_threshold") && m.has("image_auroc"), m.toString());
        JsonObject pc = m.getAsJsonObject("per_class");
        assertEquals(3, pc.size(), pc.toString());
        for (String c : pc.keySet()) {
            assertEquals(6, pc.getAsJsonObject(c).get("images_good").getAsInt());
            assertEquals(3, pc.getAsJsonObject(c).get("images_defect").getAsInt());
            assertTrue(pc.getAsJsonObject(c).has("aupro"), c);
        }
        List<String> csv = Files.readAllLines(out.resolve("scores.csv"));
        assertEquals(16, csv.size());
        assertTrue(csv.stream().noneMatch(l -> l.startsWith("train/")), "training images are never test images");
    }

    @Test
    void inputAcceptsEveryLayout(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(REPO.resolve("../shared/models/mobilenet_v2_imagenet.safetensors")),
                "../shared missing: skipped");
        System.setProperty("workbench.home", REPO.toString());
        // BTAD: train/ok, test/{ok,ko}, ground_truth/ko/<name>.png
        Path btad = dir.resolve("btad");
        image(btad.resolve("train/ok/0.png"), 1, false);
        image(btad.resolve("train/ok/1.png"), 2, false);
        image(btad.resolve("test/ok/0.png"), 3, false);
        image(btad.resolve("test/ko/0.png"), 4, true);
        mask(btad.resolve("ground_truth/ko/0.png"));
        // flat folder: X.png + X_mask.png is a defect of class X, good*.png is good (hazelnut_toy's layout)
        Path flat = dir.resolve("flat");
        image(flat.resolve("good.png"), 5, false);
        image(flat.resolve("good2.png"), 6, false);
        image(flat.resolve("blob.png"), 7, true);
        mask(flat.resolve("blob_mask.png"));
        // VisA: split_csv/1cls.csv
        Path visa = dir.resolve("visa");
        image(visa.resolve("img/n0.png"), 8, false);
        image(visa.resolve("img/n1.png"), 9, false);
        image(visa.resolve("img/a0.png"), 10, true);
        mask(visa.resolve("mask/a0.png"));
        Files.createDirectories(visa.resolve("split_csv"));
        Files.writeString(visa.resolve("split_csv/1cls.csv"), "object,split,label,image,mask\n"
                + "toy,train,normal,img/n0.png,\ntoy,test,normal,img/n1.png,\ntoy,test,anomaly,img/a0.png,mask/a0.png\n");

        for (Path d : List.of(btad, flat, visa)) {
            Path out = dir.resolve("out-" + d.getFileName());
            List<String> args = new ArrayList<>(List.of("--device", "java", "anomaly", "--backbone", "mobilenet",
                    "--input", d.toString(), "--out", out.toString(), "--size", "64", "--no-heatmaps"));
            if (d == flat) {
                args.addAll(List.of("--prompt", flat.resolve("good.png").toString()));
            }
            CliRun r = run(args.toArray(String[]::new));
            assertEquals(0, r.code(), d + ": " + r.err());
            JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
            assertEquals(1, m.get("images_defect_with_mask").getAsInt(), d + ": " + m);
            assertTrue(m.has("pixel_auroc"), d + ": " + m);
            // nothing held out here (BTAD's 2 train images: 1 prompt + 1 held out; the others have none)
            assertEquals(d == btad, m.get("threshold_calibrated").getAsBoolean(), d + ": " + m);
        }
        // loose images: scored, unlabelled, so no metrics beyond the threshold; uncalibrated is said
        Path out = dir.resolve("out-loose");
        CliRun r = run("--device", "java", "anomaly", "--backbone", "mobilenet", "--prompt",
                flat.resolve("good.png").toString(), "--input", flat.resolve("good2.png").toString(), "--input",
                flat.resolve("blob.png").toString(), "--out", out.toString(), "--size", "64", "--no-heatmaps");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("UNCALIBRATED"), r.out());
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertEquals(2, m.get("images").getAsInt());
        assertFalse(m.has("image_auroc"));
    }

    /** A BTAD dataset whose one ground-truth mask is corrupt: the run finishes, the mask is reported. */
    @Test
    void aCorruptMaskIsReportedAndTheRunGoesOn(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(REPO.resolve("../shared/models/mobilenet_v2_imagenet.safetensors")),
                "../shared missing: skipped");
        System.setProperty("workbench.home", REPO.toString());
        Path btad = dir.resolve("btad");
        image(btad.resolve("train/ok/0.png"), 1, false);
        image(btad.resolve("test/ok/0.png"), 3, false);
        image(btad.resolve("test/ko/0.png"), 4, true);
        image(btad.resolve("test/ko/1.png"), 5, true);
        mask(btad.resolve("ground_truth/ko/0.png"));
        Path broken = btad.resolve("ground_truth/ko/1.png");
        Files.writeString(broken, "a mask that was never written");
        Path out = dir.resolve("out");
        CliRun r = run("--device", "java", "anomaly", "--backbone", "mobilenet", "--input", btad.toString(), "--out",
                out.toString(), "--size", "64", "--no-heatmaps");
        assertEquals(0, r.code(), "every image scored: " + r.err());
        assertTrue(r.err().contains("1 ground-truth mask(s) could not be read") && r.err().contains("ko/1.png")
                && r.err().contains(broken.toString() + ": not an image"), r.err());
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertEquals(0, m.get("failed").getAsInt(), m.toString());
        assertEquals(2, m.get("images_defect").getAsInt(), "both defects count for the image metrics");
        assertEquals(1, m.get("images_defect_with_mask").getAsInt(), "the pixel metrics leave the broken one out");
        assertTrue(m.has("pixel_auroc"), m.toString());
        JsonObject f = m.getAsJsonArray("failures").get(0).getAsJsonObject();
        assertEquals("mask", f.get("role").getAsString());
        assertEquals(broken.toString(), f.get("path").getAsString());
    }

    @Test
    void scorerKnnRunsAndIsRecorded(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(REPO.resolve("../shared/models/mobilenet_v2_imagenet.safetensors")),
                "../shared missing: skipped");
        System.setProperty("workbench.home", REPO.toString());
        Path data = dir.resolve("data");
        for (int i = 0; i < 3; i++) {
            image(data.resolve("good/g" + i + ".png"), i, false);
        }
        for (int i = 0; i < 2; i++) {
            image(data.resolve("defect/d" + i + ".png"), 100 + i, true);
        }
        String[][] scorers = {{"knn", "2", "nearest neighbours (k=2, 1 − cosine", "3"},
            {"softmax", "1", "prompt reconstruction", "3"}, {"fod", "1", "FOD-style correlation discrepancy", "1"},
            {"fod", "1", "FOD-style correlation discrepancy", "5"}};
        for (String[] s : scorers) {
            Path out = dir.resolve("out-" + s[0] + s[3]);
            CliRun r = run("--device", "java", "anomaly", "--backbone", "mobilenet", "--prompt",
                    data.resolve("good/g0.png").toString(), "--input", data.toString(), "--out", out.toString(),
                    "--size", "128", "--no-heatmaps", "--scorer", s[0], "--k", s[1], "--aggregate", s[3]);
            assertEquals(0, r.code(), r.err());
            JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
            assertTrue(m.get("scorer").getAsString().startsWith(s[2]), m.get("scorer").getAsString());
            assertTrue(r.err().contains(s[3] + "×" + s[3] + " mean"), "the aggregation window is used: " + r.err());
            assertEquals(1.0, m.get("image_auroc").getAsDouble(), 1e-9, s[0] + ": " + m);
        }
        CliRun even = run("anomaly", "--backbone", "mobilenet", "--prompt", data.resolve("good/g0.png").toString(),
                "--input", data.toString(), "--out", dir.resolve("bad0").toString(), "--aggregate", "2");
        assertEquals(2, even.code(), even.err());
        assertTrue(even.err().contains("--aggregate"), even.err());
        CliRun bad = run("anomaly", "--backbone", "mobilenet", "--prompt", data.resolve("good/g0.png").toString(),
                "--input", data.toString(), "--out", dir.resolve("bad").toString(), "--scorer", "knn", "--k", "0");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("--k"), bad.err());
        CliRun unknown = run("anomaly", "--backbone", "mobilenet", "--prompt", data.resolve("good/g0.png").toString(),
                "--input", data.toString(), "--out", dir.resolve("bad2").toString(), "--scorer", "cosine");
        assertEquals(2, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("knn"), unknown.err());
        // prompt augmentation: recorded with the scorer, a wrong word is a usage error naming the option
        Path aug = dir.resolve("out-aug");
        CliRun r = run("--device", "java", "anomaly", "--backbone", "mobilenet", "--prompt",
                data.resolve("good/g0.png").toString(), "--input", data.toString(), "--out", aug.toString(),
                "--size", "128", "--no-heatmaps", "--augment", "rotations");
        assertEquals(0, r.code(), r.err());
        JsonObject m = JsonParser.parseString(Files.readString(aug.resolve("metrics.json"))).getAsJsonObject();
        assertTrue(m.get("scorer").getAsString().contains("prompts augmented: rotations ×8"), m.toString());
        assertTrue(m.get("scorer").getAsString().contains("(k=3, 1 − cosine, 2048 prompt patches"),
                "8 copies of a 16×16 grid are matched: " + m.get("scorer").getAsString());
        CliRun spin = run("anomaly", "--backbone", "mobilenet", "--prompt", data.resolve("good/g0.png").toString(),
                "--input", data.toString(), "--out", dir.resolve("bad3").toString(), "--augment", "spin");
        assertEquals(2, spin.code(), spin.err());
        assertTrue(spin.err().contains("--augment") && spin.err().contains("'spin'"), spin.err());
    }

    /**
     * Any loaded ViT is a backbone: the real vit4mnist model card and checkpoint (28² grey digits, 4×4 patch grid) through the
     * whole pipeline with the fod scorer. Only that the path runs and is recorded: no DINO / DINOv2 weights
     * exist offline here, so no ViT accuracy is measured.
     */
    @Test
    void aVitCheckpointIsABackbone(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(REPO.resolve("../shared/models/vit4mnist.pth")), "../shared missing: skipped");
        Path vit = REPO.resolve("samples/models/vit4mnist.json"); // the card gives the head count the .pth lacks
        Path data = dir.resolve("data");
        for (int i = 0; i < 3; i++) {
            image(data.resolve("good/g" + i + ".png"), i, false);
        }
        image(data.resolve("defect/d0.png"), 100, true);
        Path out = dir.resolve("out");
        CliRun r = run("--device", "java", "anomaly", "--backbone", vit.toString(), "--prompt",
                data.resolve("good/g0.png").toString(), "--input", data.toString(), "--out", out.toString(),
                "--size", "28", "--scorer", "fod");
        assertEquals(0, r.code(), r.err());
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertTrue(m.get("scorer").getAsString().startsWith("FOD-style"), m.toString());
        assertEquals(3, Files.readAllLines(out.resolve("scores.csv")).size() - 1, "3 test images scored");
    }

    @Test
    void noPromptAndNoTrainingImagesIsAUsageError(@TempDir Path dir) throws Exception {
        image(dir.resolve("data/good/a.png"), 1, false);
        CliRun r = run("anomaly", "--backbone", "mobilenet", "--input", dir.resolve("data").toString(), "--out",
                dir.resolve("out").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--prompt"), r.err());
    }

    @Test
    void progressOffATerminalPrintsAboutTenLines() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        AnomalyCommand.Progress p = new AnomalyCommand.Progress(new PrintStream(b, true, StandardCharsets.UTF_8),
                "score", 115, false);
        for (int i = 0; i < 115; i++) {
            p.step("img" + i);
        }
        p.done();
        List<String> lines = b.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(10, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("score 12/115 (10%)"), lines.get(0));
        assertTrue(lines.get(9).startsWith("score 115/115 (100%)"), lines.get(9));
        assertFalse(AnomalyCommand.Progress.isTerminal(new PrintStream(b)), "a captured stream is no terminal");
    }

    private static void mask(Path file) throws IOException {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                if ((x - BX) * (x - BX) + (y - BY) * (y - BY) <= BR * BR) {
                    img.getRaster().setSample(x, y, 0, 255);
                }
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    private static double luma(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
    }
}
