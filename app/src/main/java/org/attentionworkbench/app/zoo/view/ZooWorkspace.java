package org.attentionworkbench.app.zoo.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.attentionworkbench.app.attention.ModelChoice;
import org.attentionworkbench.app.attention.ModelLibrary;
import org.attentionworkbench.app.workspace.Toolbars;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.app.workspace.Workspace;
import org.attentionworkbench.app.zoo.ZooController;
import org.attentionworkbench.app.zoo.ZooModel;
import org.attentionworkbench.app.zoo.ZooResult;
import org.attentionworkbench.compute.figure.Table;
import org.attentionworkbench.compute.zoo.QkEmbedding;
import org.attentionworkbench.compute.zoo.ZooInput;
import org.attentionworkbench.compute.zoo.ZooRun;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.heatmap.HeatmapOverlay;
import org.attentionworkbench.viewers.heatmap.Interpolation;
import org.attentionworkbench.viewers.heatmap.ValueRange;
import org.attentionworkbench.viewers.zoo.MatrixView;
import org.attentionworkbench.viewers.zoo.QkScatter;

/**
 * The Zoo page: pick an input (one head of a ViT layer on the open image, of MiniLM on a sentence, or
 * synthetic tokens) and mechanisms; each mechanism's mixing matrix is drawn side by side with what
 * its learned parts are; hovering a row shows that token's mixing over the image or the sentence;
 * a table gives the errors against softmax and the costs; the Q/K map shows the head's queries and
 * keys (AttentionViz), with every head of the layer as small multiples. The "Cost" tab
 * ({@link ZooCostPane}) times the chosen mechanisms as N grows and draws the log-log cost curves.
 */
public final class ZooWorkspace implements Workspace, AutoCloseable {
    public static final String ID = "zoo";
    private static final double TILE = 150;

    private final ZooModel model = new ZooModel();
    private final ZooController controller;
    private final BorderPane root = new BorderPane();
    private final TilePane tiles = new TilePane(8, 8);
    private final List<MatrixView> matrices = new ArrayList<>();
    private final TableView<List<String>> table = new TableView<>();
    private final HeatmapOverlay overlay = new HeatmapOverlay();
    private final FlowPane sentence = new FlowPane(3, 3);
    private final Label mixingTitle = new Label("Hover a matrix row");
    private final QkScatter scatter = new QkScatter();
    private final TilePane heads = new TilePane(4, 4);
    private final Label scatterTitle = new Label("Queries and keys");
    private final TabPane tabs = new TabPane();
    private final Tab matricesTab;
    private final Tab costTab;
    private final ZooCostPane costPane;

    public ZooWorkspace(Workbench workbench) {
        this(workbench, new ModelLibrary(org.attentionworkbench.compute.models.catalog.ModelCache.defaultDir()));
    }

