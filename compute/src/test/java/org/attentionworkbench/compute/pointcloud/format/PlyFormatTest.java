package org.attentionworkbench.compute.pointcloud.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointCloudException;
import org.attentionworkbench.compute.pointcloud.PointClouds;
import org.attentionworkbench.compute.pointcloud.ReadControl;
import org.attentionworkbench.compute.pointcloud.ScalarField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PLY files made here for every encoding, coordinate type and element layout, and the bad ones. */
class PlyFormatTest {
    @TempDir
    Path dir;

    private static ByteOrder order(String format) {
        return switch (format) {
            case "ascii" -> null;
            case "binary_little_endian" -> ByteOrder.LITTLE_ENDIAN;
            default -> ByteOrder.BIG_ENDIAN;
        };
    }

    /** Survey-sized x when doubles, so the origin has to keep the precision. */
    private static double x(int i, String coord) {
        return coord.equals("double") ? 512345.125 + i * 0.001 : i + 0.5;
    }

    /**
     * Four vertices with every kind of property, faces before or after them (with a list property),
     * and an edge element of fixed size.
     */
    private Path file(String format, String coord, String faces) throws IOException {
        ByteOrder o = order(format);
        int n = 4;
        String vertexHeader = "element vertex " + n + "\nproperty " + coord + " x\nproperty " + coord + " y\nproperty "
                + coord + " z\nproperty uchar red\nproperty uchar green\nproperty uchar blue\n"
                + "property float nx\nproperty float ny\nproperty float nz\nproperty int segment_index\n"
                + "property float32 intensity\nproperty ushort confidence\nproperty char flag\n";
        String faceHeader = "element face 2\nproperty list uchar int vertex_indices\nproperty uchar tag\n"
                + "element edge 1\nproperty int vertex1\nproperty int vertex2\n";
        Emitter e = new Emitter(o).text("ply\nformat " + format + " 1.0\ncomment made by a test\nobj_info none\n"
                + (faces.equals("before") ? faceHeader + vertexHeader : vertexHeader
                        + (faces.equals("after") ? faceHeader : "")) + "end_header\n");
        Runnable faceData = () -> {
            e.value("uchar", 3).value("int", 0).value("int", 1).value("int", 2).value("uchar", 7).end();
            e.value("uchar", 4).value("int", 0).value("int", 1).value("int", 2).value("int", 3).value("uchar", 8).end();
            e.value("int", 0).value("int", 1).end();
        };
        if (faces.equals("before")) {
            faceData.run();
        }
        for (int i = 0; i < n; i++) {
            e.value(coord, x(i, coord)).value(coord, -i).value(coord, 2 * i + 0.25)
                    .value("uchar", 10 * i).value("uchar", 20 * i).value("uchar", 250)
                    .value("float", 0).value("float", 0).value("float", 1)
                    .value("int", i % 2).value("float", i * 1.5).value("ushort", 60000 + i).value("char", -i).end();
        }
        if (faces.equals("after")) {
            faceData.run();
        }
        Path f = dir.resolve(format + "_" + coord + "_" + faces + ".ply");
        Files.write(f, e.bytes());
        return f;
    }

    @ParameterizedTest
    @CsvSource({
        "ascii, float, none", "ascii, double, after", "ascii, float, before",
        "binary_little_endian, float, none", "binary_little_endian, double, after",
        "binary_little_endian, float, before", "binary_little_endian, double, before",
        "binary_big_endian, float, after", "binary_big_endian, double, before", "binary_big_endian, float, none",
    })
    void everyEncodingTypeAndLayout(String format, String coord, String faces) throws IOException {
        Path f = file(format, coord, faces);
        assertEquals("PLY", PointClouds.detect(f).name());
        PointCloud c = PointClouds.read(f);
        assertEquals(4, c.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(x(i, coord), c.coordinate(i, 0), 1e-6, "x of " + i);
            assertEquals(-i, c.coordinate(i, 1), 0);
            assertEquals(2 * i + 0.25, c.coordinate(i, 2), 0);
            assertEquals(10 * i, c.rgb()[3 * i] & 0xff);
            assertEquals(20 * i, c.rgb()[3 * i + 1] & 0xff);
            assertEquals(250, c.rgb()[3 * i + 2] & 0xff);
            assertEquals(1f, c.normals()[3 * i + 2]);
            assertEquals(i % 2, c.field("segment_index").value(i));
            assertEquals(i * 1.5, c.field("intensity").value(i));
            assertEquals(60000 + i, c.field("confidence").value(i));
            assertEquals(-i, c.field("flag").value(i));
        }
        assertTrue(c.field("segment_index").categorical(), "an int segment_index is a label");
        assertFalse(c.field("intensity").categorical());
        assertEquals(List.of("x", "y", "z", "rgb", "normals", "segment_index", "intensity", "confidence", "flag"),
                c.fieldNames());
        if (coord.equals("double")) {
            assertEquals(512345, c.origin()[0], "big double coordinates get an origin");
        } else {
            assertArrayEquals(new double[3], c.origin());
        }
    }

