package org.attentionworkbench.viewers.panorama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.heatmap.ValueRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The view in a window: auto-rotation on an injected clock, the glide after a fast drag, layers. */
@ExtendWith(ApplicationExtension.class)
class PanoramaViewTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private PanoramaView view;

    @Start
    void start(Stage stage) {
        view = new PanoramaView(clock::get);
        int w = 256, h = 128;
        int[] grey = new int[w * h];
        java.util.Arrays.fill(grey, 0xff808080);
        view.setSource(PanoramaRenderer.Source.full(PanoramaImage.of(w, h, grey), ErpConvention.ENDPOINTS));
        stage.setScene(new Scene(new StackPane(view), 400, 300));
        stage.show();
    }

    private static void waitUntil(Callable<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, c);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void pulses() throws Exception {
        WaitForAsyncUtils.sleep(150, TimeUnit.MILLISECONDS); // a few animation pulses
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void autoRotatePausesOnInteractionAndResumes(FxRobot robot) throws Exception {
        waitUntil(() -> view.frameCountProperty().get() > 0);
        robot.interact(() -> {
            view.autoRotateSpeedProperty().set(10);
            view.autoRotateDelayProperty().set(3);
            view.autoRotateProperty().set(true);
        });
        pulses();
        assertEquals(0, view.getView().yaw(), 1e-9, "the clock has not moved");
        clock.addAndGet(1_000_000_000L);
        waitUntil(() -> Math.abs(view.getView().yaw() - 10) < 1e-6);
        robot.interact(() -> view.pan(0, 5)); // a user move …
        robot.interact(view::interacted);
        clock.addAndGet(2_000_000_000L);
        pulses();
        assertEquals(10, view.getView().yaw(), 1e-6, "… pauses rotation for the delay");
        clock.addAndGet(1_000_000_000L);
        pulses(); // resumes without a jump
        assertEquals(10, view.getView().yaw(), 1e-6);
        clock.addAndGet(500_000_000L);
        waitUntil(() -> Math.abs(view.getView().yaw() - 15) < 1e-6);
        robot.interact(() -> view.autoRotateProperty().set(false));
        clock.addAndGet(1_000_000_000L);
        pulses();
        assertEquals(15, view.getView().yaw(), 1e-6);
    }

    private static MouseEvent mouse(javafx.event.EventType<MouseEvent> type, double x, double y) {
        return new MouseEvent(type, x, y, x, y, MouseButton.PRIMARY, 1, false, false, false, false,
                true, false, false, false, false, false, null);
    }

    @Test
    void aFastDragGlidesOnAndStops(FxRobot robot) throws Exception {
        waitUntil(() -> view.frameCountProperty().get() > 0);
        robot.interact(() -> {
            Event.fireEvent(view, mouse(MouseEvent.MOUSE_PRESSED, 200, 150));
            Event.fireEvent(view, mouse(MouseEvent.MOUSE_DRAGGED, 190, 150));
        });
        WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
        double[] at = new double[1];
        robot.interact(() -> {
            Event.fireEvent(view, mouse(MouseEvent.MOUSE_DRAGGED, 170, 150));
            Event.fireEvent(view, mouse(MouseEvent.MOUSE_RELEASED, 170, 150));
            at[0] = view.getView().yaw(); // before the next animation pulse
        });
        double released = at[0];
        assertEquals(30 * 100 / 400.0, released, 1e-6); // 30 px at hfov/width degrees per pixel
        waitUntil(() -> view.getView().yaw() > released + 1); // the glide goes on the same way
        double glided = view.getView().yaw();
        WaitForAsyncUtils.sleep(3, TimeUnit.SECONDS); // friction 0.15 per frame stops it well before
        double stopped = view.getView().yaw();
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        assertEquals(stopped, view.getView().yaw(), 1e-9, "the glide ends");
        assertTrue(stopped >= glided);
        assertTrue(stopped - released < 720 / (-60 * Math.log(0.85)) + 1, "a glide is bounded: " + (stopped - released));
    }

    @Test
    void overlayLegendSwipeDividerAndMarkers(FxRobot robot) throws Exception {
        waitUntil(() -> view.frameCountProperty().get() > 0);
        float[] depth = new float[64 * 32];
        java.util.Arrays.fill(depth, 3f);
        PanoramaOverlay o = new PanoramaOverlay(depth, 64, 32, Colormap.TURBO, new ValueRange(0, 10), 1, "Depth (m)");
        robot.interact(() -> {
            view.setOverlay(o);
            view.setOverlayMode(OverlayMode.SWIPE);
        });
        ViewState before = view.getView();
        // dragging the divider moves it, not the camera
        robot.interact(() -> {
            Event.fireEvent(view, mouse(MouseEvent.MOUSE_PRESSED, 200, 150));
            Event.fireEvent(view, mouse(MouseEvent.MOUSE_DRAGGED, 300, 150));
            Event.fireEvent(view, mouse(MouseEvent.MOUSE_RELEASED, 300, 150));
        });
        assertEquals(0.75, view.dividerProperty().get(), 1e-9);
        assertEquals(before, view.getView());
        assertTrue(view.lookup(".color-legend").isVisible(), "a titled overlay shows its legend");

        // side by side: both halves look the same way
        robot.interact(() -> view.setOverlayMode(OverlayMode.SIDE_BY_SIDE));
        PanoramaPoint left = view.pointAt(100, 150), right = view.pointAt(300, 150);
        assertEquals(left.lon(), right.lon(), 1e-9);
        assertEquals(left.lat(), right.lat(), 1e-9);

        // a marker at the view direction is drawn at the centre of the frame
        robot.interact(() -> {
            view.setOverlay(null);
            view.shapes().add(PanoramaShape.marker(0, 0, Color.RED, null));
        });
        int frames = view.frameCountProperty().get();
        waitUntil(() -> view.frameCountProperty().get() > frames || view.frameCountProperty().get() == frames);
        WritableImage[] holder = new WritableImage[1];
        robot.interact(() -> holder[0] = view.snapshot(null, null));
        Color centre = holder[0].getPixelReader().getColor(200, 150);
        assertEquals(1.0, centre.getRed(), 0.05);
        assertEquals(0.0, centre.getGreen(), 0.05);
        Color away = holder[0].getPixelReader().getColor(50, 50);
        assertNotEquals(Color.RED, away);
    }

    @Test
    void keysPinchDoubleClickAndTheFullscreenHook(FxRobot robot) throws Exception {
        waitUntil(() -> view.frameCountProperty().get() > 0);
        int[] fullscreen = {0};
        robot.interact(() -> {
            view.setOnFullscreen(() -> fullscreen[0]++);
            view.requestFocus();
        });
        robot.type(javafx.scene.input.KeyCode.MINUS);
        assertEquals(100 / 0.9, view.getView().hfov(), 1e-9);
        robot.type(javafx.scene.input.KeyCode.D);
        assertEquals(100 / 0.9 / 10, view.getView().yaw(), 1e-9);
        robot.type(javafx.scene.input.KeyCode.F);
        assertEquals(1, fullscreen[0]);
        robot.type(javafx.scene.input.KeyCode.HOME);
        assertEquals(ViewState.DEFAULT, view.getView());

        // pinch: zoom factor 1.6 narrows the field of view by 1.6, within the limits
        robot.interact(() -> Event.fireEvent(view, new javafx.scene.input.ZoomEvent(
                javafx.scene.input.ZoomEvent.ZOOM, 200, 150, 200, 150, false, false, false, false, false, false,
                1.6, 1.6, null)));
        assertEquals(100 / 1.6, view.getView().hfov(), 1e-9);
        robot.interact(() -> view.setView(ViewState.DEFAULT));

        // double-click: centre on the point, half the field of view (at least the minimum)
        PanoramaPoint p = view.pointAt(300, 100);
        robot.interact(() -> Event.fireEvent(view, new MouseEvent(MouseEvent.MOUSE_CLICKED, 300, 100, 300, 100,
                MouseButton.PRIMARY, 2, false, false, false, false, false, false, false, false, false, true, null)));
        assertEquals(Math.toDegrees(p.lon()), view.getView().yaw(), 1e-9);
        assertEquals(Math.toDegrees(p.lat()), view.getView().pitch(), 1e-9);
        assertEquals(50, view.getView().hfov(), 1e-9);
    }
}
