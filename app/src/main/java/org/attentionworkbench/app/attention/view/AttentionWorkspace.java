package org.attentionworkbench.app.attention.view;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringExpression;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.attentionworkbench.app.attention.AttentionService;
import org.attentionworkbench.app.attention.AttentionController;
import org.attentionworkbench.app.attention.AttentionFiles;
import org.attentionworkbench.app.attention.AttentionMode;
import org.attentionworkbench.app.attention.AttentionWorkspaceModel;
import org.attentionworkbench.app.attention.ImageAttentionModel;
import org.attentionworkbench.app.attention.ImageRunResult;
import org.attentionworkbench.app.attention.ModelLibrary;
import org.attentionworkbench.app.attention.ModelManager;
import org.attentionworkbench.app.attention.TextRunResult;
import org.attentionworkbench.app.workspace.Dialogs;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.app.workspace.Workspace;
import org.attentionworkbench.compute.io.AtomicFiles;
import org.attentionworkbench.compute.models.catalog.ModelCache;
import org.attentionworkbench.viewers.heatmap.HeatmapRenderer;

/**
 * The Attention page: an Image / Text switch over the two modes. Builds the model, the controller
 * and the views; runs image passes only while the page is shown.
 */
public final class AttentionWorkspace implements Workspace, AutoCloseable {
    public static final String ID = "attention";
    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(AttentionWorkspace.class.getName());

    private final Workbench workbench;
    private final AttentionWorkspaceModel model = new AttentionWorkspaceModel();
    private final AttentionController controller;
    private final ModelManager manager;
    private final ImageModeView imageView;
    private final TextModeView textView;
    private final BorderPane root = new BorderPane();
    private final StringExpression pointerText;
    private final StringExpression zoomText;
    private ModelsDialog modelsDialog;

    public AttentionWorkspace(Workbench workbench) {
        this(workbench, new ModelLibrary(ModelCache.defaultDir()));
    }

    public AttentionWorkspace(Workbench workbench, ModelLibrary library) {
        this(workbench, library, null);
    }

