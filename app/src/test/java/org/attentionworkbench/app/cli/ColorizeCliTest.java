package org.attentionworkbench.app.cli;

import static org.attentionworkbench.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.attentionworkbench.compute.colorize.Hint;
import org.attentionworkbench.compute.colorize.HintFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** colorize and colorize-eval end to end on a small synthetic photo. */
class ColorizeCliTest {
    /** 301×187: a red left half and a blue right half with a gradient, odd sizes on purpose. */
    private static Path photo(Path dir) throws Exception {
        BufferedImage bi = new BufferedImage(301, 187, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 187; y++) {
            for (int x = 0; x < 301; x++) {
                bi.setRGB(x, y, x < 150 ? (200 << 16 | y / 2 << 8 | 30) : (30 << 16 | 60 << 8 | 120 + y / 3));
            }
        }
        Path f = dir.resolve("photo.png");
        ImageIO.write(bi, "png", f.toFile());
        return f;
    }

    @Test
    void colorizeWritesAFullResolutionPng(@TempDir Path dir) throws Exception {
        Path img = photo(dir);
        Path hints = dir.resolve("hints.json");
        HintFiles.save(hints, 301, 187, List.of(new Hint(1, 40, 90, 60f, 50f, 3), new Hint(2, 250, 90, 10f, -40f, 3)));
        for (String method : List.of("attention", "levin")) {
            Path out = dir.resolve(method + ".png");
            CliRun r = run("--device", "java", "colorize", "--image", img.toString(), "--hints", hints.toString(),
                    "--method", method, "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            BufferedImage o = ImageIO.read(out.toFile());
            assertEquals(301, o.getWidth());
            assertEquals(187, o.getHeight());
            int left = o.getRGB(40, 90), right = o.getRGB(250, 90);
            assertTrue(((left >> 16) & 0xFF) > (left & 0xFF), method + ": left is reddish");
            assertTrue((right & 0xFF) > ((right >> 16) & 0xFF), method + ": right is bluish");
        }
        CliRun bad = run("colorize", "--image", img.toString(), "--hints", dir.resolve("nope.json").toString(), "--out",
                dir.resolve("x.png").toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("nope.json"), bad.err());
        CliRun usage = run("colorize", "--image", img.toString(), "--hints", hints.toString(), "--method", "magic",
                "--out", dir.resolve("x.png").toString());
        assertEquals(2, usage.code());
    }

    @Test
    void hintsMovedOntoTheSrgbGamutAreSaidOnStderr(@TempDir Path dir) throws Exception {
        Path img = photo(dir);
        Path hints = dir.resolve("hints.json");
        Files.writeString(hints, "{\"format\": \"" + HintFiles.FORMAT + "\", \"version\": 1, \"width\": 301,"
                + " \"height\": 187, \"hints\": [{\"id\": 1, \"x\": 40, \"y\": 90, \"a\": 20, \"b\": 10},"
                + " {\"id\": 2, \"x\": 250, \"y\": 90, \"a\": 120, \"b\": -120}]}");
        CliRun r = run("--device", "java", "colorize", "--image", img.toString(), "--hints", hints.toString(), "--out",
                dir.resolve("out.png").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains(hints + ": 1 of 2 hints had a colour outside sRGB and were moved onto its outline"),
                r.err());
        HintFiles.save(hints, 301, 187, List.of(new Hint(1, 40, 90, 20f, 10f, 3)));
        r = run("--device", "java", "colorize", "--image", img.toString(), "--hints", hints.toString(), "--out",
                dir.resolve("out.png").toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("outside sRGB"), "nothing moved, nothing said: " + r.err());
    }

    @Test
    void evalWritesMetricsPerMethodAndHintCount(@TempDir Path dir) throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        photo(photos);
        Path out = dir.resolve("metrics.json");
        CliRun r = run("colorize-eval", "--images", photos.toString(), "--hints", "1,5", "--seed", "7", "--method", "all",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonObject doc = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        for (String m : List.of("attention", "levin")) {
            JsonObject five = doc.getAsJsonObject("methods").getAsJsonObject(m).getAsJsonObject("5");
            assertEquals(1, five.get("images").getAsInt());
            assertTrue(five.get("meanPsnr").getAsDouble() > 15, m + " " + five);
            assertEquals(1, five.getAsJsonArray("perImage").size());
        }
        assertTrue(r.err().contains("photo.png"), "progress on stderr");
    }
}
