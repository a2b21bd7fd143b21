package org.attentionworkbench.app.labs.view;

import java.io.File;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.attentionworkbench.app.figures.FigureContents;
import org.attentionworkbench.app.labs.LabsController;
import org.attentionworkbench.app.labs.LabsModel;
import org.attentionworkbench.app.workspace.Toolbars;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.app.workspace.Workspace;
import org.attentionworkbench.compute.labs.Lab;
import org.attentionworkbench.compute.labs.catalog.Labs;
import org.attentionworkbench.viewers.figure.FigureView;

/**
 * The "Labs" page: the labs on the left (list, the chosen lab's summary, its options form, Run, Cancel,
 * Defaults and Export), the last run's figures on the right in a {@link FigureView}. A run goes off the
 * FX thread with its progress here and in the status bar; a lab's error shows in red under the buttons.
 */
public final class LabsWorkspace implements Workspace, AutoCloseable {
    public static final String ID = "labs";
    /** Width of the left column. */
    static final double SIDE_WIDTH = 330;

    private final LabsController controller;
    private final LabsModel model;
    private final BorderPane root = new BorderPane();
    private final ListView<Lab> list = new ListView<>();
    private final Label summary = new Label();
    private final ScrollPane formHost = new ScrollPane();
    private final Button run = new Button("Run");
    private final Button cancel = new Button("Cancel");
    private final Button defaults = new Button("Defaults");
    private final Button export = new Button("Export…");
    private final ProgressBar progress = new ProgressBar();
    private final Label status = new Label();
    private final Label error = new Label();
    private final FigureView figures = new FigureView();

    /** The page with every registered lab ({@link Labs#all()}). */
    public LabsWorkspace(Workbench workbench) {
        this(new LabsController(workbench, Labs.all()));
    }

    public LabsWorkspace(LabsController controller) {
        this.controller = controller;
        this.model = controller.model();
        root.getStyleClass().add(LabsStyles.WORKSPACE);
        root.getStylesheets().add(LabsStyles.stylesheet());
        root.setMinSize(0, 0);

        list.setItems(model.labs());
        list.setPrefHeight(190);
        list.setMinHeight(150); // four or five labs at once: the list grows with every lab
        list.setPlaceholder(wrapping(new Label("No labs in this build.")));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Lab lab, boolean empty) {
                super.updateItem(lab, empty);
                setText(empty || lab == null ? null : lab.title());
                setTooltip(empty || lab == null ? null : new Tooltip(lab.title() + " (" + lab.id() + ")"));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, was, lab) -> controller.select(lab));
        model.selectedProperty().addListener((obs, was, lab) -> showLab(lab));

        wrapping(summary).getStyleClass().add(LabsStyles.SUMMARY);
        formHost.setFitToWidth(true);
        formHost.setMinHeight(60);
        VBox.setVgrow(formHost, Priority.ALWAYS);

        run.setDefaultButton(true);
        run.setOnAction(e -> controller.run());
        run.disableProperty().bind(model.selectedProperty().isNull().or(model.runningProperty()));
        cancel.setOnAction(e -> controller.cancel());
        cancel.disableProperty().bind(model.runningProperty().not());
        defaults.setOnAction(e -> {
            controller.resetValues();
            showLab(model.selected());
        });
        defaults.disableProperty().bind(model.selectedProperty().isNull().or(model.runningProperty()));
        export.setTooltip(new Tooltip("Write the figures as PNG and CSV (with figures.json and lab.json) into a folder"));
        export.setOnAction(e -> chooseExportFolder());
        export.disableProperty().bind(model.resultProperty().isNull().or(model.runningProperty()));
        FlowPane buttons = Toolbars.wrapping(LabsStyles.SIDE + "-buttons", run, cancel, defaults, export);

        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.runningProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        status.textProperty().bind(model.statusProperty());
        Toolbars.statusLine(status, LabsStyles.STATUS);
        error.textProperty().bind(model.errorProperty());
        Toolbars.statusLine(error, LabsStyles.ERROR);

        VBox side = new VBox(8, list, summary, formHost, buttons, progress, status, error);
        side.getStyleClass().add(LabsStyles.SIDE);
        side.setPrefWidth(SIDE_WIDTH);
        side.setMinWidth(SIDE_WIDTH);
        side.setMaxWidth(SIDE_WIDTH);
        side.setPadding(new Insets(8));
        root.setLeft(side);

        figures.setPlaceholderText("Choose a lab, set its options and press Run: its figures show here.");
        figures.setMinSize(0, 0);
        root.setCenter(figures);
        model.resultProperty().addListener((obs, was, r) -> figures.setFigures(r == null ? null
                : FigureContents.of(r.figures())));
        if (!model.labs().isEmpty()) {
            list.getSelectionModel().selectFirst();
        }
    }

    public LabsController controller() { return controller; }
    public LabsModel model() { return model; }
    /** The figures of the last run (tests, screenshots). */
    public FigureView figureView() { return figures; }
    /** The lab list (tests select through it as a user does). */
    public ListView<Lab> labList() { return list; }

    @Override public String id() { return ID; }
    @Override public String title() { return "Labs"; }
    @Override public Node view() { return root; }

    @Override
    public void close() {
        controller.cancel();
    }

    private void showLab(Lab lab) {
        if (lab != null && list.getSelectionModel().getSelectedItem() != lab) {
            list.getSelectionModel().select(lab);
        }
        summary.setText(lab == null ? "" : lab.summary());
        formHost.setContent(lab == null ? null
                : LabForm.of(lab, model.values(), controller::setValue, this::window));
    }

    private void chooseExportFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export the figures into a folder");
        File dir = chooser.showDialog(window());
        if (dir != null) {
            controller.export(dir.toPath());
        }
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private static Label wrapping(Label l) {
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
