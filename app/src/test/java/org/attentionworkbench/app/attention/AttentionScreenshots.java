package org.attentionworkbench.app.attention;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.attentionworkbench.app.ScreenshotDriver;
import org.attentionworkbench.app.attention.view.AttentionWorkspace;
import org.attentionworkbench.app.layout.MainWindow;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.viewers.text.TokenFocus;

/**
 * Drives the real window (under Xvfb) to the Attention page and captures the screen with ImageMagick's
 * {@code import -window root}: image mode with a head selected, a patch pinned and another hovered,
 * the mask on; then text mode with a token focused. Args: output folder, optional image file.
 * Needs -Dworkbench.config.dir and -Dworkbench.cache.dir (temp dirs) and DISPLAY.
 */
public final class AttentionScreenshots extends Application {
    private static Path out;
    private static Path imageFile;

    /** The main class must not extend Application when JavaFX is on the class path, not the module path. */
    public static final class Main {
        public static void main(String[] args) {
            out = Path.of(args.length > 0 ? args[0] : "docs");
            imageFile = args.length > 1 ? Path.of(args[1]) : null;
            Application.launch(AttentionScreenshots.class, args);
        }
    }

    @Override
    public void start(Stage stage) {
        Workbench wb = new Workbench(SettingsStore.standard());
        MainWindow window = ScreenshotDriver.show(wb, stage, 1600, 1000);
        wb.startUp();
        window.showPage(AttentionWorkspace.ID);
        AttentionWorkspace page = (AttentionWorkspace) window.activeWorkspace();
        ImageAttentionModel image = page.model().image();
        Thread driver = new Thread(() -> {
            try {
                if (imageFile != null) {
                    waitFor(() -> image.getResult() != null);
                    Platform.runLater(() -> wb.openFile(imageFile));
                    Thread.sleep(500);
                }
                waitFor(() -> image.getResult() != null && !image.runningProperty().get()
                        && (imageFile == null || image.getResult().imageName().equals(imageFile.getFileName().toString())));
                Platform.runLater(() -> {
                    int layers = image.getResult().maps().layers();
                    page.controller().selectHead(layers - 1, 1);
                    int gw = image.getResult().maps().gridW();
                    page.controller().pinPatch(gw * (gw / 2) + gw / 3);
                    image.hoveredPatchProperty().set(gw * (gw / 3) + gw / 2);
                    image.maskProperty().set(true);
                });
                Thread.sleep(1500);
                shoot("screenshot-attention-image.png");
                Platform.runLater(() -> page.model().modeProperty().set(AttentionMode.TEXT));
                waitFor(() -> page.model().text().getResult() != null);
                Platform.runLater(() -> page.headView().setFocus(new TokenFocus(TokenFocus.Side.LEFT, 7)));
                Thread.sleep(1500);
                shoot("screenshot-attention-text.png");
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                Platform.runLater(() -> {
                    stage.hide();
                    Platform.exit();
                });
            }
        }, "screenshot-driver");
        driver.setDaemon(true);
        driver.start();
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        ScreenshotDriver.waitFor(condition, 120_000, 200);
    }

    private static void shoot(String name) throws Exception {
        Files.createDirectories(out);
        Process p = new ProcessBuilder("import", "-window", "root", out.resolve(name).toString()).inheritIO().start();
        p.waitFor();
        System.out.println("saved " + out.resolve(name));
    }
}
