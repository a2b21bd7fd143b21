package org.attentionworkbench.app.depth360.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javafx.geometry.Bounds;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.attentionworkbench.app.PageFixture;
import org.attentionworkbench.app.depth360.Depth360Service;
import org.attentionworkbench.app.depth360.DepthController;
import org.attentionworkbench.app.depth360.DepthMeasure;
import org.attentionworkbench.app.depth360.DepthModelChoice;
import org.attentionworkbench.app.depth360.DepthStepModel;
import org.attentionworkbench.app.depth360.DepthScale;
import org.attentionworkbench.app.depth360.Measurement;
import org.attentionworkbench.app.depth360.PanoramaClouds;
import org.attentionworkbench.app.depth360.PanoramaDepth;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.panorama.Blend;
import org.attentionworkbench.compute.panorama.align.AlignmentMethod;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointClouds;
import org.attentionworkbench.samples.rooms.SyntheticRoom;
import org.attentionworkbench.viewers.panorama.OverlayMode;
import org.attentionworkbench.viewers.panorama.PanoramaView;
import org.attentionworkbench.viewers.panorama.ViewState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The depth step in a window: the simulated model on the sample room, the overlay, a measurement between
 * two clicks against the room's exact geometry (metres from the camera height), exports read back, cancel.
 */
@ExtendWith(ApplicationExtension.class)
class Depth360DepthTest {
    @TempDir
    static Path temp;

    private Workbench workbench;
    private Depth360Workspace page;

    @Start
    void start(Stage stage) {
        workbench = new Workbench(new SettingsStore(temp.resolve("config")));
        page = new Depth360Workspace(workbench);
        PageFixture.show(stage, page, 1100, 760);
    }

    @Stop
    void stop() {
        page.close();
        workbench.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        PageFixture.waitUntil(60, condition);
    }

    @Test
    void depthOfTheSampleRoomMeasuresItsGeometry(FxRobot robot) throws Exception {
        DepthController depth = page.controller().depth();
        DepthStepModel model = depth.model();
        DepthPanel panel = page.depthPanel();
        PanoramaView view = page.panoramaView();
        robot.interact(() -> page.controller().openSampleRoom());
        waitUntil(() -> page.controller().model().panorama() != null && view.getSource() != null);
        // the sample room's depth is known, so the simulated model is offered first
        assertEquals(DepthModelChoice.Kind.SIMULATED, panel.modelBox.getValue().kind());
        robot.interact(() -> {
            panel.widthBox.setValue(512);
            panel.alignmentBox.setValue(AlignmentMethod.AFFINE);
            panel.blendBox.setValue(Blend.MEAN);
        });
        robot.clickOn(panel.run);
        waitUntil(() -> model.depth() != null && !model.isRunning());
        PanoramaDepth d = model.depth();
        assertEquals(512, d.grid().width());
        assertEquals(18, model.patchesDoneProperty().get(), "every patch finished");
        assertEquals(1, model.progressProperty().get(), 1e-9);
        assertNotNull(view.overlayProperty().get(), "the depth overlay is shown");
        assertEquals("depth (relative)", view.overlayProperty().get().title());
        assertTrue(model.messageProperty().get().startsWith("Depth by Simulated"), model.messageProperty().get());

        // overlay controls
        robot.interact(() -> panel.modeBox.setValue(OverlayMode.SWIPE));
        assertEquals(OverlayMode.SWIPE, view.overlayModeProperty().get());
        robot.interact(() -> panel.opacity.setValue(0.3));
        assertEquals(0.3, view.overlayProperty().get().opacity(), 1e-9);
        robot.interact(() -> panel.overlayOn.setSelected(false));
        assertNull(view.overlayProperty().get());
        robot.interact(() -> {
            panel.overlayOn.setSelected(true);
            panel.modeBox.setValue(OverlayMode.BLEND);
        });
        assertNotNull(view.overlayProperty().get());

        // metres from the room's camera height (SyntheticRoom.random puts it at 1.5 m)
        robot.interact(() -> assertTrue(depth.setScaleFromCameraHeight(1.5)));
        assertEquals(DepthScale.Source.CAMERA_HEIGHT, model.scale().source());
        assertEquals("depth (m)", view.overlayProperty().get().title());
        // the 3D view follows the depth step, in metres
        PanoramaClouds.ErpDepth in3d = Depth360Extras.of(page).depthProperty().get();
        assertEquals(512, in3d.width(), "the 3D view shows this run, not the room's exact depth");
        int k = 128 * 512 + 100;
        assertEquals(model.depth().depth()[k] * model.scale().factor(), in3d.depth()[k], 1e-4);

        // look down at the floor and measure between two clicks
        robot.interact(() -> view.setView(new ViewState(30, -45, 90)));
        WaitForAsyncUtils.waitForFxEvents();
        Bounds b = view.localToScreen(view.getBoundsInLocal());
        double cx = b.getMinX() + b.getWidth() / 2, cy = b.getMinY() + b.getHeight() / 2;
        robot.moveTo(cx, cy);
        waitUntil(() -> model.hoverProperty().get().startsWith("distance"));
        assertTrue(model.hoverProperty().get().endsWith(" m"), model.hoverProperty().get());
        robot.clickOn(cx - 150, cy + 60);
        waitUntil(() -> model.measurement() != null);
        robot.clickOn(cx + 150, cy - 20);
        waitUntil(() -> model.measurement().complete());
        Measurement m = model.measurement();
        SyntheticRoom room = SyntheticRoom.random(Depth360Service.ROOM_SEED);
        double truth = distance(point(room, m.lon1(), m.lat1()), point(room, m.lon2(), m.lat2()));
        assertTrue(truth > 0.5, "the clicks are apart: " + truth);
        assertEquals(truth, m.distance(), 0.05 * truth, "measured vs the room's geometry");
        assertTrue(model.messageProperty().get().startsWith("Distance ") && model.messageProperty().get().endsWith(" m"),
                model.messageProperty().get());
        assertTrue(view.shapes().stream().anyMatch(s -> s.label() != null && s.label().startsWith("B")),
                "markers and the line are drawn");

        // a known distance: "this is N m" makes the same pair measure N
        robot.interact(() -> assertTrue(depth.setScaleFromKnownDistance(2.0)));
        assertEquals(2.0, model.measurement().distance(), 1e-6);
        robot.interact(() -> depth.setScaleFromCameraHeight(1.5));

        // exports, read back
        Path png = temp.resolve("depth.png"), npy = temp.resolve("depth.npy"), ply = temp.resolve("depth.ply"),
                over = temp.resolve("overlay.png");
        robot.interact(() -> {
            depth.exportDepthPng(png);
            depth.exportDepthNpy(npy);
            depth.exportCloud(ply);
            depth.exportOverlay(over, DepthPanel.COLORMAP, view.overlayProperty().get().range(), 0.6);
        });
        waitUntil(() -> Files.exists(png) && Files.exists(npy) && Files.exists(ply) && Files.exists(over)
                && workbench.tasks().currentProperty().get() == null);
        BufferedImage p16 = ImageIO.read(png.toFile());
        assertEquals(BufferedImage.TYPE_USHORT_GRAY, p16.getType());
        assertEquals(512, p16.getWidth());
        float[] metres = Npy.read(npy).toFloats();
        int i = 128 * 512 + 100; // a pixel on the horizon: PNG millimetres = NPY metres × 1000
        assertEquals(Math.round(metres[i] * 1000), p16.getRaster().getSample(100, 128, 0), 1);
        PointCloud cloud = PointClouds.read(ply);
        assertTrue(cloud.size() > 500 * 250, "points " + cloud.size());
        RgbImage withOverlay = ImageFiles.read(over);
        assertEquals(Depth360Service.ROOM_WIDTH, withOverlay.width());
        assertEquals(Depth360Service.ROOM_HEIGHT, withOverlay.height());

        // and switch to 3D: this run's depth as points around the camera at the panorama's centre
        Depth360Extras extras = Depth360Extras.of(page);
        robot.clickOn(extras.threeDToggle());
        waitUntil(() -> extras.pane3d().cloud() != null && extras.pane3d().pointView().getPointsDrawn() > 0);
        int points = extras.pane3d().cloud().size();
        assertTrue(points > 0.9 * 512 * 256 && points <= 512 * 256, "one point per pixel with depth: " + points);
        double[] eye = extras.pane3d().pointView().getCamera().eye();
        assertEquals(0, Math.sqrt(eye[0] * eye[0] + eye[1] * eye[1] + eye[2] * eye[2]), 1e-9, "camera at the centre");
    }

