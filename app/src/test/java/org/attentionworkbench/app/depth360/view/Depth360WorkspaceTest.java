package org.attentionworkbench.app.depth360.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.geometry.VerticalDirection;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.attentionworkbench.app.PageFixture;
import org.attentionworkbench.app.depth360.Depth360Model;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.viewers.panorama.PanoramaPoint;
import org.attentionworkbench.viewers.panorama.PanoramaView;
import org.attentionworkbench.viewers.panorama.ViewState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The 360° page in a window: open the sample room, drag, wheel within limits, keys, hover, pick, export. */
@ExtendWith(ApplicationExtension.class)
class Depth360WorkspaceTest {
    @TempDir
    static Path temp;

    private Workbench workbench;
    private Depth360Workspace page;

    @Start
    void start(Stage stage) {
        workbench = new Workbench(new SettingsStore(temp.resolve("config")));
        page = new Depth360Workspace(workbench);
        PageFixture.show(stage, page, 1000, 700);
    }

    @Stop
    void stop() {
        page.close();
        workbench.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        PageFixture.waitUntil(30, condition);
    }

    @Test
    void lookAroundTheSampleRoom(FxRobot robot) throws Exception {
        Depth360Model model = page.controller().model();
        PanoramaView view = page.panoramaView();
        robot.interact(() -> {
            view.frictionProperty().set(1); // no glide: the test reads where the drag left the view
            page.controller().openSampleRoom();
        });
        waitUntil(() -> model.panorama() != null && view.shownViewProperty().get() != null
                && view.getSource() != null);
        assertTrue(model.statusProperty().get().contains("2048×1024"), model.statusProperty().get());
        assertEquals(1, view.frameCountProperty().get() > 0 ? 1 : 0, "a frame was shown");
        assertEquals(ViewState.DEFAULT, view.getView());

        Bounds b = view.localToScreen(view.getBoundsInLocal());
        double cx = b.getMinX() + b.getWidth() / 2, cy = b.getMinY() + b.getHeight() / 2;

        // drag left and up: the camera turns right (yaw grows) and down (pitch falls)
        robot.moveTo(cx, cy).press(MouseButton.PRIMARY).moveBy(-50, -20).moveBy(-50, -20).release(MouseButton.PRIMARY);
        waitUntil(() -> view.getView().yaw() > 5);
        ViewState dragged = view.getView();
        double expectedYaw = 100 * 100.0 / b.getWidth(); // 100 px at hfov/width degrees per pixel
        assertEquals(expectedYaw, dragged.yaw(), 1.5);
        assertTrue(dragged.pitch() < -2, "pitch " + dragged.pitch());

        // the robot's wheel reaches the view (Monocle sends ±1 per notch, its sign differs by platform)
        robot.scroll(3, VerticalDirection.UP);
        waitUntil(() -> view.getView().hfov() != 100);
        // wheel up (positive deltaY, 40 a notch) zooms in, never below the minimum; down zooms out to the maximum
        for (int i = 0; i < 20; i++) {
            robot.interact(() -> view.fireEvent(wheel(view, 40)));
        }
        assertEquals(50, view.getView().hfov(), 1e-9);
        robot.interact(() -> view.fireEvent(wheel(view, -40)));
        assertEquals(50 * Math.exp(0.1), view.getView().hfov(), 1e-9);
        for (int i = 0; i < 20; i++) {
            robot.interact(() -> view.fireEvent(wheel(view, -40)));
        }
        assertEquals(120, view.getView().hfov(), 1e-9);

        // keys: Home back to the start, → turns by a tenth of the field of view, − is bounded
        robot.interact(view::requestFocus);
        robot.type(KeyCode.HOME);
        waitUntil(() -> view.getView().equals(ViewState.DEFAULT));
        robot.type(KeyCode.RIGHT);
        waitUntil(() -> Math.abs(view.getView().yaw() - 10) < 1e-9);
        robot.type(KeyCode.UP);
        waitUntil(() -> Math.abs(view.getView().pitch() - 10) < 1e-9);
        robot.type(KeyCode.HOME);
        waitUntil(() -> view.getView().equals(ViewState.DEFAULT));

        // hover at the centre: lon/lat of the view direction, and the status text shows them
        robot.moveTo(cx + 1, cy + 1);
        waitUntil(() -> view.pointerProperty().get() != null);
        PanoramaPoint p = view.pointerProperty().get();
        assertEquals(0, Math.toDegrees(p.lon()), 0.5);
        assertEquals(0, Math.toDegrees(p.lat()), 0.5);
        assertEquals(1024, p.column(), 2); // the middle of a 2048-wide image
        assertTrue(page.pointerText().get().startsWith("lon "), page.pointerText().get());
        assertEquals("FOV 100°", page.zoomText().get());
        String line = page.view().lookup("." + Depth360Styles.STATUS) instanceof javafx.scene.control.Label l ? l.getText() : "";
        assertTrue(line.endsWith("yaw 0.0°, pitch 0.0°, FOV 100°"), line);

        // a click gives the picked point (what measuring will use)
        AtomicReference<PanoramaPoint> picked = new AtomicReference<>();
        robot.interact(() -> view.setOnPick(picked::set));
        robot.clickOn(cx + 200, cy);
        waitUntil(() -> picked.get() != null);
        assertTrue(picked.get().lon() > Math.toRadians(20), "clicked right of centre: " + picked.get());

        // export writes the view at the viewer's size
        Path png = temp.resolve("view.png");
        robot.interact(() -> page.controller().exportView(page.currentView(), png));
        waitUntil(() -> Files.exists(png) && model.statusProperty().get().startsWith("Saved"));
        RgbImage saved = ImageFiles.read(png);
        assertEquals(Math.round(view.getWidth()), saved.width());
        assertEquals(Math.round(view.getHeight()), saved.height());
        assertNotNull(saved);
    }

    private static javafx.scene.input.ScrollEvent wheel(PanoramaView view, double deltaY) {
        double x = view.getWidth() / 2, y = view.getHeight() / 2;
        return new javafx.scene.input.ScrollEvent(javafx.scene.input.ScrollEvent.SCROLL, x, y, x, y, false, false,
                false, false, false, false, 0, deltaY, 0, deltaY, javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE,
                0, javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null);
    }

    @Test
    void aBadFileSaysWhy(FxRobot robot) throws Exception {
        Path bad = temp.resolve("broken.jpg");
        Files.write(bad, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        robot.interact(() -> page.controller().setErrorHandler(e -> { }));
        robot.interact(() -> page.controller().open(bad));
        Depth360Model model = page.controller().model();
        waitUntil(() -> model.statusProperty().get().startsWith("Failed"));
        assertTrue(model.statusProperty().get().contains("broken.jpg"), model.statusProperty().get());
    }
}
