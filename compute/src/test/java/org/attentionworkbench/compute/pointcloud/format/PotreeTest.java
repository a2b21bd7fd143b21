package org.attentionworkbench.compute.pointcloud.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.pointcloud.Bounds;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointCloudException;
import org.attentionworkbench.compute.pointcloud.PointClouds;
import org.attentionworkbench.compute.pointcloud.ReadControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PotreeTest {
    @TempDir
    Path dir;

    private static Path lion() {
        Path shared = TestDevices.shared();
        assumeTrue(shared != null, TestDevices.sharedHint());
        Path lion = shared.resolve("data/pointclouds/lion_las");
        assumeTrue(Files.isRegularFile(lion.resolve("cloud.js")), "lion_las missing: " + lion.toAbsolutePath());
        return lion;
    }

    /** cloud.js's hierarchy, read here with Gson on its own. */
    private static Map<String, Long> hierarchy(Path lion) throws IOException {
        JsonObject js = JsonParser.parseString(Files.readString(lion.resolve("cloud.js"))).getAsJsonObject();
        Map<String, Long> counts = new HashMap<>();
        for (JsonElement e : js.getAsJsonArray("hierarchy")) {
            JsonArray a = e.getAsJsonArray();
            counts.put(a.get(0).getAsString(), a.get(1).getAsLong());
        }
        return counts;
    }

    private static boolean inside(Bounds outer, Bounds inner, double tolerance) {
        return inner.minX() >= outer.minX() - tolerance && inner.minY() >= outer.minY() - tolerance
                && inner.minZ() >= outer.minZ() - tolerance && inner.maxX() <= outer.maxX() + tolerance
                && inner.maxY() <= outer.maxY() + tolerance && inner.maxZ() <= outer.maxZ() + tolerance;
    }

    @Test
    void everyLionTileReadsWithTheHierarchysCountInsideItsNode() throws IOException {
        Path lion = lion();
        Map<String, Long> counts = hierarchy(lion);
        PotreeIndex index = PotreeIndex.open(lion);
        Bounds box = index.boundingBox();
        try (var files = Files.list(lion.resolve("data"))) {
            List<Path> tiles = files.filter(f -> f.toString().endsWith(".las")).sorted().toList();
            assertEquals(200, tiles.size(), "the sample has 200 tiles (201 files with cloud.js)");
            Map<String, PotreeNode> nodes = new HashMap<>();
            index.nodes().forEach(n -> nodes.put(n.name(), n));
            for (Path tile : tiles) {
                String name = tile.getFileName().toString().replace(".las", "");
                PointCloud c = PointClouds.read(tile);
                LasHeader h;
                try (FileChannel ch = FileChannel.open(tile)) {
                    h = LasHeader.read(tile, ch);
                }
                assertEquals(counts.get(name).longValue(), c.size(), name + ": hierarchy count");
                assertEquals(h.pointCount, c.size(), name + ": header count");
                // inside the cube up to one scale step: r00's points reach 0.475 mm past its cube's max x
                // (PotreeConverter quantised them to the 1 mm grid after sorting them into nodes)
                assertTrue(inside(box, c.bounds(), 0.001), name + " inside the cloud's boundingBox");
                PotreeNode node = nodes.get(name);
                assertTrue(inside(node.bounds(), c.bounds(), 0.001), name + " " + c.bounds() + " inside " + node.bounds());
                // the tiles' header bounds are their node's cube and their offset is 0 (checked, not assumed)
                assertArrayEquals(node.bounds().min(), h.min, 1e-9, name);
                assertArrayEquals(node.bounds().max(), h.max, 1e-9, name);
                assertArrayEquals(new double[3], h.offset, name);
                assertTrue(c.hasRgb(), name);
            }
        }
    }

    @Test
    void lionIndexNodeByNodeAndAsOneCloud() throws IOException {
        Path lion = lion();
        PotreeIndex index = PotreeIndex.open(lion.resolve("cloud.js"));
        assertEquals("1.4", index.version());
        assertEquals("LAS", index.nodeFormat());
        List<PotreeNode> nodes = index.nodes();
        assertEquals(200, nodes.size());
        long sum = hierarchy(lion).values().stream().mapToLong(Long::longValue).sum();
        assertEquals(341_989, sum);
        assertEquals(sum, index.pointCount());
        PotreeNode root = nodes.get(0);
        assertEquals("r", root.name());
        assertEquals(0.075, root.spacing(), 1e-7);
        assertArrayEquals(new double[] {-4.9854, 1.0366, -3.4494}, root.bounds().min(), 1e-9);
        PotreeNode r07 = nodes.stream().filter(n -> n.name().equals("r07")).findFirst().orElseThrow();
        assertEquals(2, r07.level());
        assertEquals(0.075 / 4, r07.spacing(), 1e-7);
        assertEquals(lion.resolve("data/r07.las").toAbsolutePath().normalize(), r07.file().normalize());
        assertEquals(-3.563475, r07.bounds().minX(), 1e-9);
        assertEquals(2.458525, r07.bounds().minY(), 1e-9);
        assertEquals(-2.027475, r07.bounds().minZ(), 1e-9);

        long read = 0;
        for (PotreeNode n : nodes) {
            PointCloud c = index.readNode(n);
            assertArrayEquals(index.origin(), c.origin(), "every node around the same origin");
            assertEquals(n.pointCount(), c.size(), n.name());
            read += c.size();
        }
        assertEquals(sum, read);

        List<Double> progress = new ArrayList<>();
        PointCloud all = index.readAll(new ReadControl(progress::add, () -> false));
        assertEquals(sum, all.size());
        assertTrue(progress.size() >= 200 && progress.get(progress.size() - 1) == 1.0);
        assertTrue(inside(index.boundingBox(), all.bounds(), 0.001));

        assertInstanceOf(PotreeFormat.class, PointClouds.detect(lion));
        assertInstanceOf(PotreeFormat.class, PointClouds.detect(lion.resolve("cloud.js")));
        PointCloud viaFacade = PointClouds.read(lion);
        assertEquals(sum, viaFacade.size());
        assertArrayEquals(all.xyz(), viaFacade.xyz());
        assertArrayEquals(all.rgb(), viaFacade.rgb());
    }

    // ---- a generated Potree 1.7 tree: .hrc hierarchy every 2 levels, BIN nodes

    private static final double SCALE = 0.001;
    private static final double[] MIN = {1000, 2000, 30};
    private static final double SIZE = 8;
    private static final List<String> ATTRIBUTES = List.of("POSITION_CARTESIAN", "COLOR_PACKED", "INTENSITY",
            "CLASSIFICATION", "NORMAL_OCT16", "GPS_TIME");
    private static final int STRIDE = 12 + 4 + 2 + 1 + 2 + 8;

    /** Node → its points as integer steps from the node's minimum. */
    private record GeneratedNode(String name, int count) { }

    private static final List<GeneratedNode> TREE = List.of(new GeneratedNode("r", 6), new GeneratedNode("r0", 4),
            new GeneratedNode("r4", 3), new GeneratedNode("r03", 5), new GeneratedNode("r032", 2));

    private static double[] nodeMin(String name) {
        double[] lo = MIN.clone();
        double size = SIZE;
        for (int k = 1; k < name.length(); k++) {
            size /= 2;
            int d = name.charAt(k) - '0';
            lo[0] += (d & 4) != 0 ? size : 0;
            lo[1] += (d & 2) != 0 ? size : 0;
            lo[2] += (d & 1) != 0 ? size : 0;
        }
        return lo;
    }

    private Path potree17(String version, Map<String, Integer> countsInHierarchy) throws IOException {
        Path root = dir.resolve("tree");
        Files.createDirectories(root.resolve("data/r/03"));
        Files.writeString(root.resolve("cloud.js"), """
                {"version": "%s", "octreeDir": "data", "projection": "",
                 "points": 20,
                 "boundingBox": {"lx": 1000, "ly": 2000, "lz": 30, "ux": 1008, "uy": 2008, "uz": 38},
                 "tightBoundingBox": {"lx": 1000, "ly": 2000, "lz": 30, "ux": 1008, "uy": 2008, "uz": 38},
                 "pointAttributes": ["POSITION_CARTESIAN", "COLOR_PACKED", "INTENSITY", "CLASSIFICATION",
                                     "NORMAL_OCT16", "GPS_TIME"],
                 "spacing": 0.5, "scale": 0.001, "hierarchyStepSize": 2}
                """.formatted(version));
        // r.hrc: r (children 0, 4), r0 (child 3), r4 (none), r03 (child 2: in r03.hrc)
        Files.write(root.resolve("data/r/r.hrc"), records(countsInHierarchy,
                "r", 0b00010001, "r0", 0b00001000, "r4", 0, "r03", 0b00000100));
        Files.write(root.resolve("data/r/03/r03.hrc"), records(countsInHierarchy, "r03", 0b00000100, "r032", 0));
        for (GeneratedNode n : TREE) {
            Path file = root.resolve(n.name().length() - 1 >= 2 ? "data/r/03/" + n.name() + ".bin" : "data/r/" + n.name() + ".bin");
            ByteBuffer b = ByteBuffer.allocate(n.count() * STRIDE).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n.count(); i++) {
                b.putInt(100 * i + 7).putInt(50 * i).putInt(3 * i + 1); // steps of 1 mm from the node's min
                b.put((byte) (10 * i)).put((byte) 20).put((byte) (200 + i)).put((byte) 255);
                b.putShort((short) (1000 + i)).put((byte) (2 + i));
                b.put((byte) 128).put((byte) 128); // octahedral (0, 0) -> +z
                b.putDouble(4.0e8 + 0.25 * i);
            }
            Files.write(file, b.array());
        }
        return root;
    }

    private static byte[] records(Map<String, Integer> counts, Object... nameMask) {
        ByteBuffer b = ByteBuffer.allocate(5 * nameMask.length / 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < nameMask.length; k += 2) {
            String name = (String) nameMask[k];
            int count = counts.getOrDefault(name, TREE.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow().count());
            b.put((byte) (int) (Integer) nameMask[k + 1]).putInt(count);
        }
        return b.array();
    }

    @Test
    void generatedPotree17TreeWithHrcAndBinNodes() throws IOException {
        Path root = potree17("1.7", Map.of());
        PotreeIndex index = PotreeIndex.open(root);
        List<String> names = index.nodes().stream().map(PotreeNode::name).toList();
        assertEquals(List.of("r", "r0", "r4", "r03", "r032"), names);
        assertEquals(20, index.pointCount());
        PotreeNode r032 = index.nodes().get(4);
        assertEquals(root.resolve("data/r/03/r032.bin").toAbsolutePath().normalize(), r032.file().normalize());
        assertArrayEquals(new double[] {1000, 2003, 32}, r032.bounds().min(), 1e-12);
        assertArrayEquals(new double[] {1001, 2004, 33}, r032.bounds().max(), 1e-12);
        assertEquals(0.5 / 8, r032.spacing());
        for (PotreeNode node : index.nodes()) {
            PointCloud c = index.readNode(node);
            double[] lo = nodeMin(node.name());
            assertEquals(node.pointCount(), c.size());
            for (int i = 0; i < c.size(); i++) {
                assertEquals(lo[0] + (100 * i + 7) * SCALE, c.coordinate(i, 0), 1e-6, node.name());
                assertEquals(lo[1] + 50 * i * SCALE, c.coordinate(i, 1), 1e-6);
                assertEquals(lo[2] + (3 * i + 1) * SCALE, c.coordinate(i, 2), 1e-6);
                assertArrayEquals(new byte[] {(byte) (10 * i), 20, (byte) (200 + i)},
                        java.util.Arrays.copyOfRange(c.rgb(), 3 * i, 3 * i + 3));
                assertEquals(1000 + i, c.field("intensity").value(i));
                assertEquals(2 + i, c.field("classification").value(i));
                assertEquals(4.0e8 + 0.25 * i, c.field("gps_time").value(i), 1e-6);
                assertArrayEquals(new float[] {0, 0, 1}, java.util.Arrays.copyOfRange(c.normals(), 3 * i, 3 * i + 3), 0.01f);
            }
        }
        PointCloud all = PointClouds.read(root);
        assertEquals(20, all.size());
        assertTrue(all.field("classification").categorical());
    }

    @Test
    void binNormalsDecode() {
        float[] n = new float[3];
        // PotreeConverter's OCT16 encoding of (1, 0, 0): u = 1, v = 0 -> bytes 255, 128
        PotreeIndex.octahedral(n, 0, 255, 128);
        assertArrayEquals(new float[] {1, 0, 0}, n, 0.01f);
        PotreeIndex.octahedral(n, 0, 128, 0); // u = 0, v = -1 -> (0, -1, 0)
        assertArrayEquals(new float[] {0, -1, 0}, n, 0.01f);
        PotreeIndex.octahedral(n, 0, 0, 0); // u = -1, v = -1 folds to -z
        assertEquals(-1, n[2], 0.01f);
        // sphere-mapped (0.5, 0.5) -> +z... encoding ex = 0.5 * n.xy / |xy| * sqrt(-z/2 + 1/2) + 0.5
        PotreeIndex.sphereMapped(n, 0, 128, 128);
        assertArrayEquals(new float[] {0, 0, 1}, n, 0.02f);
        // (1, 0, 0): ex = 0.5 * 1 * sqrt(0.5) + 0.5 = 0.854 -> 217
        float[] m = new float[3];
        PotreeIndex.sphereMapped(m, 0, 217, 127);
        assertArrayEquals(new float[] {1, 0, 0}, m, 0.03f);
    }

    @Test
    void hierarchyCountsThatLieAreOverruledByTheNodeFile() throws IOException {
        Path root = potree17("1.7", Map.of("r4", 999));
        PotreeIndex index = PotreeIndex.open(root);
        PotreeNode r4 = index.nodes().stream().filter(n -> n.name().equals("r4")).findFirst().orElseThrow();
        assertEquals(999, r4.pointCount(), "the index reports what the hierarchy says");
        assertEquals(3, index.readNode(r4).size(), "the node file decides");
        assertEquals(20, index.readAll(ReadControl.NONE).size());
    }

    private String error(Path path) {
        PointCloudException e = assertThrows(PointCloudException.class, () -> new PotreeFormat().read(path, ReadControl.NONE));
        return e.getMessage();
    }

    @Test
    void badIndexesAndNodesNameTheFileAndThePart() throws IOException {
        Path root = potree17("1.7", Map.of());
        Path js = root.resolve("cloud.js");
        String good = Files.readString(js);

        Files.writeString(js, good.replace("\"octreeDir\": \"data\",", ""));
        assertEquals("cloud.js: key 'octreeDir': missing", error(root));
        Files.writeString(js, good.replace("\"spacing\": 0.5,", "\"spacing\": \"wide\","));
        assertTrue(error(root).startsWith("cloud.js: key 'spacing': expected a finite number"), error(root));
        Files.writeString(js, good.replace("\"hierarchyStepSize\": 2", "\"hierarchyStepSizes\": 2"));
        assertEquals("cloud.js: key 'hierarchyStepSize': missing", error(root));
        Files.writeString(js, good.replace("\"NORMAL_OCT16\"", "\"NORMAL_WHATEVER\""));
        assertTrue(error(root).startsWith("cloud.js: key 'pointAttributes': unknown point attribute NORMAL_WHATEVER"));
        Files.writeString(js, good.replace("\"uz\": 38}", "\"uz\": 38"));
        assertTrue(error(root).startsWith("cloud.js: JSON: not valid JSON"), error(root));
        Files.writeString(js, good);

        Path bin = root.resolve("data/r/03/r032.bin");
        byte[] r032 = Files.readAllBytes(bin);
        Files.delete(bin);
        String missing = error(root);
        assertTrue(missing.startsWith("r032.bin: node r032: node file missing: ") && missing.endsWith("data/r/03/r032.bin"), missing);
        Files.write(bin, java.util.Arrays.copyOf(r032, r032.length - 3));
        assertEquals("r032.bin: node r032 at byte 29: file has 55 bytes, not a whole number of 29-byte points "
                + "(POSITION_CARTESIAN, COLOR_PACKED, INTENSITY, CLASSIFICATION, NORMAL_OCT16, GPS_TIME)", error(root));
        Files.write(bin, r032);

        Path hrc = root.resolve("data/r/03/r03.hrc");
        byte[] records = Files.readAllBytes(hrc);
        Files.write(hrc, java.util.Arrays.copyOf(records, 7));
        assertEquals("r03.hrc: node r032 at byte 5: hierarchy file ends before the record of r032 (child of r03)",
                error(root));
        Files.delete(hrc);
        assertTrue(error(root).startsWith("r03.hrc: node r03: hierarchy file missing: "));
        Files.write(hrc, records);
        assertEquals(20, PointClouds.read(root).size(), "repaired");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        PointCloudException e = assertThrows(PointCloudException.class, () -> PotreeIndex.open(empty));
        assertTrue(e.getMessage().contains("no cloud.js in this folder"), e.getMessage());
    }

    @Test
    void inlineHierarchyErrors() throws IOException {
        Path root = Files.createDirectories(dir.resolve("old"));
        String js = """
                {"version": "1.4", "octreeDir": "data", "pointAttributes": "LAS", "spacing": 1, "scale": 0.001,
                 "boundingBox": {"lx": 0, "ly": 0, "lz": 0, "ux": 1, "uy": 1, "uz": 1},
                 "hierarchy": %s}
                """;
        Files.writeString(root.resolve("cloud.js"), js.formatted("[[\"r\", 3], [\"r05\", 2]]"));
        assertEquals("cloud.js: hierarchy[1]: node r05 comes before (or without) its parent r0", error(root));
        Files.writeString(root.resolve("cloud.js"), js.formatted("[[\"r\", 3], [\"r9\", 2]]"));
        assertEquals("cloud.js: hierarchy[1]: node name 'r9' is not r followed by digits 0-7", error(root));
        Files.writeString(root.resolve("cloud.js"), js.formatted("[[\"r\", 3], [\"r0\"]]"));
        assertTrue(error(root).startsWith("cloud.js: hierarchy[1]: expected [name, points]"));
        Files.writeString(root.resolve("cloud.js"), js.formatted("[[\"r\", 3]]"));
        String missing = error(root);
        assertTrue(missing.startsWith("r.las: node r: node file missing: ") && missing.endsWith("data/r.las"), missing);
        assertNull(PotreeIndex.open(root).nodes().get(0).parentName());
    }
}
