package org.attentionworkbench.app.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.app.settings.SettingsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** A remembered window size larger than the screen opens at the screen's visible size, not beyond it. */
@ExtendWith(ApplicationExtension.class)
class MainWindowSizeTest {
    @TempDir
    static Path temp;

    private SettingsStore store;
    private Workbench workbench;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path config = temp.resolve("config");
        Files.createDirectories(config);
        // in the settings' range (a big monitor's size), larger than the test screen
        Files.writeString(config.resolve(SettingsStore.FILE_NAME), "{ \"windowWidth\": 9000, \"windowHeight\": 7000 }");
        store = new SettingsStore(config);
        workbench = new Workbench(store);
        window = new MainWindow(workbench, stage);
        window.show();
    }

    @Stop
    void stop() {
        workbench.close();
    }

    @Test
    void aWindowLargerThanTheScreenOpensWithinIt(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Rectangle2D visible = Screen.getPrimary().getVisualBounds();
        Stage stage = window.stage();
        assertEquals(visible.getWidth(), stage.getWidth(), 1, "width");
        assertEquals(visible.getHeight(), stage.getHeight(), 1, "height");
        assertTrue(stage.getX() >= visible.getMinX() - 1 && stage.getY() >= visible.getMinY() - 1,
                "on screen: " + stage.getX() + ", " + stage.getY());
        assertEquals(Math.min(WindowSize.MIN_WIDTH, visible.getWidth()), stage.getMinWidth());
        // what is remembered on close is the size the window had, not the impossible one
        robot.interact(stage::hide);
        assertEquals(visible.getWidth(), store.load().windowWidth(), 1);
        assertEquals(visible.getHeight(), store.load().windowHeight(), 1);
    }
}
