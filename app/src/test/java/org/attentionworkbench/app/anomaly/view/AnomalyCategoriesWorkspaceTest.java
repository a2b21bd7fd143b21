package org.attentionworkbench.app.anomaly.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.attentionworkbench.app.anomaly.InspectionController;
import org.attentionworkbench.app.anomaly.InspectionItem;
import org.attentionworkbench.app.anomaly.InspectionModel;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.pipeline.RunResult;
import org.attentionworkbench.samples.defects.DefectDataset;
import org.attentionworkbench.samples.defects.Surface;
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
 * The page on a folder of two categories (brushed metal and woven fabric, each MVTec-style) with the real
 * MobileNetV2: a prompt per category, the category filter, the scorer choice reaching the run.
 */
@ExtendWith(ApplicationExtension.class)
class AnomalyCategoriesWorkspaceTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path WEIGHTS = REPO.resolve("../shared/models/mobilenet_v2_imagenet.safetensors").normalize();

    @TempDir
    static Path temp;

    private Workbench workbench;
    private AnomalyWorkspace page;

    @BeforeAll
    static void properties() {
        System.setProperty("workbench.home", REPO.toString());
        System.setProperty("workbench.cache.dir", temp.resolve("cache").toString());
    }

    @Start
    void start(Stage stage) {
        workbench = new Workbench(new SettingsStore(temp.resolve("config")));
        workbench.devices().select("java");
        page = new AnomalyWorkspace(workbench);
        stage.setScene(new Scene((javafx.scene.Parent) page.view(), 1400, 900));
        stage.show();
    }

    @Stop
    void stop() {
        page.close();
        workbench.close();
    }

    private static void waitUntil(long seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void everyScorerHasADistinctReadableName() {
        Set<String> names = new HashSet<>();
        for (AnomalyInspector.Method m : AnomalyInspector.Method.values()) {
            String n = ScorerChoice.readable(m);
            assertFalse(n.isBlank() || n.contains("_"), m + " → " + n);
            assertTrue(names.add(n), "two scorers named " + n);
        }
        assertEquals(AnomalyInspector.Method.values().length, page.views().scorer().getItems().size(),
                "the combo lists every scorer compute has");
    }

    @Test
    void categoryFilterAndScorerChoice(FxRobot robot) throws Exception {
        assumeTrue(Files.isRegularFile(WEIGHTS), "MobileNetV2 weights not at " + WEIGHTS + ": skipped");
        Path root = temp.resolve("plant");
        DefectDataset.writeDataset(root.resolve("metal"), Surface.BRUSHED_METAL, 96, 4, 1, 5);
        DefectDataset.writeDataset(root.resolve("fabric"), Surface.WOVEN_FABRIC, 96, 4, 1, 6);
        InspectionModel model = page.model();
        InspectionController controller = page.controller();
        waitUntil(20, () -> workbench.devices().device() != null);
        AnomalyWorkspace.Parts views = page.views();
        assertFalse(views.category().getParent().isVisible(), "no category filter for one dataset");

        robot.interact(() -> {
            model.inputSizeProperty().set(96);
            try {
                controller.openFolder(root);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        // a prompt per category, from its own train/good
        assertEquals(List.of("fabric", "metal"), model.categories());
        assertEquals(2, model.prompts().size());
        assertTrue(model.prompts().get(0).toString().contains("/fabric/train/good/"), model.prompts().toString());
        assertTrue(model.prompts().get(1).toString().contains("/metal/train/good/"), model.prompts().toString());
        int all = model.items().size();
        assertEquals(2 * (4 + 3), all, "4 good + 3 defects per category");
        assertTrue(views.category().getParent().isVisible());
        assertEquals(List.of("All categories", "fabric", "metal"), views.category().getItems());
        assertTrue(robot.lookup("." + AnomalyStyles.QUEUE_NAME).queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().startsWith("[fabric] test/")), "rows name their category");

        // the scorer: k only for the k-NN scorers (the default among them, with the CLI's k); the choice goes
        // into the run's request
        robot.interact(() -> views.scorer().setValue(AnomalyInspector.Method.AUTO));
        assertFalse(views.k().isDisabled());
        assertEquals(AnomalyInspector.Settings.DEFAULT_NEIGHBOURS, model.neighboursProperty().get());
        robot.interact(() -> views.scorer().setValue(AnomalyInspector.Method.RECONSTRUCTION));
        assertTrue(views.k().isDisabled());
        robot.clickOn(views.scorer());
        robot.clickOn(ScorerChoice.readable(AnomalyInspector.Method.NEAREST_NEIGHBOURS));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(AnomalyInspector.Method.NEAREST_NEIGHBOURS, model.methodProperty().get());
        assertFalse(views.k().isDisabled());
        robot.interact(() -> views.k().getValueFactory().setValue(2));
        assertEquals(2, model.neighboursProperty().get());

        robot.interact(() -> assertTrue(controller.run(), model.statusProperty().get()));
        waitUntil(120, () -> !model.runningProperty().get() && model.lastRunProperty().get() != null);
        RunResult run = model.lastRunProperty().get();
        assertEquals(AnomalyInspector.Method.NEAREST_NEIGHBOURS, run.request().options().settings().method());
        assertEquals(2, run.request().options().settings().neighbours());
        assertTrue(run.scorer().contains("k=2"), run.scorer());
        assertEquals(all, model.scoredCountProperty().get());
        assertEquals(0.5, model.thresholdProperty().get(), 1e-12, "each category's own threshold is 0.5 in common");
        assertEquals(run.flaggedCount(), model.flaggedCountProperty().get());

        // the filter: pick "metal" in the combo; only metal rows, and the metrics of metal alone
        robot.clickOn(views.category());
        robot.clickOn("metal");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("metal", model.categoryFilterProperty().get());
        assertEquals(7, model.queue().size());
        for (InspectionItem it : model.queue()) {
            assertEquals("metal", it.category(), it.name());
        }
        assertTrue(model.current() == null || "metal".equals(model.current().category()));
        assertNotNull(model.metricsProperty().get());
        assertEquals(4, model.metricsProperty().get().good(), "metal's own metrics: 4 good");
        int metalDefects = model.metricsProperty().get().defect();
        Label counts = robot.lookup(n -> n instanceof Label l && l.getText() != null
                && l.getText().startsWith("at the threshold:")).queryAs(Label.class);
        int[] shown = java.util.Arrays.stream(counts.getText().replaceAll("[^0-9]+", " ").trim().split(" "))
                .mapToInt(Integer::parseInt).toArray();
        assertEquals(4 + metalDefects, java.util.Arrays.stream(shown).sum(), "counts of metal alone: " + counts.getText());
        robot.interact(() -> views.category().setValue("All categories"));
        assertEquals(null, model.categoryFilterProperty().get());
        assertEquals(all, model.queue().size());
        assertEquals(8, model.metricsProperty().get().good());

        // one category's folder afterwards: one dataset again, its own prompt only, no category filter
        robot.interact(() -> {
            try {
                controller.openFolder(root.resolve("metal"));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(model.categories().isEmpty());
        assertEquals(1, model.prompts().size());
        assertTrue(model.prompts().get(0).toString().contains("/metal/train/good/"), model.prompts().toString());
        assertFalse(views.category().getParent().isVisible());
        assertTrue(model.items().stream().allMatch(i -> i.category() == null));
    }
}
