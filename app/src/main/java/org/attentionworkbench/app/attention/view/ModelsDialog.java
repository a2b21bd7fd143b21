package org.attentionworkbench.app.attention.view;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.attentionworkbench.app.attention.ImageAttentionModel;
import org.attentionworkbench.app.attention.ModelChoice;
import org.attentionworkbench.app.attention.ModelManager;
import org.attentionworkbench.compute.models.catalog.ModelCatalog;

/**
 * The model manager: installed image models, the catalog of image and depth models (kind, size, licence,
 * what checksum will be checked, installed or not) with Download and Cancel, file import, and — when the download host
 * cannot be reached — a message that says so with an Import button beside it.
 */
final class ModelsDialog {
    private final Stage stage = new Stage();
    private final ModelManager manager;

    ModelsDialog(Window owner, ModelManager manager, ImageAttentionModel model) {
        this.manager = manager;
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle("Models");

        ListView<ModelChoice> installed = new ListView<>(model.models());
        installed.setPrefHeight(150);
        installed.setId("models-installed");
        Button use = new Button("Use selected");
        use.disableProperty().bind(installed.getSelectionModel().selectedItemProperty().isNull());
        use.setOnAction(e -> model.modelProperty().set(installed.getSelectionModel().getSelectedItem()));

        TableView<ModelCatalog.Entry> catalog = new TableView<>();
        catalog.getItems().setAll(manager.catalog().entries());
        catalog.getItems().addAll(manager.catalog().depthEntries()); // used by the 360° depth and Point clouds pages
        catalog.setId("models-catalog");
        catalog.getColumns().add(column("Model", 250, e -> e.name));
        catalog.getColumns().add(column("Kind", 60, e -> e.isDepth() ? "depth" : "image"));
        catalog.getColumns().add(column("Size", 90, e -> e.checkpoint().sizeHint == null ? "?" : e.checkpoint().sizeHint));
        catalog.getColumns().add(column("Licence", 90, e -> e.licence));
        catalog.getColumns().add(column("Checksum", 210, ModelsDialog::checksum));
        catalog.getColumns().add(column("Installed", 70, e -> manager.library().isInstalled(e) ? "yes" : ""));
        catalog.setPrefHeight(230);
        catalog.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label details = new Label();
        details.setWrapText(true);
        details.textProperty().bind(Bindings.createStringBinding(() -> {
            ModelCatalog.Entry e = catalog.getSelectionModel().getSelectedItem();
            return e == null ? "Select a model to see where it comes from." : e.description + "\nSource: " + e.source
                    + "\nURL: " + e.checkpoint().url;
        }, catalog.getSelectionModel().selectedItemProperty()));

        Button download = new Button("Download");
        download.getStyleClass().add(Styles.ACCENT);
        download.disableProperty().bind(catalog.getSelectionModel().selectedItemProperty().isNull()
                .or(manager.downloadProperty().isNotNull()));
        download.setOnAction(e -> manager.download(catalog.getSelectionModel().getSelectedItem()));
        Button cancel = new Button("Cancel download");
        cancel.disableProperty().bind(manager.downloadProperty().isNull());
        cancel.setOnAction(e -> manager.cancelDownload());
        ProgressBar progress = new ProgressBar(0);
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        manager.downloadProperty().addListener((obs, o, t) -> {
            progress.progressProperty().unbind();
            if (t != null) {
                progress.progressProperty().bind(t.progressProperty());
            } else {
                progress.setProgress(0);
            }
        });

        Spinner<Integer> heads = new Spinner<>(0, 64, 0);
        heads.setPrefWidth(80);
        Button importButton = new Button("Import file…");
        importButton.setOnAction(e -> importFile(heads.getValue()));
        Label message = new Label();
        message.setWrapText(true);
        message.textProperty().bind(manager.messageProperty());
        Label offline = new Label();
        offline.getStyleClass().add(AttentionStyles.OFFLINE_MESSAGE);
        offline.textProperty().bind(manager.messageProperty());
        Button offlineImport = new Button("Import a file instead…");
        offlineImport.setOnAction(e -> importFile(heads.getValue()));
        HBox offlineBox = new HBox(8, offline, offlineImport);
        offlineBox.visibleProperty().bind(manager.offlineProperty());
        offlineBox.managedProperty().bind(offlineBox.visibleProperty());
        message.visibleProperty().bind(manager.offlineProperty().not());
        message.managedProperty().bind(message.visibleProperty());

        VBox root = new VBox(8,
                title("Installed"), installed, new HBox(8, use),
                title("Catalog (downloaded into " + manager.library().cacheDir() + ")"), catalog, details,
                new HBox(8, download, cancel, progress),
                title("Import a checkpoint (safetensors or .pth; config.json beside it is read)"),
                new HBox(8, new Label("Heads (0 = auto)"), heads, importButton),
                message, offlineBox);
        root.setPadding(new Insets(12));
        root.getStyleClass().add(AttentionStyles.PAGE);
        Scene scene = new Scene(root, 760, 680);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        scene.getStylesheets().add(AttentionStyles.stylesheet());
        stage.setScene(scene);
    }

    void show() {
        stage.show();
        stage.toFront();
    }

    private void importFile(int heads) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import a checkpoint");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Checkpoints", "*.safetensors", "*.pth", "*.pt", "*.bin"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = chooser.showOpenDialog(stage);
        if (f != null) {
            manager.importFile(f.toPath(), heads);
        }
    }

    private static String checksum(ModelCatalog.Entry e) {
        ModelCatalog.FileSpec f = e.checkpoint();
        if (f.fullyVerifiable()) {
            return "sha256 published (" + f.sha256.substring(0, 8) + "…)";
        }
        if (f.sha256Prefix != null) {
            return "sha256 prefix " + f.sha256Prefix.toLowerCase(Locale.ROOT);
        }
        return "none published: recorded on first use";
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(AttentionStyles.SECTION_TITLE);
        return l;
    }

    private static TableColumn<ModelCatalog.Entry, String> column(String name, double width,
            java.util.function.Function<ModelCatalog.Entry, String> value) {
        TableColumn<ModelCatalog.Entry, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }
}
