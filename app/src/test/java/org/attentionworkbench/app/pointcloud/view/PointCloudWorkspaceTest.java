package org.attentionworkbench.app.pointcloud.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import javafx.geometry.Bounds;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.attentionworkbench.app.PageFixture;
import org.attentionworkbench.app.pointcloud.Measurements;
import org.attentionworkbench.app.pointcloud.PickedPoint;
import org.attentionworkbench.app.pointcloud.PointCloudModel;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointClouds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The page in a window: open a small cloud, orbit, pick two points, read the distance. */
@ExtendWith(ApplicationExtension.class)
class PointCloudWorkspaceTest {
    @TempDir
    static Path temp;

    private Workbench workbench;
    private PointCloudWorkspace page;

    @Start
    void start(Stage stage) {
        workbench = new Workbench(new SettingsStore(temp.resolve("config")));
        workbench.settings().setPointRenderer("java"); // no GL context under Monocle
        page = new PointCloudWorkspace(workbench);
        PageFixture.show(stage, page, 1200, 800);
    }

    @Stop
    void stop() {
        page.close();
        workbench.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        PageFixture.waitUntil(30, condition);
    }

    /** A dense 60×60 sheet of points (z = x / 10), so a click anywhere on it hits one. */
    private static Path sheet() throws Exception {
        int n = 60 * 60;
        float[] xyz = new float[3 * n];
        for (int i = 0; i < n; i++) {
            xyz[3 * i] = i % 60;
            xyz[3 * i + 1] = i / 60;
            xyz[3 * i + 2] = (i % 60) / 10f;
        }
        Path f = temp.resolve("sheet.ply");
        PointClouds.write(PointCloud.of(xyz), f);
        return f;
    }

    @Test
    void openOrbitPickTwoPointsAndReadTheDistance(FxRobot robot) throws Exception {
        Path file = sheet();
        PointCloudModel model = page.controller().model();
        robot.interact(() -> page.controller().open(file));
        waitUntil(() -> model.cloud() != null && page.pointView().getFramesShown() > 0
                && page.pointView().getRenderer() != null);
        assertTrue(model.rendererNoteProperty().get().startsWith("Java renderer"), model.rendererNoteProperty().get());

        var view = page.pointView();
        String before = view.getCamera().encode();
        Bounds b = view.localToScreen(view.getBoundsInLocal());
        double cx = b.getMinX() + b.getWidth() / 2;
        double cy = b.getMinY() + b.getHeight() / 2;
        robot.moveTo(cx, cy).press(MouseButton.PRIMARY).moveBy(40, 10).moveBy(40, 10).release(MouseButton.PRIMARY);
        waitUntil(() -> !view.getCamera().encode().equals(before));
        assertNotEquals(before, view.getCamera().encode(), "dragging orbits the camera");
        long frames = view.getFramesShown();
        waitUntil(() -> view.getFramesShown() > frames || view.getFramesShown() == frames);

        robot.clickOn(cx - 30, cy);
        waitUntil(() -> model.picked().size() == 1);
        robot.clickOn(cx + 40, cy + 20);
        waitUntil(() -> model.picked().size() == 2);
        PickedPoint a = model.picked().get(0);
        PickedPoint c = model.picked().get(1);
        assertNotEquals(a.index(), c.index());
        // the picked points are points of the sheet, where the clicks were
        PointCloud cloud = model.cloud();
        assertEquals(cloud.coordinate(a.index(), 0), a.x(), 1e-6);
        String shown = page.view().lookup("." + PointCloudStyles.MEASUREMENT) instanceof javafx.scene.control.Label l
                ? l.getText() : "";
        String distance = String.format(Locale.ROOT, "Distance %.4f", Measurements.distance(a, c));
        assertTrue(shown.startsWith(distance), shown + " should start with " + distance);
        assertTrue(Measurements.distance(a, c) > 1, "two clicks 70 px apart are more than one grid step apart");
    }
}
