package org.attentionworkbench.app.depth360.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.attentionworkbench.app.PageFixture;
import org.attentionworkbench.app.depth360.Depth360Model;
import org.attentionworkbench.app.depth360.PanoramaAttentionController;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.models.catalog.ModelCache;
import org.attentionworkbench.viewers.panorama.PanoramaOverlay;
import org.attentionworkbench.viewers.panorama.PanoramaView;
import org.attentionworkbench.viewers.panorama.ViewState;
import org.attentionworkbench.viewers.points.PointCloudView;
import org.attentionworkbench.viewers.points.render.Camera;
import org.attentionworkbench.viewers.points.render.PointBatch;
import org.attentionworkbench.viewers.points.render.PointRenderers;
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

/** The 360° page's 3D view and attention explorer in a window, on the sample room. */
@ExtendWith(ApplicationExtension.class)
class Depth360ExtrasTest {
    static final Path TINY = Path.of("..", "compute", "src", "test", "resources", "goldens", "depthanything", "hf");
    @TempDir
    static Path temp;

    private Workbench workbench;
    private Depth360Workspace page;
    private Depth360Extras extras;

    private static String renderer;
    private static String cache;

    @BeforeAll
    static void javaRendererAndAnEmptyModelCache() {
        renderer = System.setProperty(PointRenderers.PROPERTY, "java");
        cache = System.setProperty(ModelCache.PROPERTY, temp.resolve("cache").toString());
    }

