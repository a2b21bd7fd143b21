package org.attentionworkbench.app.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.attentionworkbench.app.attention.view.AttentionWorkspace;
import org.attentionworkbench.app.layout.MainWindow;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.explain.AttentionMaps;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.io.NpyArray;
import org.attentionworkbench.compute.models.catalog.ModelCache;
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
 * The Attention page driven as a user would, headless (Monocle), on the Java device and the
 * generated UNTRAINED sample ViT, with a fresh config and model cache per test (no network).
 */
@ExtendWith(ApplicationExtension.class)
class AttentionWorkspaceTest {
    private static final AtomicInteger RUN = new AtomicInteger();
    private static final Path TIMM_VIT = Path.of("..", "compute", "src", "test", "resources", "goldens", "models",
            "timm_vit", "model.safetensors");

    @TempDir
    static Path temp;

    private Workbench workbench;
    private MainWindow window;
    private AttentionWorkspace page;

    @BeforeAll
    static void javaDevice() {
        System.setProperty(Devices.PROPERTY, "java");
    }

    @AfterAll
    static void clear() {
        System.clearProperty(Devices.PROPERTY);
        System.clearProperty(ModelCache.PROPERTY);
    }

    @Start
    void start(Stage stage) {
        int run = RUN.incrementAndGet();
        System.setProperty(ModelCache.PROPERTY, temp.resolve("cache-" + run).toString());
        workbench = new Workbench(new SettingsStore(temp.resolve("config-" + run)));
        window = new MainWindow(workbench, stage);
        window.show();
        workbench.startUp();
        assertTrue(window.showPage(AttentionWorkspace.ID));
        page = (AttentionWorkspace) window.activeWorkspace();
    }

