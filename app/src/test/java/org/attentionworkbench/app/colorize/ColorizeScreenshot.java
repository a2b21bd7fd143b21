package org.attentionworkbench.app.colorize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.attentionworkbench.app.colorize.view.ColorizeWorkspace;
import org.attentionworkbench.app.layout.MainWindow;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.colorize.Hint;
import org.attentionworkbench.compute.colorize.HintSampler;
import org.attentionworkbench.compute.colorize.LabImage;

/**
 * Drives the real window (under Xvfb) to the Colorize page with the sample photo, places hints
 * with the ground truth's colours at sampled pixels (as a demo would), selects one, and captures
 * the screen with ImageMagick's {@code import -window root}. Args: output PNG.
 * Needs -Dworkbench.config.dir and -Dworkbench.cache.dir (temp dirs) and DISPLAY.
 */
public final class ColorizeScreenshot extends Application {
    private static Path out;

    /** The main class must not extend Application when JavaFX is on the class path. */
    public static final class Main {
        public static void main(String[] args) {
            out = Path.of(args.length > 0 ? args[0] : "docs/screenshot-colorize.png");
            Application.launch(ColorizeScreenshot.class, args);
        }
    }

    @Override
    public void start(Stage stage) {
        Workbench wb = new Workbench(SettingsStore.standard());
        MainWindow window = new MainWindow(wb, stage);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1600);
        stage.setHeight(1000);
        window.show();
        wb.startUp();
        window.showPage(ColorizeWorkspace.ID);
        ColorizeWorkspace page = (ColorizeWorkspace) window.activeWorkspace();
        ColorizeModel model = page.model();
        Thread driver = new Thread(() -> {
            try {
                waitFor(() -> model.getImage() != null && model.getResult() != null);
                Platform.runLater(() -> {
                    PreparedImage img = model.getImage();
                    List<Hint> hints = HintSampler.sample(LabImage.fromRgb(img.truth()), 12, 7, "screenshot");
                    for (Hint h : hints) {
                        page.controller().addHint(h.x(), h.y(), h.a(), h.b(), 5);
                    }
                    page.controller().select(model.hints().get(3).id());
                });
                waitFor(() -> model.getResult() != null && model.getResult().request().hints().size() == 12);
                Thread.sleep(1500);
                Files.createDirectories(out.toAbsolutePath().getParent());
                Process p = new ProcessBuilder("import", "-window", "root", out.toString()).inheritIO().start();
                p.waitFor();
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
        long until = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
    }
}
