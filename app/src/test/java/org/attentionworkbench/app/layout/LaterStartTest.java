package org.attentionworkbench.app.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.attentionworkbench.app.settings.Settings;
import org.attentionworkbench.app.settings.SettingsStore;
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

/** A start with saved settings whose last file has since been damaged; then a theme change. */
@ExtendWith(ApplicationExtension.class)
class LaterStartTest {
    @TempDir
    static Path temp;

    private SettingsStore store;
    private Workbench workbench;
    private MainWindow window;
    private Path broken;
    private Path older;

    @Start
    void start(Stage stage) throws Exception {
        store = new SettingsStore(temp.resolve("config"));
        broken = temp.resolve("last.jpg");
        Files.write(broken, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00, 0x01}); // a JPEG that stops
        older = temp.resolve("older.png");
        ImageIO.write(SyntheticImages.valueNoise(40, 30, 8, 2, 1).toBufferedImage(), "png", older.toFile());
        Settings s = new Settings();
        s.addRecent(older.toString());
        s.addRecent(broken.toString());
        s.setTheme("PRIMER_DARK");
        store.save(s);

        workbench = new Workbench(store);
        window = new MainWindow(workbench, stage);
        window.show();
        workbench.startUp();
    }

    @Stop
    void stop() {
        workbench.close();
        Theme.PRIMER_LIGHT.apply();
    }

    @Test
    void aDamagedLastFileIsReportedAndDropped(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertTrue(dialog.getHeaderText().contains("last.jpg"), dialog.getHeaderText());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(older.toString()), workbench.recentFiles());
        assertEquals(List.of(older.toString()), store.load().recentFiles());
        robot.interact(() -> window.lastError().close());

        // The recent menu path opens the older file.
        robot.interact(() -> workbench.openFile(Path.of(workbench.recentFiles().get(0))));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> workbench.currentImageProperty().get() != null);
        assertEquals(40, workbench.currentImageProperty().get().width());

        robot.interact(() -> window.applyTheme(Theme.NORD_LIGHT));
        assertEquals("NORD_LIGHT", store.load().theme());
    }
}
