package org.attentionworkbench.app.colorize.view;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringExpression;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.attentionworkbench.app.colorize.ColorizeController;
import org.attentionworkbench.app.colorize.ColorizeModel;
import org.attentionworkbench.app.colorize.ColorizeResult;
import org.attentionworkbench.app.colorize.PreparedImage;
import org.attentionworkbench.app.colorize.ViewMode;
import org.attentionworkbench.app.workspace.Dialogs;
import org.attentionworkbench.app.workspace.Toolbars;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.app.workspace.Workspace;
import org.attentionworkbench.compute.colorize.HintFileException;

/**
 * The Colorize page: click-to-colorize with user hints on the opened image (its colour stripped
 * and kept as the ground truth), live at full resolution. Builds the model, the controller and the
 * views; prepares images only while the page is shown.
 */
public final class ColorizeWorkspace implements Workspace, AutoCloseable {
    public static final String ID = "colorize";

    private final ColorizeModel model = new ColorizeModel();
    private final ColorizeController controller;
    private final HintCanvas canvas;
    private final ColorPickerPane picker;
    private final BorderPane root = new BorderPane();
    private final StringExpression pointerText;

    public ColorizeWorkspace(Workbench workbench) {
        this.controller = new ColorizeController(workbench, model);
        controller.setErrorHandler(e -> Dialogs.info(window(), "Colorize", "Something went wrong",
                e.getMessage() == null ? e.toString() : e.getMessage()));
        canvas = new HintCanvas(model);
        picker = new ColorPickerPane(model, controller);

        Label placeholder = new Label("Open an image (Ctrl+O): its colours are stripped and kept as the ground truth");
        placeholder.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TITLE_4);
        placeholder.visibleProperty().bind(model.imageProperty().isNull());
        placeholder.setMouseTransparent(true);
        ScrollPane side = new ScrollPane(picker);
        side.setFitToWidth(true);
        side.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);

        root.setTop(toolbar());
        root.setCenter(new StackPane(canvas, placeholder));
        root.setRight(side);
        root.getStyleClass().add(ColorizeStyles.PAGE);
        root.getStylesheets().add(ColorizeStyles.stylesheet());
        root.setMinSize(0, 0);
        ColorizeBindings.install(root, canvas, controller);
        root.parentProperty().addListener((obs, o, parent) -> controller.setActive(parent != null));

        pointerText = Bindings.createStringBinding(this::describePointer, canvas.hoveredProperty(),
                model.resultProperty());
    }

    private Node toolbar() {
        ComboBox<String> method = new ComboBox<>(model.methods());
        method.valueProperty().bindBidirectional(model.methodProperty());
        method.setId("colorize-method");

        ToggleGroup modes = new ToggleGroup();
        ToggleButton sideBySide = modeButton(ViewMode.SIDE_BY_SIDE, modes, Styles.LEFT_PILL);
        ToggleButton slider = modeButton(ViewMode.SLIDER, modes, Styles.RIGHT_PILL);
        modes.selectToggle(model.viewModeProperty().get() == ViewMode.SLIDER ? slider : sideBySide);
        modes.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                modes.selectToggle(old);
            } else {
                model.viewModeProperty().set((ViewMode) now.getUserData());
            }
        });
        Slider split = new Slider(0, 1, model.splitProperty().get());
        split.valueProperty().bindBidirectional(model.splitProperty());
        split.setPrefWidth(140);
        split.visibleProperty().bind(model.viewModeProperty().isEqualTo(ViewMode.SLIDER));
        split.managedProperty().bind(split.visibleProperty());

        Button undo = button("Undo", controller::undo);
        undo.disableProperty().bind(model.canUndoProperty().not());
        Button redo = button("Redo", controller::redo);
        redo.disableProperty().bind(model.canRedoProperty().not());
        Button load = button("Load hints…", this::loadHintsDialog);
        Button save = button("Save hints…", this::saveHintsDialog);
        Button export = button("Export PNG…", this::exportDialog);
        for (Button b : new Button[] {load, save, export}) {
            b.disableProperty().bind(model.imageProperty().isNull());
        }

        undo.setTooltip(new Tooltip("Undo the last hint change (Ctrl+Z)"));
        redo.setTooltip(new Tooltip("Redo (Ctrl+Y)"));
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());

        // groups wrap as a whole when the window is narrow; the status has a line of its own
        FlowPane bar = Toolbars.wrapping(ColorizeStyles.TOOLBAR, Toolbars.group(new Label("Method"), method),
                Toolbars.group(new HBox(sideBySide, slider), split), Toolbars.group(undo, redo),
                Toolbars.group(load, save, export));
        VBox top = new VBox(bar, Toolbars.statusLine(status, ColorizeStyles.STATUS));
        top.getStyleClass().add(ColorizeStyles.TOP);
        return top;
    }

    private static ToggleButton modeButton(ViewMode mode, ToggleGroup group, String pill) {
        ToggleButton b = new ToggleButton(mode.toString());
        b.setUserData(mode);
        b.setToggleGroup(group);
        b.getStyleClass().add(pill);
        return b;
    }

    private static Button button(String text, Runnable action) {
        Button b = new Button(text);
        b.setOnAction(e -> action.run());
        return b;
    }

    @Override public String id() { return ID; }
    @Override public String title() { return "Colorize"; }
    @Override public Node view() { return root; }
    @Override public StringExpression pointerText() { return pointerText; }

    // ---- for tests and the main window ------------------------------------------------------

    public ColorizeModel model() { return model; }
    public ColorizeController controller() { return controller; }
    public HintCanvas canvas() { return canvas; }
    public ColorPickerPane picker() { return picker; }

    /** Writes the full-resolution PNG (and, when {@code hints} is given, the hints JSON). */
    public void export(Path png, Path hints, Consumer<Path> done) throws HintFileException {
        if (hints != null) {
            controller.saveHints(hints);
        }
        controller.exportPng(png, done);
    }

    // ---- dialogs -----------------------------------------------------------------------------

    private String baseName() {
        PreparedImage img = model.getImage();
        String n = img == null ? "image" : img.name();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private void exportDialog() {
        File f = chooser("Export colorized PNG", baseName() + "-colorized.png", "PNG image", "*.png")
                .showSaveDialog(window());
        if (f != null) {
            controller.exportPng(f.toPath(), p -> model.statusProperty().set("Exported " + p));
        }
    }

    private void saveHintsDialog() {
        File f = chooser("Save hints", baseName() + "-hints.json", "Hints (JSON)", "*.json").showSaveDialog(window());
        if (f != null) {
            try {
                controller.saveHints(f.toPath());
                model.statusProperty().set("Saved " + model.hints().size() + " hints to " + f);
            } catch (HintFileException e) {
                Dialogs.info(window(), "Colorize", "Cannot save hints", e.getMessage());
            }
        }
    }

    private void loadHintsDialog() {
        File f = chooser("Load hints", null, "Hints (JSON)", "*.json").showOpenDialog(window());
        if (f != null) {
            try {
                controller.loadHints(f.toPath());
            } catch (HintFileException e) {
                Dialogs.info(window(), "Colorize", "Cannot load hints", e.getMessage());
            }
        }
    }

    private static FileChooser chooser(String title, String initialName, String what, String pattern) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        if (initialName != null) {
            c.setInitialFileName(initialName);
        }
        return c;
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private String describePointer() {
        int[] p = canvas.hoveredProperty().get();
        PreparedImage img = model.getImage();
        if (p == null || img == null) {
            return "";
        }
        ColorizeResult r = model.getResult();
        String ab = r == null ? "" : String.format(Locale.ROOT, "   a %.1f  b %.1f", r.abAt(p[0], p[1]).a(),
                r.abAt(p[0], p[1]).b());
        return String.format(Locale.ROOT, "%d, %d   L %.1f%s", p[0], p[1], img.lightness(p[0], p[1]), ab);
    }

    @Override
    public void close() {
        controller.close();
    }
}