    /** {@code service}: the image-attention service shared with other pages (null: its own). */
    public AttentionWorkspace(Workbench workbench, ModelLibrary library, AttentionService service) {
        this.workbench = workbench;
        this.controller = new AttentionController(workbench, model, library, service);
        this.manager = new ModelManager(workbench.tasks(), library, controller);
        controller.setErrorHandler(e -> Dialogs.info(window(), "Attention", "Something went wrong",
                e.getMessage() == null ? e.toString() : e.getMessage()));
        imageView = new ImageModeView(workbench, controller, this::openModels, this::oneClickModel,
                this::importModel, this::exportDialog);
        textView = new TextModeView(controller, this::exportDialog);

        ToggleGroup modes = new ToggleGroup();
        ToggleButton image = modeButton(AttentionMode.IMAGE, modes, Styles.LEFT_PILL);
        ToggleButton text = modeButton(AttentionMode.TEXT, modes, Styles.RIGHT_PILL);
        image.setSelected(true);
        modes.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                modes.selectToggle(old);
            } else {
                model.modeProperty().set((AttentionMode) now.getUserData());
            }
        });
        model.modeProperty().addListener((obs, o, m) -> {
            modes.selectToggle(m == AttentionMode.IMAGE ? image : text);
            show(m);
        });
        // the shown mode's status beside the switch (the device is in the window's status bar);
        // it wraps rather than being cut
        Label status = new Label();
        status.getStyleClass().add(AttentionStyles.STATUS);
        status.textProperty().bind(Bindings.when(model.modeProperty().isEqualTo(AttentionMode.IMAGE))
                .then(model.image().statusProperty()).otherwise(model.text().statusProperty()));
        status.setWrapText(true);
        status.setMinWidth(0);
        status.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox toggles = new HBox(image, text);
        toggles.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(toggles, status);
        bar.getStyleClass().add(AttentionStyles.MODE_BAR);
        root.setTop(bar);
        root.getStyleClass().add(AttentionStyles.PAGE);
        root.getStylesheets().add(AttentionStyles.stylesheet());
        root.setMinSize(0, 0);
        show(AttentionMode.IMAGE);
        AttentionKeys.install(root, controller);
        root.parentProperty().addListener((obs, o, parent) -> controller.setActive(parent != null));

        pointerText = Bindings.createStringBinding(this::describePointer, model.image().hoveredPatchProperty(),
                model.image().gridProperty(), model.modeProperty());
        zoomText = Bindings.createStringBinding(() -> model.getMode() == AttentionMode.IMAGE
                        && imageView.overlay().getImage() != null ? Math.round(imageView.overlay().getZoom() * 100) + " %" : "",
                imageView.overlay().zoomProperty(), imageView.overlay().imageProperty(), model.modeProperty());
        controller.refreshModels();
    }

    @Override public String id() { return ID; }
    @Override public String title() { return "Attention"; }
    @Override public Node view() { return root; }
    @Override public StringExpression pointerText() { return pointerText; }
    @Override public StringExpression zoomText() { return zoomText; }

    @Override
    public Optional<ZoomActions> zoomActions() {
        var v = imageView.overlay();
        return Optional.of(new ZoomActions() {
            @Override public void fit() { v.fit(); }
            @Override public void actualSize() { v.actualSize(); }
            @Override public void zoomIn() { v.zoomIn(); }
            @Override public void zoomOut() { v.zoomOut(); }
        });
    }

    // ---- for tests and the main window ------------------------------------------------------

    public AttentionWorkspaceModel model() { return model; }
    public AttentionController controller() { return controller; }
    public ModelManager models() { return manager; }
    public org.attentionworkbench.viewers.heatmap.HeatmapOverlay overlay() { return imageView.overlay(); }
    public org.attentionworkbench.viewers.grid.SmallMultiples smallMultiples() { return imageView.multiples(); }
    public org.attentionworkbench.viewers.text.HeadView headView() { return textView.headView(); }
    public Label untrainedLabel() { return imageView.untrainedLabel(); }

    /**
     * Writes the current mode's files into {@code dir} off the FX thread: image mode the overlay PNG at
     * the image's own resolution, the raw maps, the shown map, tokens.json and the statistics; text mode
     * attention, tokens, embedding and statistics. {@code done} gets the files on the FX thread.
     */
    public void export(Path dir, Consumer<List<Path>> done) {
        if (model.getMode() == AttentionMode.IMAGE) {
            ImageRunResult r = model.image().getResult();
            Image composite = imageView.composite();
            if (r == null || composite == null) {
                return;
            }
            float[] shown = model.image().getGrid() == null ? null : model.image().getGrid().clone();
            String caption = model.image().captionProperty().get();
            workbench.tasks().submit("Exporting attention", progress -> {
                List<Path> files = new ArrayList<>();
                Path png = dir.resolve(AttentionFiles.OVERLAY);
                AtomicFiles.write(png, out -> HeatmapRenderer.writePng(composite, out));
                files.add(png);
                files.addAll(AttentionFiles.writeImage(dir, r, shown, caption));
                return files;
            }, done::accept, this::exportFailed);
        } else {
            TextRunResult r = model.text().getResult();
            if (r == null) {
                return;
            }
            workbench.tasks().submit("Exporting text attention", progress -> AttentionFiles.writeText(dir, r),
                    done::accept, this::exportFailed);
        }
    }

    /** Frees the open models (on exit). */
    @Override
    public void close() {
        controller.close();
    }

    // ---- internals -------------------------------------------------------------------------

    private ToggleButton modeButton(AttentionMode mode, ToggleGroup group, String pill) {
        ToggleButton b = new ToggleButton(mode.title());
        b.getStyleClass().add(pill);
        b.setUserData(mode);
        b.setToggleGroup(group);
        b.setId("attention-mode-" + mode.name().toLowerCase(java.util.Locale.ROOT));
        return b;
    }

    private void show(AttentionMode mode) {
        root.setCenter(new StackPane(mode == AttentionMode.IMAGE ? imageView : textView));
        if (mode == AttentionMode.TEXT && model.text().getResult() == null) {
            controller.runText();
        }
    }

    private javafx.stage.Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private void openModels() {
        if (modelsDialog == null) {
            modelsDialog = new ModelsDialog(window(), manager, model.image());
        }
        modelsDialog.show();
    }

    /** The prompt's one click: download the recommended model (the dialog shows progress and any offline note). */
    private void oneClickModel() {
        openModels();
        manager.recommended().ifPresent(manager::download);
    }

    private void importModel() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import a checkpoint");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Checkpoints", "*.safetensors", "*.pth", "*.pt", "*.bin"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = chooser.showOpenDialog(window());
        if (f != null) {
            manager.importFile(f.toPath(), 0);
        }
    }

    private void exportDialog() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export attention into a folder");
        File dir = chooser.showDialog(window());
        if (dir != null) {
            export(dir.toPath(), files -> LOG.info("Exported " + files.size() + " files into " + dir));
        }
    }

    private void exportFailed(Throwable e) {
        Dialogs.info(window(), "Export", "Export failed", String.valueOf(e.getMessage()));
    }

    private String describePointer() {
        ImageAttentionModel m = model.image();
        ImageRunResult r = m.getResult();
        int p = m.hoveredPatchProperty().get();
        float[] g = m.getGrid();
        if (model.getMode() != AttentionMode.IMAGE || r == null || p < 0 || g == null || p >= g.length) {
            return "";
        }
        int gw = r.maps().gridW();
        return String.format(java.util.Locale.ROOT, "patch (%d, %d)  token %d   value %.4f", p % gw, p / gw,
                r.patchToken(p), g[p]);
    }
}
