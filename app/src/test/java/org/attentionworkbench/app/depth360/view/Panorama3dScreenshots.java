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
import org.attentionworkbench.viewers.points.render.Camera;

/**
 * Drives the real window (under Xvfb) to the 360° page, opens the sample room, switches to 3D, flies
 * out ("From outside", then a turntable orbit of {@code yaw}/{@code pitch} degrees) and captures the
 * screen with ImageMagick's {@code import -window root}. Args: output PNG, yaw, pitch[, zoom]. Needs
 * -Dworkbench.config.dir and -Dworkbench.cache.dir (temp dirs) and DISPLAY.
 */
public final class Panorama3dScreenshots extends Application {
    private static String[] args;

    /** The main class must not extend Application when JavaFX is on the class path. */
    public static final class Main {
        public static void main(String[] a) {
            args = a;
            Application.launch(Panorama3dScreenshots.class, a);
        }
    }

    @Override
    public void start(Stage stage) {
        Path out = Path.of(args[0]);
        double yaw = Math.toRadians(Double.parseDouble(args[1]));
        double pitch = Math.toRadians(Double.parseDouble(args[2]));
        double zoom = args.length > 3 ? Double.parseDouble(args[3]) : 1;
        Workbench wb = new Workbench(SettingsStore.standard());
        Depth360Workspace page = ScreenshotDriver.showPage(wb, stage, Depth360Workspace.ID, Depth360Workspace.class);
        Depth360Extras extras = Depth360Extras.of(page);
        page.controller().openSampleRoom();
        ScreenshotDriver.drive(() -> {
            waitFor(() -> page.controller().model().panorama() != null && extras.depthProperty().get() != null,
                    60_000, 100);
            Platform.runLater(() -> page.panoramaView().setView(new ViewState(20, 0, 100)));
            Thread.sleep(500);
            Platform.runLater(() -> extras.threeDToggle().setSelected(true));
            var v = extras.pane3d().pointView();
            waitFor(() -> extras.pane3d().cloud() != null && v.getPointsDrawn() > 0, 60_000, 100);
            Platform.runLater(() -> {
                extras.pane3d().fromOutside();
                Camera c = v.getCamera().copy();
                c.orbitTurntable(yaw, pitch);
                c.setDistance(c.distance() / zoom);
                v.setCamera(c);
            });
            Thread.sleep(3000);
            ScreenshotDriver.capture(out);
            System.out.println("saved " + out + "; " + v.getPointsDrawn() + " points; " + v.getRendererNote()
                    + "; frame " + v.getFrameMillis() + " ms");
        });
    }
}
