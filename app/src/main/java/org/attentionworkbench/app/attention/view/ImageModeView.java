package org.attentionworkbench.app.attention.view;

import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.attentionworkbench.app.attention.AttentionController;
import org.attentionworkbench.app.attention.ImageAttentionModel;
import org.attentionworkbench.app.attention.ImageRunResult;
import org.attentionworkbench.app.attention.ModelChoice;
import org.attentionworkbench.app.attention.Prediction;
import org.attentionworkbench.app.workspace.Toolbars;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.explain.Artifacts;
import org.attentionworkbench.compute.explain.AttentionMaps;
import org.attentionworkbench.compute.explain.HeadFusion;
import org.attentionworkbench.viewers.grid.LayerHead;
import org.attentionworkbench.viewers.grid.SmallMultiples;
import org.attentionworkbench.viewers.heatmap.ColorLegend;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.heatmap.GridCell;
import org.attentionworkbench.viewers.heatmap.HeatmapOverlay;
import org.attentionworkbench.viewers.heatmap.Interpolation;
import org.attentionworkbench.viewers.heatmap.ValueRange;

/**
 * Image mode: the current image with the chosen map over it (colormap, opacity, upsampling, legend),
 * the layer × head small multiples, the query and rollout/mask controls, and below the image the
 * statistics, artifacts and top classes. Binds to {@link ImageAttentionModel}; commands go to the
 * {@link AttentionController}.
 */
final class ImageModeView extends BorderPane {
    private static final String SQUARE = "Model input (square)";
    private static final String NATIVE = "Native grid (keeps aspect)";

    private final AttentionController controller;
    private final ImageAttentionModel model;
    private final HeatmapOverlay overlay = new HeatmapOverlay();
    private final ColorLegend legend = new ColorLegend();
    private final SmallMultiples multiples = new SmallMultiples();
    private final StatisticsView statistics;
    private final ListView<Artifacts.Artifact> artifacts = new ListView<>();
    private final ListView<String> predictions = new ListView<>();
    private final Label untrained = new Label("UNTRAINED sample model — maps show seeded structure, not learned attention");
    private final Button exportButton = new Button("Export…");
    private boolean syncing;

    ImageModeView(Workbench workbench, AttentionController controller, Runnable openModels, Runnable oneClickModel,
            Runnable importModel, Runnable export) {
        this.controller = controller;
        this.model = controller.model().image();
        this.statistics = new StatisticsView("distance (px)", controller::selectHead);
        getStyleClass().add("attention-image-mode");

        overlay.imageProperty().bind(Bindings.createObjectBinding(() -> {
            var img = workbench.currentImageProperty().get();
            return img == null ? null : img.image();
        }, workbench.currentImageProperty()));

        VBox top = new VBox(toolbar(openModels, export), banner(oneClickModel, importModel, openModels));
        setTop(top);

        SplitPane left = new SplitPane(imageArea(), bottomTabs());
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.6); // room for the statistics' three charts under the image
        ScrollPane side = new ScrollPane(sidePanel());
        side.setFitToWidth(true);
        side.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        side.setMinWidth(300);
        side.setPrefWidth(420);
        SplitPane split = new SplitPane(left, side);
        split.setDividerPositions(0.68);
        SplitPane.setResizableWithParent(side, false);
        setCenter(split);