    public ZooWorkspace(Workbench workbench, ModelLibrary library) {
        controller = new ZooController(workbench, model, library);
        controller.setOnResult(this::show);

        tiles.setPadding(new Insets(6));
        tiles.setPrefTileWidth(TILE + 8);
        ScrollPane tileScroll = new ScrollPane(tiles);
        tileScroll.setFitToWidth(true);
        VBox.setVgrow(tileScroll, Priority.ALWAYS);
        table.setPrefHeight(170);
        table.setMinHeight(120);
        table.setPlaceholder(new Label("Run to compare mechanisms"));
        table.setPrefWidth(420);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        // the table as wide as its columns, scrolled sideways as a whole (its headers stay in the page)
        ScrollPane tableScroll = new ScrollPane(table);
        tableScroll.setFitToHeight(true);
        tableScroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        tableScroll.setPrefHeight(190);
        tableScroll.setMinHeight(140);
        VBox center = new VBox(6, tileScroll, tableScroll);
        center.setPadding(new Insets(0, 6, 6, 6));
        costPane = new ZooCostPane(workbench, () -> model.mechanisms().stream().filter(model.chosen()::contains).toList());
        matricesTab = new Tab("Matrices", center);
        costTab = new Tab("Cost", costPane);
        matricesTab.setClosable(false);
        costTab.setClosable(false);
        tabs.getTabs().setAll(matricesTab, costTab);
        tabs.setMinSize(0, 0);
        Node side = sidePanel();
        // the side panel (a row's mixing, the Q/K map) belongs to the matrices; the cost figures get its width
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, was, tab) ->
                root.setRight(tab == matricesTab ? side : null));

        root.setTop(toolbar());
        root.setLeft(mechanismList());
        root.setCenter(tabs);
        root.setRight(side);
        root.setMinSize(0, 0);
        root.getStyleClass().add("zoo-workspace");

        model.hoveredTokenProperty().addListener(obs -> updateMixing());
        model.hoveredMechanismProperty().addListener(obs -> updateMixing());
        model.shownHeadProperty().addListener(obs -> updateScatter());
        scatter.hoveredQueryProperty().addListener((obs, o, q) -> {
            ZooResult r = model.getResult();
            if (r != null && model.shownHeadProperty().get() == r.head()) {
                model.hoveredTokenProperty().set(q.intValue());
            }
        });
        root.parentProperty().addListener((obs, o, parent) -> {
            if (parent != null && model.models().isEmpty()) {
                controller.loadModels();
            }
        });
    }

    private Node toolbar() {
        ComboBox<ZooModel.Source> source = new ComboBox<>();
        source.getItems().setAll(ZooModel.Source.values());
        source.valueProperty().bindBidirectional(model.sourceProperty());
        source.setId("zoo-source");
        ComboBox<ModelChoice> vit = new ComboBox<>(model.models());
        vit.valueProperty().bindBidirectional(model.modelProperty());
        vit.setPrefWidth(170);
        vit.setTooltip(new Tooltip("The ViT run on the open image (File ▸ Open)"));
        // the short id on the button, the whole name in its tooltip and in the list
        vit.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(ModelChoice item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.id());
                setTooltip(empty || item == null ? null : new Tooltip(item.id() + ": " + item.label()));
            }
        });
        Spinner<Integer> layer = spinner(0, 47, model.layerProperty().get());
        layer.valueProperty().addListener((obs, o, v) -> model.layerProperty().set(v));
        Spinner<Integer> head = spinner(0, 31, model.headProperty().get());
        head.valueProperty().addListener((obs, o, v) -> model.headProperty().set(v));
        TextField text = new TextField();
        text.textProperty().bindBidirectional(model.textProperty());
        text.setPrefColumnCount(16);
        Spinner<Integer> tokens = spinner(2, 1024, model.tokensProperty().get());
        tokens.valueProperty().addListener((obs, o, v) -> model.tokensProperty().set(v));
        Spinner<Integer> dim = spinner(1, 256, model.dimProperty().get());
        dim.valueProperty().addListener((obs, o, v) -> model.dimProperty().set(v));
        CheckBox live = new CheckBox("Live gate");
        live.setId("zoo-live-gate");
        live.selectedProperty().bindBidirectional(model.liveGateProperty());
        live.setTooltip(new Tooltip("CAS-ViT and the Extractor: the Jacobian map with q = k = v = x tied and the gate "
                + "differentiated too (∂y/∂x, N·d ≤ 4096) instead of the gate frozen (∂y/∂v)"));
        Button run = new Button("Run");
        run.setId("zoo-run");
        run.setDefaultButton(true);
        run.setOnAction(e -> controller.run());
        run.disableProperty().bind(model.runningProperty());

        Node modelGroup = Toolbars.group(new Label("Model"), vit);
        Node layerGroup = Toolbars.group(new Label("Layer"), layer, new Label("Head"), head);
        Node textGroup = Toolbars.group(new Label("Text"), text);
        Node synthGroup = Toolbars.group(new Label("N"), tokens, new Label("d"), dim);
        var isImage = model.sourceProperty().isEqualTo(ZooModel.Source.IMAGE);
        var isText = model.sourceProperty().isEqualTo(ZooModel.Source.TEXT);
        var isSynth = model.sourceProperty().isEqualTo(ZooModel.Source.SYNTHETIC);
        showWhen(modelGroup, isImage);
        showWhen(layerGroup, isSynth.not());
        showWhen(textGroup, isText);
        showWhen(synthGroup, isSynth);
        FlowPane bar = Toolbars.wrapping("zoo-toolbar", Toolbars.group(new Label("Tokens"), source), modelGroup,
                layerGroup, textGroup, synthGroup, Toolbars.group(live, run));
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());
        return new VBox(bar, Toolbars.statusLine(status, "zoo-status"));
    }

    private static void showWhen(Node n, javafx.beans.value.ObservableBooleanValue when) {
        n.visibleProperty().bind(when);
        n.managedProperty().bind(when);
    }

    private static Spinner<Integer> spinner(int min, int max, int value) {
        Spinner<Integer> s = new Spinner<>(min, max, value);
        s.setEditable(true);
        s.setPrefWidth(78);
        return s;
    }

    private Node mechanismList() {
        VBox list = new VBox(3);
        for (String id : model.mechanisms()) {
            CheckBox box = new CheckBox(id);
            box.setSelected(model.chosen().contains(id));
            box.selectedProperty().addListener((obs, o, on) -> {
                if (on) {
                    model.chosen().add(id);
                } else {
                    model.chosen().remove(id);
                }
            });
            list.getChildren().add(box);
        }
        Button all = new Button("All");
        all.setOnAction(e -> list.getChildren().forEach(n -> ((CheckBox) n).setSelected(true)));
        Button none = new Button("None");
        none.setOnAction(e -> list.getChildren().forEach(n -> ((CheckBox) n).setSelected(false)));
        ScrollPane scroll = new ScrollPane(list);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        Label title = new Label("Mechanisms");
        title.setStyle("-fx-font-weight: bold");
        VBox box = new VBox(6, title, new HBox(4, all, none), scroll);
        box.setPadding(new Insets(6));
        box.setPrefWidth(190); // the longest ids ("dualtoken-global", "s2aformer-strip") in full beside the scroll bar
        box.setMinWidth(180);
        return box;
    }

    private Node sidePanel() {
        overlay.setColormap(Colormap.INFERNO);
        overlay.setHeatmapOpacity(0.65);
        overlay.setInterpolation(Interpolation.NEAREST);
        overlay.setPrefSize(300, 200);
        overlay.setMinSize(100, 100);
        sentence.setPrefWrapLength(300);
        StackPane mixing = new StackPane(overlay, sentence);
        mixing.setPrefSize(300, 200);
        scatter.setPrefSize(300, 250);
        heads.setPrefColumns(4);
        heads.setPrefTileWidth(70);
        heads.setPrefTileHeight(70);
        mixingTitle.setWrapText(true);
        mixingTitle.setMaxWidth(300);
        scatterTitle.setWrapText(true);
        scatterTitle.setMaxWidth(300);
        Label legend = new Label("Queries orange (● round), keys blue (■ square). Hover a query for its attention row; click a head below to show it large.");
        legend.setWrapText(true);
        legend.setMaxWidth(300);
        VBox side = new VBox(6, mixingTitle, mixing, scatterTitle, scatter, legend, heads);
        side.setPadding(new Insets(6));
        side.setPrefWidth(316);
        ScrollPane scroll = new ScrollPane(side);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setPrefWidth(334);
        return scroll;
    }

    /** Draws a new result: the matrices, the table, the Q/K maps. */
    private void show(ZooResult r) {
        tiles.getChildren().clear();
        matrices.clear();
        ZooInput in = r.input();
        List<ZooRun.Entry> entries = r.run().entries();
        for (int i = 0; i < entries.size(); i++) {
            tiles.getChildren().add(tile(entries.get(i), i, in));
        }
        Table t = ZooRun.table(r.run());
        table.getColumns().clear();
        for (int c = 0; c < t.header().size(); c++) {
            String name = t.header().get(c);
            TableColumn<List<String>, String> col = new TableColumn<>(name);
            int index = c;
            col.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyStringWrapper(cd.getValue().get(index)));
            col.setCellFactory(tc -> new TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty ? null : item);
                    setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
                }
            });
            // wide enough for the header and every cell (long cells keep their whole text in a tooltip)
            int chars = name.length();
            for (List<String> row : t.rows()) {
                chars = Math.max(chars, row.get(index).length());
            }
            col.setPrefWidth(Math.min(340, 9.5 * chars + 30));
            col.setSortable(false);
            table.getColumns().add(col);
        }
        table.getItems().setAll(t.rows());
        table.setPrefWidth(table.getColumns().stream().mapToDouble(TableColumn::getPrefWidth).sum() + 4);
        if (in.isGrid() && r.image() != null) {
            overlay.setImage(r.image().image());
        } else {
            overlay.setImage(blank(in.cols(), in.rows()));
        }
        boolean text = r.image() == null && !in.isGrid() && in.fromModel();
        overlay.setVisible(!text);
        sentence.setVisible(text);
        heads.getChildren().clear();
        for (int h = 0; h < r.embeddings().size() && r.embeddings().size() > 1; h++) {
            QkScatter small = new QkScatter();
            small.setCompact(true);
            small.setPrefSize(70, 70);
            QkEmbedding e = r.embeddings().get(h);
            small.setPoints(e.xy(), e.n(), in.labels(), null);
            int head = h;
            small.setOnMouseClicked(ev -> model.shownHeadProperty().set(head));
            Tooltip.install(small, new Tooltip("head " + h + " (click to show it large)"));
            heads.getChildren().add(small);
        }
        updateScatter();
        updateMixing();
    }

    private Node tile(ZooRun.Entry e, int index, ZooInput in) {
        Label title = new Label(e.mixer().title());
        title.setStyle("-fx-font-weight: bold");
        title.setWrapText(true);
        title.setMaxWidth(TILE);
        VBox box = new VBox(3, title);
        box.setPrefWidth(TILE);
        if (e.ok()) {
            MatrixView mv = new MatrixView();
            mv.setPrefSize(TILE, TILE);
            mv.setMaxSize(TILE, TILE);
            boolean signed = false;
            for (float v : e.matrix().m()) {
                signed |= v < 0;
            }
            mv.setMatrix(e.matrix().m(), in.n(), signed ? Colormap.TURBO : Colormap.VIRIDIS, null);
            mv.hoveredRowProperty().addListener((obs, o, row) -> {
                if (row.intValue() >= 0) {
                    model.hoveredMechanismProperty().set(index);
                    model.hoveredTokenProperty().set(row.intValue());
                }
            });
            matrices.add(mv);
            Label how = small(e.matrix().kind().description() + String.format(Locale.ROOT, "; rel ‖ΔM‖ %s",
                    fmt(e.comparison().relMatrixError())));
            box.getChildren().addAll(mv, how);
        } else {
            box.getChildren().add(small("not run: " + e.error()));
        }
        box.getChildren().add(small("Learned parts: " + e.learnedParts()));
        Tooltip.install(box, new Tooltip(e.mixer().reference()));
        return box;
    }

    private static Label small(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(TILE);
        l.setStyle("-fx-font-size: 0.85em; -fx-opacity: 0.8");
        return l;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3g", v);
    }

    /** The hovered token's row of the hovered mechanism over the image, the grid or the sentence. */
    private void updateMixing() {
        ZooResult r = model.getResult();
        int token = model.hoveredTokenProperty().get();
        for (MatrixView mv : matrices) {
            mv.setHighlightedRow(token);
        }
        scatterHighlight(r, token);
        if (r == null) {
            return;
        }
        int index = Math.min(model.hoveredMechanismProperty().get(), r.run().entries().size() - 1);
        ZooRun.Entry e = index < 0 ? null : r.run().entries().get(index);
        ZooInput in = r.input();
        if (token < 0 || e == null || !e.ok()) {
            mixingTitle.setText("Hover a matrix row: that token's mixing over the " + (in.isGrid() ? "image" : "tokens"));
            overlay.setGrid(null);
            sentence.getChildren().clear();
            return;
        }
        int n = in.n();
        float[] row = new float[n];
        float max = 0;
        for (int j = 0; j < n; j++) {
            row[j] = Math.abs(e.matrix().at(token, j));
            max = Math.max(max, row[j]);
        }
        mixingTitle.setText(e.mixer().title() + ": row of " + in.labels().get(token));
        overlay.setRange(new ValueRange(0, max > 0 ? max : 1));
        overlay.setGrid(row, in.cols(), in.rows());
        sentence.getChildren().clear();
        for (int j = 0; j < n; j++) {
            Label w = new Label(in.labels().get(j));
            double t = max > 0 ? row[j] / max : 0;
            int argb = Colormap.INFERNO.argb(t);
            Color c = Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF);
            w.setBackground(new javafx.scene.layout.Background(new javafx.scene.layout.BackgroundFill(c,
                    new javafx.scene.layout.CornerRadii(3), Insets.EMPTY)));
            w.setTextFill(t > 0.6 ? Color.BLACK : Color.WHITE);
            w.setPadding(new Insets(1, 3, 1, 3));
            if (j == token) {
                w.setStyle("-fx-border-color: orangered; -fx-border-width: 1.5");
            }
            sentence.getChildren().add(w);
        }
    }

    private void scatterHighlight(ZooResult r, int token) {
        if (r != null && model.shownHeadProperty().get() == r.head() && scatter.hoveredQueryProperty().get() != token) {
            scatter.setHovered(token);
        }
    }

    private void updateScatter() {
        ZooResult r = model.getResult();
        if (r == null) {
            return;
        }
        int h = Math.min(model.shownHeadProperty().get(), r.embeddings().size() - 1);
        QkEmbedding e = r.embeddings().get(h);
        scatter.setPoints(e.xy(), e.n(), r.input().labels(), r.attention().get(h));
        ZooInput in = r.input();
        if (r.image() != null) {
            scatter.setPatches(r.image().image(), in.rows(), in.cols());
        } else {
            scatter.setPatches(null, 0, 0);
        }
        scatterTitle.setText(String.format(Locale.ROOT, "Queries and keys of %s (PCA, %.0f%% + %.0f%% of the variance)",
                r.embeddings().size() > 1 ? "head " + h : "the input", 100 * e.explained()[0], 100 * e.explained()[1]));
    }

    private static WritableImage blank(int w, int h) {
        int s = Math.max(1, 240 / Math.max(w, h));
        WritableImage img = new WritableImage(Math.max(1, w * s), Math.max(1, h * s));
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.getPixelWriter().setArgb(x, y, 0xFF202020);
            }
        }
        return img;
    }

    @Override public String id() { return ID; }
    @Override public String title() { return "Zoo"; }
    @Override public Node view() { return root; }

    // ---- for tests ---------------------------------------------------------------------------------

    public ZooModel model() { return model; }
    public ZooController controller() { return controller; }
    public List<MatrixView> matrices() { return List.copyOf(matrices); }
    public QkScatter scatter() { return scatter; }
    public HeatmapOverlay overlay() { return overlay; }
    public FlowPane sentence() { return sentence; }
    public TableView<List<String>> table() { return table; }
    public TilePane heads() { return heads; }
    public ZooCostPane costPane() { return costPane; }
    /** Shows the "Cost" tab (true) or the matrices (false). */
    public void showCost(boolean cost) { tabs.getSelectionModel().select(cost ? costTab : matricesTab); }

    @Override
    public void close() {
        costPane.cancel();
        controller.close();
    }
}
