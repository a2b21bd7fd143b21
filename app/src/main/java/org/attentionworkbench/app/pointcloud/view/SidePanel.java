package org.attentionworkbench.app.pointcloud.view;

import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.attentionworkbench.app.pointcloud.ColorBy;
import org.attentionworkbench.app.pointcloud.ColorRange;
import org.attentionworkbench.app.pointcloud.LoadedCloud;
import org.attentionworkbench.app.pointcloud.PickedPoint;
import org.attentionworkbench.app.pointcloud.PointCloudController;
import org.attentionworkbench.app.pointcloud.PointCloudModel;
import org.attentionworkbench.compute.pointcloud.Bounds;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.viewers.heatmap.ColorLegend;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.heatmap.ValueRange;
import org.attentionworkbench.viewers.points.render.SizeMode;

/**
 * The page's right-hand panel: the cloud's facts, what colours it (with the colormap, legend and
 * range), point size and Eye-Dome Lighting, background, renderer, and the picked points with what
 * they measure.
 */
final class SidePanel extends ScrollPane {
    private final PointCloudController controller;
    private final PointCloudModel model;
    private final GridPane facts = new GridPane();
    final ComboBox<ColorBy> colorBy = new ComboBox<>();
    final ListView<PickedPoint> pickedList = new ListView<>();
    final Label measurement = new Label();
    final Label pickedValues = new Label();
    final TitledPane attentionPane;
    /** Shown over the view (top right), where the colours are. */
    final ColorLegend legend = new ColorLegend();
    private final Spinner<Double> low = new Spinner<>(-1e12, 1e12, 1, 1);
    private final Spinner<Double> high = new Spinner<>(-1e12, 1e12, 99, 1);
    private final RadioButton relative = new RadioButton("Percentiles");
    private final RadioButton absolute = new RadioButton("Values");
    private boolean updatingRange;

    SidePanel(PointCloudController controller, javafx.scene.Node attentionContent) {
        this.controller = controller;
        this.model = controller.model();
        getStyleClass().add(PointCloudStyles.SIDE);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setPrefWidth(330);
        setMinWidth(300);

        facts.getStyleClass().add(PointCloudStyles.FACTS);
        TitledPane factsPane = new TitledPane("Cloud", facts);
        TitledPane colourPane = new TitledPane("Colour", colourBox());
        TitledPane pointsPane = new TitledPane("Points and view", pointsBox());
        TitledPane pickedPane = new TitledPane("Picked points", pickedBox());
        attentionPane = new TitledPane("Attention", attentionContent);
        attentionPane.setExpanded(false);
        VBox box = new VBox(4, factsPane, colourPane, pickedPane, pointsPane, attentionPane);
        box.setPadding(new Insets(4));
        setContent(box);

        model.loadedProperty().addListener((o, a, b) -> updateFacts());
        model.cloudProperty().addListener((o, a, b) -> {
            updateFacts();
            updateChoices();
        });
        model.attentionProperty().addListener((o, a, b) -> updateChoices());
        updateFacts();
    }

    // ---- facts ---------------------------------------------------------------------------------

    private void updateFacts() {
        facts.getChildren().clear();
        LoadedCloud l = model.loadedProperty().get();
        PointCloud c = model.cloud();
        if (l == null || c == null) {
            facts.add(new Label("No cloud open."), 0, 0, 2, 1);
            return;
        }
        Bounds b = c.bounds();
        int row = 0;
        row = fact("File", l.displayName(), row);
        row = fact("Format", l.format(), row);
        row = fact("Points", String.format(Locale.ROOT, "%,d", c.size())
                + (c.size() == l.cloud().size() ? "" : String.format(Locale.ROOT, " (of %,d)", l.cloud().size())), row);
        if (!b.isEmpty()) {
            row = fact("Min", xyz(b.min()), row);
            row = fact("Max", xyz(b.max()), row);
            row = fact("Size", xyz(new double[] {b.maxX() - b.minX(), b.maxY() - b.minY(), b.maxZ() - b.minZ()}), row);
        }
        row = fact("Fields", String.join(", ", c.fieldNames()), row);
        row = fact("Memory", String.format(Locale.ROOT, "%.1f bytes/point", c.bytesPerPoint()), row);
        if (c.provenance() != null) {
            row = fact("Source", c.provenance().width() + "×" + c.provenance().height() + " pixels"
                    + (c.provenance().sourceImage() == null ? "" : ", " + c.provenance().sourceImage()), row);
        }
    }

    private int fact(String name, String value, int row) {
        Label n = new Label(name);
        n.getStyleClass().add(PointCloudStyles.FACT_NAME);
        n.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label v = new Label(value);
        v.setWrapText(true);
        v.setMaxWidth(230);
        facts.add(n, 0, row);
        facts.add(v, 1, row);
        return row + 1;
    }

