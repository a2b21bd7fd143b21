package org.attentionworkbench.app.layout;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.attentionworkbench.app.anomaly.view.AnomalyWorkspace;
import org.attentionworkbench.app.attention.AttentionService;
import org.attentionworkbench.app.attention.ModelLibrary;
import org.attentionworkbench.app.attention.view.AttentionWorkspace;
import org.attentionworkbench.app.colorize.view.ColorizeWorkspace;
import org.attentionworkbench.app.depth360.view.Depth360Workspace;
import org.attentionworkbench.app.labs.view.LabsWorkspace;
import org.attentionworkbench.app.log.LogPanel;
import org.attentionworkbench.app.services.ImageLoadException;
import org.attentionworkbench.app.services.LoadedImage;
import org.attentionworkbench.app.pointcloud.PointCloudService;
import org.attentionworkbench.app.pointcloud.view.PointCloudWorkspace;
import org.attentionworkbench.app.workspace.Dialogs;
import org.attentionworkbench.app.workspace.ImagesWorkspace;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.app.workspace.Workspace;
import org.attentionworkbench.app.zoo.view.ZooWorkspace;
import org.attentionworkbench.compute.models.catalog.ModelCache;

/**
 * The main window: menu bar, workspace sidebar, the active page over a collapsible log pane, and
 * the status bar. Owns no state of its own beyond which page is shown; everything else lives in
 * the {@link Workbench} it is given.
 */
public final class MainWindow implements MainMenu.Actions {
    public static final String APP_TITLE = "Attention Workbench";
    /** System property naming the page shown first (a workspace id, e.g. "attention"). */
    public static final String START_PAGE_PROPERTY = "workbench.startPage";
    private static final Logger LOG = Logger.getLogger(MainWindow.class.getName());

    private final Workbench workbench;
    private final Stage stage;
    private final List<Workspace> pages;
    private final StackPane host = new StackPane();
    private final LogPanel logPanel;
    private final SplitPane split = new SplitPane();
    private final StatusBar statusBar;
    private Workspace active;
    private Sidebar sidebar;
    private Alert lastError;

    public MainWindow(Workbench workbench, Stage stage) {
        this.workbench = workbench;
        this.stage = stage;
        AnomalyWorkspace anomaly = new AnomalyWorkspace(workbench);
        // the Attention and Point clouds pages run image attention through one service: one open model, one cache
        AttentionService attention = new AttentionService();
        PointCloudWorkspace clouds = new PointCloudWorkspace(workbench, attention);
        Depth360Workspace panoramas = new Depth360Workspace(workbench);
        ModelLibrary models = new ModelLibrary(ModelCache.defaultDir()); // the Attention and Zoo pages see the same models
        this.pages = List.of(new ImagesWorkspace(workbench), new AttentionWorkspace(workbench, models, attention), anomaly,
                new ColorizeWorkspace(workbench), clouds, panoramas, new ZooWorkspace(workbench, models),
                new LabsWorkspace(workbench));
        workbench.setPointCloudOpener(file -> {
            showPage(PointCloudWorkspace.ID);
            clouds.controller().open(file);
        });
        workbench.setPanoramaOpener(file -> {
            showPage(Depth360Workspace.ID);
            panoramas.controller().open(file);
        });
        this.logPanel = new LogPanel(workbench.log());
        this.statusBar = new StatusBar(workbench.devices(), workbench.tasks());

        host.getStyleClass().add(AppStyles.WORKSPACE_HOST);
        host.setMinSize(0, 0);
        split.setOrientation(Orientation.VERTICAL);
        split.getItems().add(host);
        statusBar.logToggle().selectedProperty().addListener((obs, was, show) -> showLog(show));

        Sidebar sidebar = new Sidebar(pages, this::activate);
        BorderPane root = new BorderPane(split);
        root.getStyleClass().add(AppStyles.MAIN_WINDOW);
        MainMenu menu = new MainMenu(workbench, this);
        menu.addFileItem(anomaly.useCurrentAsNormalItem());
        menu.addOpenItem(openPointCloudItem(clouds));
        root.setTop(menu);
        root.setLeft(sidebar);
        root.setBottom(statusBar);
        // -Dworkbench.startPage=attention opens that page first (screenshots, demos); else the first page
        if (!sidebar.select(System.getProperty(START_PAGE_PROPERTY, ""))) {
            sidebar.selectFirst();
        }
        this.sidebar = sidebar;

        // the first layout at about the final size: split panes keep the side widths it gives them
        WindowSize size = fittedSize();
        Scene scene = new Scene(root, size.width(), size.height());
        scene.getStylesheets().add(AppStyles.stylesheet());
        scene.setOnDragOver(this::onDragOver);
        scene.setOnDragDropped(this::onDragDropped);
        stage.setScene(scene);
        WindowSize min = WindowSize.minimum(Screen.getPrimary().getVisualBounds());
        stage.setMinWidth(min.width());
        stage.setMinHeight(min.height());
        stage.setWidth(size.width()); // the window with its frame, so it fits the screen
        stage.setHeight(size.height());
        stage.centerOnScreen();
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(this::title,
                workbench.currentImageProperty()));
        stage.setOnHidden(e -> {
            if (!stage.isMaximized() && !stage.isFullScreen() && !stage.isIconified()) {
                workbench.rememberWindowSize(stage.getWidth(), stage.getHeight());
            }
            pages.stream().filter(AutoCloseable.class::isInstance).forEach(p -> closeQuietly((AutoCloseable) p));
            closeQuietly(attention);
        });

