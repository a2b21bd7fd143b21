package org.attentionworkbench.app.anomaly.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.attentionworkbench.app.anomaly.DecisionLog;
import org.attentionworkbench.app.anomaly.InspectionController;
import org.attentionworkbench.app.anomaly.InspectionItem;
import org.attentionworkbench.app.anomaly.InspectionModel;
import org.attentionworkbench.app.anomaly.InspectionService;
import org.attentionworkbench.app.anomaly.PromptMatch;
import org.attentionworkbench.app.anomaly.Verdict;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.anomaly.data.AnomalyLabel;
import org.attentionworkbench.compute.anomaly.refiner.OneNipRefiner;
import org.attentionworkbench.compute.anomaly.refiner.RefinerNet;
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
 * The inspection workflow end to end on the Java device with the real MobileNetV2: a synthetic
 * MVTec-style folder, one good image as the prompt, run, queue, keys, decisions on disk while the app
 * runs, restore, threshold, hover.
 */
@ExtendWith(ApplicationExtension.class)
class AnomalyWorkspaceTest {
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
    void inspectDecideRestoreThresholdAndHover(FxRobot robot) throws Exception {
        assumeTrue(Files.isRegularFile(WEIGHTS), "MobileNetV2 weights not at " + WEIGHTS + ": skipped");
        Path dir = temp.resolve("parts");
        DefectDataset.writeDataset(dir, Surface.BRUSHED_METAL, 128, 4, 2, 11);
        // one corrupt file among the test images: the run goes on without it and says why
        Files.write(dir.resolve("test/good/zz_broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
        InspectionModel model = page.model();
        InspectionController controller = page.controller();
        waitUntil(20, () -> workbench.devices().device() != null);

        // 1. open: the training split's first image becomes the normal prompt; 4 good + 3 kinds × 2 defects
        robot.interact(() -> {
            model.inputSizeProperty().set(128);
            try {
                controller.openFolder(dir);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(1, model.prompts().size());
        assertTrue(model.prompts().get(0).toString().contains("train"), model.prompts().toString());
        assertEquals(11, model.items().size());

        // 2. run off the FX thread; results stream into the queue
        robot.interact(() -> assertTrue(controller.run(), model.statusProperty().get()));
        waitUntil(60, () -> !model.runningProperty().get() && model.lastRunProperty().get() != null);
        assertEquals(11, model.queue().size());
        assertEquals(10, model.scoredCountProperty().get());
        for (InspectionItem it : model.queue()) {
            assertEquals(it.name().endsWith("zz_broken.png"), Double.isNaN(it.score()), it.name());
        }
        InspectionItem broken = model.queue().get(model.queue().size() - 1);
        assertTrue(broken.failure() != null && broken.failure().contains("zz_broken.png"), broken.failure());
        assertEquals(1, model.failures().size());
        assertTrue(model.statusProperty().get().contains("1 could not be read"), model.statusProperty().get());
        // 3. defects rank above good parts on average, and the labels give metrics
        double good = mean(model.items(), AnomalyLabel.GOOD);
        double defect = mean(model.items(), AnomalyLabel.DEFECT);
        assertTrue(defect > good, "defect mean " + defect + " vs good mean " + good);
        assertNotNull(model.metricsProperty().get());
        assertTrue(model.metricsProperty().get().auroc() > 0.5, "AUROC " + model.metricsProperty().get().auroc());
        assertTrue(page.views().roc().isVisible());

        // 4. R on the current image: the line is in decisions.csv at once (read while the app runs)
        Path csv = dir.resolve(DecisionLog.CSV);
        robot.interact(() -> page.views().queue().requestFocus());
        InspectionItem first = model.current();
        assertNotNull(first);
        robot.type(KeyCode.R);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(1).contains("," + first.name() + ",reject,"), lines.get(1));
        // 5. the page moved on; A accepts the next one
        InspectionItem second = model.current();
        assertNotEquals(first, second);
        robot.type(KeyCode.A);
        WaitForAsyncUtils.waitForFxEvents();
        lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(2).contains("," + second.name() + ",accept,"), lines.get(2));
        // a digit key rejects as that class; ← goes back
        robot.type(KeyCode.LEFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(second, model.current());

        // 6. a fresh model on the same folder restores the decisions
        InspectionController again = new InspectionController(workbench);
        robot.interact(() -> {
            try {
                again.openFolder(dir);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        InspectionItem r1 = again.model().items().stream().filter(i -> i.name().equals(first.name())).findFirst().orElseThrow();
        InspectionItem r2 = again.model().items().stream().filter(i -> i.name().equals(second.name())).findFirst().orElseThrow();
        assertEquals(Verdict.REJECT, r1.decision().verdict());
        assertEquals(Verdict.ACCEPT, r2.decision().verdict());
        again.close();

        // 7. the threshold slider drives the flagged count
        robot.interact(() -> page.views().slider().setValue(page.views().slider().getMin()));
        assertEquals(10, model.flaggedCountProperty().get());
        robot.interact(() -> page.views().slider().setValue(page.views().slider().getMax()));
        assertEquals(0, model.flaggedCountProperty().get());
        double mid = (good + defect) / 2;
        robot.interact(() -> page.views().slider().setValue(mid));
        long expected = model.items().stream().filter(i -> i.score() > mid).count(); // NaN: never flagged
        assertEquals(expected, model.flaggedCountProperty().get());
        assertTrue(expected > 0 && expected < 10, "flagged at the midpoint: " + expected);

        // 8. hover a target patch: the prompt shows that patch's cosine to every prompt patch, the best marked
        //    (the default scorer is k-NN; an attention row only comes with the softmax reconstruction)
        InspectionItem defective = model.items().stream().filter(i -> i.label() == AnomalyLabel.DEFECT).findFirst()
                .orElseThrow();
        robot.interact(() -> controller.select(defective));
        robot.moveTo(page.views().target()).moveBy(7, 5);
        waitUntil(10, () -> model.matchProperty().get() != null);
        PromptMatch m = model.matchProperty().get();
        assertFalse(m.attention());
        assertEquals(16 * 16, m.grid().length); // 128 / 8 per side
        double max = Double.NEGATIVE_INFINITY;
        for (float v : m.grid()) {
            assertTrue(v <= 1 + 1e-4, "a cosine: " + v);
            max = Math.max(max, v);
        }
        assertEquals(max, m.grid()[m.best()], 1e-6);
        assertEquals(max, m.bestValue(), 1e-4);
        assertNotNull(page.views().prompt().getGrid());
        assertNotNull(page.views().prompt().getHighlightedCell());
        assertNotNull(page.views().target().getGrid());
    }

    @Test
    void closingThePageCancelsAndStopsItsThreads(FxRobot robot) {
        // the main window closes every AutoCloseable page when it is hidden; the page closes its controller
        InspectionService service = new InspectionService();
        AutoCloseable closeable = new AnomalyWorkspace(new InspectionController(workbench, new InspectionModel(), service));
        robot.interact(() -> {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(service.isClosed(), "the prompt-match thread is stopped and the matcher freed");
    }

    @Test
    void aRefinerChosenOnThePageReachesTheRunAndAMismatchIsShown(FxRobot robot) throws Exception {
        assumeTrue(Files.isRegularFile(WEIGHTS), "MobileNetV2 weights not at " + WEIGHTS + ": skipped");
        Path dir = temp.resolve("refined");
        DefectDataset.writeDataset(dir, Surface.BRUSHED_METAL, 96, 3, 1, 21);
        // an untrained refiner for MobileNetV2's 152 feature channels (taps 3, 6, 13), said to be trained at 512 px
        Path refiner = temp.resolve("metal-refiner.safetensors");
        new RefinerNet(152, 4, 1).save(refiner, java.util.Map.of("kind", "anomaly-refiner", "features",
                "mobilenet_v2 taps 3,6,13 at 512px, 3×3 mean, grid 64×64", "scorer", "nearest neighbours (k=3)"));
        Path junk = temp.resolve("junk.safetensors");
        Files.writeString(junk, "not a refiner");
        InspectionModel model = page.model();
        InspectionController controller = page.controller();
        waitUntil(20, () -> workbench.devices().device() != null);
        robot.interact(() -> {
            model.inputSizeProperty().set(96);
            try {
                controller.openFolder(dir);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        javafx.scene.control.MenuButton menu = page.views().refiner();
        assertEquals("No refiner", menu.getText());
        robot.interact(() -> model.refinerProperty().set(refiner));
        assertEquals("Refiner: metal-refiner.safetensors", menu.getText());
        // the mode from the menu
        robot.interact(() -> ((javafx.scene.control.RadioMenuItem) menu.getItems().stream()
                .filter(i -> "Replace the scorer's map".equals(i.getText())).findFirst().orElseThrow()).setSelected(true));
        assertEquals(OneNipRefiner.Mode.REPLACE, model.refinerModeProperty().get());

        robot.interact(() -> assertTrue(controller.run(), model.statusProperty().get()));
        waitUntil(90, () -> !model.runningProperty().get() && model.lastRunProperty().get() != null);
        String status = model.statusProperty().get();
        assertTrue(model.lastRunProperty().get().description().contains("metal-refiner.safetensors (replace)"),
                model.lastRunProperty().get().description());
        assertTrue(status.contains("warning: the refiner") && status.contains("512px"), status);

        // a file that is no refiner: the run fails with its name, the page stays usable
        robot.interact(() -> model.refinerProperty().set(junk));
        robot.interact(() -> assertTrue(controller.run(), model.statusProperty().get()));
        waitUntil(60, () -> !model.runningProperty().get() && model.statusProperty().get().startsWith("Inspection failed"));
        assertTrue(model.statusProperty().get().contains("junk.safetensors"), model.statusProperty().get());
        robot.interact(() -> menu.getItems().stream().filter(i -> "No refiner".equals(i.getText())).findFirst()
                .orElseThrow().fire());
        assertEquals(null, model.refinerProperty().get());
    }

    private static double mean(List<InspectionItem> items, AnomalyLabel label) {
        return items.stream().filter(i -> i.label() == label && !Double.isNaN(i.score()))
                .mapToDouble(InspectionItem::score).average().orElseThrow();
    }
}
