package org.attentionworkbench.app.depth360.view;

import static org.attentionworkbench.app.ScreenshotDriver.waitFor;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.attentionworkbench.app.ScreenshotDriver;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;

/**
 * Drives the real window (under Xvfb) to the 360° page, opens the sample room and a depth checkpoint,
 * turns Attention on, moves the pointer to a fraction (x, y) of the view and captures the screen.
 * Args: output PNG, checkpoint, x, y. Needs -Dworkbench.config.dir and -Dworkbench.cache.dir and DISPLAY.
 */
public final class PanoramaAttentionScreenshots extends Application {
    private static String[] args;

    /** The main class must not extend Application when JavaFX is on the class path. */
    public static final class Main {
        public static void main(String[] a) {
            args = a;
            Application.launch(PanoramaAttentionScreenshots.class, a);
        }
    }

    @Override
    public void start(Stage stage) {
        Path out = Path.of(args[0]);
        Workbench wb = new Workbench(SettingsStore.standard());
        Depth360Workspace page = ScreenshotDriver.showPage(wb, stage, Depth360Workspace.ID, Depth360Workspace.class);
        Depth360Extras extras = Depth360Extras.of(page);
        page.controller().openSampleRoom();
        ScreenshotDriver.drive(() -> {
            var a = extras.attention();
            waitFor(() -> page.controller().model().panorama() != null && wb.devices().device() != null, 120_000, 100);
            Platform.runLater(() -> {
                a.openModel(Path.of(args[1]));
                a.enabledProperty().set(true);
            });
            waitFor(() -> a.modelProperty().get() != null, 120_000, 100);
            var v = page.panoramaView();
            Platform.runLater(() -> {
                var b = v.localToScreen(v.getBoundsInLocal());
                new javafx.scene.robot.Robot().mouseMove(b.getMinX() + b.getWidth() * Double.parseDouble(args[2]),
                        b.getMinY() + b.getHeight() * Double.parseDouble(args[3]));
            });
            waitFor(() -> v.overlayProperty().get() != null, 120_000, 100);
            Thread.sleep(1500);
            ScreenshotDriver.capture(out);
            System.out.println("saved " + out + "; " + a.statusProperty().get());
        });
    }
}
