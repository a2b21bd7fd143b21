package org.attentionworkbench.app.labs.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.attentionworkbench.app.PageFixture;
import org.attentionworkbench.app.labs.DemoLab;
import org.attentionworkbench.app.labs.LabsController;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.labs.Lab;
import org.attentionworkbench.compute.labs.LabOption;
import org.attentionworkbench.compute.labs.LabOptions;
import org.attentionworkbench.compute.labs.LabProgress;
import org.attentionworkbench.compute.figure.FigureSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The Labs page with the demo lab: choose, edit an option, run, see the figures, cancel, errors, export. */
@ExtendWith(ApplicationExtension.class)
class LabsWorkspaceTest {
    @TempDir
    static Path temp;

    private Workbench workbench;
    private LabsWorkspace page;

    /** A second lab, to check that choosing one shows its own form. */
    static final class OtherLab implements Lab {
        @Override public String id() { return "other"; }
        @Override public String title() { return "Other lab"; }
        @Override public String summary() { return "Another lab, with one flag."; }
        @Override public List<LabOption> options() { return List.of(LabOption.flag("loud", true, "speak up")); }
        @Override public FigureSet run(LabOptions o, LabProgress p) {
            return new FigureSet.Builder("other").scalar("one", 1).build();
        }
    }

    @Start
    void start(Stage stage) {
        workbench = new Workbench(new SettingsStore(temp.resolve("config")));
        page = new LabsWorkspace(new LabsController(workbench, List.of(new DemoLab(), new OtherLab())));
        PageFixture.show(stage, page, 1100, 760);
    }

    @Stop
    void stop() {
        page.close();
        workbench.close();
    }

    @Test
    void choosingALabShowsItsSummaryAndForm(FxRobot robot) {
        assertEquals(DemoLab.ID, page.model().selected().id(), "the first lab is chosen at the start");
        assertTrue(robot.lookup("#lab-option-steps").query() instanceof Spinner);
        assertTrue(robot.lookup("#lab-option-power").query() instanceof ComboBox);
        assertTrue(robot.lookup("#lab-option-scale").query() instanceof TextField);
        assertTrue(robot.lookup("#lab-option-fail").query() instanceof CheckBox);
        assertNotNull(robot.lookup("#lab-option-input").query());
        robot.clickOn("Other lab");
        assertEquals("other", page.model().selected().id());
        assertTrue(robot.lookup("Another lab, with one flag.").tryQuery().isPresent());
        assertTrue(robot.lookup("#lab-option-steps").tryQuery().isEmpty());
        assertEquals("true", page.model().values().get("loud"));
    }

    @Test
    void runWithAChangedOptionShowsTheFigures(FxRobot robot) throws Exception {
        TextField steps = ((Spinner<?>) robot.lookup("#lab-option-steps").query()).getEditor();
        robot.interact(() -> steps.setText("7"));
        robot.interact(() -> ((ComboBox<String>) robot.lookup("#lab-option-power").query()).setValue("1"));
        robot.clickOn("Run");
        PageFixture.waitUntil(20, () -> page.model().result() != null);
        assertEquals("7", page.model().result().options().get("steps"));
        assertEquals(28.0, page.model().result().figures().scalars().get("sum"), 1e-12); // 1 + … + 7
        List<Object> ids = page.figureView().cards().stream().map(Node::getUserData).toList();
        assertEquals(List.of("scalars", "curve", "linear", "signed", "summary"), ids);
        assertTrue(robot.lookup(".labs-status").queryAs(Label.class).getText().contains("done"));
        assertFalse(((Button) robot.lookup("Export…").query()).isDisabled());
    }

    @Test
    void cancelStopsALongRun(FxRobot robot) throws Exception {
        robot.interact(() -> {
            page.controller().setValue("steps", "1000");
            page.controller().setValue("delay-ms", "20"); // 20 s if nothing stops it
        });
        robot.clickOn("Run");
        PageFixture.waitUntil(10, () -> page.model().runningProperty().get()
                && page.model().progressProperty().get() > 0);
        assertTrue(((Button) robot.lookup("Run").query()).isDisabled());
        robot.clickOn("Cancel");
        PageFixture.waitUntil(5, () -> !page.model().runningProperty().get());
        assertTrue(page.model().statusProperty().get().contains("cancelled"), page.model().statusProperty().get());
        assertNull(page.model().result());
        assertEquals("", page.model().errorProperty().get());
        assertFalse(((Button) robot.lookup("Run").query()).isDisabled());
    }

    @Test
    void aLabErrorIsShownAndTheFormStaysUsable(FxRobot robot) throws Exception {
        robot.interact(() -> ((Spinner<?>) robot.lookup("#lab-option-steps").query()).getEditor().setText("zero"));
        robot.clickOn("Run");
        PageFixture.waitUntil(10, () -> !page.model().errorProperty().get().isEmpty());
        Label error = robot.lookup(".labs-error").queryAs(Label.class);
        assertTrue(error.isVisible());
        assertTrue(error.getText().contains("--steps wants a whole number, not 'zero'"), error.getText());

        robot.clickOn("Defaults");
        robot.clickOn("#lab-option-fail");
        robot.clickOn("Run");
        PageFixture.waitUntil(10, () -> page.model().errorProperty().get().contains("--fail was set"));
        assertNull(page.model().result());

        robot.clickOn("#lab-option-fail"); // off again: a run clears the error
        robot.clickOn("Run");
        PageFixture.waitUntil(10, () -> page.model().result() != null);
        assertEquals("", error.getText());
        assertFalse(error.isVisible());
    }

    @Test
    void exportWritesPngsCsvsAndTheOptions(FxRobot robot) throws Exception {
        robot.clickOn("Run");
        PageFixture.waitUntil(20, () -> page.model().result() != null);
        Path dir = temp.resolve("export");
        robot.interact(() -> page.controller().export(dir));
        PageFixture.waitUntil(20, () -> page.model().statusProperty().get().startsWith("Exported"));
        for (String f : List.of("curve.png", "curve.csv", "signed.png", "signed.csv", "summary.csv", "figures.json", "lab.json")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(dir.resolve("lab.json")).contains("\"lab\": \"demo\""));
    }
}
