package org.attentionworkbench.app.anomaly.view;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.attentionworkbench.app.anomaly.InspectionController;
import org.attentionworkbench.app.anomaly.InspectionModel;
import org.attentionworkbench.app.workspace.Toolbars;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.app.workspace.Workspace;
import org.attentionworkbench.compute.anomaly.pipeline.Backbones;

/**
 * The Anomaly page, for QA staff inspecting parts: normal prompts and the queue on the left, the current
 * image with its heatmap beside the prompt in the middle, the threshold below, metrics and keys on the
 * right. State lives in {@link InspectionModel}, logic in {@link InspectionController}; this class only
 * lays out the views over them. Closing the page (the window closes) closes the controller: a run is
 * cancelled and its threads stop.
 */
public final class AnomalyWorkspace implements Workspace, AutoCloseable {
    public static final String ID = "anomaly";
    /** Opens a folder (or "demo") on the page at start. */
    public static final String OPEN_PROPERTY = "workbench.anomaly.open";

    private final InspectionController controller;
    private final InspectionModel model;
    private final BorderPane root = new BorderPane();
    private final QueueView queue;
    private final InspectView inspect;
    private final ThresholdBar thresholdBar;
    private final MetricsPanel metrics;
    private final ScorerChoice scorer;

    public AnomalyWorkspace(Workbench workbench) {
        this(new InspectionController(workbench));
    }

    public AnomalyWorkspace(InspectionController controller) {
        this.controller = controller;
        this.model = controller.model();
        root.getStyleClass().add(AnomalyStyles.WORKSPACE);
        root.getStylesheets().add(AnomalyStyles.stylesheet());
        root.setMinSize(0, 0);
        queue = new QueueView(controller);
        inspect = new InspectView(controller);
        thresholdBar = new ThresholdBar(controller);
        metrics = new MetricsPanel(controller);
        scorer = new ScorerChoice(model);

        VBox left = new VBox(8, new PromptPanel(controller), queue);
        left.getStyleClass().add(AnomalyStyles.SIDE);
        left.setPrefWidth(330);
        left.setMinWidth(330);
        VBox.setVgrow(queue, Priority.ALWAYS);

        BorderPane center = new BorderPane(inspect, null, null, thresholdBar, null);
        center.setMinSize(0, 0);

        VBox rightBox = new VBox(10, metrics, keyHints(), decisionsBox());
        rightBox.getStyleClass().add(AnomalyStyles.SIDE);
        // scrolls rather than cutting the metrics short when the toolbar wraps on a small screen
        ScrollPane right = new ScrollPane(rightBox);
        right.setFitToWidth(true);
        right.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        right.getStyleClass().add("edge-to-edge");
        right.setPrefWidth(300);
        right.setMinWidth(300);

        root.setTop(toolbar());
        root.setLeft(left);
        root.setCenter(center);
        root.setRight(right);
        AnomalyKeys.install(root, controller);
        openAtStart(System.getProperty(OPEN_PROPERTY));
        // a click anywhere on the page gives it the keys (the queue takes the focus)
        root.setOnMousePressed(e -> queue.list().requestFocus());
    }

    /** -Dworkbench.anomaly.open=demo|FOLDER: open (and for the demo, run) at start. */
    private void openAtStart(String what) {
        if (what == null || what.isBlank()) {
            return;
        }
        if (what.equals("demo")) {
            controller.openDemo();
            return;
        }
        try {
            controller.openFolder(Path.of(what));
        } catch (IOException e) {
            java.util.logging.Logger.getLogger(AnomalyWorkspace.class.getName())
                    .warning("Cannot open " + what + ": " + e.getMessage());
        }
    }

    public InspectionModel model() {
        return model;
    }

    public InspectionController controller() {
        return controller;
    }

    /** Cancels a run and stops the page's threads (the window closes). */
    @Override
    public void close() {
        controller.close();
    }

    @Override public String id() { return ID; }
    @Override public String title() { return "Anomaly"; }
    @Override public Node view() { return root; }

    /** File ▸ "Use Current Image as Normal" for the main menu. */
    public MenuItem useCurrentAsNormalItem() {
        MenuItem m = new MenuItem("Use Current Image as Normal (Anomaly)");
        m.setOnAction(e -> controller.useCurrentImageAsNormal());
        return m;
    }

    // views, for tests
    Parts views() {
        return new Parts(inspect.target(), inspect.prompt(), thresholdBar.slider(), queue.list(),
                metrics.chart(), queue.category(), scorer.method(), scorer.k(), scorer.refiner());
    }

    record Parts(org.attentionworkbench.viewers.heatmap.HeatmapOverlay target,
            org.attentionworkbench.viewers.heatmap.HeatmapOverlay prompt, javafx.scene.control.Slider slider,
            javafx.scene.control.ListView<org.attentionworkbench.app.anomaly.InspectionItem> queue,
            javafx.scene.chart.LineChart<Number, Number> roc, javafx.scene.control.ComboBox<String> category,
            javafx.scene.control.ComboBox<org.attentionworkbench.compute.anomaly.AnomalyInspector.Method> scorer,
            javafx.scene.control.Spinner<Integer> k, javafx.scene.control.MenuButton refiner) {}

