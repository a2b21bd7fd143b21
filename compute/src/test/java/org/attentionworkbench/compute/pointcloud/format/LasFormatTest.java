package org.attentionworkbench.compute.pointcloud.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.attentionworkbench.compute.pointcloud.Bounds;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointCloudException;
import org.attentionworkbench.compute.pointcloud.PointClouds;
import org.attentionworkbench.compute.pointcloud.ReadControl;
import org.attentionworkbench.compute.pointcloud.ScalarField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LasFormatTest {
    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** Every point format in every LAS version that defines it, every field checked. */
    @Test
    void everyVersionAndPointFormatDecodes() throws IOException {
        int[] lastFormat = {1, 1, 3, 5, 10}; // LAS 1.0/1.1: 0-1, 1.2: 0-3, 1.3: 0-5, 1.4: 0-10
        int n = 5;
        for (int minor = 0; minor <= 4; minor++) {
            for (int format = 0; format <= lastFormat[minor]; format++) {
                Path p = file("v1" + minor + "_f" + format + ".las", LasTestFiles.las(minor, format, n));
                assertInstanceOf(LasFormat.class, PointClouds.detect(p), p.toString());
                checkEveryField(PointClouds.read(p), format, n, "1." + minor + " format " + format);
            }
        }
    }

    static void checkEveryField(PointCloud c, int format, int n, String what) {
        assertEquals(n, c.size(), what);
        for (int i = 0; i < n; i++) {
            assertEquals(LasTestFiles.x(i) * 0.001 + 500000, c.coordinate(i, 0), 1e-6, what + " x");
            assertEquals(LasTestFiles.y(i) * 0.001 + 4000000, c.coordinate(i, 1), 1e-6, what + " y");
            assertEquals(LasTestFiles.z(i) * 0.001 + 100, c.coordinate(i, 2), 1e-6, what + " z");
            assertEquals(LasTestFiles.intensity(i), c.field("intensity").value(i), what);
            assertEquals(LasTestFiles.returnNumber(i), c.field("return_number").value(i), what);
            assertEquals(LasTestFiles.numberOfReturns(i), c.field("number_of_returns").value(i), what);
            assertEquals(LasTestFiles.classification(format, i), c.field("classification").value(i), what);
            assertEquals(LasTestFiles.flags(format, i), c.field("classification_flags").value(i), what);
            assertEquals(LasTestFiles.scanAngleDegrees(format, i), c.field("scan_angle").value(i), 1e-5, what);
            assertEquals(LasTestFiles.userData(i), c.field("user_data").value(i), what);
            assertEquals(LasTestFiles.pointSource(i), c.field("point_source_id").value(i), what);
            if (format >= 6) {
                assertEquals(LasTestFiles.channel(i), c.field("scanner_channel").value(i), what);
            }
            if (LasTestFiles.hasGps(format)) {
                assertEquals(LasTestFiles.gps(i), c.field("gps_time").value(i), 1e-6, what + " gps (keeps microseconds at 3e8 s)");
            } else {
                assertNull(c.field("gps_time"), what);
            }
            if (LasTestFiles.hasRgb(format)) {
                // 16-bit values: the high byte
                assertEquals(LasTestFiles.red(i) >> 8, c.rgb()[3 * i] & 0xff, what);
                assertEquals(LasTestFiles.green(i) >> 8, c.rgb()[3 * i + 1] & 0xff, what);
                assertEquals(LasTestFiles.blue(i) >> 8, c.rgb()[3 * i + 2] & 0xff, what);
            } else {
                assertNull(c.rgb(), what);
            }
            if (LasTestFiles.hasNir(format)) {
                assertEquals(LasTestFiles.nir(i), c.field("nir").value(i), what);
            } else {
                assertNull(c.field("nir"), what);
            }
        }
        assertTrue(c.field("classification").categorical(), what);
        // survey coordinates stay exact: the origin is near the points, not at 0
        assertEquals(500123.0, c.origin()[0], 1.0, what);
    }

    @Test
    void eightBitColourIsTakenAsItIs() throws IOException {
        byte[] bytes = LasTestFiles.las(2, 2, 3);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 3; i++) {
            b.putShort(227 + 26 * i + 20, (short) (10 * i)).putShort(227 + 26 * i + 22, (short) 255)
                    .putShort(227 + 26 * i + 24, (short) 0);
        }
        PointCloud c = PointClouds.read(file("eight.las", bytes));
        assertArrayEquals(new byte[] {0, (byte) 255, 0, 10, (byte) 255, 0, 20, (byte) 255, 0}, c.rgb());
    }

    @Test
    void recordLengthBeyondTheStandardFieldsAndExtraBytesVlr() throws IOException {
        byte[] descriptors = LasTestFiles.concat(
                LasTestFiles.extraBytesDescriptor("height", 4, 0x18, 0.01, 100),
                LasTestFiles.extraBytesDescriptor("", 0, 2, 0, 0), // 2 undocumented bytes
                LasTestFiles.extraBytesDescriptor("amplitude", 3, 0, 0, 0));
        byte[] vlr = LasTestFiles.vlr("LASF_Spec", 4, descriptors);
        byte[] other = LasTestFiles.vlr("someone", 7, new byte[10]);
        Path p = file("extra.las", LasTestFiles.las(4, 6, 4, List.of(other, vlr), 6));
        PointCloud c = PointClouds.read(p);
        checkEveryField(c, 6, 4, "with extra bytes");
        for (int i = 0; i < 4; i++) {
            int height = (0x11 + i) | (0x22 + i) << 8;
            assertEquals(height * 0.01 + 100, c.field("height").value(i), 1e-4);
            int amplitude = (0x55 + i) | (0x66 + i) << 8;
            assertEquals(amplitude, c.field("amplitude").value(i));
        }
        assertEquals(List.of("x", "y", "z", "intensity", "return_number", "number_of_returns", "classification",
                "classification_flags", "scanner_channel", "scan_angle", "user_data", "point_source_id", "gps_time",
                "height", "amplitude"), c.fieldNames());

        // the same extra bytes without a VLR describing them are skipped
        PointCloud plain = PointClouds.read(file("undocumented.las", LasTestFiles.las(2, 1, 4, List.of(), 9)));
        checkEveryField(plain, 1, 4, "undocumented extra bytes");
    }

    @Test
    void allZeroFieldsAreLeftOut() throws IOException {
        byte[] bytes = LasTestFiles.las(2, 0, 3);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 3; i++) {
            b.put(227 + 20 * i + 17, (byte) 0); // user data
        }
        PointCloud c = PointClouds.read(file("zero.las", bytes));
        assertNull(c.field("user_data"));
        assertNotNull(c.field("intensity"));
    }

    @Test
    void progressAndCancel() throws IOException {
        int n = 200_000;
        Path p = file("big.las", LasTestFiles.las(2, 0, n));
        List<Double> progress = new ArrayList<>();
        PointCloud c = new LasFormat().read(p, new ReadControl(progress::add, () -> false));
        assertEquals(n, c.size());
        assertTrue(progress.size() >= 4, "reported " + progress);
        assertEquals(1.0, progress.get(progress.size() - 1));
        AtomicInteger calls = new AtomicInteger();
        assertThrows(InterruptedIOException.class,
                () -> new LasFormat().read(p, new ReadControl(x -> { }, () -> calls.incrementAndGet() > 2)));
    }

    // ---- writer

    @Test
    void writerRoundTripKeepsPositionsColourAndFields() throws IOException {
        int n = 1000;
        float[] xyz = new float[3 * n];
        byte[] rgb = new byte[3 * n];
        float[] intensity = new float[n];
        float[] cls = new float[n];
        float[] ret = new float[n];
        float[] rets = new float[n];
        float[] gps = new float[n];
        for (int i = 0; i < n; i++) {
            xyz[3 * i] = i * 0.731f;
            xyz[3 * i + 1] = (i % 37) * 1.3f - 20;
            xyz[3 * i + 2] = (float) Math.sin(i) * 5;
            rgb[3 * i] = (byte) i;
            rgb[3 * i + 1] = (byte) (255 - i);
            rgb[3 * i + 2] = (byte) (i * 7);
            intensity[i] = i * 50 % 65536;
            cls[i] = i % 19;
            ret[i] = 1 + i % 4;
            rets[i] = 4;
            gps[i] = i * 0.25f;
        }
        PointCloud cloud = new PointCloud(new double[] {500000, 4000000, 50}, xyz, rgb, null, List.of(
                ScalarField.of("intensity", intensity), new ScalarField("classification", cls, 0, true),
                ScalarField.of("return_number", ret), ScalarField.of("number_of_returns", rets),
                new ScalarField("gps_time", gps, 3.0e8, false)), null);
        Path out = dir.resolve("round.las");
        PointClouds.write(cloud, out);
        assertInstanceOf(LasFormat.class, PointClouds.detect(out));
        assertTrue(Files.exists(out) && !Files.exists(dir.resolve("round.las.part")));

        LasHeader h = header(out);
        assertEquals("1.2", h.version());
        assertEquals(3, h.pointFormat, "colour + GPS time -> format 3");
        assertEquals(n, h.pointCount);
        assertEquals(1e-4, h.scale[0], "730 m across: finer than 0.001 so a million steps span it");
        Bounds b = cloud.bounds();
        assertArrayEquals(b.min(), h.min, 1e-9, "offset and header minimum = the cloud's minimum");
        assertArrayEquals(b.max(), h.max, 0.00006, "header maximum");
        assertArrayEquals(b.min(), h.offset, 1e-9);

        PointCloud back = PointClouds.read(out);
        assertEquals(n, back.size());
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                // half a scale step, plus the float the reader stores (relative to its origin) rounding once more
                assertEquals(cloud.coordinate(i, a), back.coordinate(i, a), 0.00005 + Math.ulp(730f), "point " + i + " axis " + a);
            }
        }
        assertArrayEquals(rgb, back.rgb());
        for (String f : List.of("intensity", "classification", "return_number", "number_of_returns", "gps_time")) {
            for (int i = 0; i < n; i++) {
                assertEquals(cloud.field(f).value(i), back.field(f).value(i), 1e-6, f + " of point " + i);
            }
        }

        // an independent reader (laszip4j) agrees on the header and the points
        var reader = new com.github.mreutegg.laszip4j.LASReader(out.toFile());
        assertEquals(n, reader.getHeader().getNumberOfPointRecords() == 0
                ? reader.getHeader().getLegacyNumberOfPointRecords() : reader.getHeader().getNumberOfPointRecords());
        int i = 0;
        for (var p : reader.getPoints()) {
            assertEquals(cloud.coordinate(i, 0), p.getX() * h.scale[0] + h.offset[0], 0.00005 + 1e-9);
            assertEquals((rgb[3 * i] & 0xff) * 257, p.getRed());
            assertEquals(cls[i], p.getClassification());
            i++;
        }
        assertEquals(n, i);
    }

    @Test
    void writerPicksFormatAndScaleFromTheCloud() throws IOException {
        // a 15 cm object: a million steps across it, not 150 millimetre steps
        float[] xyz = {0, 0, 0, 0.15f, 0.1f, 0.05f, 0.0123456f, 0.1f, 0.1f};
        Path out = dir.resolve("small.las");
        new LasFormat().write(PointCloud.of(xyz), out, null);
        LasHeader h = header(out);
        assertEquals(0, h.pointFormat, "no colour, no GPS time -> format 0");
        assertEquals(1e-7, h.scale[0]);
        PointCloud back = PointClouds.read(out);
        assertEquals(0.0123456, back.coordinate(2, 0), 1e-7);
        assertEquals(1, back.field("return_number").value(0), "returns default to 1 of 1");

        assertEquals(0.001, LasWriter.scaleFor(1000));
        assertEquals(0.1, LasWriter.scaleFor(1e8), "coarser when 32-bit integers cannot span the extent");
        assertEquals(0.001, LasWriter.scaleFor(0));

        float[] bad = {0, 0, 0, Float.NaN, 1, 1};
        PointCloudException e = assertThrows(PointCloudException.class, () -> PointClouds.write(PointCloud.of(bad), dir.resolve("nan.las")));
        assertTrue(e.getMessage().contains("point 1") && e.getMessage().contains("finite"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("nan.las")) && !Files.exists(dir.resolve("nan.las.part")));
    }

    private static LasHeader header(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p)) {
            return LasHeader.read(p, ch);
        }
    }

    // ---- bad input

    private String error(String name, byte[] bytes) throws IOException {
        Path p = file(name, bytes);
        PointCloudException e = assertThrows(PointCloudException.class, () -> new LasFormat().read(p, ReadControl.NONE));
        assertEquals(p, e.file());
        assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
        return e.getMessage();
    }

    private static byte[] patched(byte[] bytes, java.util.function.Consumer<ByteBuffer> patch) {
        byte[] copy = bytes.clone();
        patch.accept(ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN));
        return copy;
    }

    @Test
    void badInputNamesFilePartAndOffset() throws IOException {
        byte[] good = LasTestFiles.las(2, 2, 10);
        assertTrue(error("sig.las", patched(good, b -> b.put(0, (byte) 'X')))
                .contains("header at byte 0: not a LAS file: signature 'XASF'"));
        assertTrue(error("short.las", new byte[100]).contains("a LAS header needs at least 227"));
        assertTrue(error("hsize.las", patched(good, b -> b.putShort(94, (short) 200)))
                .contains("header size at byte 94: header size 200 is smaller than the 227 bytes LAS 1.2 needs"));
        assertTrue(error("hsize14.las", patched(LasTestFiles.las(4, 6, 3), b -> b.putShort(94, (short) 235)))
                .contains("smaller than the 375 bytes LAS 1.4 needs"));
        assertTrue(error("count.las", patched(good, b -> b.putInt(107, 11)))
                .contains("point data at byte 227: header says 11 points of 26 bytes, but the file has only 260 bytes"));
        String huge = error("huge.las", patched(LasTestFiles.las(4, 6, 3), b -> b.putLong(247, 1L << 40)));
        assertTrue(huge.contains("header says 1099511627776 points"), huge);
        assertTrue(error("reclen.las", patched(good, b -> b.putShort(105, (short) 20)))
                .contains("point data record length at byte 105: record length 20 is smaller than the 26 bytes point format 2 needs"));
        assertTrue(error("format.las", patched(good, b -> b.put(104, (byte) 11)))
                .contains("point data format at byte 104: unknown point data record format 11"));
        assertTrue(error("scale.las", patched(good, b -> b.putDouble(139, 0)))
                .contains("y scale factor at byte 139: scale factor 0.0"));
        assertTrue(error("nan.las", patched(good, b -> b.putDouble(147, Double.NaN)))
                .contains("z scale factor at byte 147: scale factor NaN"));
        assertTrue(error("offset.las", patched(good, b -> b.putDouble(155, Double.POSITIVE_INFINITY)))
                .contains("x offset at byte 155"));
        assertTrue(error("pointoffset.las", patched(good, b -> b.putInt(96, 100)))
                .contains("offset to point data at byte 96"));
        // one VLR announced, but the point data starts right after the header
        assertTrue(error("vlr.las", patched(good, b -> b.putInt(100, 1)))
                .contains("VLR 1 of 1 at byte 227: its 54-byte header runs past the start of point data at byte 227"));
        byte[] withVlr = LasTestFiles.las(2, 0, 2, List.of(LasTestFiles.vlr("x", 1, new byte[20])), 0);
        assertTrue(error("vlrdata.las", patched(withVlr, b -> b.putShort(227 + 20, (short) 500)))
                .contains("VLR 1 of 1 (x 1) at byte 227: 500 bytes of data run past the start of point data"));
        assertTrue(error("laz.las", patched(good, b -> b.put(104, (byte) (2 | 0x80))))
                .contains("LASzip-compressed"));
        assertTrue(error("version.las", patched(good, b -> b.put(24, (byte) 2))).contains("unsupported LAS version 2.2"));
    }
}
