package org.attentionworkbench.viewers.points;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.attentionworkbench.viewers.points.render.Camera;
import org.attentionworkbench.viewers.points.render.Frame;
import org.attentionworkbench.viewers.points.render.PointBatch;
import org.attentionworkbench.viewers.points.render.RenderSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A window with output scale 2 (Monocle's is 1, so the view reports 2 here): frames in physical
 * pixels, shown at the logical size, picks on physical pixels. Also the level of detail and a
 * failing renderer.
 */
@ExtendWith(ApplicationExtension.class)
class PointCloudViewHiDpiTest {
    private final float[] xyz = {-0.5f, -0.5f, 0, 0.5f, 0.5f, 0, 0.25f, -0.25f, 0};
    private final int[] argb = {0xFFFF0000, 0xFF00FF00, 0xFF0000FF};
    private PointCloudView view;
    private PixelRenderer renderer;
    private final List<int[]> lodSizes = new ArrayList<>();

    @Start
    void start(Stage stage) {
        renderer = new PixelRenderer();
        view = new PointCloudView() {
            @Override
            double[] outputScale() {
                return new double[] {2, 2};
            }
        };
        view.setRenderer(renderer);
        PointBatch all = PointBatch.of(xyz, argb);
        // A level of detail that drops the third point and reports the frame size it is asked for.
        view.setPointScene(new PointScene(List.of(all), new double[] {-1, -1, 0, 1, 1, 0}, (camera, w, h) -> {
            synchronized (lodSizes) {
                lodSizes.add(new int[] {w, h});
            }
            return List.of(new PointBatch(xyz, argb, 0, 2, 0, 0));
        }));
        stage.setScene(new Scene(new StackPane(view), 300, 200));
        stage.sizeToScene();
        stage.show();
        view.presetView(Camera.View.TOP);
    }

    @AfterEach
    void closeView() throws Exception {
        fx(() -> {
            view.close();
            return null;
        });
    }

    @Test
    void framesArePhysicalPixelsShownAtTheLogicalSize(FxRobot robot) throws Exception {
        awaitFrame();
        assertEquals(600, renderer.lastSettings.width());
        assertEquals(400, renderer.lastSettings.height());
        assertEquals(600, fx(() -> view.imageView().getImage().getWidth()));
        assertEquals(300, fx(() -> view.imageView().getFitWidth()));
        assertEquals(200, fx(() -> view.imageView().getFitHeight()));
        synchronized (lodSizes) {
            assertArrayEquals(new int[] {600, 400}, lodSizes.get(lodSizes.size() - 1));
        }
        assertEquals(2, fx(view::getPointsDrawn), "the level of detail chose two points");

        // Point 1 drawn at physical (px, py) is clicked at logical (px / 2, py / 2).
        Camera c = fx(view::lastRenderedCamera);
        double[] p = new double[3];
        assertTrue(c.project(0.5, 0.5, 0, 600, 400, p));
        List<PointPickEvent> picks = new ArrayList<>();
        fx(() -> {
            view.setOnPointPicked(picks::add);
            return null;
        });
        Point2D at = fx(() -> view.localToScreen(p[0] / 2, p[1] / 2));
        robot.moveTo(at).clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, picks.size());
        assertEquals(1, picks.get(0).getPointId());
        // The third point is not drawn (the level of detail left it out), so it cannot be picked.
        assertTrue(c.project(0.25, -0.25, 0, 600, 400, p));
        assertNull(fx(() -> view.pick(p[0] / 2, p[1] / 2)));
    }

    @Test
    void aFailingRendererIsReportedAndTheViewKeepsGoing() throws Exception {
        awaitFrame();
        long shown = fx(view::getFramesShown);
        PixelRenderer failing = new PixelRenderer() {
            @Override
            public Frame render(List<PointBatch> batches, Camera camera, RenderSettings s) {
                throw new IllegalStateException("no context");
            }
        };
        fx(() -> {
            view.setRenderer(failing);
            return null;
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> fx(() -> view.getRendererNote().equals("pixel renderer failed: no context")));
        assertEquals(shown, fx(view::getFramesShown), "the last good frame stays on screen");
        assertNotNull(fx(view::currentFrame));
        PixelRenderer good = new PixelRenderer();
        fx(() -> {
            view.setRenderer(good);
            return null;
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(view::getFramesShown) > shown);
        assertTrue(failing.closed.get());
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private void awaitFrame() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> {
            Camera r = view.lastRenderedCamera();
            return r != null && java.util.Arrays.equals(r.back(), view.getCamera().back());
        }));
    }
}
