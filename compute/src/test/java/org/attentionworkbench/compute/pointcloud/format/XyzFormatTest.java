package org.attentionworkbench.compute.pointcloud.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointCloudException;
import org.attentionworkbench.compute.pointcloud.PointClouds;
import org.attentionworkbench.compute.pointcloud.ReadControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text clouds: separators, headers, column guesses, and the bad ones. */
class XyzFormatTest {
    @TempDir
    Path dir;

    private PointCloud read(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        assertEquals("XYZ", PointClouds.detect(f).name(), name);
        return PointClouds.read(f);
    }

    @Test
    void threeColumnsAnySeparator() throws IOException {
        float[] expected = {1, 2, 3, -4.5f, 5e-3f, 6e2f};
        assertArrayEquals(expected, read("space.xyz", "1 2 3\n-4.5 5e-3 6E2\n").xyz());
        assertArrayEquals(expected, read("tab.txt", "1\t2\t3\r\n-4.5\t5e-3\t6E2\r\n").xyz());
        assertArrayEquals(expected, read("comma.csv", "1,2,3\n-4.5, 5e-3, 6E2\n").xyz());
        assertArrayEquals(expected, read("semicolon.csv", "\n1;2;3\n\n-4.5;5e-3;6E2").xyz());
    }

    /** Found by fuzzing: a header name of control characters (blank to String.isBlank) became a nameless field. */
    @Test
    void aBlankColumnNameBecomesScalarN() throws Exception {
        Path seed = Path.of(getClass().getResource("PointCloudFormatsFuzzTestInputs/read/xyz_found_blank_column_name.xyz")
                .toURI());
        byte[] data = Files.readAllBytes(seed);
        Path file = dir.resolve("found.xyz"); // the fuzz harness: byte 0 picks the format, the rest is the file
        Files.write(file, java.util.Arrays.copyOfRange(data, 1, data.length));
        PointCloud c = new XyzFormat().read(file, org.attentionworkbench.compute.pointcloud.ReadControl.NONE);
        assertTrue(c.fieldNames().stream().noneMatch(String::isBlank), c.fieldNames().toString());
        assertTrue(c.fieldNames().stream().anyMatch(n -> n.startsWith("scalar_")), c.fieldNames().toString());
        assertEquals("scalar_7", PointTable.fieldName("\u001e\u001e", 7));
        assertEquals("Intensity", PointTable.fieldName("Intensity", 7));
    }

    @Test
    void cloudCompareHeaderNamesTheColumns() throws IOException {
        PointCloud c = read("cc.txt", "//X,Y,Z,R,G,B,Intensity,Label\n1,2,3,255,128,0,0.25,4\n4,5,6,0,1,2,7,9\n");
        assertArrayEquals(new byte[] {(byte) 255, (byte) 128, 0, 0, 1, 2}, c.rgb());
        assertEquals(7, c.field("Intensity").value(1));
        assertFalse(c.field("Intensity").categorical());
        assertTrue(c.field("Label").categorical(), "integer labels");
        assertEquals(List.of("x", "y", "z", "rgb", "Intensity", "Label"), c.fieldNames());
    }

    @Test
    void ptsCountLineAndIntensityBeforeColours() throws IOException {
        PointCloud c = read("scan.pts", "2\n1.5 2.5 3.5 -1200 10 20 30\n4 5 6 300 40 50 60\n");
        assertEquals(2, c.size());
        assertArrayEquals(new byte[] {10, 20, 30, 40, 50, 60}, c.rgb());
        assertEquals(-1200, c.field("intensity").value(0));
    }

    @Test
    void guessesNormalsColoursAndFractionalColours() throws IOException {
        PointCloud normals = read("n.xyz", "0 0 0 0 0 1\n1 1 1 0.6 0.8 0\n");
        assertArrayEquals(new float[] {0, 0, 1, 0.6f, 0.8f, 0}, normals.normals());
        assertNull(normals.rgb());
        PointCloud fractions = read("f.xyz", "0 0 0 1 0.5 0\n1 1 1 0.2 0.2 0.2\n");
        assertArrayEquals(new byte[] {(byte) 255, (byte) 128, 0, 51, 51, 51}, fractions.rgb());
        assertNull(fractions.normals());
        PointCloud both = read("both.xyz", "0 0 0 255 0 0 0 0 1 7.5\n");
        assertEquals(255, both.rgb()[0] & 0xff);
        assertEquals(1f, both.normals()[2]);
        assertEquals(7.5, both.field("scalar_9").value(0));
        PointCloud plain = read("plain.xyz", "0 0 0 -5 300 2\n");
        assertEquals(List.of("x", "y", "z", "scalar_3", "scalar_4", "scalar_5"), plain.fieldNames());
    }

