package org.attentionworkbench.app.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.attentionworkbench.app.layout.MainWindow;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.app.zoo.view.ZooWorkspace;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.models.catalog.ModelCache;
import org.attentionworkbench.compute.zoo.ZooInput;
import org.attentionworkbench.compute.zoo.ZooRun;
import org.attentionworkbench.compute.zoo.mechanisms.CasVitMixer;
import org.attentionworkbench.viewers.zoo.MatrixView;
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

/** The Zoo page driven as a user would, headless, on the Java device. */
@ExtendWith(ApplicationExtension.class)
class ZooWorkspaceTest {
    private static final AtomicInteger RUN = new AtomicInteger();
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    static Path temp;

    private Workbench workbench;
    private ZooWorkspace page;

    @BeforeAll
    static void properties() {
        System.setProperty(Devices.PROPERTY, "java");
        System.setProperty(ModelCache.PROPERTY, temp.resolve("cache").toString());
        System.setProperty("workbench.home", REPO.toString());
    }

    @AfterAll
    static void clear() {
        System.clearProperty(Devices.PROPERTY);
        System.clearProperty(ModelCache.PROPERTY);
        System.clearProperty("workbench.home");
    }

    @Start
    void start(Stage stage) {
        workbench = new Workbench(new SettingsStore(temp.resolve("config-" + RUN.incrementAndGet())));
        MainWindow window = new MainWindow(workbench, stage);
        window.show();
        workbench.startUp();
        assertTrue(window.showPage(ZooWorkspace.ID));
        page = (ZooWorkspace) window.activeWorkspace();
    }

    @Stop
    void stop() {
        workbench.close();
    }

    private void runAndWait(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> workbench.devices().device() != null);
        ZooResult before = page.model().getResult();
        robot.interact(() -> page.controller().run());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> page.model().getResult() != before
                && !page.model().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void syntheticRunDrawsEveryMatrixAndHoverShowsTheRowOnTheGrid(FxRobot robot) throws Exception {
        robot.interact(() -> {
            page.model().sourceProperty().set(ZooModel.Source.SYNTHETIC);
            page.model().tokensProperty().set(16);
            page.model().dimProperty().set(8);
        });
        runAndWait(robot);
        ZooResult r = page.model().getResult();
        int chosen = page.model().chosen().size();
        assertEquals(chosen, r.run().entries().size());
        assertEquals(r.run().entries().stream().filter(e -> e.ok()).count(), page.matrices().size());
        assertEquals(chosen, page.table().getItems().size());
        assertEquals(16, r.input().n());
        assertEquals(4, r.input().rows(), "16 tokens make a 4×4 grid");
        assertNull(page.overlay().getGrid());

        MatrixView first = page.matrices().get(0);
        Point2D origin = robot.point(first).atPosition(Pos.TOP_LEFT).query();
        robot.moveTo(origin.add(first.getWidth() / 2, first.getHeight() * (5.5 / 16)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(5, page.model().hoveredTokenProperty().get());
        float[] grid = page.overlay().getGrid();
        assertNotNull(grid, "the hovered row is drawn on the grid");
        for (int j = 0; j < 16; j++) {
            assertEquals(Math.abs(r.run().entries().get(0).matrix().at(5, j)), grid[j], 1e-6);
        }
        assertEquals(5, page.scatter().hoveredQueryProperty().get(), "the Q/K map shows the same query");

        // unchecking a mechanism leaves it out of the next run
        String dropped = page.model().mechanisms().get(page.model().mechanisms().size() - 1);
        robot.interact(() -> page.model().chosen().remove(dropped));
        runAndWait(robot);
        assertFalse(page.model().getResult().run().entries().stream().anyMatch(e -> e.mixer().id().equals(dropped)));
    }

    @Test
    void liveGateCheckBoxTakesTheGatedMapsWithTheGateLive(FxRobot robot) throws Exception {
        robot.interact(() -> {
            page.model().sourceProperty().set(ZooModel.Source.SYNTHETIC);
            page.model().tokensProperty().set(16);
            page.model().dimProperty().set(8);
            page.model().chosen().clear();
            page.model().chosen().addAll(java.util.List.of("softmax", "cas-vit"));
        });
        robot.clickOn("#zoo-live-gate");
        assertTrue(page.model().liveGateProperty().get());
        runAndWait(robot);
        ZooRun.Entry cas = page.model().getResult().run().entries().get(1);
        assertEquals("CAS-ViT additive mixer (live gate)", cas.mixer().title());
        ZooInput in = page.model().getResult().input();
        assertArrayEquals(new CasVitMixer().liveMatrix(in).m(), cas.matrix().m());
    }

    @Test
    void sentenceRunShowsWordPiecesAndEveryHeadOfTheLayer(FxRobot robot) throws Exception {
        robot.interact(() -> {
            page.model().sourceProperty().set(ZooModel.Source.TEXT);
            page.model().textProperty().set("The cat sat on the mat.");
            page.model().layerProperty().set(1);
            page.model().headProperty().set(2);
        });
        runAndWait(robot);
        ZooResult r = page.model().getResult();
        assertTrue(r.input().fromModel());
        assertEquals("[CLS]", r.input().labels().get(0));
        assertEquals(12, page.heads().getChildren().size(), "MiniLM's 12 heads as small multiples");
        robot.interact(() -> {
            page.model().hoveredMechanismProperty().set(0);
            page.model().hoveredTokenProperty().set(2);
        });
        assertEquals(r.input().n(), page.sentence().getChildren().size());
        assertEquals("cat", ((Label) page.sentence().getChildren().get(2)).getText());
        assertTrue(page.sentence().isVisible());
    }

    @Test
    void imageRunOnTheRealVit4mnist(FxRobot robot) throws Exception {
        assumeTrue(Files.isRegularFile(REPO.resolve("../shared/models/vit4mnist.pth")), "../shared missing: skipped");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !page.model().models().isEmpty()
                && workbench.currentImageProperty().get() != null);
        robot.interact(() -> {
            page.model().sourceProperty().set(ZooModel.Source.IMAGE);
            page.model().modelProperty().set(page.model().models().stream()
                    .filter(m -> m.id().equals("vit4mnist")).findFirst().orElseThrow());
            page.model().layerProperty().set(3);
            page.model().headProperty().set(1);
        });
        runAndWait(robot);
        ZooResult r = page.model().getResult();
        assertEquals(16, r.input().n(), "4×4 patches, class token dropped");
        assertEquals(8, page.heads().getChildren().size());
        assertNotNull(r.image());
        robot.interact(() -> page.model().layerProperty().set(9));
        robot.interact(() -> page.controller().run());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !page.model().runningProperty().get()
                && page.model().statusProperty().get().contains("failed"));
        assertTrue(page.model().statusProperty().get().contains("layer 9"), page.model().statusProperty().get());
    }
}