        wireOverlay();
        wireMultiples();
        model.resultProperty().addListener((obs, old, r) -> showResult(r));
    }

    HeatmapOverlay overlay() { return overlay; }
    SmallMultiples multiples() { return multiples; }
    StatisticsView statistics() { return statistics; }
    Label untrainedLabel() { return untrained; }
    ListView<Artifacts.Artifact> artifactList() { return artifacts; }

    /** The overlay at the image's own resolution, for export; null when nothing is shown. */
    Image composite() {
        return overlay.getImage() == null ? null : overlay.renderComposite();
    }

    // ---- building --------------------------------------------------------------------------

    private FlowPane toolbar(Runnable openModels, Runnable export) {
        ComboBox<ModelChoice> models = new ComboBox<>(model.models());
        models.valueProperty().bindBidirectional(model.modelProperty());
        models.setId("attention-model-choice"); // as wide as its longest model name
        Button manage = new Button("Models…");
        manage.setTooltip(new Tooltip("Download, import or remove models"));
        manage.setOnAction(e -> openModels.run());
        ComboBox<String> input = new ComboBox<>();
        input.getItems().setAll(SQUARE, NATIVE);
        input.setValue(model.nativeGridProperty().get() ? NATIVE : SQUARE);
        input.valueProperty().addListener((obs, o, v) -> model.nativeGridProperty().set(NATIVE.equals(v)));
        exportButton.setTooltip(new Tooltip("Export the overlay PNG, the maps (NPY) and the statistics into a folder"));
        exportButton.setOnAction(e -> export.run());
        exportButton.disableProperty().bind(model.resultProperty().isNull());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.runningProperty().or(model.rolloutBusyProperty()));
        // groups wrap as a whole when the window is narrow; the status is on the page's mode bar
        return Toolbars.wrapping(AttentionStyles.TOOLBAR, Toolbars.group(new Label("Model"), models, manage),
                Toolbars.group(new Label("Input"), input), Toolbars.group(exportButton, busy));
    }

    private Region banner(Runnable oneClickModel, Runnable importModel, Runnable openModels) {
        Label text = new Label("No trained image model is installed: the maps come from an untrained sample ViT.");
        text.setWrapText(true);
        text.setMinWidth(0);
        text.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button get = new Button("Get DINO ViT-S/16 (85 MB)");
        get.setTooltip(new Tooltip("Download DINO ViT-S/16 (about 85 MB), a trained model whose maps mean something"));
        get.getStyleClass().add(Styles.ACCENT);
        get.setOnAction(e -> oneClickModel.run());
        get.setId("attention-get-model");
        Button imp = new Button("Import file…");
        imp.setTooltip(new Tooltip("A checkpoint you have: safetensors, .pth or a config.json folder"));
        imp.setOnAction(e -> importModel.run());
        Button more = new Button("More models…");
        more.setOnAction(e -> openModels.run());
        HBox box = new HBox(text, get, imp, more);
        for (Button b : List.of(get, imp, more)) {
            b.setMinWidth(Region.USE_PREF_SIZE); // the text wraps instead
        }
        box.getStyleClass().add(AttentionStyles.GET_MODEL_BANNER);
        box.visibleProperty().bind(model.hasTrainedModelProperty().not());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Region imageArea() {
        untrained.getStyleClass().add(AttentionStyles.UNTRAINED_BADGE);
        untrained.setWrapText(true); // over a narrow image it takes two lines rather than losing its end
        untrained.setMinHeight(Region.USE_PREF_SIZE);
        untrained.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> model.getResult() != null && !model.getResult().trained(), model.resultProperty()));
        untrained.setMouseTransparent(true);
        Label caption = new Label();
        caption.getStyleClass().add(AttentionStyles.CAPTION);
        caption.textProperty().bind(model.captionProperty());
        caption.visibleProperty().bind(model.captionProperty().isNotEmpty());
        caption.setMouseTransparent(true);
        StackPane.setAlignment(untrained, Pos.TOP_LEFT);
        StackPane.setAlignment(caption, Pos.BOTTOM_LEFT);
        StackPane.setMargin(untrained, new Insets(8));
        StackPane.setMargin(caption, new Insets(8));
        StackPane stack = new StackPane(overlay, untrained, caption);
        stack.setMinSize(0, 0);
        legend.setPrefWidth(78);
        legend.setTitle("attention");
        legend.colormapProperty().bind(overlay.colormapProperty());
        BorderPane area = new BorderPane(stack);
        area.setRight(legend);
        BorderPane.setMargin(legend, new Insets(8, 4, 8, 4));
        area.setMinSize(0, 0);
        return area;
    }

    private TabPane bottomTabs() {
        artifacts.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Artifacts.Artifact a, boolean empty) {
                super.updateItem(a, empty);
                setText(empty || a == null ? null : describe(a));
            }
        });
        artifacts.setPlaceholder(new Label("No outlier tokens (robust z > " + (int) Artifacts.THRESHOLD + ")"));
        artifacts.getSelectionModel().selectedItemProperty().addListener((obs, o, a) -> {
            ImageRunResult r = model.getResult();
            if (a != null && r != null && a.token() >= r.maps().prefix()) {
                controller.pinPatch(a.token() - r.maps().prefix());
            }
        });
        CheckBox outline = new CheckBox("Outline artifacts on the map");
        outline.selectedProperty().bindBidirectional(model.showArtifactsProperty());
        VBox arts = new VBox(6, outline, artifacts);
        arts.setPadding(new Insets(6));
        VBox.setVgrow(artifacts, Priority.ALWAYS);
        predictions.setPlaceholder(new Label("This model has no classifier head"));
        TabPane tabs = new TabPane(new Tab("Statistics", statistics), new Tab("Artifacts", arts),
                new Tab("Predictions", predictions));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setMinHeight(0);
        return tabs;
    }

    private String describe(Artifacts.Artifact a) {
        ImageRunResult r = model.getResult();
        String where = "token " + a.token();
        if (r != null && a.token() >= r.maps().prefix()) {
            int p = a.token() - r.maps().prefix();
            where = "patch (" + p % r.maps().gridW() + ", " + p / r.maps().gridW() + ")";
        }
        String kind = a.kind() == Artifacts.Kind.HIGH_NORM ? "high-norm token" : "attention sink";
        return String.format(Locale.ROOT, "%s — %s, robust z = %.1f", where, kind, a.score());
    }

    private VBox sidePanel() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        int row = 0;

        Slider layer = new Slider(0, 1, 0);
        layer.setMajorTickUnit(1);
        layer.setMinorTickCount(0);
        layer.setSnapToTicks(true);
        layer.setShowTickMarks(true);
        layer.setId("attention-layer-slider");
        Label layerValue = new Label();
        layerValue.textProperty().bind(model.layerProperty().asString());
        layer.valueProperty().addListener((obs, o, v) -> {
            if (!syncing) {
                controller.selectHead((int) Math.round(v.doubleValue()), model.getHead());
            }
        });
        model.layerProperty().addListener((obs, o, v) -> layer.setValue(v.intValue()));
        model.resultProperty().addListener((obs, o, r) -> {
            if (r != null) {
                syncing = true;
                layer.setMax(Math.max(1, r.maps().layers() - 1));
                layer.setValue(model.getLayer());
                syncing = false;
            }
        });
        g.addRow(row++, new Label("Layer  [ ]"), layer, layerValue);

        ComboBox<Integer> head = new ComboBox<>();
        head.setConverter(new StringConverter<>() {
            @Override public String toString(Integer h) { return h == null ? "" : h < 0 ? "All heads (fused)" : "Head " + h; }
            @Override public Integer fromString(String s) { return null; }
        });
        model.resultProperty().addListener((obs, o, r) -> {
            if (r != null) {
                syncing = true;
                head.getItems().clear();
                for (int h = -1; h < r.maps().heads(); h++) {
                    head.getItems().add(h);
                }
                head.setValue(model.getHead());
                syncing = false;
            }
        });
        head.valueProperty().addListener((obs, o, v) -> {
            if (!syncing && v != null) {
                model.headProperty().set(v);
            }
        });
        model.headProperty().addListener((obs, o, v) -> head.setValue(v.intValue()));
        g.addRow(row++, new Label("Head  H J"), head);

        ComboBox<HeadFusion> fusion = new ComboBox<>();
        fusion.getItems().setAll(HeadFusion.values());
        fusion.valueProperty().bindBidirectional(model.fusionProperty());
        g.addRow(row++, new Label("Fusion  F"), fusion);

        CheckBox live = new CheckBox("Live hover");
        live.selectedProperty().bindBidirectional(model.liveHoverProperty());
        CheckBox reverse = new CheckBox("Reverse: who attends here  R");
        reverse.selectedProperty().bindBidirectional(model.reverseProperty());
        reverse.setId("attention-reverse");
        Button cls = new Button("Back to CLS  Esc");
        cls.setOnAction(e -> controller.backToCls());
        g.add(new Label("Query"), 0, row);
        g.add(new VBox(4, live, reverse, cls), 1, row++, 2, 1);

        CheckBox rollout = new CheckBox("Attention rollout  O");
        rollout.selectedProperty().bindBidirectional(model.rolloutProperty());
        rollout.setId("attention-rollout");
        Slider discard = new Slider(0, 0.99, model.discardRatioProperty().get());
        discard.valueProperty().bindBidirectional(model.discardRatioProperty());
        Label discardValue = new Label();
        discardValue.textProperty().bind(model.discardRatioProperty().asString(Locale.ROOT, "%.2f"));
        g.add(rollout, 0, row++, 3, 1);
        g.addRow(row++, new Label("Discard ratio"), discard, discardValue);

        CheckBox mask = new CheckBox("Mass mask (DINO) as contours  M");
        mask.selectedProperty().bindBidirectional(model.maskProperty());
        mask.setId("attention-mask");
        Slider share = new Slider(0.05, 1, model.maskShareProperty().get());
        share.valueProperty().bindBidirectional(model.maskShareProperty());
        Label shareValue = new Label();
        shareValue.textProperty().bind(model.maskShareProperty().multiply(100).asString(Locale.ROOT, "%.0f %%"));
        g.add(mask, 0, row++, 3, 1);
        g.addRow(row++, new Label("Keep mass"), share, shareValue);

        ComboBox<Colormap> cmap = new ComboBox<>();
        cmap.getItems().setAll(Colormap.values());
        cmap.valueProperty().bindBidirectional(overlay.colormapProperty());
        g.addRow(row++, new Label("Colormap"), cmap);
        Slider opacity = new Slider(0, 1, overlay.getHeatmapOpacity());
        opacity.valueProperty().bindBidirectional(overlay.heatmapOpacityProperty());
        g.addRow(row++, new Label("Opacity"), opacity);
        ComboBox<Interpolation> interp = new ComboBox<>();
        interp.getItems().setAll(Interpolation.values());
        interp.valueProperty().bindBidirectional(overlay.interpolationProperty());
        g.addRow(row++, new Label("Upsampling"), interp);
        for (Region r : List.of(layer, discard, share, opacity, head, fusion, cmap, interp)) {
            r.setMaxWidth(Double.MAX_VALUE);
            GridPane.setHgrow(r, Priority.ALWAYS);
        }
        // a narrow panel narrows the sliders and combo boxes, never the texts
        g.getChildren().stream().filter(n -> n instanceof javafx.scene.control.Labeled)
                .forEach(n -> ((Region) n).setMinWidth(Region.USE_PREF_SIZE));
        g.getChildren().stream().filter(n -> n instanceof Slider || n instanceof ComboBox)
                .forEach(n -> ((Region) n).setMinWidth(60));

        Label gridTitle = new Label("Layers × heads — click one to show it");
        gridTitle.getStyleClass().add(AttentionStyles.SECTION_TITLE);
        multiples.setPrefHeight(330);
        multiples.setMinHeight(160);
        VBox box = new VBox(8, g, gridTitle, multiples);
        box.getStyleClass().add(AttentionStyles.SIDE);
        return box;
    }

    // ---- wiring ----------------------------------------------------------------------------

    private void wireOverlay() {
        model.gridProperty().addListener((obs, o, grid) -> {
            overlay.setGridWidth(model.gridWidthProperty().get());
            overlay.setGridHeight(model.gridHeightProperty().get());
            overlay.setGrid(grid);
            if (grid != null) {
                legend.setRange(ValueRange.of(grid));
            }
        });
        overlay.contoursProperty().bind(model.contoursProperty());
        overlay.hoveredCellProperty().addListener((obs, o, cell) ->
                model.hoveredPatchProperty().set(cell == null ? ImageAttentionModel.NO_PATCH
                        : cell.index(overlay.getGridWidth())));
        overlay.setOnCellClicked(e -> controller.pinPatch(e.getCell().index(overlay.getGridWidth())));
        Runnable highlight = () -> {
            int p = model.queryPatch();
            int gw = model.gridWidthProperty().get();
            overlay.setHighlightedCell(p < 0 || gw <= 0 ? null : new GridCell(p % gw, p / gw));
        };
        model.pinnedPatchProperty().addListener(obs -> highlight.run());
        model.hoveredPatchProperty().addListener(obs -> highlight.run());
        model.liveHoverProperty().addListener(obs -> highlight.run());
    }

    private void wireMultiples() {
        multiples.selectionProperty().addListener((obs, o, lh) -> {
            if (!syncing && lh != null) {
                controller.selectHead(lh.layer(), lh.head());
            }
        });
        Runnable select = () -> {
            syncing = true;
            multiples.setSelection(new LayerHead(model.getLayer(), model.getHead()));
            statistics.showSelection(model.getLayer(), model.getHead());
            syncing = false;
        };
        model.layerProperty().addListener(obs -> select.run());
        model.headProperty().addListener(obs -> select.run());
        model.resultProperty().addListener(obs -> select.run());
        // the small multiples follow the pinned query (not the hover: L·H renders per move would be too many)
        for (var o : List.of(model.pinnedPatchProperty(), model.reverseProperty(), model.fusionProperty())) {
            o.addListener(obs -> multiples.invalidateCells());
        }
        overlay.colormapProperty().addListener((obs, o, c) -> multiples.setColormap(c));
    }

    private void showResult(ImageRunResult r) {
        if (r == null) {
            return;
        }
        AttentionMaps m = r.maps();
        multiples.setData(m.layers(), m.heads(), m.gridW(), m.gridH(), true, controller::cellValues);
        statistics.setStatistics(r.stats());
        artifacts.getItems().setAll(r.artifacts());
        predictions.getItems().setAll(r.top().stream()
                .map((Prediction p) -> String.format(Locale.ROOT, "%5.1f %%  %s", 100 * p.probability(), p.label()))
                .toList());
        if (!r.trained() && !r.top().isEmpty()) {
            predictions.getItems().add(0, "(untrained model: these classes mean nothing)");
        }
    }
}
