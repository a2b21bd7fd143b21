package org.attentionworkbench.app.depth360.view;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.attentionworkbench.app.layout.MainWindow;
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
        MainWindow window = new MainWindow(wb, stage);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1280);
        stage.setHeight(800);
        window.show();
        wb.startUp();
        window.showPage(Depth360Workspace.ID);
        Depth360Workspace page = (Depth360Workspace) window.page(Depth360Workspace.ID).orElseThrow();
        Depth360Extras extras = Depth360Extras.of(page);
        page.controller().openSampleRoom();
        Thread driver = new Thread(() -> {
            try {
                waitFor(() -> page.controller().model().panorama() != null && extras.depthProperty().get() != null);
                Platform.runLater(() -> page.panoramaView().setView(new ViewState(20, 0, 100)));
                Thread.sleep(500);
                Platform.runLater(() -> extras.threeDToggle().setSelected(true));
                var v = extras.pane3d().pointView();
                waitFor(() -> extras.pane3d().cloud() != null && v.getPointsDrawn() > 0);
                Platform.runLater(() -> {
                    extras.pane3d().fromOutside();
                    Camera c = v.getCamera().copy();
                    c.orbitTurntable(yaw, pitch);
                    c.setDistance(c.distance() / zoom);
                    v.setCamera(c);
                });
                Thread.sleep(3000);
                Files.createDirectories(out.toAbsolutePath().getParent());
                new ProcessBuilder("import", "-window", "root", out.toString()).inheritIO().start().waitFor();
                System.out.println("saved " + out + "; " + v.getPointsDrawn() + " points; " + v.getRendererNote()
                        + "; frame " + v.getFrameMillis() + " ms");
                Platform.runLater(Platform::exit);
            } catch (Exception e) {
                e.printStackTrace();
                Platform.runLater(Platform::exit);
            }
        });
        driver.setDaemon(true);
        driver.start();
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(100);
        }
    }
}