    @Stop
    void stop() {
        page.close();
        workbench.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private ImageAttentionModel image() {
        return page.model().image();
    }

    @Test
    void samplePhotoHeadPatchReverseRolloutMaskAndExport(FxRobot robot) throws Exception {
        // the sample photo through the untrained sample ViT, in the background
        waitUntil(() -> image().getResult() != null);
        ImageRunResult r = image().getResult();
        AttentionMaps m = r.maps();
        assertFalse(r.trained());
        assertEquals(14, m.gridW());
        assertEquals(197, m.tokens());
        // no trained model in this cache: the page says how to get one, and labels the maps untrained
        assertFalse(image().hasTrainedModelProperty().get());
        assertTrue(robot.lookup("#attention-get-model").query().getParent().isVisible());
        assertTrue(page.untrainedLabel().isVisible());
        assertTrue(page.untrainedLabel().getText().contains("UNTRAINED"));
        assertTrue(image().getModel().label().toLowerCase().contains("untrained"));

        // pick a head in the layers × heads grid
        Point2D cell = page.smallMultiples().cellCentre(new org.attentionworkbench.viewers.grid.LayerHead(1, 2));
        robot.clickOn(page.smallMultiples().localToScreen(cell));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, image().getLayer());
        assertEquals(2, image().getHead());
        float[] cls = image().getGrid().clone();
        assertArrayEquals(m.patchGrid(m.row(1, 2, 0)), cls);
        assertArrayEquals(cls, page.overlay().getGrid());

        // click a patch: its row is shown (the hover on the way there already showed it live)
        Node overlay = page.overlay();
        robot.clickOn(overlay);
        WaitForAsyncUtils.waitForFxEvents();
        int patch = image().pinnedPatchProperty().get();
        assertTrue(patch >= 0, "a patch is pinned");
        float[] row = image().getGrid().clone();
        assertFalse(Arrays.equals(cls, row), "the overlay changed from the CLS map to the patch's row");
        assertArrayEquals(m.patchGrid(m.row(1, 2, r.patchToken(patch))), row);
        assertArrayEquals(row, page.overlay().getGrid());
        assertNotNull(page.overlay().getHighlightedCell());

        // the pointer moving over another patch redraws live, without running the model
        long runs = r.millis();
        robot.moveBy(-60, -40);
        WaitForAsyncUtils.waitForFxEvents();
        int hovered = image().hoveredPatchProperty().get();
        if (hovered >= 0 && hovered != patch) {
            assertArrayEquals(m.patchGrid(m.row(1, 2, r.patchToken(hovered))), image().getGrid());
        }
        assertEquals(runs, image().getResult().millis());

        // reverse: who attends to the pinned patch
        robot.clickOn("#attention-reverse");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(image().reverseProperty().get());
        assertArrayEquals(m.patchGrid(m.column(1, 2, r.patchToken(patch))), image().getGrid());
        assertFalse(Arrays.equals(row, image().getGrid()));
        robot.clickOn("#attention-reverse");

        // keys: Esc back to CLS, ] next layer, J next head
        robot.clickOn(overlay).type(KeyCode.ESCAPE);
        robot.moveTo("#attention-reverse");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ImageAttentionModel.NO_PATCH, image().pinnedPatchProperty().get());
        robot.type(KeyCode.CLOSE_BRACKET);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, image().getLayer());

        // rollout (off the FX thread) and the DINO mass mask as contours
        robot.clickOn("#attention-rollout");
        waitUntil(() -> image().rolloutMatrixProperty().get() != null);
        assertTrue(image().captionProperty().get().startsWith("Rollout"));
        float[] rollout = image().getGrid().clone();
        robot.clickOn("#attention-mask");
        waitUntil(() -> !image().getContours().isEmpty());
        List<float[]> contours = page.overlay().getContours();
        assertFalse(contours.isEmpty());
        assertArrayEquals(rollout, image().getGrid());

        // export: overlay PNG at the image's size, raw maps [L, H, N, N], statistics
        Path out = temp.resolve("export-image");
        AtomicReference<List<Path>> files = new AtomicReference<>();
        robot.interact(() -> page.export(out, files::set));
        waitUntil(() -> files.get() != null);
        BufferedImage png = ImageIO.read(out.resolve(AttentionFiles.OVERLAY).toFile());
        var img = workbench.currentImageProperty().get();
        assertEquals(img.width(), png.getWidth());
        assertEquals(img.height(), png.getHeight());
        NpyArray npy = Npy.read(out.resolve(AttentionFiles.ATTENTION));
        assertArrayEquals(new int[] {m.layers(), m.heads(), m.tokens(), m.tokens()}, npy.shape());
        assertArrayEquals(m.data(), npy.toFloats());
        assertArrayEquals(new int[] {m.gridH(), m.gridW()}, Npy.read(out.resolve(AttentionFiles.MAP)).shape());
        List<String> csv = Files.readAllLines(out.resolve(AttentionFiles.STATS_CSV));
        assertEquals("layer,head,mean_distance_px,entropy_nats", csv.get(0));
        assertEquals(m.layers() * m.heads() + 1, csv.size());
        Double.parseDouble(csv.get(1).split(",")[2]);
        JsonObject stats = JsonParser.parseString(Files.readString(out.resolve(AttentionFiles.STATS_JSON)))
                .getAsJsonObject();
        assertEquals(m.layers() * m.heads(), stats.getAsJsonArray("heads_stats").size());
        JsonObject tokens = JsonParser.parseString(Files.readString(out.resolve(AttentionFiles.TOKENS)))
                .getAsJsonObject();
        assertFalse(tokens.get("trained").getAsBoolean());
        assertEquals(m.tokens(), tokens.get("tokens").getAsInt());
    }

    @Test
    void textModeRunsMiniLmShowsTokensAndExports(FxRobot robot) throws Exception {
        robot.clickOn("#attention-mode-text");
        TextAttentionModel text = page.model().text();
        // switching to text runs the example sentence once; then a sentence of our own
        waitUntil(() -> text.getResult() != null && !text.runningProperty().get());
        robot.interact(() -> text.textProperty().set(""));
        robot.clickOn("#attention-text").write("Dogs chase cats.");
        robot.clickOn("#attention-text-run");
        waitUntil(() -> text.getResult() != null && text.getResult().text().equals("Dogs chase cats."));
        TextRunResult r = text.getResult();
        assertEquals(List.of("[CLS]", "dogs", "chase", "cats", ".", "[SEP]"), r.tokens());
        assertArrayEquals(r.tokenArray(), page.headView().getTokens());
        assertEquals(6, r.maps().layers());
        assertEquals(12, r.maps().heads());

        Path out = temp.resolve("export-text");
        AtomicReference<List<Path>> files = new AtomicReference<>();
        robot.interact(() -> page.export(out, files::set));
        waitUntil(() -> files.get() != null);
        NpyArray npy = Npy.read(out.resolve(AttentionFiles.ATTENTION));
        assertArrayEquals(new int[] {6, 12, 6, 6}, npy.shape());
        JsonObject tokens = JsonParser.parseString(Files.readString(out.resolve(AttentionFiles.TOKENS)))
                .getAsJsonObject();
        assertEquals("dogs", tokens.getAsJsonArray("tokens").get(1).getAsString());
        assertEquals(384, Npy.read(out.resolve(AttentionFiles.EMBEDDING)).size());
    }

    @Test
    void importingACheckpointAddsItToTheModels(FxRobot robot) throws Exception {
        waitUntil(() -> !image().models().isEmpty());
        assertFalse(image().hasTrainedModelProperty().get());
        int before = image().models().size();
        robot.interact(() -> page.models().importFile(TIMM_VIT.toAbsolutePath(), 4));
        waitUntil(() -> image().models().stream().anyMatch(c -> "import".equals(c.origin())));
        assertEquals(before + 1, image().models().size());
        ModelChoice imported = image().models().stream().filter(c -> "import".equals(c.origin())).findFirst()
                .orElseThrow();
        assertEquals(imported, image().getModel(), "the imported model is selected");
        assertTrue(image().hasTrainedModelProperty().get());
        assertFalse(robot.lookup("#attention-get-model").query().getParent().isVisible());
        // and it runs on the current image
        waitUntil(() -> image().getResult() != null && image().getResult().card().equals(imported.card()));
    }

    /** The model manager lists the catalog's depth models too (the 360° and Point clouds pages use them). */
    @Test
    void modelManagerListsImageAndDepthModels(FxRobot robot) {
        robot.clickOn("Models…");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TableView<?> table = robot.lookup("#models-catalog").queryAs(javafx.scene.control.TableView.class);
        var entries = table.getItems().stream()
                .map(o -> (org.attentionworkbench.compute.models.catalog.ModelCatalog.Entry) o).toList();
        assertTrue(entries.stream().anyMatch(e -> !e.isDepth()), "image models");
        assertTrue(entries.stream().anyMatch(e -> e.isDepth() && e.licence.contains("Apache")),
                "Depth Anything V2 Small, Apache-2.0");
    }
}
