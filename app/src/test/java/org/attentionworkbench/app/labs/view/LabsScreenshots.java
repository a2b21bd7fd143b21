package org.attentionworkbench.app.labs.view;

import static org.attentionworkbench.app.ScreenshotDriver.waitFor;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.attentionworkbench.app.ScreenshotDriver;
import org.attentionworkbench.app.labs.DemoLab;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;

/**
 * Drives the real window (under Xvfb) to the Labs page, runs a lab (args[1], default the demo lab,
 * which is added to the page's list for this), hovers the first plot and captures the screen with
 * ImageMagick's {@code import -window root} into args[0]. Needs -Dworkbench.config.dir (a temp dir) and DISPLAY.
 */
public final class LabsScreenshots extends Application {
    private static String[] args;

    /** The main class must not extend Application when JavaFX is on the class path. */
    public static final class Main {
        public static void main(String[] a) {
            args = a;
            Application.launch(LabsScreenshots.class, a);
        }
    }

    @Override
    public void start(Stage stage) {
        Path out = Path.of(args[0]);
        String labId = args.length > 1 ? args[1] : DemoLab.ID;
        Workbench wb = new Workbench(SettingsStore.standard());
        LabsWorkspace page = ScreenshotDriver.showPage(wb, stage, LabsWorkspace.ID, LabsWorkspace.class);
        if (labId.equals(DemoLab.ID)) {
            page.model().labs().add(new DemoLab());
        }
        page.model().labs().stream().filter(l -> l.id().equals(labId)).findFirst().ifPresent(page.controller()::select);
        page.controller().run();
        ScreenshotDriver.drive(() -> {
            waitFor(() -> page.model().result() != null || !page.model().errorProperty().get().isEmpty(), 600_000, 100);
            Thread.sleep(4000); // the first frames take a while under Xvfb on a busy machine
            // the first heatmap scrolled into view and the pointer over it, so its readout shows a value
            var view = page.figureView();
            Node heatmap = view.getContent().lookup(".figure-heatmap");
            if (heatmap != null) {
                Platform.runLater(() -> view.setVvalue(1));
                Thread.sleep(1000);
                Platform.runLater(() -> {
                    var b = heatmap.localToScreen(heatmap.getBoundsInLocal());
                    new javafx.scene.robot.Robot().mouseMove(b.getMinX() + b.getWidth() * 0.7, b.getMinY() + b.getHeight() * 0.3);
                });
                Thread.sleep(1500);
            }
            ScreenshotDriver.capture(out);
            System.out.println("saved " + out + "; " + page.model().statusProperty().get() + " "
                    + page.model().errorProperty().get() + "; hover: " + page.figureView().getHoverText());
        });
    }
}
