package org.attentionworkbench.app.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.app.anomaly.view.AnomalyWorkspace;
import org.attentionworkbench.app.attention.AttentionMode;
import org.attentionworkbench.app.attention.view.AttentionWorkspace;
import org.attentionworkbench.app.colorize.view.ColorizeWorkspace;
import org.attentionworkbench.app.labs.DemoLab;
import org.attentionworkbench.app.labs.view.LabsWorkspace;
import org.attentionworkbench.app.pointcloud.view.PointCloudWorkspace;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.ImagesWorkspace;
import org.attentionworkbench.app.zoo.view.ZooWorkspace;
import org.attentionworkbench.compute.device.Devices;
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
 * Every workspace in a 1280×800 window (a common laptop size), in the state a user sees after the
 * page has done its work: no text cut short with an ellipsis, no control beyond the window's edge.
 * The Anomaly page is checked twice, with the demo run and with no backbone found (its longest label).
 */
@ExtendWith(ApplicationExtension.class)
class WorkspacesAt1280x800Test {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;

    @TempDir
    static Path temp;

    private Workbench workbench;
    private MainWindow window;

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
    void start(Stage stage) throws Exception {
        // the window size comes from the settings, as on a user's machine
        Path config = temp.resolve("config");
        Files.createDirectories(config);
        Files.writeString(config.resolve(SettingsStore.FILE_NAME),
                "{ \"windowWidth\": " + WIDTH + ", \"windowHeight\": " + HEIGHT + " }");
        workbench = new Workbench(new SettingsStore(config));
        window = new MainWindow(workbench, stage);
        window.show();
        workbench.startUp();
    }

    @Stop
    void stop() {
        workbench.close();
    }

    @Test
    void everyWorkspaceFitsWithoutCutLabels(FxRobot robot) throws Exception {
        assertEquals(WIDTH, window.stage().getScene().getWidth(), 1);
        assertEquals(HEIGHT, window.stage().getScene().getHeight(), 1);
        List<String> problems = new ArrayList<>();
        waitUntil(60, () -> workbench.currentImageProperty().get() != null
                && workbench.devices().stateProperty().get().info() != null);

        show(robot, ImagesWorkspace.ID);
        check("Images", problems);

        AttentionWorkspace attention = (AttentionWorkspace) show(robot, AttentionWorkspace.ID);
        waitUntil(120, () -> attention.model().image().getResult() != null && !attention.model().image().runningProperty().get());
        check("Attention, image mode", problems);
        robot.interact(() -> attention.model().modeProperty().set(AttentionMode.TEXT));
        waitUntil(120, () -> attention.model().text().getResult() != null && !attention.model().text().runningProperty().get());
        check("Attention, text mode", problems);

        AnomalyWorkspace anomaly = (AnomalyWorkspace) show(robot, AnomalyWorkspace.ID);
        if (anomaly.model().backboneProperty().get() != null) {
            robot.interact(() -> anomaly.controller().openDemo());
            waitUntil(180, () -> anomaly.model().scoredCountProperty().get() > 0 && !anomaly.model().runningProperty().get()
                    && workbench.tasks().currentProperty().get() == null);
            check("Anomaly, demo run", problems);
        }
        robot.interact(() -> anomaly.model().backboneProperty().set(null));
        check("Anomaly, no backbone", problems);

        ColorizeWorkspace colorize = (ColorizeWorkspace) show(robot, ColorizeWorkspace.ID);
        waitUntil(120, () -> colorize.model().getResult() != null);
        check("Colorize", problems);

        PointCloudWorkspace clouds = (PointCloudWorkspace) show(robot, PointCloudWorkspace.ID);
        check("Point clouds, empty", problems);
        Path bunny = Path.of("..").toAbsolutePath().normalize()
                .resolve("../shared/data/pointclouds/bunny/stanford_bunny_reduced.ply").normalize();
        if (java.nio.file.Files.isRegularFile(bunny)) {
            robot.interact(() -> clouds.controller().open(bunny));
            waitUntil(60, () -> clouds.controller().model().cloud() != null
                    && clouds.pointView().getFramesShown() > 0);
            robot.interact(() -> clouds.controller().pick(10));
            robot.interact(() -> clouds.controller().pick(20));
            check("Point clouds, bunny with two points picked", problems);
        }

        ZooWorkspace zoo = (ZooWorkspace) show(robot, ZooWorkspace.ID);
        check("Zoo, before a run", problems);
        robot.interact(() -> zoo.controller().run());
        waitUntil(180, () -> zoo.model().getResult() != null && !zoo.model().runningProperty().get());
        robot.interact(() -> {
            zoo.model().hoveredMechanismProperty().set(0);
            zoo.model().hoveredTokenProperty().set(3);
        });
        check("Zoo, synthetic run with a row hovered", problems);
        robot.interact(() -> {
            zoo.showCost(true);
            zoo.costPane().sizesField().setText("16,32");
            zoo.costPane().run();
        });
        waitUntil(120, () -> zoo.costPane().resultProperty().get() != null && !zoo.costPane().runningProperty().get());
        check("Zoo, cost curves", problems);
        robot.interact(() -> zoo.showCost(false));
        LabsWorkspace labs = (LabsWorkspace) show(robot, LabsWorkspace.ID);
        check("Labs, the registered labs", problems);
        robot.interact(() -> {
            labs.model().labs().add(new DemoLab()); // the real labs may still be few; the demo shows every kind of figure
            labs.controller().select(labs.model().labs().get(labs.model().labs().size() - 1));
            labs.controller().run();
        });
        waitUntil(60, () -> labs.model().result() != null && !labs.model().runningProperty().get());
        check("Labs, demo lab after a run", problems);

        assertTrue(problems.isEmpty(), "At " + WIDTH + "x" + HEIGHT + ":\n" + String.join("\n", problems));
    }

    private org.attentionworkbench.app.workspace.Workspace show(FxRobot robot, String id) {
        robot.interact(() -> assertTrue(window.showPage(id), id));
        WaitForAsyncUtils.waitForFxEvents();
        return window.activeWorkspace();
    }

    private void check(String page, List<String> problems) {
        WaitForAsyncUtils.waitForFxEvents();
        for (String p : LayoutProblems.ellipsised(window.stage().getScene())) {
            problems.add(page + ": cut short: " + p);
        }
        for (String p : LayoutProblems.outsideWindow(window.stage().getScene())) {
            problems.add(page + ": outside the window: " + p);
        }
    }

    private static void waitUntil(long seconds, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