    private static String xyz(double[] v) {
        return String.format(Locale.ROOT, "%.3f, %.3f, %.3f", v[0], v[1], v[2]);
    }

    // ---- colour --------------------------------------------------------------------------------

    private VBox colourBox() {
        colorBy.setMaxWidth(Double.MAX_VALUE);
        colorBy.valueProperty().addListener((o, a, b) -> {
            if (b != null && !b.equals(model.colorByProperty().get())) {
                controller.setColorBy(b);
            }
        });
        model.colorByProperty().addListener((o, a, b) -> colorBy.setValue(b));
        ComboBox<Colormap> map = new ComboBox<>(FXCollections.observableArrayList(Colormap.values()));
        map.valueProperty().bindBidirectional(model.colormapProperty());
        legend.getStyleClass().add(PointCloudStyles.LEGEND);
        legend.colormapProperty().bind(model.colormapProperty());
        legend.setPrefSize(110, 220);
        legend.setMaxSize(110, 220);
        legend.setMouseTransparent(true);
        model.spanProperty().addListener((o, a, s) -> showSpan(s));

        ToggleGroup kind = new ToggleGroup();
        relative.setToggleGroup(kind);
        absolute.setToggleGroup(kind);
        relative.setSelected(true);
        low.setEditable(true);
        high.setEditable(true);
        low.setPrefWidth(110);
        high.setPrefWidth(110);
        kind.selectedToggleProperty().addListener((o, a, b) -> switchRangeKind());
        model.rangeProperty().addListener((o, a, r) -> showRange(r));
        low.valueProperty().addListener((o, a, b) -> applyRange());
        high.valueProperty().addListener((o, a, b) -> applyRange());
        Button full = new Button("Full range");
        full.setOnAction(e -> {
            updatingRange = true;
            relative.setSelected(true);
            low.getValueFactory().setValue(0.0);
            high.getValueFactory().setValue(100.0);
            updatingRange = false;
            applyRange();
        });

        VBox rampBox = new VBox(4, new HBox(6, new Label("Colormap"), map),
                new HBox(8, relative, absolute), new HBox(6, low, new Label("to"), high), full);
        rampBox.visibleProperty().bind(Bindings.createBooleanBinding(() -> model.cloud() != null
                && model.colorByProperty().get() != null && model.colorByProperty().get().usesColormap(model.cloud()),
                model.colorByProperty(), model.cloudProperty()));
        rampBox.managedProperty().bind(rampBox.visibleProperty());
        legend.visibleProperty().bind(rampBox.visibleProperty());
        return new VBox(6, colorBy, rampBox);
    }

    private void updateChoices() {
        PointCloud c = model.cloud();
        if (c == null) {
            colorBy.getItems().clear();
            return;
        }
        var choices = FXCollections.observableArrayList(ColorBy.choices(c));
        if (model.attentionProperty().get() != null) {
            choices.add(ColorBy.ATTENTION);
        }
        if (!choices.equals(colorBy.getItems())) {
            colorBy.setItems(choices);
        }
        colorBy.setValue(model.colorByProperty().get());
    }

    /** Adds Attention to the choices when values arrive. */
    void refreshChoices() {
        updateChoices();
    }

    private void showSpan(double[] s) {
        if (s[1] > s[0]) {
            legend.setRange(new ValueRange(s[0], s[1]));
        } else {
            legend.setRange(new ValueRange(s[0], s[0] + 1e-9 + Math.abs(s[0]) * 1e-9));
        }
        legend.setTitle(String.valueOf(model.colorByProperty().get()));
    }

    /** The range's controls follow the model (the controller resets it when the colouring changes). */
    private void showRange(ColorRange r) {
        if (updatingRange) {
            return;
        }
        updatingRange = true;
        (r.relative() ? relative : absolute).setSelected(true);
        low.getValueFactory().setValue(r.low());
        high.getValueFactory().setValue(r.high());
        updatingRange = false;
    }

    private void switchRangeKind() {
        if (updatingRange) {
            return;
        }
        updatingRange = true;
        if (relative.isSelected()) {
            low.getValueFactory().setValue(ColorRange.DEFAULT.low());
            high.getValueFactory().setValue(ColorRange.DEFAULT.high());
        } else {
            double[] s = model.spanProperty().get();
            low.getValueFactory().setValue(s[0]);
            high.getValueFactory().setValue(s[1]);
        }
        updatingRange = false;
        applyRange();
    }

