package org.attentionworkbench.app.pointcloud.view;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringExpression;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import org.attentionworkbench.app.pointcloud.CameraCodec;
import org.attentionworkbench.app.pointcloud.DrawList;
import org.attentionworkbench.app.pointcloud.PointCloudController;
import org.attentionworkbench.app.pointcloud.PointCloudModel;
import org.attentionworkbench.app.pointcloud.PointCloudService;
import org.attentionworkbench.app.workspace.Toolbars;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.app.workspace.Workspace;
import org.attentionworkbench.compute.pointcloud.Bounds;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.viewers.points.PointCloudView;
import org.attentionworkbench.viewers.points.PointPickEvent;
import org.attentionworkbench.viewers.points.PointScene;
import org.attentionworkbench.viewers.points.render.Camera;
import org.attentionworkbench.viewers.points.render.PointRenderer;

/**
 * The Point clouds page: a toolbar (open, edit with undo, save, screenshot), the 3D view in the
 * middle and the {@link SidePanel} on the right. State lives in {@link PointCloudModel}, logic in
 * {@link PointCloudController}; this class lays out the views over them and turns the model's
 * cloud and colours into the view's scene. Closing the page stops the view's render thread.
 */
public final class PointCloudWorkspace implements Workspace, AutoCloseable {
    public static final String ID = "pointclouds";

    private final PointCloudController controller;
    private final PointCloudModel model;
    private final BorderPane root = new BorderPane();
    private final PointCloudView view = new PointCloudView();
    private final SidePanel side;
    private final Label status = new Label();
    private final StringExpression pointerText;
    private final StringExpression zoomText;
    private final PauseTransition cameraSettled = new PauseTransition(Duration.millis(600));
    private DrawList drawList;
    private boolean rendererRequested;

    public PointCloudWorkspace(Workbench workbench) {
        this(new PointCloudController(workbench));
    }

    public PointCloudWorkspace(PointCloudController controller) {
        this.controller = controller;
        this.model = controller.model();
        root.getStyleClass().add(PointCloudStyles.WORKSPACE);
        root.getStylesheets().add(PointCloudStyles.stylesheet());
        root.setMinSize(0, 0);

        side = new SidePanel(controller, new AttentionPanel(controller).view());
        view.setMinSize(0, 0);
        Label placeholder = new Label("Open a point cloud (File ▸ Open point cloud…) or drop one here\n"
                + "PLY · PCD · LAS/LAZ · XYZ/TXT/CSV · Potree folder (cloud.js)");
        placeholder.getStyleClass().add(PointCloudStyles.PLACEHOLDER);
        placeholder.setMouseTransparent(true);
        placeholder.visibleProperty().bind(model.cloudProperty().isNull());
        StackPane centre = new StackPane(view, placeholder);
        centre.getStyleClass().add(PointCloudStyles.VIEW_HOST);
        centre.setMinSize(0, 0);
        StackPane.setAlignment(placeholder, Pos.CENTER);

        status.textProperty().bind(model.statusProperty());
        VBox top = new VBox(toolbar(), Toolbars.statusLine(status, PointCloudStyles.STATUS));
        root.setTop(top);
        root.setCenter(centre);
        root.setRight(side);

        wireView();
        PointCloudPageKeys.install(root, view, controller);
        view.installKeys(root);
        controller.setCameraRestorer(this::restoreCamera);

        pointerText = Bindings.createStringBinding(() -> model.rendererNoteProperty().get().isEmpty()
                ? view.getRendererNote() : model.rendererNoteProperty().get(), model.rendererNoteProperty(),
                view.rendererNoteProperty());
        zoomText = Bindings.createStringBinding(() -> model.cloud() == null ? "" : view.statusText(),
                view.framesShownProperty(), model.cloudProperty());
    }

    public PointCloudController controller() {
        return controller;
    }

    /** The 3D view (tests drive it). */
    public PointCloudView pointView() {
        return view;
    }

    @Override public String id() { return ID; }
    @Override public String title() { return "Point clouds"; }
    @Override public Node view() { return root; }
    @Override public StringExpression pointerText() { return pointerText; }
    @Override public StringExpression zoomText() { return zoomText; }

    @Override
    public Optional<ZoomActions> zoomActions() {
        return Optional.of(new ZoomActions() {
            @Override public void fit() { view.fit(); }
            @Override public void actualSize() { view.resetCamera(); }
            @Override public void zoomIn() { zoom(0.8); }
            @Override public void zoomOut() { zoom(1.25); }
        });
    }

    private void zoom(double factor) {
        Camera c = view.getCamera().copy();
        c.setDistance(c.distance() * factor);
        view.setCamera(c);
    }