    private Node toolbar() {
        Button open = new Button("Open folder…");
        open.setTooltip(new Tooltip("A folder of images to inspect (MVTec / BTAD / VisA layouts, or good/ and defect folders)"));
        open.setOnAction(e -> chooseFolder());
        Button demo = new Button("Open demo dataset");
        demo.setTooltip(new Tooltip("A synthetic brushed-metal set with scratches, holes and stains (written once, no download)"));
        demo.setOnAction(e -> controller.openDemo());
        Button run = new Button("Run");
        run.setDefaultButton(false);
        run.setOnAction(e -> {
            controller.run();
            queue.list().requestFocus();
        });
        run.disableProperty().bind(model.runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> controller.cancel());
        cancel.disableProperty().bind(model.runningProperty().not());
        Button backbone = new Button("Backbone…");
        backbone.setOnAction(e -> chooseBackbone());
        Label backboneLabel = new Label();
        backboneLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            Path b = model.backboneProperty().get();
            return b == null ? "No backbone found: choose one" : b.getFileName().toString();
        }, model.backboneProperty()));
        Tooltip backboneTip = new Tooltip();
        backboneTip.textProperty().bind(Bindings.createStringBinding(() -> {
            Path b = model.backboneProperty().get();
            return b == null ? "Not found: " + Backbones.defaultPath() : b.toString();
        }, model.backboneProperty()));
        backboneLabel.setTooltip(backboneTip);
        backboneLabel.setMaxWidth(360); // a long file name is cut; the tooltip has the whole path
        backboneLabel.setMinWidth(0);
        backboneLabel.getStyleClass().add(AnomalyStyles.STATUS);
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());
        // groups wrap as a whole when the window is narrow; the status has a line of its own
        scorer.disableProperty().bind(model.runningProperty());
        FlowPane bar = Toolbars.wrapping(AnomalyStyles.TOOLBAR, Toolbars.group(open, demo), Toolbars.group(run, cancel),
                Toolbars.group(backbone, backboneLabel), scorer);
        VBox top = new VBox(bar, Toolbars.statusLine(status, AnomalyStyles.STATUS));
        top.getStyleClass().add(AnomalyStyles.TOOLBAR_AREA);
        return top;
    }

    private Node keyHints() {
        Label title = new Label("Keys");
        title.getStyleClass().add(AnomalyStyles.SECTION_TITLE);
        Label keys = new Label();
        keys.getStyleClass().add(AnomalyStyles.KEY_HINTS);
        keys.setWrapText(true);
        keys.textProperty().bind(Bindings.createStringBinding(() -> {
            StringBuilder sb = new StringBuilder(AnomalyKeys.LEGEND);
            for (int i = 0; i < model.defectClasses().size(); i++) {
                sb.append(i % 3 == 0 ? "\n" : "   ").append(i + 1).append(' ').append(model.defectClasses().get(i));
            }
            return sb.toString();
        }, model.defectClasses()));
        return new VBox(2, title, keys);
    }

    private Node decisionsBox() {
        Label title = new Label("Decisions");
        title.getStyleClass().add(AnomalyStyles.SECTION_TITLE);
        Label where = new Label();
        where.setWrapText(true);
        where.getStyleClass().add(AnomalyStyles.HINT);
        where.textProperty().bind(Bindings.createStringBinding(() -> {
            Path d = model.decisionsDirProperty().get();
            return d == null ? "Saved as you decide, beside the inspected folder" : "Saved as you decide to\n" + d;
        }, model.decisionsDirProperty()));
        Button choose = new Button("Decisions folder…");
        choose.setTooltip(new Tooltip("Where decisions.csv / decisions.json go (for a read-only folder)"));
        choose.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("Folder for decisions.csv and decisions.json");
            File f = c.showDialog(root.getScene().getWindow());
            if (f != null) {
                try {
                    controller.setDecisionsFolder(f.toPath());
                } catch (IOException ex) {
                    where.textProperty().unbind();
                    where.setText("Cannot use " + f + ": " + ex.getMessage());
                }
            }
        });
        return new VBox(4, title, where, choose);
    }

    private void chooseFolder() {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle("Folder to inspect");
        File f = c.showDialog(root.getScene().getWindow());
        if (f != null) {
            try {
                controller.openFolder(f.toPath());
            } catch (IOException ex) {
                org.attentionworkbench.app.workspace.Dialogs.cannotOpen(root.getScene().getWindow(), f.getName(),
                        ex.getMessage());
            }
        }
    }

    private void chooseBackbone() {
        FileChooser c = new FileChooser();
        c.setTitle("Backbone checkpoint (MobileNetV2 or a ViT)");
        c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Checkpoints", "*.safetensors", "*.pth",
                "*.pt", "*.bin", "*.onnx"), new FileChooser.ExtensionFilter("All files", "*"));
        File f = c.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            model.backboneProperty().set(f.toPath());
        }
    }
}