    @AfterAll
    static void restoreProperties() {
        restore(PointRenderers.PROPERTY, renderer);
        restore(ModelCache.PROPERTY, cache);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Start
    void start(Stage stage) {
        workbench = new Workbench(new SettingsStore(temp.resolve("config")));
        workbench.devices().select("java");
        page = new Depth360Workspace(workbench);
        extras = Depth360Extras.of(page);
        PageFixture.show(stage, page, 1000, 700);
    }

    @Stop
    void stop() {
        page.close();
        workbench.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        PageFixture.waitUntil(60, condition);
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    private static long points(PointCloudView v) {
        return v.getPointScene().batches().stream().mapToLong(PointBatch::count).sum();
    }

    @Test
    void threeDStartsAtThePanoramasCentreAndFliesOut(FxRobot robot) throws Exception {
        Depth360Model model = page.controller().model();
        PanoramaView pano = page.panoramaView();
        robot.interact(() -> page.controller().openSampleRoom());
        waitUntil(() -> model.panorama() != null && extras.depthProperty().get() != null);
        robot.interact(() -> pano.setView(new ViewState(30, 10, 90)));

        robot.clickOn(extras.threeDToggle());
        PointCloudView v = extras.pane3d().pointView();
        waitUntil(() -> extras.pane3d().cloud() != null && v.getPointsDrawn() > 0);
        assertTrue(extras.pane3d().isVisible());
        // 2048×1024 at stride 2 (the Java renderer's million-point budget): every other pixel both ways,
        // all drawn from the centre (every surface faces the panorama's camera)
        assertEquals(1024 * 512, extras.pane3d().cloud().size());
        assertEquals(1024 * 512, v.getPointsDrawn());
        Camera c = v.getCamera();
        assertEquals(0, norm(c.eye()), 1e-9, "the camera stands at the panorama's centre");
        double[] back = c.back();
        double yaw = Math.toRadians(30), pitch = Math.toRadians(10);
        assertEquals(Math.cos(pitch) * Math.sin(yaw), -back[0], 1e-9);
        assertEquals(Math.cos(pitch) * Math.cos(yaw), -back[1], 1e-9);
        assertEquals(Math.sin(pitch), -back[2], 1e-9);

        // the wheel flies backwards out of the room (zoom out moves the eye away from the centre)
        Bounds b = v.localToScreen(v.getBoundsInLocal());
        robot.moveTo(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 2);
        for (int i = 0; i < 6; i++) {
            robot.scroll(2, javafx.geometry.VerticalDirection.DOWN);
        }
        waitUntil(() -> norm(v.getCamera().eye()) > 0.01);
        // "From outside": the whole room, from beyond its walls
        robot.clickOn("From outside");
        waitUntil(() -> norm(v.getCamera().eye()) > 6);
        // the cutaway leaves out the walls and ceiling in front; without it every point is drawn again
        waitUntil(() -> v.getPointsDrawn() < 1024 * 512 * 0.8);
        assertTrue(v.getPointsDrawn() > 1024 * 512 * 0.2, "drawn " + v.getPointsDrawn());
        robot.clickOn("Cutaway");
        waitUntil(() -> v.getPointsDrawn() == 1024 * 512);
        assertEquals(1024 * 512, points(v));
        assertTrue(norm(v.getCamera().eye()) > 6, "the camera stays outside");
        // and back
        robot.clickOn("From the centre");
        waitUntil(() -> norm(v.getCamera().eye()) < 1e-9);
        robot.clickOn(extras.threeDToggle());
        waitUntil(() -> !extras.pane3d().isVisible());
    }

    @Test
    void hoverShowsTheDepthModelsAttentionAsTheOverlay(FxRobot robot) throws Exception {
        Depth360Model model = page.controller().model();
        PanoramaView pano = page.panoramaView();
        PanoramaAttentionController a = extras.attention();
        robot.interact(() -> page.controller().openSampleRoom());
        waitUntil(() -> model.panorama() != null && pano.getSource() != null && workbench.devices().device() != null);

        // no model installed: the explorer says how to get one, and hovering draws nothing
        robot.clickOn("Attention");
        assertTrue(a.enabledProperty().get());
        Bounds b = pano.localToScreen(pano.getBoundsInLocal());
        robot.moveTo(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 2);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(PanoramaAttentionController.NO_MODEL, a.statusProperty().get());
        assertEquals(null, pano.overlayProperty().get());
        assertTrue(robot.lookup("Get Depth Anything").query().isVisible(), "offers the catalog's model");

        robot.interact(() -> a.openModel(TINY));
        waitUntil(() -> a.modelProperty().get() != null && a.layersProperty().get() == 4);
        assertTrue(!robot.lookup("Get Depth Anything").query().isVisible());
        robot.moveBy(-40, 10);
        waitUntil(() -> pano.overlayProperty().get() != null);
        PanoramaOverlay o = pano.overlayProperty().get();
        assertEquals("Attention", o.title());
        assertEquals(PanoramaAttentionController.OVERLAY_WIDTH, o.width());
        int finite = 0;
        for (float f : o.values()) {
            finite += Float.isNaN(f) ? 0 : 1;
        }
        assertTrue(finite > 1000 && finite < o.values().length / 4, "the patch only: " + finite);
        assertEquals(2, pano.shapes().size(), "patch outline and pointer marker");
        assertTrue(a.statusProperty().get().startsWith("Attention of token"), a.statusProperty().get());

        // another head: a new map
        ComboBox<?> heads = robot.lookup("#attention-heads").queryAs(ComboBox.class);
        assertEquals(3 + 2, heads.getItems().size(), "mean, max, min and the tiny model's 2 heads");
        robot.interact(() -> heads.getSelectionModel().select(4));
        waitUntil(() -> pano.overlayProperty().get() != o);
        assertNotSame(o, pano.overlayProperty().get());
        assertTrue(a.statusProperty().get().contains("head 1"), a.statusProperty().get());

        // off: the overlay and shapes go
        robot.clickOn("Attention");
        waitUntil(() -> pano.overlayProperty().get() == null && pano.shapes().isEmpty());
        assertNotNull(a.modelProperty().get());
    }

    /** One model choice on the page: the Depth Anything checkpoint chosen for depth also gives the attention. */
    @Test
    void attentionFollowsTheDepthModelChoice(FxRobot robot) throws Exception {
        Depth360Model model = page.controller().model();
        PanoramaAttentionController a = extras.attention();
        robot.interact(() -> page.controller().openSampleRoom());
        waitUntil(() -> model.panorama() != null && workbench.devices().device() != null);
        org.attentionworkbench.app.depth360.DepthModelChoice[] chosen = {null};
        robot.interact(() -> page.controller().depth().openCheckpoint(TINY, c -> {
            chosen[0] = c;
            page.depthPanel().modelBox.setValue(c);
        }));
        waitUntil(() -> chosen[0] != null);
        assertEquals(null, a.modelProperty().get(), "nothing is loaded before the attention is wanted");
        robot.interact(() -> a.enabledProperty().set(true));
        waitUntil(() -> a.modelProperty().get() != null && a.layersProperty().get() == 4);
        assertEquals(chosen[0].path(), a.modelProperty().get());
    }
}
