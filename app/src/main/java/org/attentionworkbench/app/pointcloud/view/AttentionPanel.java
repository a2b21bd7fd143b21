package org.attentionworkbench.app.pointcloud.view;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.attentionworkbench.app.attention.ModelChoice;
import org.attentionworkbench.app.pointcloud.CloudAttention;
import org.attentionworkbench.app.pointcloud.PointCloudController;
import org.attentionworkbench.compute.explain.HeadFusion;
import org.attentionworkbench.compute.pointcloud.attention.DepthToCloud;

/**
 * The side panel's Attention section: lift an image model's attention onto a cloud made from an
 * image (model, layer, head or fusion, rollout, as in the explorer), load an attention array beside
 * any cloud, or make a cloud from a depth map.
 */
final class AttentionPanel {
    private final PointCloudController controller;
    private final CloudAttention attention;
    private final VBox box = new VBox(6);

    AttentionPanel(PointCloudController controller) {
        this.controller = controller;
        this.attention = controller.attention();

        Button fromImage = new Button("Attention from image model");
        fromImage.setTooltip(new Tooltip("For clouds made from an image (organised PCD frames, depth maps): "
                + "pick a point, and its patch's attention in the image colours every point"));
        fromImage.setOnAction(e -> attention.useImageModel());
        fromImage.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !CloudAttention.fromImage(controller.model().cloud()), controller.model().cloudProperty()));

        ComboBox<ModelChoice> models = new ComboBox<>(attention.models());
        models.valueProperty().bindBidirectional(attention.modelProperty());
        models.setMaxWidth(Double.MAX_VALUE);
        models.setConverter(new StringConverter<>() {
            @Override public String toString(ModelChoice c) { return c == null ? "" : c.name(); }
            @Override public ModelChoice fromString(String s) { return null; }
        });
        models.setOnShowing(e -> {
            if (attention.models().isEmpty()) {
                attention.refreshModels();
            }
        });
        Spinner<Integer> layer = new Spinner<>(-1, 63, -1);
        layer.getValueFactory().valueProperty().bindBidirectional(attention.layerProperty().asObject());
        layer.setTooltip(new Tooltip("Layer (-1: the last)"));
        Spinner<Integer> head = new Spinner<>(-1, 63, -1);
        head.getValueFactory().valueProperty().bindBidirectional(attention.headProperty().asObject());
        head.setTooltip(new Tooltip("Head (-1: the heads fused)"));
        ComboBox<HeadFusion> fusion = new ComboBox<>(FXCollections.observableArrayList(HeadFusion.values()));
        fusion.valueProperty().bindBidirectional(attention.fusionProperty());
        CheckBox rollout = new CheckBox("Rollout");
        rollout.selectedProperty().bindBidirectional(attention.rolloutProperty());

        Button load = new Button("Load attention (.npy)…");
        load.setTooltip(new Tooltip("[N] one value per point, [N, N] or [H, N, N] (point transformers): "
                + "pick a point to colour by its row"));
        load.setOnAction(e -> chooseNpy());
        load.disableProperty().bind(controller.model().cloudProperty().isNull());
        Button depth = new Button("Open depth map…");
        depth.setOnAction(e -> depthDialog());

        Label status = new Label();
        status.setWrapText(true);
        status.setMaxWidth(290);
        status.textProperty().bind(attention.statusProperty());

        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(4);
        g.addRow(0, new Label("Model"), models);
        g.addRow(1, new Label("Layer"), layer);
        g.addRow(2, new Label("Head"), head);
        g.addRow(3, new Label("Fusion"), fusion, rollout);
        box.getChildren().addAll(fromImage, g, new HBox(6, load, depth), status);
    }

    Node view() {
        return box;
    }

    private Window window() {
        return box.getScene() == null ? null : box.getScene().getWindow();
    }

    private void chooseNpy() {
        FileChooser c = new FileChooser();
        c.setTitle("Load attention for the points");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("NumPy arrays", "*.npy"));
        File f = c.showOpenDialog(window());
        if (f != null) {
            attention.loadFile(f.toPath());
        }
    }

    /** Depth file, intrinsics (fx fy cx cy, or a horizontal field of view), depth scale, optional colour image. */
    private void depthDialog() {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(window());
        d.setTitle("Open depth map");
        TextField depthFile = new TextField();
        TextField rgbFile = new TextField();
        depthFile.setPrefColumnCount(22);
        Button browseDepth = new Button("…");
        browseDepth.setOnAction(e -> choose("Depth map (.npy or 16-bit PNG)", "*.npy", "*.png").ifPresent(
                p -> depthFile.setText(p.toString())));
        Button browseRgb = new Button("…");
        browseRgb.setOnAction(e -> choose("Colour image", "*.png", "*.jpg", "*.jpeg").ifPresent(
                p -> rgbFile.setText(p.toString())));
        ToggleGroup kind = new ToggleGroup();
        RadioButton byK = new RadioButton("fx fy cx cy");
        RadioButton byFov = new RadioButton("Horizontal FOV (°)");
        byK.setToggleGroup(kind);
        byFov.setToggleGroup(kind);
        byFov.setSelected(true);
        TextField k = new TextField("525 525 319.5 239.5");
        TextField fov = new TextField("60");
        TextField scale = new TextField("0.001");
        k.disableProperty().bind(byK.selectedProperty().not());
        fov.disableProperty().bind(byFov.selectedProperty().not());
        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(4);
        g.addRow(0, new Label("Depth"), depthFile, browseDepth);
        g.addRow(1, byFov, fov);
        g.addRow(2, byK, k);
        g.addRow(3, new Label("Depth scale"), scale);
        g.addRow(4, new Label("Colour (optional)"), rgbFile, browseRgb);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> {
            try {
                if (depthFile.getText().isBlank()) {
                    throw new IllegalArgumentException("choose a depth file");
                }
                DepthToCloud.Intrinsics in = null;
                if (byK.isSelected()) {
                    String[] v = k.getText().trim().split("[\\s,]+");
                    if (v.length != 4) {
                        throw new IllegalArgumentException("intrinsics need four numbers: fx fy cx cy");
                    }
                    in = new DepthToCloud.Intrinsics(Double.parseDouble(v[0]), Double.parseDouble(v[1]),
                            Double.parseDouble(v[2]), Double.parseDouble(v[3]));
                }
                double f = byFov.isSelected() ? Double.parseDouble(fov.getText().trim()) : Double.NaN;
                Path rgb = rgbFile.getText().isBlank() ? null : Path.of(rgbFile.getText().trim());
                controller.openDepthMap(Path.of(depthFile.getText().trim()), in, f,
                        Double.parseDouble(scale.getText().trim()), rgb);
            } catch (IllegalArgumentException e) {
                controller.model().statusProperty().set("Depth map: " + e.getMessage());
            }
        });
    }

    private Optional<Path> choose(String what, String... patterns) {
        FileChooser c = new FileChooser();
        c.setTitle(what);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, patterns));
        File f = c.showOpenDialog(window());
        return Optional.ofNullable(f).map(File::toPath);
    }
}
