package org.attentionworkbench.compute.pointcloud.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointCloudException;
import org.attentionworkbench.compute.pointcloud.PointClouds;
import org.attentionworkbench.compute.pointcloud.Provenance;
import org.attentionworkbench.compute.pointcloud.ReadControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PCD files made here in every DATA mode with every field kind, and the bad ones. */
class PcdFormatTest {
    @TempDir
    Path dir;

    /**
     * An organised 3 × 2 cloud (one NaN point): x y z F4, padding, packed rgb (F bits), a U1 label,
     * an I2 field, a COUNT 3 histogram, a COUNT 100 one (skipped), normals and an F8 time.
     */
    private static final String FIELDS = "FIELDS x y z _ rgb label ring hist big normal_x normal_y normal_z time\n"
            + "SIZE 4 4 4 4 4 1 2 4 4 4 4 4 8\nTYPE F F F U F U I F F F F F F\nCOUNT 1 1 1 1 1 1 1 3 100 1 1 1 1\n";
    private static final int N = 6;

    private static double coord(int i, int axis) {
        return i == 4 ? Double.NaN : i * 0.5 + axis;
    }

    private static int packed(int i) {
        return 0xff000000 | (10 * i) << 16 | (20 * i) << 8 | (30 + i);
    }

    private Path file(String mode) throws IOException {
        String head = "# .PCD v0.7 - Point Cloud Data file format\nVERSION 0.7\n" + FIELDS
                + "WIDTH 3\nHEIGHT 2\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS " + N + "\nDATA " + mode + "\n";
        byte[] data;
        if (mode.equals("ascii")) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < N; i++) {
                b.append(i == 4 ? "nan nan nan" : coord(i, 0) + " " + coord(i, 1) + " " + coord(i, 2));
                // old files write a float rgb as the float whose bits are the colour, padding as a value
                b.append(" 0 ").append(i % 2 == 0 ? Float.intBitsToFloat(packed(i) & 0xffffff) + ""
                        : Integer.toUnsignedString(packed(i)));
                b.append(' ').append(i % 3).append(' ').append(-i).append(" 1 2 3");
                b.append(" 0".repeat(100)).append(" 0 0 1 ").append(1.7e9 + i).append('\n');
            }
            data = b.toString().getBytes(StandardCharsets.ISO_8859_1);
        } else {
            int[] sizes = {4, 4, 4, 4, 4, 1, 2, 12, 400, 4, 4, 4, 8};
            ByteBuffer[] blocks = new ByteBuffer[sizes.length];
            for (int f = 0; f < sizes.length; f++) {
                blocks[f] = ByteBuffer.allocate(sizes[f] * N).order(ByteOrder.LITTLE_ENDIAN);
            }
            for (int i = 0; i < N; i++) {
                for (int a = 0; a < 3; a++) {
                    blocks[a].putFloat((float) coord(i, a));
                }
                blocks[3].putInt(0xdeadbeef);
                blocks[4].putInt(packed(i));
                blocks[5].put((byte) (i % 3));
                blocks[6].putShort((short) -i);
                blocks[7].putFloat(1).putFloat(2).putFloat(3);
                blocks[8].put(new byte[400]);
                blocks[9].putFloat(0);
                blocks[10].putFloat(0);
                blocks[11].putFloat(1);
                blocks[12].putDouble(1.7e9 + i);
            }
            Emitter e = new Emitter(ByteOrder.LITTLE_ENDIAN);
            if (mode.equals("binary")) { // point by point
                e = pointMajor(blocks, sizes);
            } else { // field by field, the padding left out
                Emitter soa = new Emitter(ByteOrder.LITTLE_ENDIAN);
                for (int f = 0; f < sizes.length; f++) {
                    if (f != 3) {
                        soa.raw(blocks[f].array());
                    }
                }
                byte[] raw = soa.bytes();
                byte[] lzf = Emitter.lzfLiteral(raw);
                e = new Emitter(ByteOrder.LITTLE_ENDIAN).raw(le(lzf.length)).raw(le(raw.length)).raw(lzf);
            }
            data = e.bytes();
        }
        Path f = dir.resolve(mode + ".pcd");
        Files.write(f, new Emitter(null).text(head).raw(data).bytes());
        return f;
    }

    /** Re-interleaves field blocks (each of N values) point by point. */
    private static Emitter pointMajor(ByteBuffer[] blocks, int[] sizes) {
        Emitter e = new Emitter(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < N; i++) {
            for (int f = 0; f < sizes.length; f++) {
                int s = sizes[f];
                e.raw(java.util.Arrays.copyOfRange(blocks[f].array(), i * s, (i + 1) * s));
            }
        }
        return e;
    }

    static byte[] le(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ascii", "binary", "binary_compressed"})
    void everyDataModeAndFieldKind(String mode) throws IOException {
        Path f = file(mode);
        assertEquals("PCD", PointClouds.detect(f).name());
        PointCloud c = PointClouds.read(f);
        assertEquals(N, c.size());
        assertEquals(List.of("x", "y", "z", "rgb", "normals", "label", "ring", "hist_0", "hist_1", "hist_2", "time",
                "source_pixel"), c.fieldNames(), "padding dropped, COUNT 3 split, COUNT 100 skipped");
        for (int i = 0; i < N; i++) {
            for (int a = 0; a < 3; a++) {
                assertEquals(coord(i, a), c.coordinate(i, a), 1e-6, mode + " point " + i);
            }
            assertEquals(10 * i, c.rgb()[3 * i] & 0xff);
            assertEquals(20 * i, c.rgb()[3 * i + 1] & 0xff);
            assertEquals(30 + i, c.rgb()[3 * i + 2] & 0xff);
            assertEquals(i % 3, c.field("label").value(i));
            assertEquals(-i, c.field("ring").value(i));
            assertEquals(3, c.field("hist_2").value(i));
            assertEquals(1f, c.normals()[3 * i + 2]);
            assertEquals(1.7e9 + i, c.field("time").value(i), 1e-3, "an offset keeps the F8 time's seconds");
        }
        assertTrue(c.field("label").categorical());
        assertFalse(c.field("ring").categorical());
        assertTrue(Float.isNaN(c.xyz()[12]), "a NaN point keeps its slot");
        Provenance p = c.provenance();
        assertEquals(3, p.width());
        assertEquals(2, p.height());
        assertEquals(1, p.u(4));
        assertEquals(1, p.v(4));
    }

    @Test
    void oldHeadersAndDefaults() throws IOException {
        Path f = dir.resolve("old.pcd");
        Files.writeString(f, "# .PCD v.5 - Point Cloud Data file format\nVERSION .5\nCOLUMNS x y z\nPOINTS 2\n"
                + "DATA ascii\n1 2 3\n\n4 5 6\n");
        PointCloud c = PointClouds.read(f);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, c.xyz());
        assertNull(c.provenance(), "HEIGHT 1: not organised");
    }

    @Test
    void lzfBackReferences() throws IOException {
        // 3 points, x y z F4: literal of the first point (12 bytes), then the rest copied from it
        byte[] raw = new byte[36];
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < 9; k++) {
            b.putFloat(2.5f);
        }
        // literal: 4 bytes (one float), then a reference 4 back copying 32 bytes (overlapping)
        byte[] lzf = new byte[1 + 4 + 3];
        lzf[0] = 3;
        System.arraycopy(raw, 0, lzf, 1, 4);
        lzf[5] = (byte) (7 << 5); // length 7 + next byte + 2
        lzf[6] = (byte) (32 - 9);
        lzf[7] = 3; // 3 + 1 = 4 back
        Path f = dir.resolve("ref.pcd");
        Files.write(f, new Emitter(null).text("VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\n"
                + "WIDTH 3\nHEIGHT 1\nPOINTS 3\nDATA binary_compressed\n").raw(le(lzf.length)).raw(le(36)).raw(lzf)
                .bytes());
        assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f, 2.5f, 2.5f, 2.5f, 2.5f, 2.5f, 2.5f}, PointClouds.read(f).xyz());
    }

    private static final String XYZ_HEAD = "VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\n";

    private PointCloudException refused(String name, byte[] content) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content);
        PointCloudException e = assertThrows(PointCloudException.class, () -> new PcdFormat().read(f, ReadControl.NONE));
        assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
        return e;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void badLzfStreams() throws IOException {
        String head = XYZ_HEAD + "WIDTH 1\nHEIGHT 1\nPOINTS 1\nDATA binary_compressed\n";
        // a reference before the start of the output
        byte[] before = {0x00, 1, (byte) 0x20, 5};
        PointCloudException x = refused("before.pcd", new Emitter(null).text(head).raw(le(4)).raw(le(12)).raw(before).bytes());
        assertTrue(x.getMessage().contains("DATA binary_compressed at byte " + (head.length() + 8 + 2))
                && x.getMessage().contains("LZF data: back reference points before the start"), x.getMessage());
        // a literal run past the end of the output
        byte[] over = new byte[21];
        over[0] = 19;
        PointCloudException o = refused("over.pcd", new Emitter(null).text(head).raw(le(21)).raw(le(12)).raw(over).bytes());
        assertTrue(o.getMessage().contains("output overruns the 12 bytes expected"), o.getMessage());
        // a literal run past the end of the stream
        PointCloudException cut = refused("cut.pcd", new Emitter(null).text(head).raw(le(3)).raw(le(12))
                .raw(new byte[] {11, 1, 2}).bytes());
        assertTrue(cut.getMessage().contains("goes past the end of the stream"), cut.getMessage());
        // too short: decodes to fewer bytes
        PointCloudException shortStream = refused("short.pcd", new Emitter(null).text(head).raw(le(3)).raw(le(12))
                .raw(new byte[] {1, 1, 2}).bytes());
        assertTrue(shortStream.getMessage().contains("decodes to 2 bytes, not the 12 expected"), shortStream.getMessage());
        PointCloudException size = refused("size.pcd", new Emitter(null).text(head).raw(le(3)).raw(le(13))
                .raw(new byte[] {1, 1, 2}).bytes());
        assertTrue(size.getMessage().contains("uncompressed size 13 is not the 1 points × 12 bytes"), size.getMessage());
        PointCloudException big = refused("big.pcd", new Emitter(null).text(head).raw(le(300)).raw(le(12))
                .raw(new byte[] {1, 1, 2}).bytes());
        assertTrue(big.getMessage().contains("compressed size 300 is more than the 3 bytes left"), big.getMessage());
        PointCloudException bomb = refused("bomb.pcd", new Emitter(null).text(XYZ_HEAD + "WIDTH 1000000\nHEIGHT 1\n"
                + "POINTS 1000000\nDATA binary_compressed\n").raw(le(4)).raw(le(12_000_000)).raw(text("abcd")).bytes());
        assertTrue(bomb.getMessage().contains("more than LZF can make of 4 bytes"), bomb.getMessage());
    }

    @Test
    void truncatedAndLyingHeaders() throws IOException {
        PointCloudException bin = refused("cut.pcd", new Emitter(null).text(XYZ_HEAD
                + "WIDTH 100\nHEIGHT 1\nPOINTS 100\nDATA binary\n").raw(new byte[612]).bytes());
        assertEquals("DATA binary", bin.where());
        assertTrue(bin.getMessage().contains("promises 100 points of 12 bytes but only 612 bytes"), bin.getMessage());
        PointCloudException billion = refused("billion.pcd", text(XYZ_HEAD
                + "WIDTH 1000000000\nHEIGHT 1\nPOINTS 1000000000\nDATA ascii\n1 2 3\n"));
        assertTrue(billion.getMessage().contains("promises 1000000000 points"), billion.getMessage());
        StringBuilder lines = new StringBuilder(XYZ_HEAD + "WIDTH 100\nHEIGHT 1\nPOINTS 100\nDATA ascii\n");
        for (int i = 0; i < 51; i++) {
            lines.append("1 2 3\n");
        }
        lines.append("0.25 0.5 0.75 1 2 3\n".repeat(30)); // values past the third are ignored
        PointCloudException ascii = refused("cut_ascii.pcd", text(lines.toString()));
        assertTrue(ascii.getMessage().endsWith("file ends after 81 of 100 points"), ascii.getMessage());
        PointCloudException noData = refused("nodata.pcd", text(XYZ_HEAD + "WIDTH 1\n"));
        assertTrue(noData.getMessage().contains("file ends before the DATA line"), noData.getMessage());
        PointCloudException wh = refused("wh.pcd", text(XYZ_HEAD + "WIDTH 3\nHEIGHT 2\nPOINTS 5\nDATA ascii\n"));
        assertTrue(wh.getMessage().contains("POINTS 5 is not WIDTH × HEIGHT = 3 × 2"), wh.getMessage());
    }

    @Test
    void badFieldDeclarations() throws IOException {
        PointCloudException z = refused("noz.pcd", text("FIELDS x y\nWIDTH 1\nPOINTS 1\nDATA ascii\n1 2\n"));
        assertTrue(z.getMessage().contains("header FIELDS at byte 0: no field z"), z.getMessage());
        PointCloudException size = refused("size.pcd", text("FIELDS x y z\nSIZE 4 4\nPOINTS 1\nDATA ascii\n1 2 3\n"));
        assertTrue(size.getMessage().contains("SIZE has 2 values for 3 FIELDS"), size.getMessage());
        PointCloudException type = refused("type.pcd", text("FIELDS x y z\nSIZE 4 4 2\nTYPE F F F\nPOINTS 1\n"
                + "DATA ascii\n1 2 3\n"));
        assertTrue(type.getMessage().contains("header TYPE, field z") && type.getMessage().contains("unknown field type F of SIZE 2"),
                type.getMessage());
        PointCloudException count = refused("count.pcd", text("FIELDS x y z\nCOUNT 2 1 1\nPOINTS 1\nDATA ascii\n1 1 2 3\n"));
        assertTrue(count.getMessage().contains("header COUNT, field x at byte 13: COUNT 2 for a coordinate"),
                count.getMessage());
        PointCloudException mode = refused("mode.pcd", text(XYZ_HEAD + "POINTS 1\nDATA binary_lz4\n"));
        assertTrue(mode.getMessage().contains("is not DATA ascii, binary or binary_compressed"), mode.getMessage());
        PointCloudException few = refused("few.pcd", text(XYZ_HEAD + "POINTS 2\nDATA ascii\n1.5 2.5 3.5\n4 5\n"));
        assertTrue(few.getMessage().contains("DATA ascii, field z") && few.getMessage().contains("point 1 (line 9) ends after 2 of 3 values"),
                few.getMessage());
    }

    @Test
    void sniffsHeadersNotText() {
        PcdFormat p = new PcdFormat();
        assertTrue(p.sniff(text("# .PCD v0.7\nVERSION 0.7\n"), "a"));
        assertTrue(p.sniff(text("# any comment\n\nFIELDS x y z\n"), "a"));
        assertFalse(p.sniff(text("1 2 3\n"), "a.pcd"));
        assertFalse(p.sniff(text("ply\n"), "a.pcd"));
    }
}