    @Test
    void cancelKeepsThePreviousDepth(FxRobot robot) throws Exception {
        DepthController depth = page.controller().depth();
        DepthStepModel model = depth.model();
        DepthPanel panel = page.depthPanel();
        robot.interact(() -> page.controller().openSampleRoom());
        waitUntil(() -> page.controller().model().panorama() != null && !model.choices().isEmpty());
        robot.interact(() -> {
            panel.widthBox.setValue(512);
            panel.alignmentBox.setValue(AlignmentMethod.NONE);
            panel.blendBox.setValue(Blend.MEAN);
        });
        robot.clickOn(panel.run);
        waitUntil(() -> model.depth() != null && !model.isRunning());
        PanoramaDepth first = model.depth();
        // a slow run (full size, grid alignment, Poisson), cancelled while it runs
        robot.interact(() -> {
            panel.widthBox.setValue(2048);
            panel.alignmentBox.setValue(AlignmentMethod.GRID);
            panel.blendBox.setValue(Blend.POISSON);
        });
        robot.clickOn(panel.run);
        waitUntil(model::isRunning);
        assertFalse(panel.cancel.isDisabled());
        assertEquals(18, page.panoramaView().shapes().size(), "the run's patches are outlined");
        // finished patches show at once, before alignment, each on its own scale
        waitUntil(() -> model.patchesDoneProperty().get() >= 1);
        waitUntil(() -> page.panoramaView().overlayProperty().get() != null
                && DepthPanel.PREVIEW_TITLE.equals(page.panoramaView().overlayProperty().get().title()));
        robot.clickOn(panel.cancel);
        waitUntil(() -> !model.isRunning());
        assertTrue(model.messageProperty().get().startsWith("Cancelled"), model.messageProperty().get());
        assertSame(first, model.depth(), "the previous depth is kept");
        assertTrue(page.panoramaView().shapes().isEmpty(), "outlines go with the run (Patches is off)");
        robot.interact(() -> panel.showPatches.setSelected(true));
        assertEquals(18, page.panoramaView().shapes().size());
        assertNotNull(page.panoramaView().overlayProperty().get());
        assertEquals("depth (relative)", page.panoramaView().overlayProperty().get().title(),
                "after a cancel the previous result's overlay is back");
        // nothing arrives later from the cancelled run
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(first, model.depth());
        assertEquals(new DepthMeasure(first, model.scale()).range(0, 0), new DepthMeasure(model.depth(),
                model.scale()).range(0, 0), 0);
    }

    private static double[] point(SyntheticRoom room, double lon, double lat) {
        double[] dir = DepthMeasure.direction(lon, lat);
        double r = room.distance(dir[0], dir[1], dir[2]);
        return new double[] {r * dir[0], r * dir[1], r * dir[2]};
    }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
    }
}
