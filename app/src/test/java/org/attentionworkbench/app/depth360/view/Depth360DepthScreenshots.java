package org.attentionworkbench.app.depth360.view;

import static org.attentionworkbench.app.ScreenshotDriver.waitFor;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.attentionworkbench.app.ScreenshotDriver;
import org.attentionworkbench.app.depth360.DepthController;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.viewers.panorama.OverlayMode;
import org.attentionworkbench.viewers.panorama.ViewState;

/**
 * Drives the real window (under Xvfb) to the 360° depth page: the sample room, the simulated depth model
 * (1024 wide, the page's default alignment and blending), metres from the 1.5 m camera height, the overlay
 * in swipe mode, one measurement, then captures the screen with ImageMagick's {@code import -window root}.
 * Args: output PNG, yaw, pitch. Needs -Dworkbench.config.dir and -Dworkbench.cache.dir (temp dirs) and DISPLAY.
 */
public final class Depth360DepthScreenshots extends Application {
    private static String[] args;

    /** The main class must not extend Application when JavaFX is on the class path. */
    public static final class Main {
        public static void main(String[] a) {
            args = a;
            Application.launch(Depth360DepthScreenshots.class, a);
        }
    }

    @Override
    public void start(Stage stage) {
        Path out = Path.of(args[0]);
        Workbench wb = new Workbench(SettingsStore.standard());
        Depth360Workspace page = ScreenshotDriver.showPage(wb, stage, Depth360Workspace.ID, Depth360Workspace.class);
        DepthController depth = page.controller().depth();
        DepthPanel panel = page.depthPanel();
        page.controller().openSampleRoom();
        ScreenshotDriver.drive(() -> {
            waitFor(() -> page.controller().model().panorama() != null && !depth.model().choices().isEmpty(),
                    120_000, 100);
            Platform.runLater(() -> panel.run.fire());
            waitFor(() -> depth.model().depth() != null && !depth.model().isRunning(), 120_000, 100);
            var v = page.panoramaView();
            ViewState target = new ViewState(Double.parseDouble(args[1]), Double.parseDouble(args[2]), 115);
            Platform.runLater(() -> {
                depth.setScaleFromCameraHeight(1.5);
                panel.modeBox.setValue(OverlayMode.SWIPE);
                v.dividerProperty().set(0.5);
                v.setView(target);
            });
            waitFor(() -> target.equals(v.shownViewProperty().get()), 120_000, 100);
            Platform.runLater(() -> {
                var b = v.localToScreen(v.getBoundsInLocal());
                var robot = new javafx.scene.robot.Robot();
                // two clicks: the table (left of the divider) and the column (right of it)
                var p1 = v.pointAt(b.getWidth() * 0.22, b.getHeight() * 0.90);
                var p2 = v.pointAt(b.getWidth() * 0.62, b.getHeight() * 0.72);
                depth.pick(p1.lon(), p1.lat());
                depth.pick(p2.lon(), p2.lat());
                robot.mouseMove(b.getMinX() + b.getWidth() * 0.70, b.getMinY() + b.getHeight() * 0.55);
            });
            Thread.sleep(2500);
            ScreenshotDriver.capture(out);
            System.out.println("saved " + out + "; " + depth.model().messageProperty().get() + "; hover "
                    + depth.model().hoverProperty().get());
        });
    }
}
