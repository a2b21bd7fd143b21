package org.attentionworkbench.app.anomaly.view;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.attentionworkbench.app.anomaly.InspectionController;
import org.attentionworkbench.app.anomaly.InspectionModel;

/** The chosen normal prompt images, with the ways to add them (files, the current image) and to clear them. */
final class PromptPanel extends VBox {
    private static final int THUMB = 56;
    private final InspectionModel model;
    private final InspectionController controller;
    private final FlowPane strip = new FlowPane(4, 4);
    private final Thumbnails thumbs = new Thumbnails(THUMB);

    PromptPanel(InspectionController controller) {
        this.controller = controller;
        this.model = controller.model();
        getStyleClass().add(AnomalyStyles.PROMPTS);
        setSpacing(4);
        Label title = new Label("Normal prompts");
        title.getStyleClass().add(AnomalyStyles.SECTION_TITLE);
        Button add = new Button("Add…");
        add.setTooltip(new Tooltip("Choose normal (good) images to compare against"));
        add.setOnAction(e -> choose());
        Button current = new Button("Use current");
        current.setTooltip(new Tooltip("Use the image open on the Images page as normal"));
        current.setOnAction(e -> controller.useCurrentImageAsNormal());
        Button clear = new Button("Clear");
        clear.setOnAction(e -> model.prompts().clear());
        clear.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.prompts()));
        Label empty = new Label("None yet: add good images, or right-click a queue image ▸ Use as normal");
        empty.getStyleClass().add(AnomalyStyles.HINT);
        empty.setWrapText(true);
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.prompts()));
        empty.managedProperty().bind(empty.visibleProperty());
        ScrollPane scroll = new ScrollPane(strip);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(THUMB + 8);
        scroll.setMaxHeight(2 * THUMB + 20);
        for (Button b : new Button[] {add, current, clear}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        getChildren().addAll(title, new HBox(4, add, current, clear), empty, scroll);
        model.prompts().addListener((ListChangeListener<Path>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        strip.getChildren().clear();
        for (Path p : model.prompts()) {
            ImageView v = new ImageView();
            thumbs.show(p, v);
            v.setFitWidth(THUMB);
            v.setFitHeight(THUMB);
            v.setPreserveRatio(true);
            v.getStyleClass().add(AnomalyStyles.PROMPT_THUMB);
            Tooltip.install(v, new Tooltip(p.toString() + "\n(click to remove)"));
            v.setOnMouseClicked(e -> model.prompts().remove(p));
            strip.getChildren().add(v);
        }
    }

    private void choose() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Normal prompt images");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg",
                "*.bmp", "*.tif", "*.tiff"));
        Path folder = model.folderProperty().get();
        if (folder != null && folder.toFile().isDirectory()) {
            chooser.setInitialDirectory(folder.toFile());
        }
        List<File> files = chooser.showOpenMultipleDialog(getScene() == null ? null : getScene().getWindow());
        if (files != null) {
            files.forEach(f -> controller.addPrompt(f.toPath()));
        }
    }
}
