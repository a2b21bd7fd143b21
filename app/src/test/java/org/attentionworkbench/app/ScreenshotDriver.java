package org.attentionworkbench.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.attentionworkbench.app.layout.MainWindow;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.app.workspace.Workspace;

/**
 * The plumbing the manual screenshot drivers share (main methods run under Xvfb, not tests): show the
 * window at the screen's top-left, drive it from a background thread, wait for a condition, capture the
 * screen with ImageMagick's {@code import -window root}.
 */
public final class ScreenshotDriver {
    private ScreenshotDriver() {
    }

    /** A driver's steps; they run off the FX thread, so they may wait. */
    public interface Steps {
        void run() throws Exception;
    }

    /** A new main window for the workbench, shown at (0, 0) with the given size. */
    public static MainWindow show(Workbench wb, Stage stage, double width, double height) {
        MainWindow window = new MainWindow(wb, stage);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(width);
        stage.setHeight(height);
        window.show();
        return window;
    }

    /** The main window at 1280×800 with the workbench started and the page pageId shown; that page. */
    public static <P extends Workspace> P showPage(Workbench wb, Stage stage, String pageId, Class<P> type) {
        MainWindow window = show(wb, stage, 1280, 800);
        wb.startUp();
        window.showPage(pageId);
        return type.cast(window.page(pageId).orElseThrow());
    }

    /** Runs the steps on a daemon thread, then exits JavaFX, also when a step fails (printing why). */
    public static void drive(Steps steps) {
        Thread driver = new Thread(() -> {
            try {
                steps.run();
            } catch (Exception e) {
                e.printStackTrace();
            }
            Platform.runLater(Platform::exit);
        });
        driver.setDaemon(true);
        driver.start();
    }

    /** Polls the condition every pollMillis until it holds; IllegalStateException after timeoutMillis. */
    public static void waitFor(BooleanSupplier condition, long timeoutMillis, long pollMillis)
            throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(pollMillis);
        }
    }

    /** Captures the whole screen to the PNG file out (its folder made if missing). */
    public static void capture(Path out) throws Exception {
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ProcessBuilder("import", "-window", "root", out.toString()).inheritIO().start().waitFor();
    }
}