        workbench.setLoadErrorHandler(this::showLoadError);
        applySavedTheme();
    }

    /** The theme from the settings; an unknown name is logged once and replaced by the default. */
    private void applySavedTheme() {
        String name = workbench.settings().theme();
        Theme theme = Theme.fromName(name);
        if (!theme.name().equalsIgnoreCase(name)) {
            LOG.warning("Settings: unknown theme \"" + name + "\"; using " + theme.title());
            workbench.setTheme(theme.name());
        }
        theme.apply();
    }

    /** The remembered size, clamped to the primary screen's visible area (see {@link WindowSize}). */
    private WindowSize fittedSize() {
        Rectangle2D visible = Screen.getPrimary().getVisualBounds();
        double w = workbench.settings().windowWidth();
        double h = workbench.settings().windowHeight();
        WindowSize size = WindowSize.fit(w, h, visible);
        if (size.width() != w || size.height() != h) {
            LOG.fine(String.format(java.util.Locale.ROOT, "Window %.0f×%.0f does not fit the screen (%.0f×%.0f visible): opened at %.0f×%.0f",
                    w, h, visible.getWidth(), visible.getHeight(), size.width(), size.height()));
        }
        return size;
    }

    public void show() {
        stage.show();
    }

    public Stage stage() { return stage; }
    public StatusBar statusBar() { return statusBar; }
    public LogPanel logPanel() { return logPanel; }
    public Workspace activeWorkspace() { return active; }

    /** Shows the page with this id; false when there is none. */
    public boolean showPage(String id) {
        return sidebar.select(id);
    }

    /** The page with this id. */
    public java.util.Optional<Workspace> page(String id) {
        return pages.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The last "cannot open" dialog shown (tests read it). */
    public Alert lastError() { return lastError; }

    // ---- MainMenu.Actions ------------------------------------------------------------------

    @Override
    public void openDialog() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open Image");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.bmp", "*.gif", "*.tif", "*.tiff"),
                new FileChooser.ExtensionFilter("Point clouds", PointCloudService.openPatterns()),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (!workbench.recentFiles().isEmpty()) {
            File dir = Path.of(workbench.recentFiles().get(0)).toFile().getParentFile();
            if (dir != null && dir.isDirectory()) {
                chooser.setInitialDirectory(dir);
            }
        }
        File f = chooser.showOpenDialog(stage);
        if (f != null) {
            workbench.openFile(f.toPath());
        }
    }

    @Override
    public void quit() {
        stage.hide();
        Platform.exit();
    }

    @Override
    public void toggleLog() {
        statusBar.logToggle().setSelected(!statusBar.logToggle().isSelected());
    }

    @Override
    public void zoom(Consumer<Workspace.ZoomActions> command) {
        active.zoomActions().ifPresent(command);
    }

    @Override
    public void applyTheme(Theme theme) {
        theme.apply();
        workbench.setTheme(theme.name());
    }

    @Override
    public void about() {
        var state = workbench.devices().stateProperty().get();
        Dialogs.info(stage, "About", APP_TITLE,
                "Attention maps, anomaly detection and colorization on your own compute engine.\n\n"
                        + "Compute: " + state.label() + "\n" + state.note() + "\n\n"
                        + "Java " + System.getProperty("java.version") + ", JavaFX "
                        + System.getProperty("javafx.runtime.version") + "\n"
                        + "Sample photos: public domain / CC0 (see samples/ATTRIBUTION.md).");
    }

    /** File ▸ Open point cloud…: shows the page and its open dialog. */
    private MenuItem openPointCloudItem(PointCloudWorkspace clouds) {
        MenuItem item = new MenuItem("Open Point Cloud…");
        item.setAccelerator(javafx.scene.input.KeyCombination.keyCombination("Shortcut+Shift+O"));
        item.setOnAction(e -> {
            showPage(PointCloudWorkspace.ID);
            clouds.openDialog();
        });
        return item;
    }

    // ---- internals -------------------------------------------------------------------------

    private void activate(Workspace page) {
        active = page;
        host.getChildren().setAll(page.view());
        statusBar.bindWorkspace(page.pointerText(), page.zoomText());
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warning("Closing a page failed: " + e);
        }
    }

    private void showLog(boolean show) {
        if (show && !split.getItems().contains(logPanel)) {
            split.getItems().add(logPanel);
            split.setDividerPositions(0.72);
        } else if (!show) {
            split.getItems().remove(logPanel);
        }
    }

    private void showLoadError(ImageLoadException e) {
        lastError = Dialogs.cannotOpen(stage, e.fileName(), e.reason());
    }

    private String title() {
        LoadedImage img = workbench.currentImageProperty().get();
        return img == null ? APP_TITLE : img.source().displayName() + " — " + APP_TITLE;
    }

    private void onDragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void onDragDropped(DragEvent e) {
        boolean ok = e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty();
        if (ok) {
            workbench.openFile(e.getDragboard().getFiles().get(0).toPath());
        }
        e.setDropCompleted(ok);
        e.consume();
    }
}
