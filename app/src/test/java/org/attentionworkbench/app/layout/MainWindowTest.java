package org.attentionworkbench.app.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.VerticalDirection;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.attentionworkbench.app.log.FxLogHandler;
import org.attentionworkbench.app.services.LoadedImage;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.ImagesWorkspace;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.samples.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private static final AtomicInteger RUN = new AtomicInteger();

    @TempDir
    static Path temp;

    private SettingsStore store;
    private Workbench workbench;
    private MainWindow window;
    private FxLogHandler logHandler;

    @Start
    void start(Stage stage) {
        // A fresh config folder per test: every test is a first start.
        store = new SettingsStore(temp.resolve("config-" + RUN.incrementAndGet()));
        workbench = new Workbench(store);
        logHandler = FxLogHandler.install(workbench.log());
        window = new MainWindow(workbench, stage);
        window.show();
        workbench.startUp();
    }

    @Stop
    void stop() {
        logHandler.uninstall();
        workbench.close();
    }

    private LoadedImage current() {
        return workbench.currentImageProperty().get();
    }

    private void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void firstStartShowsASampleTheDeviceAndZooms(FxRobot robot) throws Exception {
        waitUntil(() -> current() != null);
        assertEquals("chelsea.png", current().source().displayName());
        assertTrue(window.stage().getTitle().startsWith("chelsea.png"));

        waitUntil(() -> workbench.devices().stateProperty().get().info() != null);
        String device = window.statusBar().deviceLabel().getText();
        assertFalse(device.isBlank());
        assertTrue(device.contains("Java") || device.contains("OpenCL"), device);

        ImagesWorkspace images = (ImagesWorkspace) window.activeWorkspace();
        double fitted = images.viewer().getZoom();
        String fittedLabel = window.statusBar().zoomLabel().getText();
        assertEquals(Math.round(fitted * 100) + " %", fittedLabel);

        // View ▸ Zoom In, through the menu as a user would.
        robot.clickOn("View").clickOn("Zoom In");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(fitted * 1.25, images.viewer().getZoom(), 1e-9);
        assertNotEquals(fittedLabel, window.statusBar().zoomLabel().getText());

        // The wheel over the image zooms too.
        double before = images.viewer().getZoom();
        robot.moveTo(images.viewer()).scroll(2, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotEquals(before, images.viewer().getZoom());

        // Compute ▸ the Java device: reopened in the background and remembered.
        String javaItem = MainMenu.menuText(workbench.devices().discoveryProperty().get().devices().get(0));
        robot.clickOn("Compute").clickOn(javaItem);
        waitUntil(() -> "java".equals(workbench.devices().stateProperty().get().selector())
                && workbench.devices().stateProperty().get().info() != null
                && workbench.tasks().currentProperty().get() == null);
        assertEquals("java", workbench.devices().device().info().id());
        assertEquals("java", store.load().device());

        // The pointer over the image shows its position in the status bar.
        robot.moveTo(images.viewer()).moveBy(3, 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(images.viewer().getHoveredPixel() != null);
    }

    @Test
    void aBadFileShowsADialogAndTheAppKeepsWorking(FxRobot robot) throws Exception {
        waitUntil(() -> current() != null);
        Path bad = temp.resolve("holiday.png");
        Files.writeString(bad, "definitely text, not pixels\n");
        robot.interact(() -> workbench.openFile(bad));

        waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertTrue(dialog.getHeaderText().contains("holiday.png"), dialog.getHeaderText());
        assertTrue(dialog.getContentText().contains("not an image"), dialog.getContentText());
        assertEquals("chelsea.png", current().source().displayName(), "the old image stays");
        assertTrue(workbench.log().entries().stream().anyMatch(e -> e.message().contains("holiday.png")),
                "failure in the log panel");
        robot.interact(() -> window.lastError().close());

        // Still works: a good file opens and becomes a recent file; the bad one never did.
        Path good = temp.resolve("good.png");
        ImageIO.write(SyntheticImages.checkerboard(64, 32, 8, 0xFF000000, 0xFFFFFFFF).toBufferedImage(), "png",
                good.toFile());
        robot.interact(() -> workbench.openFile(good));
        waitUntil(() -> current() != null && current().source().displayName().equals("good.png"));
        assertEquals(64, current().width());
        assertEquals(good.toAbsolutePath().normalize().toString(), workbench.recentFiles().get(0));
        assertFalse(workbench.recentFiles().stream().anyMatch(f -> f.contains("holiday")));

        // Ctrl+L's action shows the log pane with the failure in it.
        robot.interact(window::toggleLog);
        assertTrue(window.logPanel().getScene() != null);
        assertTrue(window.logPanel().shownEntries().stream().anyMatch(e -> e.message().contains("holiday.png")));
    }
}
