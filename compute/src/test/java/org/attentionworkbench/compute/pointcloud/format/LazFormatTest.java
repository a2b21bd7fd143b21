package org.attentionworkbench.compute.pointcloud.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mreutegg.laszip4j.LASReader;
import com.github.mreutegg.laszip4j.LASWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointCloudException;
import org.attentionworkbench.compute.pointcloud.PointClouds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LAZ detection, header checks and errors on files laszip4j 0.20 writes. Its writer ({@code LASWriter})
 * is broken: it writes 378 bytes for the 5202 points of a lion tile, and its reader stops after 2
 * points of them ("chunk with index 0 of 2 is corrupt"), so these tests cover what needs no valid
 * stream: detection by content, the header checks, and a clear error on a corrupt stream. Decoding
 * itself is checked on files made by the reference LASzip in {@link LazReferenceFilesTest}.
 */
class LazFormatTest {
    @TempDir
    Path dir;

    /** LAS → LAZ with laszip4j (bit 7 of the point-format byte set, LASzip VLR added). */
    private Path compress(byte[] las, String name) throws IOException {
        Path in = dir.resolve(name + ".las");
        Files.write(in, las);
        Path out = dir.resolve(name + ".laz");
        try {
            new LASWriter(new LASReader(in.toFile())).write(out.toFile());
        } catch (RuntimeException e) {
            // laszip4j 0.20 cannot write formats 6-10 at all (its error message itself throws
            // IllegalFormatConversionException): then only the compression bit is set, with no LASzip VLR
            byte[] flagged = las.clone();
            flagged[104] |= (byte) 0x80;
            Files.write(out, flagged);
        }
        byte[] head = Files.readAllBytes(out);
        assertTrue((head[104] & 0x80) != 0, "laszip4j compressed " + name);
        return out;
    }

    @Test
    void detectedByContentAndCorruptStreamsGetAClearError() throws IOException {
        int n = 50;
        for (int format = 0; format <= 10; format++) {
            Path laz = compress(LasTestFiles.las(format >= 6 ? 4 : 2, format, n), "f" + format);
            // a .las name does not fool detection
            Path renamed = Files.copy(laz, dir.resolve("f" + format + "-compressed.las"));
            assertInstanceOf(LazFormat.class, PointClouds.detect(renamed));
            PointCloud c;
            try {
                c = PointClouds.read(renamed);
            } catch (PointCloudException e) {
                assertEquals(renamed, e.file());
                assertTrue(e.getMessage().contains("LAZ point format " + format), e.getMessage());
                continue;
            }
            checkFields(c, format, n); // laszip4j's writer works: then every field must come back
        }
    }

    private static void checkFields(PointCloud c, int format, int n) {
        String what = "LAZ format " + format;
        assertEquals(n, c.size(), what);
        for (int i = 0; i < n; i++) {
            assertEquals(LasTestFiles.x(i) * 0.001 + 500000, c.coordinate(i, 0), 1e-6, what);
            assertEquals(LasTestFiles.y(i) * 0.001 + 4000000, c.coordinate(i, 1), 1e-6, what);
            assertEquals(LasTestFiles.z(i) * 0.001 + 100, c.coordinate(i, 2), 1e-6, what);
            assertEquals(LasTestFiles.intensity(i), c.field("intensity").value(i), what);
            assertEquals(LasTestFiles.returnNumber(i), c.field("return_number").value(i), what);
            assertEquals(LasTestFiles.numberOfReturns(i), c.field("number_of_returns").value(i), what);
            assertEquals(LasTestFiles.classification(format, i), c.field("classification").value(i), what);
            assertEquals(LasTestFiles.flags(format, i), c.field("classification_flags").value(i), what + " flags " + i);
            // formats 6-10: laszip4j gives the scan angle as whole degrees
            assertEquals(LasTestFiles.scanAngleDegrees(format, i), c.field("scan_angle").value(i), format >= 6 ? 0.5 : 0, what);
            assertEquals(LasTestFiles.userData(i), c.field("user_data").value(i), what);
            assertEquals(LasTestFiles.pointSource(i), c.field("point_source_id").value(i), what);
            if (LasTestFiles.hasGps(format)) {
                assertEquals(LasTestFiles.gps(i), c.field("gps_time").value(i), 1e-6, what);
            }
            if (LasTestFiles.hasRgb(format)) {
                assertEquals(LasTestFiles.red(i) >> 8, c.rgb()[3 * i] & 0xff, what);
                assertEquals(LasTestFiles.green(i) >> 8, c.rgb()[3 * i + 1] & 0xff, what);
                assertEquals(LasTestFiles.blue(i) >> 8, c.rgb()[3 * i + 2] & 0xff, what);
            }
            if (LasTestFiles.hasNir(format)) {
                assertEquals(LasTestFiles.nir(i), c.field("nir").value(i), what);
            }
        }
    }

    @Test
    void badHeaderGetsTheLasErrorsAndLyingCountsAreRefused() throws IOException {
        Path laz = compress(LasTestFiles.las(2, 2, 20), "good");
        byte[] bytes = Files.readAllBytes(laz);

        byte[] scale = bytes.clone();
        ByteBuffer.wrap(scale).order(ByteOrder.LITTLE_ENDIAN).putDouble(131, 0);
        Path p = Files.write(dir.resolve("scale.laz"), scale);
        PointCloudException e = assertThrows(PointCloudException.class, () -> PointClouds.read(p));
        assertTrue(e.getMessage().contains("scale.laz: x scale factor at byte 131"), e.getMessage());

        byte[] more = bytes.clone();
        ByteBuffer.wrap(more).order(ByteOrder.LITTLE_ENDIAN).putInt(107, 25);
        Path q = Files.write(dir.resolve("more.laz"), more);
        e = assertThrows(PointCloudException.class, () -> PointClouds.read(q));
        assertTrue(e.getMessage().startsWith("more.laz: "), e.getMessage());

        byte[] huge = bytes.clone();
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(107, -1);
        Path r = Files.write(dir.resolve("huge.laz"), huge);
        e = assertThrows(PointCloudException.class, () -> PointClouds.read(r));
        assertTrue(e.getMessage().contains("huge.laz: point data: 4294967295 points"), e.getMessage());
    }
}