    // ---- the view ------------------------------------------------------------------------------

    private void wireView() {
        model.coloursProperty().addListener((o, a, colours) -> updateScene());
        view.setSettings(model.renderSettings(1, 1));
        Runnable settings = () -> view.setSettings(model.renderSettings(1, 1));
        model.pointSizeProperty().addListener((o, a, b) -> settings.run());
        model.sizeModeProperty().addListener((o, a, b) -> settings.run());
        model.edlProperty().addListener((o, a, b) -> settings.run());
        model.edlStrengthProperty().addListener((o, a, b) -> settings.run());
        model.edlRadiusProperty().addListener((o, a, b) -> settings.run());
        model.backgroundProperty().addListener((o, a, b) -> settings.run());
        // the view's own keys (+/- size, E for EDL) change its settings: keep the model in step
        view.settingsProperty().addListener((o, a, s) -> {
            if (Math.abs(s.pointSize() - model.pointSizeProperty().get()) > 1e-6) {
                model.pointSizeProperty().set(s.pointSize());
            }
            if (s.edl() != model.edlProperty().get()) {
                model.edlProperty().set(s.edl());
            }
        });
        model.rendererProperty().addListener((o, a, b) -> openRenderer());
        view.setOnPointPicked(this::picked);
        view.setOnScreenshot(() -> screenshot(0, 0));
        view.cameraProperty().addListener((o, a, c) -> cameraSettled.playFromStart());
        cameraSettled.setOnFinished(e -> {
            if (model.cloud() != null) {
                controller.rememberCamera(CameraCodec.encode(view.getCamera()));
            }
        });
    }

    private void openRenderer() {
        rendererRequested = true;
        controller.openRenderer(r -> {
            view.setRenderer(r);
            updateScene(); // the budget follows the renderer
        });
    }

    /** The model's cloud in its current colours, within the renderer's budget, as the view's scene. */
    private void updateScene() {
        PointCloud c = model.cloud();
        int[] colours = model.coloursProperty().get();
        if (c == null || colours == null || colours.length != c.size()) {
            drawList = null;
            view.setPointScene(PointScene.EMPTY);
            return;
        }
        if (!rendererRequested) {
            openRenderer();
        }
        PointRenderer r = view.getRenderer();
        drawList = DrawList.of(c, colours, PointCloudController.budget(r));
        view.setPointScene(new PointScene(drawList.batches(), localBounds(c), null));
        if (!drawList.note().isEmpty()) {
            model.statusProperty().set(drawList.note());
        }
    }

    /** The cloud's bounds in its local (origin-relative) coordinates, as the scene wants them. */
    static double[] localBounds(PointCloud c) {
        Bounds b = c.bounds();
        if (b.isEmpty()) {
            return new double[] {-1, -1, -1, 1, 1, 1};
        }
        double[] o = c.origin();
        return new double[] {b.minX() - o[0], b.minY() - o[1], b.minZ() - o[2], b.maxX() - o[0], b.maxY() - o[1],
            b.maxZ() - o[2]};
    }

    private void picked(PointPickEvent e) {
        if (drawList != null) {
            controller.pick(drawList.pointOf(e.getPointId()));
        }
    }

    private void restoreCamera(String encoded) {
        Camera c = CameraCodec.decode(encoded, view.getPointScene().radius());
        if (c != null) {
            view.setCamera(c);
        }
    }

    // ---- toolbar -------------------------------------------------------------------------------

