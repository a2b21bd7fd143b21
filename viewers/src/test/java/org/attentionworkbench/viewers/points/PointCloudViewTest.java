package org.attentionworkbench.viewers.points;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.attentionworkbench.viewers.points.render.Camera;
import org.attentionworkbench.viewers.points.render.Frame;
import org.attentionworkbench.viewers.points.render.PointBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class PointCloudViewTest {
    /** An 11 × 11 grid on z = 0 from -1 to 1, each point its own colour; id = iy * 11 + ix. */
    private static final int N = 11;
    private final float[] xyz = new float[3 * N * N];
    private final int[] argb = new int[N * N];
    private PointCloudView view;
    private PixelRenderer renderer;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        for (int iy = 0; iy < N; iy++) {
            for (int ix = 0; ix < N; ix++) {
                int i = iy * N + ix;
                xyz[3 * i] = -1 + 0.2f * ix;
                xyz[3 * i + 1] = -1 + 0.2f * iy;
                argb[i] = 0xFF000000 | (ix * 20) << 16 | (iy * 20) << 8 | 0x40;
            }
        }
        renderer = new PixelRenderer();
        view = new PointCloudView();
        view.setRenderer(renderer);
        view.setPointScene(PointScene.of(List.of(PointBatch.of(xyz, argb))));
        stage.setScene(new Scene(new StackPane(view), 400, 300));
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
    void showsTheRenderersFrameAtThePhysicalSize() throws Exception {
        awaitCurrentFrame();
        Image img = fx(() -> view.imageView().getImage());
        assertEquals(400, img.getWidth());
        assertEquals(300, img.getHeight());
        assertEquals(400, renderer.lastSettings.width());
        assertEquals(300, renderer.lastSettings.height());
        assertTrue(renderer.lastThread != null && !renderer.lastThread.getName().contains("JavaFX"),
                "rendered on " + renderer.lastThread);
        int shown = 0;
        for (int i : new int[] {0, 12, 60, 98, 120}) {
            double[] p = projected(i);
            int x = (int) Math.floor(p[0]);
            int y = (int) Math.floor(p[1]);
            int pixel = fx(() -> view.imageView().getImage().getPixelReader().getArgb(x, y));
            assertEquals(Integer.toHexString(argb[i]), Integer.toHexString(pixel), "point " + i + " at " + x + "," + y);
            shown++;
        }
        assertEquals(5, shown);
        int background = fx(() -> view.imageView().getImage().getPixelReader().getArgb(2, 2));
        assertEquals(Integer.toHexString(view.getSettings().background()), Integer.toHexString(background));
        assertEquals(N * N, fx(view::getPointsDrawn));
        assertEquals("test pixels", fx(view::getRendererNote));
    }

    @Test
    void aClickPicksThePointUnderTheCursor(FxRobot robot) throws Exception {
        awaitCurrentFrame();
        List<PointPickEvent> picks = new ArrayList<>();
        fx(() -> {
            view.setOnPointPicked(picks::add);
            return null;
        });
        double[] p = projected(37);
        // Two pixels off the point: inside the pick radius.
        robot.moveTo(screen(p[0] + 2, p[1] - 1)).clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, picks.size());
        assertEquals(37, picks.get(0).getPointId());
        assertArrayEquals(new double[] {xyz[3 * 37], xyz[3 * 37 + 1], 0}, picks.get(0).getPosition(), 1e-6);
        assertTrue(picks.get(0).getDepth() > 0);
        // Between grid points (10 px apart and more): nothing within 4 px.
        double[] q = projected(38);
        robot.moveTo(screen((p[0] + q[0]) / 2, p[1] + (q[0] - p[0]) / 2)).clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, picks.size(), "a click on the background picks nothing");
    }

    @Test
    void aDragOrbitsAsATurntableAndPicksNothing(FxRobot robot) throws Exception {
        awaitCurrentFrame();
        fx(() -> {
            view.resetCamera();
            return null;
        });
        awaitCurrentFrame();
        List<PointPickEvent> picks = new ArrayList<>();
        fx(() -> {
            view.setOnPointPicked(picks::add);
            return null;
        });
        Camera before = fx(view::getCamera);
        Point2D centre = fx(() -> view.localToScreen(200, 150));
        robot.drag(centre, MouseButton.PRIMARY).moveBy(60, 0).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        Camera after = fx(view::getCamera);
        assertArrayEquals(before.target(), after.target(), 1e-9);
        assertEquals(before.distance(), after.distance(), 1e-9);
        // Turntable: yaw about +z by 60 px × π / 300 px, elevation kept, the horizon level.
        double yaw = Math.atan2(after.back()[1], after.back()[0]) - Math.atan2(before.back()[1], before.back()[0]);
        assertEquals(-60 * Math.PI / 300, Math.IEEEremainder(yaw, 2 * Math.PI), 1e-6);
        assertEquals(before.back()[2], after.back()[2], 1e-9);
        assertEquals(0, after.right()[2], 1e-9);
        assertTrue(picks.isEmpty(), "the end of a drag is no click");
        awaitCurrentFrame();
    }

    @Test
    void trackballTurnsAboutTheScreenAxis(FxRobot robot) throws Exception {
        awaitCurrentFrame();
        fx(() -> {
            view.setTrackball(true);
            return null;
        });
        Camera before = fx(view::getCamera);
        robot.drag(fx(() -> view.localToScreen(200, 150)), MouseButton.PRIMARY).moveBy(0, 50)
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        Camera after = fx(view::getCamera);
        // A vertical drag through the centre turns about the camera's right axis, which stays put, by
        // the arc between the ball points under its ends (ball radius 150 px): asin(50 / 150).
        assertArrayEquals(before.right(), after.right(), 1e-9);
        double angle = Math.acos(before.back()[0] * after.back()[0] + before.back()[1] * after.back()[1]
                + before.back()[2] * after.back()[2]);
        assertEquals(Math.asin(50.0 / 150), angle, 1e-6);
        // The ball's front follows the cursor down, so the far (screen-up, +y) side turns towards the
        // viewer: the eye moves towards +y.
        assertTrue(after.back()[1] > before.back()[1] + 0.1, Arrays.toString(after.back()));
    }

    @Test
    void aRightDragPansWithThePointUnderTheCursor(FxRobot robot) throws Exception {
        awaitCurrentFrame();
        double[] p = projected(50);
        robot.drag(screen(p[0], p[1]), MouseButton.SECONDARY).moveBy(40, 25).release(MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        awaitCurrentFrame();
        double[] q = projected(50);
        assertEquals(p[0] + 40, q[0], 1.0);
        assertEquals(p[1] + 25, q[1], 1.0);
    }

    @Test
    void theWheelZoomsTowardsThePointUnderTheCursor(FxRobot robot) throws Exception {
        fx(() -> {
            view.resetCamera();
            return null;
        });
        awaitCurrentFrame();
        double[] p = projected(19);
        double before = fx(() -> view.getCamera().distance());
        robot.moveTo(screen(p[0], p[1]));
        // Monocle's robot sends DOWN as deltaY +1 per notch (multiplier 1): what GTK sends (+40,
        // multiplier 40) for the wheel turned away from the user, which zooms in.
        robot.scroll(2, javafx.geometry.VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        awaitCurrentFrame();
        assertTrue(fx(() -> view.getCamera().distance()) < before * 0.8, "zoomed in");
        double[] q = projected(19);
        assertEquals(p[0], q[0], 1.0);
        assertEquals(p[1], q[1], 1.0);
        robot.scroll(4, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        awaitCurrentFrame();
        assertTrue(fx(() -> view.getCamera().distance()) > before * 1.1, "zoomed out");
        q = projected(19);
        assertEquals(p[0], q[0], 1.0);
        assertEquals(p[1], q[1], 1.0);

        // Orthographic: the visible height shrinks instead, and the point still stays put.
        fx(() -> {
            view.toggleOrthographic();
            return null;
        });
        awaitCurrentFrame();
        double[] o = projected(19);
        double height = fx(() -> view.getCamera().viewHeightAtTarget());
        robot.moveTo(screen(o[0], o[1]));
        robot.scroll(3, javafx.geometry.VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        awaitCurrentFrame();
        assertTrue(fx(() -> view.getCamera().viewHeightAtTarget()) < height * 0.7, "zoomed in");
        q = projected(19);
        assertEquals(o[0], q[0], 1.0);
        assertEquals(o[1], q[1], 1.0);
    }

    @Test
    void aDoubleClickMakesThePointTheOrbitCentre(FxRobot robot) throws Exception {
        awaitCurrentFrame();
        double[] p = projected(100);
        robot.moveTo(screen(p[0], p[1])).doubleClickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertArrayEquals(new double[] {xyz[300], xyz[301], xyz[302]}, fx(() -> view.getCamera().target()), 1e-6);
        awaitCurrentFrame();
        double[] q = projected(100);
        assertEquals(200, q[0], 0.5);
        assertEquals(150, q[1], 0.5);
    }

    @Test
    void keysChangeThePointSizeAndToggleTheHelp(FxRobot robot) throws Exception {
        awaitCurrentFrame();
        robot.clickOn(view);
        assertEquals(2f, fx(() -> view.getSettings().pointSize()));
        robot.write("+");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3f, fx(() -> view.getSettings().pointSize()));
        awaitCurrentFrame();
        assertEquals(3f, renderer.lastSettings.pointSize(), "the next frame uses the new size");
        robot.write("--");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1f, fx(() -> view.getSettings().pointSize()), "one pixel is the smallest");

        assertFalse(fx(view::isHelpVisible));
        robot.type(KeyCode.H);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(view::isHelpVisible));
        assertTrue(fx(() -> view.lookup("." + HelpOverlay.STYLE_CLASS).isVisible()));
        robot.write("?");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx(() -> view.lookup("." + HelpOverlay.STYLE_CLASS).isVisible()));

        robot.type(KeyCode.E);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(() -> view.getSettings().edl()));
        robot.type(KeyCode.O);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(() -> view.getCamera().isOrthographic()));
    }

    @Test
    void digitsGoToTheApplicationAndAltDigitsToPresetViews(FxRobot robot) throws Exception {
        awaitCurrentFrame();
        List<Integer> digits = new ArrayList<>();
        List<String> shots = new ArrayList<>();
        fx(() -> {
            view.setOnNumberKey(digits::add);
            view.setOnScreenshot(() -> shots.add("P"));
            return null;
        });
        robot.clickOn(view);
        robot.type(KeyCode.DIGIT3);
        robot.type(KeyCode.P);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(3), digits);
        assertEquals(List.of("P"), shots);
        robot.press(KeyCode.ALT).type(KeyCode.DIGIT2).release(KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        // Front: looking along +y with +z up.
        assertArrayEquals(new double[] {0, -1, 0}, fx(() -> view.getCamera().back()), 1e-9);
        assertArrayEquals(new double[] {0, 0, 1}, fx(() -> view.getCamera().up()), 1e-9);
        assertEquals(List.of(3), digits, "Alt+digit is no colour mode");
    }

    @Test
    void theGizmoShowsTheWorldAxes() throws Exception {
        awaitCurrentFrame();
        // Top view: x to the right, y up the screen, z towards the viewer (a dot).
        double[] x = fx(() -> view.gizmo().axisEnd(0));
        double[] y = fx(() -> view.gizmo().axisEnd(1));
        double[] z = fx(() -> view.gizmo().axisEnd(2));
        assertTrue(x[0] > 20 && Math.abs(x[1]) < 1e-6, Arrays.toString(x));
        assertTrue(y[1] < -20 && Math.abs(y[0]) < 1e-6, Arrays.toString(y));
        assertTrue(Math.hypot(z[0], z[1]) < 1e-6, Arrays.toString(z));
    }

    @Test
    void requestsCoalesceWhenRenderingIsSlow() throws Exception {
        awaitCurrentFrame();
        renderer.sleepMillis = 100;
        int rendersBefore = renderer.renders.get();
        Camera base = fx(view::getCamera);
        int requests = 40;
        for (int i = 1; i <= requests; i++) {
            double d = base.distance() * (1 + i * 0.01);
            Platform.runLater(() -> {
                Camera c = view.getCamera().copy();
                c.setDistance(d);
                view.setCamera(c);
            });
            Thread.sleep(15);
        }
        int rendersAtLastRequest = renderer.renders.get() - rendersBefore;
        awaitCurrentFrame();
        int renders = renderer.renders.get() - rendersBefore;
        assertEquals(base.distance() * (1 + requests * 0.01), fx(() -> view.lastRenderedCamera().distance()), 1e-9);
        // However slow the machine: after the last request at most the frame in progress, one for
        // requests still on their way to the FX thread, and the newest; never a backlog.
        assertTrue(renders - rendersAtLastRequest <= 3,
                (renders - rendersAtLastRequest) + " frames rendered after the last request");
        assertTrue(renders < requests / 2, renders + " frames rendered for " + requests + " requests");
        Thread.sleep(300);
        assertEquals(renders, renderer.renders.get() - rendersBefore, "nothing left queued");
    }

    @Test
    void aResizeRendersAtTheNewSize() throws Exception {
        awaitCurrentFrame();
        fx(() -> {
            stage.setWidth(stage.getWidth() + 120);
            stage.setHeight(stage.getHeight() + 50);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        awaitCurrentFrame();
        assertEquals(520, fx(() -> view.getWidth()), 1e-9);
        assertEquals(520, renderer.lastSettings.width());
        assertEquals(350, renderer.lastSettings.height());
        assertEquals(520, fx(() -> view.imageView().getImage().getWidth()));
        assertEquals(520, fx(() -> view.imageView().getFitWidth()));
        // The pick follows: the point is found where the new frame drew it.
        double[] p = projected(77);
        assertEquals(77, fx(() -> view.pick(p[0], p[1]).getPointId()));
    }

    @Test
    void snapshotsRenderAtAChosenSizeOffTheFxThread() throws Exception {
        awaitCurrentFrame();
        Frame big = fx(() -> view.snapshot(800, 600)).get(5, TimeUnit.SECONDS);
        assertEquals(800, big.width());
        assertEquals(600, big.height());
        // Twice the view's 300 px height: pixel sizes double, so the picture looks the same.
        assertEquals(4f, renderer.lastSettings.pointSize());
        assertEquals(2.8f, renderer.lastSettings.edlRadius(), 1e-6);
        Camera c = fx(view::lastRenderedCamera);
        double[] p = new double[3];
        assertTrue(c.project(xyz[3 * 60], xyz[3 * 60 + 1], 0, 800, 600, p));
        assertEquals(60, big.idAt((int) p[0], (int) p[1]));
        assertEquals(argb[60], big.argb()[(int) p[1] * 800 + (int) p[0]]);
        assertFalse(renderer.lastThread.getName().contains("JavaFX"));
    }

    @Test
    void aSnapshotAwaitedOnTheFxThreadDoesNotWaitForTheViewsFrame() throws Exception {
        awaitCurrentFrame();
        Frame f = fx(() -> {
            Camera c = view.getCamera().copy();
            c.setDistance(c.distance() * 1.5);
            view.setCamera(c);
            // The render thread draws that frame and hands it to this (busy) thread meanwhile.
            Thread.sleep(300);
            return view.snapshot(64, 48).get(5, TimeUnit.SECONDS);
        });
        assertEquals(64, f.width());
        awaitCurrentFrame();
    }

    @Test
    void newBatchesWithinTheSameBoundsKeepTheCamera() throws Exception {
        awaitCurrentFrame();
        Camera before = fx(() -> {
            Camera c = view.getCamera().copy();
            c.setDistance(c.distance() * 2);
            view.setCamera(c);
            return c;
        });
        int[] recoloured = argb.clone();
        Arrays.fill(recoloured, 0xFFFFFFFF);
        fx(() -> {
            view.setPointScene(PointScene.of(List.of(PointBatch.of(xyz, recoloured))));
            return null;
        });
        assertEquals(before, fx(view::getCamera), "recolouring keeps the view");
        awaitCurrentFrame();
        double[] p = projected(5);
        // the camera did not change, so the old frame passes awaitCurrentFrame: wait for the new colours
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> view.imageView().getImage().getPixelReader()
                .getArgb((int) Math.floor(p[0]), (int) Math.floor(p[1]))) == 0xFFFFFFFF);
        float[] moved = xyz.clone();
        moved[0] = -3;
        fx(() -> {
            view.setPointScene(PointScene.of(List.of(PointBatch.of(moved, argb))));
            return null;
        });
        assertTrue(fx(view::getCamera) != before, "other bounds fit the camera anew");
    }

    @Test
    void closingStopsTheThreadAndClosesTheRenderers() throws Exception {
        awaitCurrentFrame();
        PixelRenderer second = new PixelRenderer();
        fx(() -> {
            view.setRenderer(second);
            return null;
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> renderer.closed.get());
        awaitCurrentFrame();
        assertTrue(second.renders.get() > 0);
        assertTrue(view.renderLoop().isAlive());
        fx(() -> {
            view.close();
            return null;
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !view.renderLoop().isAlive());
        assertTrue(second.closed.get());
        Throwable failed = null;
        try {
            fx(() -> view.snapshot(10, 10)).get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            failed = e.getCause();
        }
        assertNotNull(failed, "a snapshot after close fails");
    }

    @Test
    void withoutARendererTheNoteSaysSo() throws Exception {
        awaitCurrentFrame();
        fx(() -> {
            view.setRenderer(null);
            return null;
        });
        assertEquals("no renderer", fx(view::getRendererNote));
        assertNull(fx(() -> view.pick(-50, -50)));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    /** Waits until the frame on screen was rendered with the current camera at the view's size. */
    private void awaitCurrentFrame() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> {
            Camera r = view.lastRenderedCamera();
            Camera c = view.getCamera();
            Frame f = view.currentFrame();
            return r != null && f != null && f.width() == (int) Math.round(view.getWidth())
                    && f.height() == (int) Math.round(view.getHeight()) && Arrays.equals(r.target(), c.target())
                    && r.distance() == c.distance() && Arrays.equals(r.back(), c.back())
                    && Arrays.equals(r.up(), c.up()) && r.isOrthographic() == c.isOrthographic();
        }));
    }

    /** Point i projected with the camera of the frame on screen, in view pixels. */
    private double[] projected(int i) throws Exception {
        return fx(() -> {
            Camera c = view.lastRenderedCamera();
            Frame f = view.currentFrame();
            double[] p = new double[3];
            assertTrue(c.project(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], f.width(), f.height(), p));
            return new double[] {p[0] * view.getWidth() / f.width(), p[1] * view.getHeight() / f.height()};
        });
    }

    private Point2D screen(double x, double y) throws Exception {
        return fx(() -> view.localToScreen(x, y));
    }
}