    @Test
    void coloursInOtherTypesAndAliases() throws IOException {
        Path f = dir.resolve("colours.ply");
        Files.writeString(f, "ply\nformat ascii 1.0\nelement vertex 2\nproperty float32 x\nproperty float32 y\n"
                + "property float32 z\nproperty uint16 diffuse_red\nproperty uint16 diffuse_green\n"
                + "property uint16 diffuse_blue\nproperty float alpha\nend_header\n"
                + "0 0 0 65535 257 0 1\n1 1 1 0 32896 65535 0.5\n");
        PointCloud c = PointClouds.read(f);
        assertArrayEquals(new byte[] {(byte) 255, 1, 0, 0, (byte) 128, (byte) 255}, c.rgb());
        assertEquals(0.5, c.field("alpha").value(1));

        Path g = dir.resolve("float_colours.ply");
        Files.writeString(g, "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\n"
                + "property float z\nproperty float red\nproperty float green\nproperty float blue\nend_header\n"
                + "0 0 0 1 0.5 2\n");
        assertArrayEquals(new byte[] {(byte) 255, (byte) 128, (byte) 255}, PointClouds.read(g).rgb(),
                "0..1 floats scaled, out of range clamped");
    }

    @Test
    void aVertexListPropertyIsSkippedInBinaryAndAscii() throws IOException {
        for (String format : List.of("ascii", "binary_little_endian")) {
            Emitter e = new Emitter(order(format)).text("ply\nformat " + format + " 1.0\nelement vertex 2\n"
                    + "property float x\nproperty list uchar float extra\nproperty float y\nproperty float z\nend_header\n");
            e.value("float", 1).value("uchar", 2).value("float", 9).value("float", 9).value("float", 2)
                    .value("float", 3).end();
            e.value("float", 4).value("uchar", 0).value("float", 5).value("float", 6).end();
            Path f = dir.resolve("list_" + format + ".ply");
            Files.write(f, e.bytes());
            PointCloud c = PointClouds.read(f);
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, c.xyz(), format);
            assertTrue(c.fields().isEmpty(), "a list is no scalar field");
        }
    }

    @Test
    void crlfHeaderAndEmptyCloud() throws IOException {
        Path f = dir.resolve("empty.ply");
        Files.writeString(f, "ply\r\nformat binary_little_endian 1.0\r\nelement vertex 0\r\nproperty float x\r\n"
                + "property float y\r\nproperty float z\r\nend_header\r\n");
        assertEquals(0, PointClouds.read(f).size());
    }

    private PointCloudException refused(String name, byte[] content) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content);
        PointCloudException e = assertThrows(PointCloudException.class, () -> new PlyFormat().read(f, ReadControl.NONE));
        assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
        return e;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static final String XYZ = "property float x\nproperty float y\nproperty float z\n";

    @Test
    void truncatedBinaryIsRefusedBeforeAnythingIsAllocated() throws IOException {
        Emitter e = new Emitter(ByteOrder.LITTLE_ENDIAN)
                .text("ply\nformat binary_little_endian 1.0\nelement vertex 100\n" + XYZ + "end_header\n");
        for (int i = 0; i < 51 * 3; i++) {
            e.value("float", i);
        }
        PointCloudException x = refused("cut.ply", e.bytes());
        assertEquals("element vertex", x.where());
        assertTrue(x.getMessage().contains("promises 100 vertices") && x.getMessage().contains("612 bytes follow"),
                x.getMessage());
        assertTrue(x.offset() > 0);
    }

    @Test
    void truncatedAsciiSaysHowManyVerticesItRead() throws IOException {
        StringBuilder b = new StringBuilder("ply\nformat ascii 1.0\nelement vertex 100\n" + XYZ + "end_header\n");
        for (int i = 0; i < 51; i++) {
            b.append("0.5 1.5 2.5\n");
        }
        PointCloudException x = refused("cut_ascii.ply", ascii(b.toString()));
        assertTrue(x.getMessage().contains("element vertex at byte ")
                && x.getMessage().endsWith("file ends after 51 of 100 vertices"), x.getMessage());
    }

    @Test
    void truncatedListVertices() throws IOException {
        Emitter e = new Emitter(ByteOrder.LITTLE_ENDIAN).text("ply\nformat binary_little_endian 1.0\n"
                + "element vertex 1\n" + XYZ + "property list uchar int ids\nend_header\n");
        e.value("float", 1).value("float", 2).value("float", 3).value("uchar", 200).value("int", 0);
        PointCloudException x = refused("cut_list.ply", e.bytes());
        assertTrue(x.getMessage().contains("property ids") && x.getMessage().contains("inside the list of vertex 0"),
                x.getMessage());
    }

    @Test
    void aBillionVerticesOnASmallFile() throws IOException {
        PointCloudException x = refused("lies.ply", ascii("ply\nformat binary_big_endian 1.0\n"
                + "element vertex 1000000000\n" + XYZ + "end_header\n0123456789"));
        assertTrue(x.getMessage().contains("promises 1000000000 vertices"), x.getMessage());
        PointCloudException y = refused("lies_ascii.ply", ascii("ply\nformat ascii 1.0\n"
                + "element face 9000000000000000000\nproperty list uchar int i\n"
                + "element vertex 1000000000\n" + XYZ + "end_header\n1 2 3\n"));
        assertTrue(y.getMessage().contains("promises 1000000000 vertices"), y.getMessage());
    }

    @Test
    void unknownTypesMissingAxesAndHeadersWithoutEnd() throws IOException {
        PointCloudException t = refused("type.ply", ascii("ply\nformat ascii 1.0\nelement vertex 1\n"
                + "property float128 x\nend_header\n"));
        assertEquals("element vertex, property x", t.where());
        assertTrue(t.getMessage().contains("unknown property type 'float128'"), t.getMessage());
        assertTrue(t.offset() > 0);

        PointCloudException z = refused("noz.ply", ascii("ply\nformat ascii 1.0\nelement vertex 1\n"
                + "property float x\nproperty float y\nend_header\n1 2\n"));
        assertTrue(z.getMessage().contains("element vertex") && z.getMessage().endsWith("no property z"), z.getMessage());

        PointCloudException list = refused("listx.ply", ascii("ply\nformat ascii 1.0\nelement vertex 1\n"
                + "property list uchar float x\nproperty float y\nproperty float z\nend_header\n1 2 3 4\n"));
        assertTrue(list.getMessage().endsWith("no property x (only a list)"), list.getMessage());

        PointCloudException end = refused("noend.ply", ascii("ply\nformat ascii 1.0\nelement vertex 1\n" + XYZ));
        assertTrue(end.getMessage().contains("header at byte") && end.getMessage().contains("before 'end_header'"),
                end.getMessage());

        PointCloudException format = refused("format.ply", ascii("ply\nformat binary_middle_endian 1.0\nend_header\n"));
        assertTrue(format.getMessage().contains("unknown format 'binary_middle_endian'"), format.getMessage());

        PointCloudException noVertex = refused("novertex.ply", ascii("ply\nformat ascii 1.0\nelement face 0\n"
                + "property list uchar int i\nend_header\n"));
        assertTrue(noVertex.getMessage().contains("no 'element vertex'"), noVertex.getMessage());
    }

    @Test
    void nonFiniteCoordinatesAreRefusedWithTheVertexAndOffset() throws IOException {
        String head = "ply\nformat ascii 1.0\nelement vertex 2\n" + XYZ + "end_header\n";
        PointCloudException x = refused("nan.ply", ascii(head + "1 2 3\nnan 2 3\n"));
        assertEquals(head.length() + 6, x.offset(), "the offset of the vertex's line");
        assertTrue(x.getMessage().contains("vertex 1 has a non-finite coordinate") && x.getMessage().contains("x=NaN"),
                x.getMessage());

        Emitter e = new Emitter(ByteOrder.BIG_ENDIAN).text("ply\nformat binary_big_endian 1.0\nelement vertex 1\n"
                + "property double x\nproperty double y\nproperty double z\nend_header\n");
        e.value("double", 1).value("double", Double.POSITIVE_INFINITY).value("double", 3);
        PointCloudException inf = refused("inf.ply", e.bytes());
        assertTrue(inf.getMessage().contains("y=Infinity"), inf.getMessage());
    }

    @Test
    void asciiLinesWithTooFewValuesOrWords() throws IOException {
        String head = "ply\nformat ascii 1.0\nelement vertex 2\n" + XYZ + "end_header\n";
        PointCloudException few = refused("few.ply", ascii(head + "1.5 2.5 3.5\n4 5\n"));
        assertTrue(few.getMessage().contains("element vertex, property z")
                && few.getMessage().contains("vertex 1 (line 9) ends after 2 of 3 values"), few.getMessage());
        PointCloudException word = refused("word.ply", ascii(head + "1 2 3\n4 five 6\n"));
        assertTrue(word.getMessage().contains("'five' on line 9 is not a number"), word.getMessage());
    }

    @Test
    void negativeListLengthInFaces() throws IOException {
        Emitter e = new Emitter(ByteOrder.LITTLE_ENDIAN).text("ply\nformat binary_little_endian 1.0\n"
                + "element face 1\nproperty list char int i\nelement vertex 1\n" + XYZ + "end_header\n");
        e.value("char", -1).value("float", 1).value("float", 2).value("float", 3);
        PointCloudException x = refused("negative.ply", e.bytes());
        assertTrue(x.getMessage().contains("element face, property i") && x.getMessage().contains("list length -1"),
                x.getMessage());
    }

    @Test
    void sniffsOnlyPly() {
        PlyFormat p = new PlyFormat();
        assertTrue(p.sniff(ascii("ply\nformat"), "a.txt"));
        assertTrue(p.sniff(ascii("ply\r\nformat"), "a"));
        assertFalse(p.sniff(ascii("plyx"), "a.ply"));
        assertFalse(p.sniff(new byte[0], "a.ply"));
    }

    @Test
    void writesBinaryByDefaultAndAsciiOnRequest() throws IOException {
        PointCloud c = new PointCloud(null, new float[] {1, 2, 3, 4, 5, 6}, null, null,
                List.of(new ScalarField("my field", new float[] {7, 8}, 0, false)), null);
        Path bin = dir.resolve("out.ply");
        PointClouds.write(c, bin);
        String head = new String(Files.readAllBytes(bin), 0, 100, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(head.startsWith("ply\nformat binary_little_endian 1.0\n"), head);
        Path text = dir.resolve("out_ascii.ply");
        PointClouds.write(c, text, new org.attentionworkbench.compute.pointcloud.WriteOptions(true));
        String all = Files.readString(text);
        assertTrue(all.contains("format ascii 1.0") && all.contains("property float my_field")
                && all.endsWith("end_header\n1.0 2.0 3.0 7.0\n4.0 5.0 6.0 8.0\n"), all);
        assertNotNull(PointClouds.read(bin).field("my_field"));
        assertNull(PointClouds.read(bin).rgb());
    }

    @Test
    void bigBinaryAndAsciiFilesReadThroughManyBuffersAndCanBeCancelled() throws IOException {
        int n = 200_000;
        float[] xyz = new float[3 * n];
        for (int i = 0; i < 3 * n; i++) {
            xyz[i] = i * 0.25f - 7;
        }
        PointCloud c = PointCloud.of(xyz);
        for (boolean asciiFile : new boolean[] {false, true}) {
            Path f = dir.resolve("big_" + asciiFile + ".ply");
            PointClouds.write(c, f, new org.attentionworkbench.compute.pointcloud.WriteOptions(asciiFile));
            assertTrue(Files.size(f) > FileBytes.CHUNK);
            assertArrayEquals(xyz, PointClouds.read(f).xyz());
            assertThrows(java.io.InterruptedIOException.class,
                    () -> PointClouds.read(f, new ReadControl(p -> { }, () -> true)));
        }
    }
}
