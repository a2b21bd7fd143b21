package org.attentionworkbench.app;

import javafx.application.Application;
import javafx.stage.Stage;
import org.attentionworkbench.app.cli.Cli;
import org.attentionworkbench.app.layout.MainWindow;
import org.attentionworkbench.app.log.FxLogHandler;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;

/** The JavaFX application: builds the services, the main window, and tears them down on exit. */
public final class WorkbenchApp extends Application {
    private Workbench workbench;
    private FxLogHandler logHandler;

    static void launchGui(String[] args) {
        GuiPreflight.launch(() -> Application.launch(WorkbenchApp.class, args));
    }

    @Override
    public void start(Stage stage) {
        workbench = new Workbench(SettingsStore.standard());
        logHandler = FxLogHandler.install(workbench.log());
        new MainWindow(workbench, stage).show();
        workbench.startUp(Cli.filesToOpen(getParameters().getRaw()));
    }

    @Override
    public void stop() {
        if (logHandler != null) {
            logHandler.uninstall();
        }
        if (workbench != null) {
            workbench.close();
        }
    }
}
