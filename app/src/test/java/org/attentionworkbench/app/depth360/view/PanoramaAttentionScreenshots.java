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
                var a = extras.attention();
                waitFor(() -> page.controller().model().panorama() != null && wb.devices().device() != null);
                Platform.runLater(() -> {
                    a.openModel(Path.of(args[1]));
                    a.enabledProperty().set(true);
                });
                waitFor(() -> a.modelProperty().get() != null);
                var v = page.panoramaView();
                Platform.runLater(() -> {
                    var b = v.localToScreen(v.getBoundsInLocal());
                    new javafx.scene.robot.Robot().mouseMove(b.getMinX() + b.getWidth() * Double.parseDouble(args[2]),
                            b.getMinY() + b.getHeight() * Double.parseDouble(args[3]));
                });
                waitFor(() -> v.overlayProperty().get() != null);
                Thread.sleep(1500);
                Files.createDirectories(out.toAbsolutePath().getParent());
                new ProcessBuilder("import", "-window", "root", out.toString()).inheritIO().start().waitFor();
                System.out.println("saved " + out + "; " + a.statusProperty().get());
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
        long end = System.currentTimeMillis() + 120_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(100);
        }
    }
}