    private javafx.scene.layout.FlowPane toolbar() {
        Button open = new Button("Open…");
        open.setTooltip(new Tooltip("Open a point cloud: PLY, PCD, LAS/LAZ, XYZ/TXT/CSV, Potree cloud.js"));
        open.setOnAction(e -> openDialog());
        Button folder = new Button("Open folder…");
        folder.setTooltip(new Tooltip("Open a Potree folder (with cloud.js)"));
        folder.setOnAction(e -> openFolderDialog());

        Button undo = new Button("Undo");
        undo.setTooltip(new Tooltip("Undo the last edit (Ctrl+Z)"));
        undo.disableProperty().bind(model.canUndoProperty().not());
        undo.setOnAction(e -> controller.undo());
        Button redo = new Button("Redo");
        redo.setTooltip(new Tooltip("Redo (Ctrl+Y)"));
        redo.disableProperty().bind(model.canRedoProperty().not());
        redo.setOnAction(e -> controller.redo());

        MenuButton subsample = new MenuButton("Subsample");
        MenuItem random = new MenuItem("Random…");
        random.setOnAction(e -> askNumber("Random subsample", "Points to keep",
                Math.max(1, model.cloud() == null ? 1 : model.cloud().size() / 2))
                .ifPresent(n -> controller.subsampleRandom((int) Math.round(n))));
        subsample.getItems().add(random);

        Button save = new Button("Save as…");
        save.setOnAction(e -> saveDialog());
        MenuButton shot = new MenuButton("Screenshot");
        MenuItem viewSize = new MenuItem("At view size (P)");
        viewSize.setOnAction(e -> screenshot(0, 0));
        MenuItem larger = new MenuItem("Larger…");
        larger.setOnAction(e -> askNumber("Screenshot", "Width in pixels (height keeps the view's shape)", 3840)
                .ifPresent(w -> screenshot((int) Math.round(w), -1)));
        shot.getItems().addAll(viewSize, larger);
        Button help = new Button("Keys");
        help.setTooltip(new Tooltip("Show the keys (H)"));
        help.setOnAction(e -> view.setHelpVisible(!view.isHelpVisible()));

        for (Node n : List.of(undo, redo, subsample, save, shot)) {
            if (n != undo && n != redo) {
                n.disableProperty().bind(model.cloudProperty().isNull());
            }
        }
        return Toolbars.wrapping(PointCloudStyles.TOOLBAR, Toolbars.group(open, folder),
                Toolbars.group(subsample), Toolbars.group(undo, redo), Toolbars.group(save, shot), help);
    }

    /** File ▸ Open point cloud… (the main menu calls this too). */
    public void openDialog() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open point cloud");
        List<String> patterns = PointCloudService.openPatterns();
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Point clouds", patterns),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = chooser.showOpenDialog(window());
        if (f != null) {
            controller.open(f.toPath());
        }
    }

    private void openFolderDialog() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open Potree folder");
        File f = chooser.showDialog(window());
        if (f != null) {
            controller.open(f.toPath());
        }
    }

    private void saveDialog() {
        LoadedName name = LoadedName.of(model);
        List<String> patterns = PointCloudService.savePatterns();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save point cloud as");
        chooser.setInitialFileName(name.base() + "-edited" + patterns.get(0).substring(1));
        for (String p : patterns) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(p.substring(2).toUpperCase(Locale.ROOT), p));
        }
        File f = chooser.showSaveDialog(window());
        if (f != null) {
            controller.saveAs(f.toPath(), false);
        }
    }

    /** A screenshot: {@code width} 0 for the view's size, else that width and the view's aspect. */
    private void screenshot(int width, int height) {
        if (model.cloud() == null) {
            return;
        }
        Optional<Path> file = chooseSave(window(), "Save screenshot", LoadedName.of(model).base() + ".png", "PNG",
                "*.png");
        if (file.isEmpty()) {
            return;
        }
        if (width <= 0) {
            var frame = view.currentFrame();
            if (frame != null) {
                controller.savePicture(frame, file.get());
            }
            return;
        }
        double aspect = view.getHeight() > 0 ? view.getHeight() / view.getWidth() : 9.0 / 16;
        int h = height > 0 ? height : (int) Math.max(1, Math.round(width * aspect));
        view.snapshot(Math.min(width, 16384), Math.min(h, 16384)).whenComplete((frame, error) ->
                javafx.application.Platform.runLater(() -> {
                    if (frame != null) {
                        controller.savePicture(frame, file.get());
                    } else {
                        model.statusProperty().set("Screenshot failed: " + error.getMessage());
                    }
                }));
    }

    static Optional<Path> chooseSave(Window owner, String title, String initialName, String kind, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(initialName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        File f = chooser.showSaveDialog(owner);
        return Optional.ofNullable(f).map(File::toPath);
    }

    private Optional<Double> askNumber(String title, String prompt, double initial) {
        Dialog<Double> d = new Dialog<>();
        d.initOwner(window());
        d.setTitle(title);
        Spinner<Double> value = new Spinner<>(0, 1e9, initial, 1);
        value.setEditable(true);
        GridPane g = new GridPane();
        g.setHgap(8);
        g.addRow(0, new Label(prompt), value);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResultConverter(b -> b == ButtonType.OK ? value.getValue() : null);
        return d.showAndWait();
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    @Override
    public void close() {
        view.close();
    }

    /** The open cloud's name without extension, for suggested file names. */
    private record LoadedName(String base) {
        static LoadedName of(PointCloudModel m) {
            String n = m.loadedProperty().get() == null ? "cloud" : m.loadedProperty().get().displayName();
            int dot = n.lastIndexOf('.');
            return new LoadedName(dot > 0 ? n.substring(0, dot) : n);
        }
    }
}
