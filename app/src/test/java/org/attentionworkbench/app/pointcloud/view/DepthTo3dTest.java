package org.attentionworkbench.app.pointcloud.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.attentionworkbench.app.PageFixture;
import org.attentionworkbench.app.pointcloud.PointCloudModel;
import org.attentionworkbench.app.services.ImageSource;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Depth → 3D" on the Point clouds page: with no depth model it says how to get one; with compute's
 * tiny random-weight Depth Anything golden (a test model only) it turns the open photo into a
 * coloured cloud whose points keep their pixels.
 */
@ExtendWith(ApplicationExtension.class)
class DepthTo3dTest {
    private static final Path GOLDENS = Path.of("..").toAbsolutePath().normalize()
            .resolve("compute/src/test/resources/goldens/depthanything");
    private static final Path PHOTO = GOLDENS.resolve("image_45x33.png");

    @TempDir
    static Path temp;
    private static String cacheBefore;

    private Workbench workbench;
    private PointCloudWorkspace page;

    @BeforeAll
    static void emptyModelCache() {
        cacheBefore = System.getProperty("workbench.cache.dir");
        System.setProperty("workbench.cache.dir", temp.resolve("cache").toString()); // no depth model installed
    }

    @AfterAll
    static void restore() {
        if (cacheBefore == null) {
            System.clearProperty("workbench.cache.dir");
        } else {
            System.setProperty("workbench.cache.dir", cacheBefore);
        }
    }

    @Start
    void start(Stage stage) {
        workbench = new Workbench(new SettingsStore(temp.resolve("config")));
        workbench.settings().setPointRenderer("java");
        page = new PointCloudWorkspace(workbench);
        PageFixture.show(stage, page, 1200, 800);
    }

    @Stop
    void stop() {
        page.close();
        workbench.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        PageFixture.waitUntil(60, condition);
    }

    private void openPhotoAndDevice(FxRobot robot) throws Exception {
        robot.interact(() -> {
            workbench.chooseDevice("java");
            workbench.open(new ImageSource.FileSource(PHOTO));
        });
        waitUntil(() -> workbench.currentImageProperty().get() != null && workbench.devices().device() != null);
    }

    private static DialogPane helpDialog() {
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null && w.getScene().getRoot() instanceof DialogPane p
                    && p.getStyleClass().contains(PointCloudStyles.DEPTH_HELP)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void withoutAModelTheActionSaysHowToGetOne(FxRobot robot) throws Exception {
        openPhotoAndDevice(robot);
        robot.clickOn(".split-menu-button." + PointCloudStyles.DEPTH_BUTTON + " > .label");
        waitUntil(() -> helpDialog() != null);
        DialogPane help = helpDialog();
        assertTrue(help.getContentText().contains("Depth Anything V2 Small")
                && help.getContentText().contains("huggingface.co/depth-anything/"), help.getContentText());
        assertTrue(help.getContentText().contains(temp.resolve("cache").toString()), help.getContentText());
        robot.interact(() -> ((javafx.scene.control.Button) help.lookupButton(ButtonType.CLOSE)).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(page.controller().model().cloud(), "nothing is shown without a model");
    }

    @Test
    void aModelTurnsTheOpenPhotoIntoAColouredCloudWithItsPixels(FxRobot robot) throws Exception {
        openPhotoAndDevice(robot);
        PointCloudModel model = page.controller().model();
        robot.interact(() -> page.controller().setDepthModel(GOLDENS.resolve("hf")));
        Node button = robot.lookup("." + PointCloudStyles.DEPTH_BUTTON).query();
        robot.clickOn(button.lookup(".label"));
        waitUntil(() -> model.cloud() != null && page.pointView().getFramesShown() > 0);
        PointCloud c = model.cloud();
        // as many points as pixels with at least 2 % of the largest disparity of the PyTorch reference
        float[] ref = Npy.read(GOLDENS.resolve("pipeline_hf_relative.npy")).toFloats();
        float max = 0;
        for (float v : ref) {
            max = Math.max(max, v);
        }
        int expected = 0;
        for (float v : ref) {
            expected += v / max >= 0.02 ? 1 : 0;
        }
        assertEquals(expected, c.size(), 3);
        assertEquals(45, c.provenance().width());
        assertEquals(33, c.provenance().height());
        assertEquals(PHOTO.toString(), c.provenance().sourceImage());
        RgbImage photo = ImageFiles.read(PHOTO);
        for (int i = 0; i < c.size(); i += 17) {
            int rgb = photo.rgb()[c.provenance().pixel()[i]];
            assertEquals((rgb >> 8) & 0xFF, c.rgb()[3 * i + 1] & 0xFF, "green of point " + i);
        }
        assertTrue(Files.exists(PHOTO));
    }

    /** A catalog depth entry for the tiny golden model, served from a loopback server (sizes and sha256 given). */
    private static org.attentionworkbench.compute.models.catalog.ModelCatalog.Entry servedEntry(String base)
            throws Exception {
        StringBuilder files = new StringBuilder();
        for (String[] f : new String[][] {{"checkpoint", "model.safetensors"}, {"config", "config.json"},
            {"preprocessor", "preprocessor_config.json"}}) {
            byte[] bytes = Files.readAllBytes(GOLDENS.resolve("hf").resolve(f[1]));
            String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
            files.append(files.isEmpty() ? "" : ",").append("""
                    {"role": "%s", "fileName": "%s", "url": "%s/%s", "size": %d, "sha256": "%s", "checksumSource": "test"}
                    """.formatted(f[0], f[1], base, f[1], bytes.length, sha));
        }
        String json = """
                {"models": [], "depthModels": [{"id": "tiny-depth-test", "name": "Tiny depth (test)", "licence": "test",
                  "source": "goldens", "files": [%s]}]}""".formatted(files);
        return org.attentionworkbench.compute.models.catalog.ModelCatalog.parse(json).depthEntries().get(0);
    }

    @Test
    void downloadingTheCatalogModelInstallsItThenRunsIt(FxRobot robot) throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            Path f = GOLDENS.resolve("hf").resolve(ex.getRequestURI().getPath().substring(1));
            byte[] body = Files.readAllBytes(f);
            ex.sendResponseHeaders(200, body.length);
            try (var o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        try {
            var entry = servedEntry("http://127.0.0.1:" + server.getAddress().getPort());
            openPhotoAndDevice(robot);
            PointCloudModel model = page.controller().model();
            robot.interact(() -> page.controller().installDepthModel(entry, 60));
            waitUntil(() -> model.cloud() != null);
            Path installed = temp.resolve("cache").resolve("models").resolve("tiny-depth-test");
            assertTrue(Files.isRegularFile(installed.resolve("model.safetensors")), "installed in the model cache");
            assertEquals(installed, page.controller().depthModel().orElseThrow());
            assertEquals(PHOTO.toString(), model.cloud().provenance().sourceImage());
        } finally {
            server.stop(0);
        }
    }
}
