package org.attentionworkbench.app.depth360.view;

import static org.attentionworkbench.app.ScreenshotDriver.waitFor;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.attentionworkbench.app.ScreenshotDriver;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.viewers.panorama.ViewState;

/**
 * Drives the real window (under Xvfb) to the 360° depth page and captures the screen with
 * ImageMagick's {@code import -window root}. Args: output PNG, {@code room} or a panorama file,
 * yaw, pitch, hfov (degrees). Needs -Dworkbench.config.dir and -Dworkbench.cache.dir (temp dirs)
 * and DISPLAY.
 */
public final class Depth360Screenshots extends Application {
    private static String[] args;

    /** The main class must not extend Application when JavaFX is on the class path. */
    public static final class Main {
        public static void main(String[] a) {
            args = a;
            Application.launch(Depth360Screenshots.class, a);
        }
    }

    @Override
    public void start(Stage stage) {
        Path out = Path.of(args[0]);
        ViewState target = new ViewState(Double.parseDouble(args[2]), Double.parseDouble(args[3]),
                Double.parseDouble(args[4]));
        Workbench wb = new Workbench(SettingsStore.standard());
        Depth360Workspace page = ScreenshotDriver.showPage(wb, stage, Depth360Workspace.ID, Depth360Workspace.class);
        if (args[1].equals("room")) {
            page.controller().openSampleRoom();
        } else {
            wb.openFile(Path.of(args[1])); // the routing a 2:1 file takes from ./workbench FILE
        }
        ScreenshotDriver.drive(() -> {
            waitFor(() -> page.controller().model().panorama() != null, 60_000, 100);
            Platform.runLater(() -> page.panoramaView().setView(target));
            waitFor(() -> target.equals(page.panoramaView().shownViewProperty().get()), 60_000, 100);
            Thread.sleep(1500);
            // the pointer over the view, so the status bar shows lon/lat
            var v = page.panoramaView();
            Platform.runLater(() -> {
                var b = v.localToScreen(v.getBoundsInLocal());
                new javafx.scene.robot.Robot().mouseMove(b.getMinX() + b.getWidth() * 0.62,
                        b.getMinY() + b.getHeight() * 0.45);
            });
            Thread.sleep(1000);
            ScreenshotDriver.capture(out);
            System.out.println("saved " + out + "; " + page.controller().model().statusProperty().get()
                    + "; frame " + v.lastFrameMillis() + " ms");
        });
    }
}
