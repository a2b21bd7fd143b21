package org.attentionworkbench.app.pointcloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointClouds;
import org.attentionworkbench.compute.pointcloud.ScalarField;
import org.attentionworkbench.compute.pointcloud.edit.Keep;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Point clouds page's controller without a window: open, colour, pick and measure, edit with undo, save. */
@ExtendWith(ApplicationExtension.class)
class PointCloudControllerTest {
    @TempDir
    Path temp;

    private Workbench workbench;
    private PointCloudController controller;
    private PointCloudModel model;

    @Start
    void start(Stage stage) {
        // no window: the controller only needs the FX thread for its callbacks
    }

    @AfterEach
    void close() {
        if (workbench != null) {
            workbench.close();
        }
    }

    private void create(FxRobot robot) {
        robot.interact(() -> {
            workbench = new Workbench(new SettingsStore(temp.resolve("config")));
            controller = new PointCloudController(workbench);
            model = controller.model();
        });
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A 10×10×2 grid at (0..9, 0..9, 0..1) + (100, 200, 300) with colours and an intensity field = x. */
    static PointCloud grid() {
        int n = 200;
        float[] xyz = new float[3 * n];
        byte[] rgb = new byte[3 * n];
        float[] intensity = new float[n];
        int i = 0;
        for (int z = 0; z < 2; z++) {
            for (int y = 0; y < 10; y++) {
                for (int x = 0; x < 10; x++, i++) {
                    xyz[3 * i] = x;
                    xyz[3 * i + 1] = y;
                    xyz[3 * i + 2] = z;
                    rgb[3 * i] = (byte) (x * 25);
                    rgb[3 * i + 2] = (byte) 200;
                    intensity[i] = x;
                }
            }
        }
        return new PointCloud(new double[] {100, 200, 300}, xyz, rgb, null, List.of(ScalarField.of("intensity", intensity)),
                null);
    }

    private Path gridFile() throws Exception {
        Path f = temp.resolve("grid.ply");
        PointClouds.write(grid(), f);
        return f;
    }

    @Test
    void opensColoursAndRemembersTheFile(FxRobot robot) throws Exception {
        create(robot);
        Path f = gridFile();
        robot.interact(() -> controller.open(f));
        waitUntil(() -> model.cloud() != null);
        assertEquals(200, model.cloud().size());
        assertEquals("PLY", model.loadedProperty().get().format());
        assertEquals(ColorBy.RGB, model.colorByProperty().get(), "a cloud with colour opens coloured by it");
        assertTrue(model.statusProperty().get().contains("200 points"), model.statusProperty().get());
        assertEquals(f.toAbsolutePath().toString(), workbench.recentFiles().get(0));
        int[] rgb = model.coloursProperty().get();
        assertEquals(0xFF000000 | 25 << 16 | 200, rgb[1]);

        robot.interact(() -> controller.setColorBy(ColorBy.field("intensity")));
        int[] byField = model.coloursProperty().get();
        assertNotEquals(byField[0], byField[9], "x = 0 and x = 9 get different ends of the ramp");
        assertEquals(Colormap.VIRIDIS.argb(0), byField[0]);
        assertEquals(Colormap.VIRIDIS.argb(1), byField[9]);
        robot.interact(() -> controller.setRange(ColorRange.absolute(0, 18)));
        assertArrayEquals(new double[] {0, 18}, model.spanProperty().get(), 1e-9);
        assertEquals(Colormap.VIRIDIS.argb(0.5), model.coloursProperty().get()[9]);

        robot.interact(() -> controller.setColorBy(ColorBy.HEIGHT));
        assertArrayEquals(new double[] {300, 301}, model.spanProperty().get(), 1e-6);

        robot.interact(() -> controller.rememberCamera("camera/1 test"));
        assertEquals("camera/1 test", new SettingsStore(temp.resolve("config")).load()
                .pointCloudCamera(f.toAbsolutePath().toString()));
    }

    @Test
    void picksMeasureDistanceAndAngleAndExport(FxRobot robot) throws Exception {
        create(robot);
        robot.interact(() -> controller.show(new LoadedCloud(temp.resolve("mem.ply"), "PLY", grid())));
        robot.interact(() -> controller.pick(0)); // (100, 200, 300)
        assertTrue(model.measurementProperty().get().contains("second point"), model.measurementProperty().get());
        robot.interact(() -> controller.pick(3 + 4 * 10)); // (103, 204, 300): 3-4-5
        String m = model.measurementProperty().get();
        assertTrue(m.contains("Distance 5.0000") && m.contains("ΔX 3.0000") && m.contains("ΔY 4.0000"), m);
        robot.interact(() -> controller.pick(3)); // (103, 200, 300): the angle at (103, 204) between the others
        m = model.measurementProperty().get();
        double expected = Math.toDegrees(Math.atan2(3, 4));
        assertTrue(m.contains(String.format(Locale.ROOT, "%.2f°", expected)), m);
        assertEquals("intensity", model.picked().get(1).values().keySet().stream().filter(k -> k.equals("intensity"))
                .findFirst().orElse(""));
        assertEquals("3", model.picked().get(1).values().get("intensity"));

        Path csv = temp.resolve("picked.csv");
        robot.interact(() -> controller.exportPicked(csv));
        waitUntil(() -> Files.exists(csv) && model.statusProperty().get().contains("picked"));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("index,x,y,z,rgb,intensity", lines.get(0));
        assertEquals("43,103,204,300,\"75 0 200\",3", lines.get(2));
        robot.interact(() -> controller.pick(-1));
        assertEquals(3, model.picked().size(), "a click on background picks nothing");
    }

    @Test
    void editsUndoRedoAndSave(FxRobot robot) throws Exception {
        create(robot);
        robot.interact(() -> controller.show(new LoadedCloud(temp.resolve("mem.ply"), "PLY", grid())));
        assertFalse(model.canUndoProperty().get());
        robot.interact(() -> controller.cropBox(new double[] {100, 200, 300}, new double[] {104.5, 209, 301},
                Keep.INSIDE));
        waitUntil(() -> model.cloud().size() != 200);
        assertEquals(5 * 10 * 2, model.cloud().size());
        assertTrue(model.canUndoProperty().get());
        robot.interact(() -> controller.undo());
        waitUntil(() -> model.cloud().size() == 200);
        assertTrue(model.canRedoProperty().get());
        robot.interact(() -> controller.redo());
        waitUntil(() -> model.cloud().size() == 100);
        robot.interact(() -> controller.subsampleRandom(10));
        waitUntil(() -> model.cloud().size() == 10);
        robot.interact(() -> controller.undo());
        waitUntil(() -> model.cloud().size() == 100);

        Path out = temp.resolve("cropped.pcd");
        robot.interact(() -> controller.saveAs(out, false));
        waitUntil(() -> model.statusProperty().get().startsWith("Saved"));
        PointCloud back = PointClouds.read(out);
        assertEquals(100, back.size());
        assertEquals(104, back.bounds().maxX(), 1e-3);
    }

    @Test
    void pointCloudFilesGoToTheirPageAndItsSettingsPersist(FxRobot robot) throws Exception {
        create(robot);
        Path f = gridFile();
        List<Path> routed = new java.util.ArrayList<>();
        robot.interact(() -> {
            workbench.setPointCloudOpener(routed::add);
            workbench.openFile(f);
            workbench.openFile(temp); // a folder: a Potree cloud
        });
        assertEquals(List.of(f.toAbsolutePath().normalize(), temp.toAbsolutePath().normalize()), routed);

        robot.interact(() -> controller.setRenderer("java"));
        robot.interact(() -> controller.show(new LoadedCloud(f, "PLY", grid())));
        robot.interact(() -> controller.rememberCamera("camera/1 a"));
        var reloaded = new SettingsStore(temp.resolve("config")).load();
        assertEquals("java", reloaded.pointRenderer());
        assertEquals("camera/1 a", reloaded.pointCloudCamera(f.toString()));
        // the restorer is handed the remembered camera when the file is shown again
        String[] restored = new String[1];
        robot.interact(() -> controller.setCameraRestorer(s -> restored[0] = s));
        robot.interact(() -> controller.show(new LoadedCloud(f, "PLY", grid())));
        assertEquals("camera/1 a", restored[0]);
    }

    @Test
    void aCloudOverTheBudgetGetsAnOctreeCachedForItsFile(FxRobot robot) throws Exception {
        System.setProperty("workbench.cache.dir", temp.resolve("cache").toString());
        try {
            create(robot);
            int side = 1001; // 1,002,001 points: just over the Java renderer's budget
            float[] xyz = new float[3 * side * side];
            for (int i = 0; i < side * side; i++) {
                xyz[3 * i] = i % side;
                xyz[3 * i + 1] = i / side;
            }
            Path f = temp.resolve("big.ply");
            PointClouds.write(PointCloud.of(xyz), f);
            robot.interact(() -> controller.open(f));
            waitUntil(() -> model.lodProperty().get() != null);
            Lod lod = model.lodProperty().get();
            assertEquals(side * side, lod.octree().pointCount());
            assertTrue(lod.octree().nodes().size() > 1, "the octree splits the sheet");
            assertTrue(Files.list(PointCloudController.octreeDir()).findAny().isPresent(), "the octree is cached");
            robot.interact(() -> controller.subsampleRandom(900_000));
            waitUntil(() -> model.cloud().size() == 900_000);
            assertEquals(null, model.lodProperty().get(), "under the budget: no octree");
        } finally {
            System.clearProperty("workbench.cache.dir");
        }
    }

    @Test
    void aScreenshotIsWrittenAtTheFramesSize(FxRobot robot) throws Exception {
        create(robot);
        robot.interact(() -> controller.show(new LoadedCloud(temp.resolve("mem.ply"), "PLY", grid())));
        int[] argb = new int[40 * 30];
        java.util.Arrays.fill(argb, 0xFF102030);
        argb[5] = 0xFFFF0000;
        var frame = new org.attentionworkbench.viewers.points.render.Frame(40, 30, argb, new int[40 * 30],
                new float[40 * 30]);
        Path png = temp.resolve("shot.png");
        robot.interact(() -> controller.savePicture(frame, png));
        waitUntil(() -> model.statusProperty().get().startsWith("Screenshot"));
        var img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(40, img.getWidth());
        assertEquals(30, img.getHeight());
        assertEquals(0xFFFF0000, img.getRGB(5, 0));
        assertEquals(0xFF102030, img.getRGB(6, 0));
    }

    @Test
    void aFileThatIsNoCloudIsReportedByName(FxRobot robot) throws Exception {
        create(robot);
        Path bad = temp.resolve("broken.ply");
        Files.writeString(bad, "ply\nformat ascii 1.0\nelement vertex 5\nproperty float x\nend_header\n1\n");
        String[] reported = new String[1];
        robot.interact(() -> workbench.setLoadErrorHandler(e -> reported[0] = e.fileName() + ": " + e.reason()));
        robot.interact(() -> controller.open(bad));
        waitUntil(() -> reported[0] != null);
        assertTrue(reported[0].startsWith("broken.ply: "), reported[0]);
        assertTrue(model.statusProperty().get().contains("broken.ply"), model.statusProperty().get());
        assertEquals(null, model.cloud());
        assertNotNull(model.statusProperty().get());
    }
}
