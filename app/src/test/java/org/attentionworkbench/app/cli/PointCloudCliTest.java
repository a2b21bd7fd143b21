package org.attentionworkbench.app.cli;

import static org.attentionworkbench.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointClouds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pointcloud info, convert and render on the shared files and on a generated cloud. */
class PointCloudCliTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path DATA = REPO.resolve("../shared/data/pointclouds").normalize();

    /**
     * A text PLY of a 20×20×5 grid of points from (1, 2, 3) to (20, 21, 7): red along x, blue along
     * z, and an intensity field of x + y.
     */
    static Path grid(Path dir) throws Exception {
        StringBuilder b = new StringBuilder();
        int n = 20 * 20 * 5;
        b.append("ply\nformat ascii 1.0\nelement vertex ").append(n).append('\n')
                .append("property float x\nproperty float y\nproperty float z\n")
                .append("property uchar red\nproperty uchar green\nproperty uchar blue\nproperty float intensity\n")
                .append("end_header\n");
        for (int z = 0; z < 5; z++) {
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 20; x++) {
                    b.append(String.format(Locale.ROOT, "%d %d %d %d %d %d %d%n", x + 1, y + 2, z + 3, x * 12, 100,
                            z * 60, x + y));
                }
            }
        }
        Path f = dir.resolve("grid.ply");
        Files.writeString(f, b, StandardCharsets.US_ASCII);
        return f;
    }

    private static JsonObject info(Path file) {
        CliRun r = run("pointcloud", "info", file.toString());
        assertEquals(0, r.code(), r.err());
        return JsonParser.parseString(r.out()).getAsJsonObject();
    }

    private static double[] doubles(JsonArray a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).getAsDouble();
        }
        return d;
    }

    @Test
    void infoGivesFormatCountBoundsAndFields(@TempDir Path dir) throws Exception {
        JsonObject o = info(grid(dir));
        assertEquals("PLY", o.get("format").getAsString());
        assertEquals(2000, o.get("points").getAsInt());
        assertTrue(Arrays.equals(new double[] {1, 2, 3}, doubles(o.getAsJsonObject("bounds").getAsJsonArray("min"))), o.toString());
        assertTrue(Arrays.equals(new double[] {20, 21, 7}, doubles(o.getAsJsonObject("bounds").getAsJsonArray("max"))), o.toString());
        assertTrue(o.get("fields").toString().contains("intensity"), o.toString());
        assertTrue(o.get("has_rgb").getAsBoolean());
    }

    @Test
    void infoOnSharedFiles() {
        assumeTrue(Files.isDirectory(DATA), "../shared/data/pointclouds missing: skipped");
        JsonObject bunny = info(DATA.resolve("bunny/stanford_bunny_reduced.ply"));
        assertEquals(3511, bunny.get("points").getAsInt());
        JsonObject pcd = info(DATA.resolve("pcl-test/bun0.pcd"));
        assertEquals("PCD", pcd.get("format").getAsString());
        assertEquals(397, pcd.get("points").getAsInt());
        assertTrue(pcd.get("fields").toString().contains("normals"), pcd.toString());
        double minX = pcd.getAsJsonObject("bounds").getAsJsonArray("min").get(0).getAsDouble();
        double maxX = pcd.getAsJsonObject("bounds").getAsJsonArray("max").get(0).getAsDouble();
        assertTrue(minX < maxX && minX > -1 && maxX < 1, pcd.toString());
        JsonObject organised = info(DATA.resolve("pcl-test/table_scene_mug_stereo_textured.pcd"));
        assertEquals(640, organised.get("width").getAsInt(), organised.toString());
        assertEquals(480, organised.get("height").getAsInt());
    }

    @Test
    void anOrganisedFrameIsRenderedFromItsSensor(@TempDir Path dir) throws Exception {
        Path pcd = DATA.resolve("pcl-test/table_scene_mug_stereo_textured.pcd");
        assumeTrue(Files.isRegularFile(pcd), "../shared/data/pointclouds missing: skipped");
        long[] covered = new long[2];
        String[] views = {"camera", "top"};
        for (int v = 0; v < 2; v++) {
            Path png = dir.resolve(views[v] + ".png");
            CliRun r = run("pointcloud", "render", pcd.toString(), "--out", png.toString(), "--width", "160",
                    "--height", "120", "--renderer", "java", "--view", views[v]);
            assertEquals(0, r.code(), r.err());
            int[] px = ImageIO.read(png.toFile()).getRGB(0, 0, 160, 120, null, 0, 160);
            covered[v] = Arrays.stream(px).filter(p -> p != px[0]).count();
        }
        // seen from the sensor the frame fills the picture as the photo did (with holes where the stereo found no depth)
        assertTrue(covered[0] > 160 * 120 * 0.15, "camera view covers " + covered[0] + " of " + 160 * 120);
        assertTrue(covered[0] > covered[1], "the sensor's view shows more than the view from above: " + covered[0] + " vs " + covered[1]);
    }

    @Test
    void infoNamesAFileItCannotRead(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("broken.ply");
        Files.writeString(bad, "ply\nformat ascii 1.0\nelement vertex 10\nproperty float x\nend_header\n1\n");
        CliRun r = run("pointcloud", "info", bad.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("broken.ply"), r.err());
        CliRun missing = run("pointcloud", "info", dir.resolve("nope.pcd").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nope.pcd"), missing.err());
        CliRun noSub = run("pointcloud");
        assertEquals(2, noSub.code(), noSub.err());
    }

    @Test
    void convertRoundTripKeepsEveryPoint(@TempDir Path dir) throws Exception {
        Path ply = grid(dir);
        Path pcd = dir.resolve("a.pcd");
        Path las = dir.resolve("b.las");
        Path xyz = dir.resolve("c.xyz");
        Path ply2 = dir.resolve("d.ply");
        Path[][] steps = {{ply, pcd}, {pcd, las}, {las, xyz}, {xyz, ply2}};
        for (Path[] s : steps) {
            CliRun r = run("pointcloud", "convert", s[0].toString(), s[1].toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(2000, info(s[1]).get("points").getAsInt(), s[1].toString());
        }
        assertEquals("LAS", info(las).get("format").getAsString());
        double[] max = doubles(info(ply2).getAsJsonObject("bounds").getAsJsonArray("max"));
        assertEquals(20, max[0], 0.01);
        assertEquals(7, max[2], 0.01);

        Path ascii = dir.resolve("e.ply");
        assertEquals(0, run("pointcloud", "convert", "--ascii", pcd.toString(), ascii.toString()).code());
        assertTrue(Files.readString(ascii, StandardCharsets.ISO_8859_1).startsWith("ply\nformat ascii"));

        Path voxel = dir.resolve("voxel.ply");
        assertEquals(0, run("pointcloud", "convert", "--voxel", "2", ply.toString(), voxel.toString()).code());
        // the voxel grid starts half a voxel below the lowest point: 11 × 11 × 3 occupied voxels
        assertEquals(11 * 11 * 3, info(voxel).get("points").getAsInt(), "one point per occupied 2-unit voxel");

        Path thin = dir.resolve("thin.pcd");
        assertEquals(0, run("pointcloud", "convert", "--random", "100", ply.toString(), thin.toString()).code());
        assertEquals(100, info(thin).get("points").getAsInt());

        CliRun unknown = run("pointcloud", "convert", ply.toString(), dir.resolve("x.docx").toString());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("x.docx"), unknown.err());
    }

    @Test
    void renderWritesAPictureThatDependsOnTheView(@TempDir Path dir) throws Exception {
        Path ply = grid(dir);
        int[][] pixels = new int[2][];
        String[] views = {"iso", "top"};
        for (int v = 0; v < 2; v++) {
            Path png = dir.resolve(views[v] + ".png");
            CliRun r = run("pointcloud", "render", ply.toString(), "--out", png.toString(), "--width", "320",
                    "--height", "200", "--view", views[v], "--renderer", "java", "--point-size", "3");
            assertEquals(0, r.code(), r.err());
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals(320, img.getWidth());
            assertEquals(200, img.getHeight());
            pixels[v] = img.getRGB(0, 0, 320, 200, null, 0, 320);
            int background = pixels[v][0];
            long drawn = Arrays.stream(pixels[v]).filter(p -> p != background).count();
            assertTrue(drawn > 320 * 200 / 20, views[v] + ": only " + drawn + " pixels differ from the background");
        }
        assertFalse(Arrays.equals(pixels[0], pixels[1]), "iso and top give the same picture");

        Path byField = dir.resolve("field.png");
        assertEquals(0, run("pointcloud", "render", ply.toString(), "--out", byField.toString(), "--width", "320",
                "--height", "200", "--color", "intensity", "--renderer", "java").code());
        assertNotEquals(Arrays.hashCode(pixels[0]), Arrays.hashCode(ImageIO.read(byField.toFile())
                .getRGB(0, 0, 320, 200, null, 0, 320)), "colouring by a field changes the picture");

        // over the budget: drawn through the octree (a 400 × 400 sheet, a budget of 20,000), still the whole sheet
        int side = 400;
        float[] xyz = new float[3 * side * side];
        for (int i = 0; i < side * side; i++) {
            xyz[3 * i] = i % side;
            xyz[3 * i + 1] = i / side;
            xyz[3 * i + 2] = (i % side) / 40f;
        }
        Path sheet = dir.resolve("sheet.ply");
        PointClouds.write(PointCloud.of(xyz), sheet);
        Path all = dir.resolve("all.png");
        Path lod = dir.resolve("lod.png");
        assertEquals(0, run("pointcloud", "render", sheet.toString(), "--out", all.toString(), "--width", "320",
                "--height", "200", "--renderer", "java", "--view", "top").code());
        CliRun viaLod = run("pointcloud", "render", sheet.toString(), "--out", lod.toString(), "--width", "320",
                "--height", "200", "--renderer", "java", "--view", "top", "--budget", "20000");
        assertEquals(0, viaLod.code(), viaLod.err());
        assertTrue(viaLod.err().contains("level-of-detail octree") && viaLod.err().contains("at most 20,000"),
                viaLod.err());
        int[] a = ImageIO.read(all.toFile()).getRGB(0, 0, 320, 200, null, 0, 320);
        int[] l = ImageIO.read(lod.toFile()).getRGB(0, 0, 320, 200, null, 0, 320);
        long allDrawn = Arrays.stream(a).filter(p -> p != a[0]).count();
        long lodDrawn = Arrays.stream(l).filter(p -> p != l[0]).count();
        assertTrue(lodDrawn > allDrawn / 2, "the octree's points still cover the sheet: " + lodDrawn + " of "
                + allDrawn + " pixels");

        CliRun noField = run("pointcloud", "render", ply.toString(), "--out", byField.toString(), "--color", "nope");
        assertEquals(2, noField.code(), noField.err());
        CliRun badView = run("pointcloud", "render", ply.toString(), "--out", byField.toString(), "--view", "under");
        assertEquals(2, badView.code(), badView.err());
    }
}
