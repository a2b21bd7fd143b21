package org.attentionworkbench.app.pointcloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.attentionworkbench.app.attention.AttentionService;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.Provenance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Attention on points: an image model's map lifted onto an organised frame, and an [N, N] array loaded beside a cloud. */
@ExtendWith(ApplicationExtension.class)
class CloudAttentionTest {
    @TempDir
    static Path temp;

    private Workbench workbench;
    private PointCloudController controller;

    @BeforeAll
    static void cache() {
        System.setProperty("workbench.cache.dir", temp.resolve("cache").toString());
    }

    @Start
    void start(Stage stage) {
    }

    @AfterEach
    void close() {
        if (controller != null) {
            controller.close();
        }
        if (workbench != null) {
            workbench.close();
        }
    }

    private void create(FxRobot robot) throws Exception {
        robot.interact(() -> {
            workbench = new Workbench(new SettingsStore(temp.resolve("config")));
            workbench.devices().select("java");
            controller = new PointCloudController(workbench);
        });
        waitUntil(() -> workbench.devices().device() != null);
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** An organised 64×48 frame: one point per pixel at depth 1 + u/64, coloured by a pattern; every 7th pixel has no point. */
    static PointCloud frame() {
        int w = 64;
        int h = 48;
        float[] xyz = new float[3 * w * h];
        byte[] rgb = new byte[3 * w * h];
        int[] pixel = new int[w * h];
        int n = 0;
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                if ((v * w + u) % 7 == 6) {
                    continue;
                }
                float z = 1 + u / 64f;
                xyz[3 * n] = (u - 32) * z / 50;
                xyz[3 * n + 1] = (v - 24) * z / 50;
                xyz[3 * n + 2] = z;
                rgb[3 * n] = (byte) (u * 4);
                rgb[3 * n + 1] = (byte) (v * 5);
                rgb[3 * n + 2] = (byte) ((u / 8 + v / 8) % 2 * 255);
                pixel[n] = v * w + u;
                n++;
            }
        }
        return new PointCloud(null, java.util.Arrays.copyOf(xyz, 3 * n), java.util.Arrays.copyOf(rgb, 3 * n), null,
                List.of(), new Provenance(null, w, h, java.util.Arrays.copyOf(pixel, n)));
    }

    @Test
    void theSourceImageOfAnOrganisedFrameIsItsColour() throws Exception {
        PointCloud c = frame();
        RgbImage img = CloudAttention.sourceImage(c, null);
        assertEquals(64, img.width());
        assertEquals(48, img.height());
        assertEquals(11 * 4, img.red(11, 3));
        assertEquals(3 * 5, img.green(11, 3));
        assertEquals(0, img.rgb()[6], "a pixel without a point stays black");
    }

    @Test
    void pickingAPointLiftsItsPatchAttentionOntoEveryPoint(FxRobot robot) throws Exception {
        create(robot);
        CloudAttention a = controller.attention();
        PointCloudModel model = controller.model();
        robot.interact(() -> controller.show(new LoadedCloud(temp.resolve("frame.pcd"), "PCD", frame())));
        robot.interact(a::useImageModel);
        waitUntil(() -> a.modelProperty().get() != null);
        robot.interact(() -> controller.pick(100));
        waitUntil(() -> model.attentionProperty().get() != null);
        assertEquals(ColorBy.ATTENTION, model.colorByProperty().get());
        float[] first = model.attentionProperty().get();
        assertEquals(model.cloud().size(), first.length);
        assertTrue(a.statusProperty().get().contains("point #100"), a.statusProperty().get());
        // points of one patch share a value; the map is not constant over the patches
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : first) {
            assertFalse(Float.isNaN(v), "the whole image is the model's input: every point has a patch");
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        assertTrue(hi > lo, "attention over the points varies");
        assertTrue(a.layersProperty().get() > 0 && a.headsProperty().get() > 0);

        // another layer (settings re-run the last pick from the cache) changes the colours
        robot.interact(() -> a.layerProperty().set(0));
        waitUntil(() -> model.attentionProperty().get() != first);
        assertFalse(java.util.Arrays.equals(first, model.attentionProperty().get()), "layer 0 differs from the last");
    }

    @Test
    void theAttentionPagesServiceIsSharedNotClosed(FxRobot robot) throws Exception {
        AttentionService shared = new AttentionService();
        try {
            robot.interact(() -> {
                workbench = new Workbench(new SettingsStore(temp.resolve("config")));
                workbench.devices().select("java");
                controller = new PointCloudController(workbench, shared);
            });
            waitUntil(() -> workbench.devices().device() != null);
            CloudAttention a = controller.attention();
            robot.interact(() -> controller.show(new LoadedCloud(temp.resolve("frame.pcd"), "PCD", frame())));
            robot.interact(a::useImageModel);
            waitUntil(() -> a.modelProperty().get() != null);
            robot.interact(() -> controller.pick(100));
            waitUntil(() -> controller.model().attentionProperty().get() != null);
            assertEquals(1, shared.cachedResults(), "the run went through the shared service and its cache");
            robot.interact(controller::close);
            controller = null;
            assertEquals(1, shared.cachedResults(), "closing the page leaves the shared service to its owner");
        } finally {
            shared.close();
        }
    }

    @Test
    void aDepthMapBecomesACloudThatKnowsItsPixels(FxRobot robot) throws Exception {
        create(robot);
        float[] depth = new float[8 * 6];
        for (int i = 0; i < depth.length; i++) {
            depth[i] = i == 5 ? 0 : 1000 + i; // millimetres; pixel 5 has no measurement
        }
        Path f = npy(temp.resolve("depth.npy"), depth, 6, 8);
        PointCloudModel model = controller.model();
        robot.interact(() -> controller.openDepthMap(f, null, 90, 0.001, null));
        waitUntil(() -> model.cloud() != null);
        PointCloud c = model.cloud();
        assertEquals(47, c.size(), "one point per measured pixel");
        assertEquals(8, c.provenance().width());
        assertEquals(6, c.provenance().height());
        assertEquals("Depth map", model.loadedProperty().get().format());
        // pixel (0, 0) at 1 m: x = (0 - 3.5) * z / fx with fx = 4 / tan(45°) = 4
        assertEquals(1.0, c.coordinate(0, 2), 1e-6);
        assertEquals(-3.5 / 4, c.coordinate(0, 0), 1e-6);
        assertTrue(CloudAttention.fromImage(c));

        String[] reported = new String[1];
        robot.interact(() -> workbench.setLoadErrorHandler(e -> reported[0] = e.fileName() + ": " + e.reason()));
        Path missing = temp.resolve("nope.npy");
        robot.interact(() -> controller.openDepthMap(missing, null, 60, 0.001, null));
        waitUntil(() -> reported[0] != null);
        assertTrue(reported[0].startsWith("nope.npy"), reported[0]);
    }

    /** Writes a little-endian float32 .npy of {@code shape}. */
    static Path npy(Path f, float[] data, int... shape) throws Exception {
        StringBuilder dims = new StringBuilder();
        for (int s : shape) {
            dims.append(s).append(", ");
        }
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims.toString().replaceAll(", $",
                shape.length == 1 ? "," : "") + "), }";
        int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        for (float v : data) {
            b.putFloat(v);
        }
        Files.write(f, b.array());
        return f;
    }

    @Test
    void anAttentionMatrixBesideACloudColoursByThePickedRow(FxRobot robot) throws Exception {
        create(robot);
        PointCloud grid = PointCloudControllerTest.grid(); // 200 points
        int n = grid.size();
        float[] m = new float[n * n];
        for (int q = 0; q < n; q++) {
            for (int k = 0; k < n; k++) {
                m[q * n + k] = (q * 7 + k) % 13;
            }
        }
        Path f = npy(temp.resolve("att.npy"), m, n, n);
        PointCloudModel model = controller.model();
        robot.interact(() -> controller.show(new LoadedCloud(temp.resolve("grid.ply"), "PLY", grid)));
        robot.interact(() -> controller.attention().loadFile(f));
        waitUntil(() -> controller.attention().fileProperty().get() != null);
        robot.interact(() -> controller.pick(5));
        waitUntil(() -> model.attentionProperty().get() != null);
        assertArrayEquals(java.util.Arrays.copyOfRange(m, 5 * n, 6 * n), model.attentionProperty().get());

        Path wrong = npy(temp.resolve("wrong.npy"), new float[12], 12);
        String[] reported = new String[1];
        robot.interact(() -> workbench.setLoadErrorHandler(e -> reported[0] = e.fileName() + ": " + e.reason()));
        robot.interact(() -> controller.attention().loadFile(wrong));
        waitUntil(() -> reported[0] != null);
        assertTrue(reported[0].startsWith("wrong.npy") && reported[0].contains("200"), reported[0]);
    }
}
