package org.attentionworkbench.compute.colorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every field of a hints file is checked; a bad one is named with the file, the hint index and the problem. */
class HintFileValidationTest {
    @TempDir
    Path dir;

    private Path file(String hints) throws IOException {
        return file(100, 50, hints);
    }

    private Path file(int w, int h, String hints) throws IOException {
        Path f = dir.resolve("hints.json");
        Files.writeString(f, "{\"format\": \"attention-workbench/colorize-hints\", \"version\": 1, \"width\": " + w
                + ", \"height\": " + h + ", \"hints\": [{\"x\": 1, \"y\": 1, \"a\": 10, \"b\": 10}, " + hints + "]}");
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a of 1e30                |{\"x\": 2, \"y\": 3, \"a\": 1e30, \"b\": 0}           |hints[1].a is 1.0E30",
        "b of -1e30               |{\"x\": 2, \"y\": 3, \"a\": 0, \"b\": -1e30}          |hints[1].b is -1.0E30",
        "a beyond the Lab range   |{\"x\": 2, \"y\": 3, \"a\": 200, \"b\": 0}            |hints[1].a is 200; CIE Lab",
        "a as a string            |{\"x\": 2, \"y\": 3, \"a\": \"red\", \"b\": 0}        |hints[1].a is \"red\", not a number",
        "a missing                |{\"x\": 2, \"y\": 3, \"b\": 0}                       |hints[1].a is missing",
        "x outside the image      |{\"x\": 100, \"y\": 3, \"a\": 0, \"b\": 0}            |hints[1].x is 100, outside 0..99",
        "y negative               |{\"x\": 2, \"y\": -1, \"a\": 0, \"b\": 0}             |hints[1].y is -1, outside 0..49",
        "x huge                   |{\"x\": 1e30, \"y\": 3, \"a\": 0, \"b\": 0}           |hints[1].x is 1.0E30, outside",
        "x fractional             |{\"x\": 2.5, \"y\": 3, \"a\": 0, \"b\": 0}            |hints[1].x is 2.5, not a whole number",
        "size zero                |{\"x\": 2, \"y\": 3, \"a\": 0, \"b\": 0, \"size\": 0} |hints[1].size is 0, outside 1..9",
        "size huge                |{\"x\": 2, \"y\": 3, \"a\": 0, \"b\": 0, \"size\": 4294967297}|hints[1].size is 4294967297, outside 1..9",
        "id negative              |{\"id\": -4, \"x\": 2, \"y\": 3, \"a\": 0, \"b\": 0}  |hints[1].id is -4, outside 1..",
        "id at the int limit      |{\"id\": 2147483647, \"x\": 2, \"y\": 3, \"a\": 0, \"b\": 0}|hints[1].id is 2147483647, outside",
        "id used twice            |{\"id\": 1, \"x\": 2, \"y\": 3, \"a\": 0, \"b\": 0}   |hints[1].id 1 is used by an earlier hint",
        "hint not an object       |[1, 2]                                            |hints[1] is not an object",
    })
    void badFieldsAreNamed(String what, String hint, String expected) throws IOException {
        Path f = file(hint);
        HintFileException e = assertThrows(HintFileException.class, () -> HintFiles.load(f), what);
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected.strip()), what + ": " + e.getMessage());
    }

    @Test
    void nanAndInfinityAreRefused() throws IOException {
        for (String v : new String[] {"NaN", "Infinity", "-Infinity"}) {
            Path f = file("{\"x\": 2, \"y\": 3, \"a\": " + v + ", \"b\": 0}");
            HintFileException e = assertThrows(HintFileException.class, () -> HintFiles.load(f), v);
            assertTrue(e.getMessage().contains("hints.json") && e.getMessage().contains("corrupt"), e.getMessage());
        }
    }

    @Test
    void imageSizeMustBeSane() throws IOException {
        for (String[] c : new String[][] {{"-5", "10", "\"width\" is -5"}, {"10", "4294967296", "\"height\" is"},
            {"0", "10", "both be given"}, {"1e30", "10", "width is 1.0E30"}}) {
            Path f = dir.resolve("size.json");
            Files.writeString(f, "{\"format\": \"attention-workbench/colorize-hints\", \"version\": 1, \"width\": "
                    + c[0] + ", \"height\": " + c[1] + ", \"hints\": []}");
            HintFileException e = assertThrows(HintFileException.class, () -> HintFiles.load(f), c[0] + "x" + c[1]);
            assertTrue(e.getMessage().contains("size.json") && e.getMessage().contains(c[2].replace("\"", "")),
                    e.getMessage());
        }
    }

    @Test
    void trailingTextAndDeepNestingAreTypedErrors() throws IOException {
        Path trailing = file("{\"x\": 2, \"y\": 3, \"a\": 0, \"b\": 0}");
        Files.writeString(trailing, Files.readString(trailing) + " {}");
        String m = assertThrows(HintFileException.class, () -> HintFiles.load(trailing)).getMessage();
        assertTrue(m.contains("hints.json: corrupt hints file"), m);
        Path deep = dir.resolve("deep.json");
        Files.writeString(deep, "[".repeat(100_000) + "]".repeat(100_000));
        HintFileException e = assertThrows(HintFileException.class, () -> HintFiles.load(deep));
        assertTrue(e.getMessage().contains("deep.json"), e.getMessage());
    }

    @Test
    void outOfGamutColoursAreMovedOntoTheSrgbOutlineAlongTheirHue() throws IOException {
        // (-100, 100): a saturated yellow-green no sRGB colour reaches at any lightness
        Path f = file("{\"x\": 2, \"y\": 3, \"a\": -100, \"b\": 100}");
        HintFiles.Loaded loaded = HintFiles.load(f);
        assertEquals(1, loaded.clamped());
        Hint inGamut = loaded.hints().get(0);
        assertEquals(10f, inGamut.a());
        assertEquals(10f, inGamut.b());
        Hint h = loaded.hints().get(1);
        assertEquals(Math.atan2(100, -100), Math.atan2(h.b(), h.a()), 1e-5, "hue kept");
        double chroma = Math.hypot(h.a(), h.b());
        assertTrue(chroma < Math.hypot(100, 100) - 10, "chroma reduced: " + chroma);
        assertTrue(reachable(h.a(), h.b(), 1.0), "the clamped colour is one sRGB can show: " + h);
        assertTrue(!reachable(-100, 100, 0.0), "the test colour really is outside sRGB");
    }

    @Test
    void everySrgbColourIsInsideTheOutline() {
        Random r = new Random(3);
        for (int i = 0; i < 2000; i++) {
            double[] lab = Lab.fromRgb(r.nextDouble(), r.nextDouble(), r.nextDouble());
            float[] c = SrgbAbGamut.clamp((float) lab[1], (float) lab[2]);
            assertEquals(lab[1], c[0], 1e-4);
            assertEquals(lab[2], c[1], 1e-4);
        }
        // the primaries and secondaries, where the outline has its corners
        for (int rgb : new int[] {0xff0000, 0x00ff00, 0x0000ff, 0xffff00, 0x00ffff, 0xff00ff}) {
            double[] lab = Lab.fromRgb8(rgb);
            assertTrue(SrgbAbGamut.contains((float) lab[1], (float) lab[2]), Integer.toHexString(rgb));
        }
    }

    @Test
    void loadingForAnImageScalesOrChecksTheCoordinates() throws IOException {
        Path f = file("{\"x\": 99, \"y\": 49, \"a\": 0, \"b\": 0}");
        HintFiles.Loaded scaled = HintFiles.load(f, 50, 25);
        assertEquals(List.of(0, 49), scaled.hints().stream().map(Hint::x).toList());
        assertEquals(List.of(0, 24), scaled.hints().stream().map(Hint::y).toList());
        Path unsized = file(0, 0, "{\"x\": 99, \"y\": 49, \"a\": 0, \"b\": 0}");
        HintFileException e = assertThrows(HintFileException.class, () -> HintFiles.load(unsized, 50, 25));
        assertTrue(e.getMessage().contains("hints[1] at (99, 49) lies outside the 50×25 image"), e.getMessage());
    }

    /** True when some lightness shows (a, b) in sRGB, with {@code slack} ab units of tolerance. */
    private static boolean reachable(double a, double b, double slack) {
        double c = Math.hypot(a, b);
        double k = c == 0 ? 1 : Math.max(0, c - slack) / c;
        for (double l = 0; l <= 100; l += 0.25) {
            double[] lin = Lab.toLinear(l, a * k, b * k);
            if (lin[0] >= -1e-3 && lin[1] >= -1e-3 && lin[2] >= -1e-3 && lin[0] <= 1.001 && lin[1] <= 1.001
                    && lin[2] <= 1.001) {
                return true;
            }
        }
        return false;
    }
}