    @Test
    void surveyCoordinatesKeepMillimetres() throws IOException {
        PointCloud c = read("utm.xyz", "# a comment\n512345.123 5412345.456 250.789\n512346.001 5412346.002 251.003\n");
        assertEquals(512345, c.origin()[0]);
        assertEquals(5412345, c.origin()[1]);
        assertEquals(0, c.origin()[2], "small values need no origin");
        assertEquals(5412346.002, c.coordinate(1, 1), 1e-6);
        assertEquals(512345.123, c.coordinate(0, 0), 1e-6);
    }

    @Test
    void commentLinesBetweenPointsAndExtraValues() throws IOException {
        PointCloud c = read("mixed.xyz", "1 2 3\n# half way\n4 5 6 7\n");
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, c.xyz());
    }

    private PointCloudException refused(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        PointCloudException e = assertThrows(PointCloudException.class, () -> new XyzFormat().read(f, ReadControl.NONE));
        assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
        return e;
    }

    @Test
    void badLines() throws IOException {
        PointCloudException few = refused("few.xyz", "1 2 3\n4 5 6\n7 8\n");
        assertEquals(12, few.offset());
        assertTrue(few.getMessage().contains("line 3, column 3") && few.getMessage().contains("has 2 of the 3 values"),
                few.getMessage());
        StringBuilder longer = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            longer.append(i).append(" 1 2\n");
        }
        PointCloudException word = refused("word.xyz", longer + "1 two 3\n");
        assertTrue(word.getMessage().contains("line 2001, column 2") && word.getMessage().contains("'two' is not a number"),
                word.getMessage());
        PointCloudException nan = refused("nan.xyz", "1 2 3\n1 nan 3\n");
        assertEquals(6, nan.offset());
        assertTrue(nan.getMessage().contains("line 2") && nan.getMessage().contains("point 1 has a non-finite coordinate: x=1.0 y=NaN z=3.0"),
                nan.getMessage());
        PointCloudException none = refused("none.xyz", "x y z\nno numbers here\n");
        assertTrue(none.getMessage().contains("no line with 3 or more numbers"), none.getMessage());
    }

    @Test
    void sniffsTextWithNumbers() {
        XyzFormat x = new XyzFormat();
        byte[] numbers = "1 2 3\n4 5 6\n".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(x.sniff(numbers, "cloud.dat"));
        assertTrue(x.sniff("//X Y Z\n1 2 3\n".getBytes(StandardCharsets.ISO_8859_1), "a.txt"));
        assertFalse(x.sniff("hello world, this is prose\n1 2 3\n".getBytes(StandardCharsets.ISO_8859_1), "notes"));
        assertFalse(x.sniff(new byte[] {1, 2, 3, 0, 5}, "a.xyz"));
        assertFalse(x.sniff("{\"a\": [1, 2, 3]}".getBytes(StandardCharsets.ISO_8859_1), "cloud.js"));
    }

    @Test
    void largerThanOneReadBufferWithGrowthAndProgress() throws IOException {
        StringBuilder b = new StringBuilder("1.5 -2 0.25\n".repeat(1000)); // short lines first: a low estimate
        int n = 150_000;
        for (int i = 1000; i < n; i++) {
            b.append(i).append(".5 ").append(-i).append(" 0.000001\n");
        }
        Path f = dir.resolve("big.xyz");
        Files.writeString(f, b);
        assertTrue(Files.size(f) > 2 * FileBytes.CHUNK, "numbers cross the buffer's end");
        List<Double> progress = new java.util.ArrayList<>();
        PointCloud c = new XyzFormat().read(f, new ReadControl(progress::add, () -> false));
        assertEquals(n, c.size());
        for (int i = 1000; i < n; i++) {
            assertEquals(i + 0.5, c.coordinate(i, 0), 0, "x of " + i);
            assertEquals(-i, c.coordinate(i, 1), 0);
        }
        assertEquals(1.0, progress.get(progress.size() - 1));
        assertTrue(progress.size() >= 3, progress.toString());
        Path g = dir.resolve("cancel.xyz");
        Files.writeString(g, b);
        assertThrows(java.io.InterruptedIOException.class,
                () -> new XyzFormat().read(g, new ReadControl(p -> { }, () -> true)));
    }
}