    private void applyRange() {
        if (updatingRange || low.getValue() == null || high.getValue() == null) {
            return;
        }
        try {
            controller.setRange(relative.isSelected()
                    ? new ColorRange(true, Math.max(0, Math.min(low.getValue(), high.getValue())),
                            Math.min(100, Math.max(low.getValue(), high.getValue())))
                    : ColorRange.absolute(low.getValue(), high.getValue()));
        } catch (IllegalArgumentException e) {
            model.statusProperty().set("Range: " + e.getMessage());
        }
    }

    // ---- points --------------------------------------------------------------------------------

    private VBox pointsBox() {
        Slider size = new Slider(1, 16, model.pointSizeProperty().get());
        size.valueProperty().bindBidirectional(model.pointSizeProperty());
        Label sizeText = new Label();
        sizeText.textProperty().bind(Bindings.format(Locale.ROOT, "%.1f", model.pointSizeProperty()));
        ComboBox<SizeMode> mode = new ComboBox<>(FXCollections.observableArrayList(SizeMode.values()));
        mode.valueProperty().bindBidirectional(model.sizeModeProperty());

        CheckBox edl = new CheckBox("Eye-Dome Lighting");
        edl.selectedProperty().bindBidirectional(model.edlProperty());
        Slider strength = new Slider(0, 5, model.edlStrengthProperty().get());
        strength.valueProperty().bindBidirectional(model.edlStrengthProperty());
        Slider radius = new Slider(0.5, 4, model.edlRadiusProperty().get());
        radius.valueProperty().bindBidirectional(model.edlRadiusProperty());
        strength.disableProperty().bind(edl.selectedProperty().not());
        radius.disableProperty().bind(edl.selectedProperty().not());

        ColorPicker bg = new ColorPicker(toColor(model.backgroundProperty().get()));
        bg.valueProperty().addListener((o, a, c) -> controller.setBackground(toRgb(c)));

        ComboBox<String> renderer = new ComboBox<>(FXCollections.observableArrayList("auto", "gl", "java"));
        renderer.valueProperty().bindBidirectional(model.rendererProperty());
        Label note = new Label();
        note.setWrapText(true);
        note.setMaxWidth(290);
        note.textProperty().bind(model.rendererNoteProperty());

        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(4);
        g.addRow(0, new Label("Point size"), size, sizeText);
        g.addRow(1, new Label("Size mode"), mode);
        g.add(edl, 0, 2, 3, 1);
        g.addRow(3, new Label("Strength"), strength);
        g.addRow(4, new Label("Radius"), radius);
        g.addRow(5, new Label("Background"), bg);
        g.addRow(6, new Label("Renderer"), renderer);
        return new VBox(4, g, note);
    }

    static Color toColor(int rgb) {
        return Color.rgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }

    static int toRgb(Color c) {
        return (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }

    // ---- picked --------------------------------------------------------------------------------

    private VBox pickedBox() {
        pickedList.setItems(model.picked());
        pickedList.setPrefHeight(90);
        pickedList.setFixedCellSize(26);
        pickedList.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(PickedPoint p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.label());
            }
        });
        pickedValues.setWrapText(true);
        pickedValues.setMaxWidth(290);
        Runnable showValues = () -> {
            PickedPoint p = pickedList.getSelectionModel().getSelectedItem();
            if (p == null && !model.picked().isEmpty()) {
                p = model.picked().get(model.picked().size() - 1);
            }
            pickedValues.setText(p == null ? "" : describe(p));
        };
        pickedList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> showValues.run());
        model.picked().addListener((javafx.collections.ListChangeListener<PickedPoint>) c -> showValues.run());
        measurement.getStyleClass().add(PointCloudStyles.MEASUREMENT);
        measurement.setWrapText(true);
        measurement.setMaxWidth(290);
        measurement.textProperty().bind(model.measurementProperty());
        Button clear = new Button("Clear");
        clear.setOnAction(e -> controller.clearPicked());
        clear.disableProperty().bind(Bindings.isEmpty(model.picked()));
        Button export = new Button("Export CSV…");
        export.setId("pointcloud-export-picked");
        export.disableProperty().bind(Bindings.isEmpty(model.picked()));
        export.setOnAction(e -> PointCloudWorkspace.chooseSave(getScene().getWindow(), "Export picked points",
                "picked.csv", "CSV", "*.csv").ifPresent(controller::exportPicked));
        return new VBox(4, pickedList, measurement, new HBox(6, clear, export), pickedValues);
    }

    static String describe(PickedPoint p) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "#%d  x %s  y %s  z %s", p.index(),
                fmt(p.x()), fmt(p.y()), fmt(p.z())));
        for (Map.Entry<String, String> e : p.values().entrySet()) {
            b.append('\n').append(e.getKey()).append(": ").append(e.getValue());
        }
        return b.toString();
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.4f", d);
    }
}
