package org.attentionworkbench.app.cli;

import static org.attentionworkbench.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionworkbench.compute.image.Gray16Image;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointClouds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code depth} with compute's tiny random-weight Depth Anything goldens (HF layout): the depth must be
 * the PyTorch reference's for the same image, and the PNG, cloud and metrics must follow from it.
 */
class DepthCliTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path GOLDENS = REPO.resolve("compute/src/test/resources/goldens/depthanything");
    private static final Path IMAGE = GOLDENS.resolve("image_45x33.png");

    private static void assertClose(float[] want, float[] got, double tol) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], tol, "value " + i);
        }
    }

    @Test
    void relativeModelWritesTheReferenceDepthPngCloudAndAlignedMetrics(@TempDir Path dir) throws Exception {
        float[] want = Npy.read(GOLDENS.resolve("pipeline_hf_relative.npy")).toFloats();
        // ground truth whose inverse is an exact affine function of the prediction: alignment recovers it
        float[] gt = new float[want.length];
        for (int i = 0; i < gt.length; i++) {
            gt[i] = (float) (1 / (0.5 * want[i] + 0.2));
        }
        Path gtFile = dir.resolve("gt.npy");
        Npy.writeFloat32(gtFile, gt, 33, 45);
        Path out = dir.resolve("out");
        CliRun r = run("--device", "java", "depth", "--model", GOLDENS.resolve("hf").toString(), "--image",
                IMAGE.toString(), "--fov", "50", "--gt", gtFile.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("predicting depth"), r.err());
        float[] got = Npy.read(out.resolve("depth.npy")).toFloats();
        assertEquals(2, Npy.read(out.resolve("depth.npy")).shape().length);
        assertClose(want, got, 1e-4);
        Gray16Image png = ImageFiles.readGray16(out.resolve("depth.png"));
        float max = 0;
        for (float v : got) {
            max = Math.max(max, v);
        }
        for (int i = 0; i < got.length; i++) {
            assertEquals(Math.rint(Math.max(got[i], 0) * (65535.0 / max)), png.values()[i], 0.0, "png " + i);
        }
        PointCloud cloud = PointClouds.read(out.resolve("cloud.ply"));
        assertTrue(cloud.hasRgb());
        int placed = 0; // relative pixels with at least 2 % of the largest disparity
        for (float v : got) {
            placed += v / max >= 0.02 ? 1 : 0;
        }
        assertEquals(placed, cloud.size());
        assertTrue(placed > 500, "points " + placed);
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertEquals("LEAST_SQUARES_INVERSE", m.get("alignment").getAsString().toUpperCase(java.util.Locale.ROOT));
        assertEquals(0, m.get("AbsRel").getAsDouble(), 1e-4);
    }

    @Test
    void metricModelWritesMillimetresAndUnalignedMetrics(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("metric");
        Files.createDirectories(model);
        Files.copy(GOLDENS.resolve("hf/model.safetensors"), model.resolve("model.safetensors"));
        Files.copy(GOLDENS.resolve("hf/config.metric.json"), model.resolve("config.json"));
        Files.copy(GOLDENS.resolve("hf/preprocessor_config.json"), model.resolve("preprocessor_config.json"));
        float[] want = Npy.read(GOLDENS.resolve("pipeline_hf_metric.npy")).toFloats();
        float[] gt = want.clone();
        for (int i = 0; i < gt.length; i++) {
            gt[i] *= 1.1f;
        }
        Path gtFile = dir.resolve("gt.npy");
        Npy.writeFloat32(gtFile, gt, 33, 45);
        Path out = dir.resolve("out");
        CliRun r = run("--device", "java", "depth", "--model", model.toString(), "--image", IMAGE.toString(),
                "--gt", gtFile.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        float[] got = Npy.read(out.resolve("depth.npy")).toFloats();
        assertClose(want, got, 1e-4 * 20);
        Gray16Image png = ImageFiles.readGray16(out.resolve("depth.png"));
        for (int i = 0; i < got.length; i++) {
            assertEquals(Math.min(65535, Math.rint((double) got[i] * 1000)), png.values()[i], 0.0, "png " + i);
        }
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertEquals("NONE", m.get("alignment").getAsString().toUpperCase(java.util.Locale.ROOT));
        assertEquals(1 - 1 / 1.1, m.get("AbsRel").getAsDouble(), 1e-4); // no alignment: the 10 % shows
        // metric points sit at the predicted depth
        PointCloud cloud = PointClouds.read(out.resolve("cloud.ply"));
        int p = 0;
        for (int i = 0; i < got.length; i++) {
            p += got[i] > 0 ? 1 : 0;
        }
        assertEquals(p, cloud.size());
    }

    @Test
    void badInputIsNamed(@TempDir Path dir) throws Exception {
        CliRun r = run("--device", "java", "depth", "--model", "no-such-depth-model", "--image", IMAGE.toString(),
                "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no-such-depth-model") && r.err().contains("depth-anything-v2-small-hf"), r.err());
        Path notImage = dir.resolve("photo.png");
        Files.writeString(notImage, "no pixels");
        r = run("--device", "java", "depth", "--model", GOLDENS.resolve("hf").toString(), "--image",
                notImage.toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("photo.png"), r.err());
        Path badModel = dir.resolve("model.safetensors");
        Files.writeString(badModel, "not safetensors");
        r = run("--device", "java", "depth", "--model", badModel.toString(), "--image", IMAGE.toString(), "--out",
                dir.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("model.safetensors"), r.err());
    }

    @Test
    void panoramaRunsTheModelOnTangentPatchesAndWritesRadialDepthAndACloud(@TempDir Path dir) throws Exception {
        var room = org.attentionworkbench.samples.rooms.SyntheticRoom.random(3).renderEndpoints(112, 56);
        Path png = dir.resolve("room.png");
        Path gt = dir.resolve("room.npy");
        room.save(png, gt);
        Path out = dir.resolve("out");
        CliRun r = run("--device", "java", "depth", "--panorama", "--layout", "10", "--model",
                GOLDENS.resolve("hf").toString(), "--image", png.toString(), "--gt", gt.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("patch 10/10"), r.err());
        var depth = Npy.read(out.resolve("depth.npy"));
        assertEquals(56, depth.shape()[0]);
        assertEquals(112, depth.shape()[1]);
        float[] d = depth.toFloats();
        int positive = 0;
        for (float v : d) {
            positive += v > 0 && Float.isFinite(v) ? 1 : 0;
        }
        PointCloud cloud = PointClouds.read(out.resolve("cloud.ply"));
        assertTrue(cloud.hasRgb());
        // points only where a patch saw the pixel (random weights leave some patches' pixels at 0 disparity),
        // each along its ray at its depth times one scale (relative model: median distance 1 m)
        assertTrue(positive > 56 * 112 / 2 && cloud.size() > 500 && cloud.size() <= positive,
                cloud.size() + " points, " + positive + " depths");
        var grid = new org.attentionworkbench.compute.panorama.Equirect(112, 56);
        double k = Double.NaN;
        for (int i = 0; i < cloud.size(); i++) {
            double x = cloud.coordinate(i, 0), y = cloud.coordinate(i, 1), z = cloud.coordinate(i, 2);
            double dist = Math.sqrt(x * x + y * y + z * z);
            if (Math.abs(z) > 0.999 * dist) {
                continue; // the pole rows: every column is the same ray
            }
            // the PLY keeps no provenance: the pixel is found back from the point's direction
            int col = (int) Math.round(grid.column(Math.atan2(x, y)));
            int row = (int) Math.round(grid.row(-Math.asin(z / dist)));
            if (col == 111 && Math.abs(Math.atan2(x, y)) > 3) { // ±180° is one ray at columns 0 and W−1
                col = d[row * 112 + 111] > 0 ? 111 : 0;
            }
            double ratio = dist / d[row * 112 + col];
            k = Double.isNaN(k) ? ratio : k;
            assertEquals(k, ratio, 1e-4 * k, "point " + i);
        }
        assertEquals(112, ImageFiles.readGray16(out.resolve("depth.png")).width());
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertEquals("MEDIAN", m.get("alignment").getAsString());
        r = run("depth", "--panorama", "--layout", "7", "--model", GOLDENS.resolve("hf").toString(), "--image",
                png.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--layout"), r.err());
    }

    /** An OmniFusion checkpoint runs on the whole panorama: metres on the image's grid, scored without alignment. */
    @Test
    void panoramaWithAnOmniFusionCheckpointRunsItsOwnNetwork(@TempDir Path dir) throws Exception {
        var room = org.attentionworkbench.samples.rooms.SyntheticRoom.random(3).renderEndpoints(128, 64);
        Path png = dir.resolve("room.png");
        Path gt = dir.resolve("room.npy");
        room.save(png, gt);
        Path out = dir.resolve("out");
        CliRun r = run("--device", "java", "depth", "--panorama", "--model",
                REPO.resolve("compute/src/test/resources/goldens/omnifusion/omnifusion_w16.pth").toString(),
                "--image", png.toString(), "--gt", gt.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("OmniFusion (18 patches of 128²"), r.err());
        var depth = Npy.read(out.resolve("depth.npy"));
        assertEquals(64, depth.shape()[0]);
        assertEquals(128, depth.shape()[1]);
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertEquals("NONE", m.get("alignment").getAsString(), "OmniFusion predicts metres");
        assertTrue(PointClouds.read(out.resolve("cloud.ply")).size() > 0);
    }
}
