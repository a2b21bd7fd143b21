package org.attentionworkbench.app.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.attentionworkbench.app.layout.MainWindow;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.app.zoo.view.ZooCostPane;
import org.attentionworkbench.app.zoo.view.ZooWorkspace;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.models.catalog.ModelCache;
import org.attentionworkbench.viewers.figure.FigureContent;
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

/** The Zoo page's "Cost" tab driven as a user would, headless: measure, cancel, a bad N. */
@ExtendWith(ApplicationExtension.class)
class ZooCostPaneTest {
    private static final AtomicInteger RUN = new AtomicInteger();

    @TempDir
    static Path temp;

    private Workbench workbench;
    private ZooWorkspace page;

    @BeforeAll
    static void properties() {
        System.setProperty(Devices.PROPERTY, "java");
        System.setProperty(ModelCache.PROPERTY, temp.resolve("cache").toString());
    }

    @AfterAll
    static void clear() {
        System.clearProperty(Devices.PROPERTY);
        System.clearProperty(ModelCache.PROPERTY);
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

    private void choose(FxRobot robot, String... ids) {
        robot.interact(() -> {
            page.model().chosen().clear();
            page.model().chosen().addAll(List.of(ids));
            page.showCost(true);
        });
    }

    @Test
    void measureDrawsLogLogCurvesWithFittedExponentsAndTheTables(FxRobot robot) throws Exception {
        choose(robot, "hydra", "uniformer-local");
        ZooCostPane cost = page.costPane();
        assertNull(((BorderPane) page.view()).getRight(), "the Cost tab takes the side panel's width");
        robot.interact(() -> {
            cost.sizesField().setText("16, 32,64");
            cost.budgetField().setText("0.5");
        });
        robot.clickOn("#zoo-cost-run");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> cost.resultProperty().get() != null
                && !cost.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        var r = cost.resultProperty().get();
        // in the page's order; the Java engine (checked by default) brings softmax in as the reference
        assertEquals(List.of("softmax", "uniformer-local", "hydra", "softmax engine java"),
                List.copyOf(r.timeExponents().keySet()));
        assertEquals(4 * 3, r.points().size());
        FigureContent shown = cost.figureView().getFigures();
        FigureContent.Plot time = shown.plots().stream().filter(p -> p.id().equals("time")).findFirst().orElseThrow();
        assertTrue(time.logX() && time.logY());
        for (FigureContent.Curve c : time.curves()) {
            assertTrue(c.name().matches(".*\\(N\\^-?\\d+\\.\\d\\d\\)"), "fitted exponent in the name: " + c.name());
            assertEquals(3, c.x().length);
        }
        assertNotNull(cost.figureView().card("time"));
        assertNotNull(cost.figureView().card("points"));
        assertNotNull(cost.figureView().card("exponents"));
        assertTrue(cost.statusProperty().get().contains("4 series, 12 points"), cost.statusProperty().get());

        robot.interact(() -> page.showCost(false));
        assertNotNull(((BorderPane) page.view()).getRight(), "the matrices get their side panel back");
    }

    @Test
    void cancelStopsARunningMeasurement(FxRobot robot) throws Exception {
        choose(robot, "softmax");
        ZooCostPane cost = page.costPane();
        robot.interact(() -> {
            cost.sizesField().setText("1024,2048,4096,8192");
            cost.budgetField().setText("30");
        });
        robot.clickOn("#zoo-cost-run");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> cost.statusProperty().get().contains("N = 1024"));
        assertTrue(cost.runningProperty().get());
        robot.clickOn("#zoo-cost-cancel");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !cost.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Cost run cancelled", cost.statusProperty().get());
        assertNull(cost.resultProperty().get());
    }

    @Test
    void aBadSizeIsNamedAndNothingRuns(FxRobot robot) {
        choose(robot, "hydra");
        ZooCostPane cost = page.costPane();
        robot.interact(() -> cost.sizesField().setText("16,abc"));
        robot.clickOn("#zoo-cost-run");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("N: 'abc' is not a whole number", cost.statusProperty().get());
        assertFalse(cost.runningProperty().get());
        assertNull(cost.resultProperty().get());

        choose(robot);
        robot.interact(() -> cost.sizesField().setText("16"));
        robot.clickOn("#zoo-cost-run");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(cost.statusProperty().get().startsWith("Mechanisms:"), cost.statusProperty().get());
    }

    @Test
    void optionsFromThePageFields() {
        var o = ZooCost.options(" 128, 64 ", 16, 0.5, 2, List.of("hydra"), false, false);
        assertEquals(List.of(64, 128), java.util.Arrays.stream(o.sizes()).boxed().toList());
        assertEquals(List.of("hydra"), o.mechanisms());
        assertEquals(List.of(), o.devices());
        var withEngines = ZooCost.options("64", 16, 0.5, 2, List.of("hydra"), true, true);
        assertEquals(List.of("softmax", "hydra"), withEngines.mechanisms());
        assertEquals(List.of("java", "opencl"), withEngines.devices());
        assertEquals("N: 2 is outside 4 … 65536", assertThrows(IllegalArgumentException.class,
                () -> ZooCost.parseSizes("2")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ZooCost.parseSizes("100000")).getMessage()
                .contains("outside 4"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ZooCost.parseSizes(" ")).getMessage()
                .startsWith("N:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ZooCost.options("64", 16, 0, 2, List.of("hydra"), false, false)).getMessage().startsWith("Budget"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ZooCost.options("64", 16, 1, 2, List.of("nope"), false, false)).getMessage().contains("nope"));
    }
}
