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
import org.attentionworkbench.app.attention.AttentionService;
import org.attentionworkbench.app.pointcloud.DepthPhotos;
import org.attentionworkbench.app.pointcloud.DrawList;
import org.attentionworkbench.app.pointcloud.LoadedCloud;
import org.attentionworkbench.app.pointcloud.Lod;
import org.attentionworkbench.app.pointcloud.PointCloudController;
import org.attentionworkbench.app.pointcloud.PointCloudModel;
import org.attentionworkbench.app.pointcloud.PointCloudService;
import org.attentionworkbench.app.pointcloud.ViewPreset;
import org.attentionworkbench.app.workspace.Toolbars;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.app.workspace.Workspace;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.edit.Keep;
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
    private final PolygonTool polygon;
    private javafx.scene.layout.HBox polygonBar;
    private DrawList drawList;
    /** The file the scene was last built for: a new scene of the same file (an edit) keeps the camera. */
    private LoadedCloud sceneOf;
    private boolean rendererRequested;

    public PointCloudWorkspace(Workbench workbench) {
        this(new PointCloudController(workbench));
    }

    /** A page that runs image attention through {@code attentionService}, shared with the Attention page. */
    public PointCloudWorkspace(Workbench workbench, AttentionService attentionService) {
        this(new PointCloudController(workbench, attentionService));
    }

    public PointCloudWorkspace(PointCloudController controller) {
        this.controller = controller;
        this.model = controller.model();
        root.getStyleClass().add(PointCloudStyles.WORKSPACE);
        root.getStylesheets().add(PointCloudStyles.stylesheet());
        root.setMinSize(0, 0);

        side = new SidePanel(controller, new AttentionPanel(controller).view());
        polygon = new PolygonTool(view, controller);
        view.setMinSize(0, 0);
        Label placeholder = new Label("Open a point cloud (File ▸ Open point cloud…) or drop one here\n"
                + "PLY · PCD · LAS/LAZ · XYZ/TXT/CSV · Potree folder (cloud.js)");
        placeholder.getStyleClass().add(PointCloudStyles.PLACEHOLDER);
        placeholder.setMouseTransparent(true);
        placeholder.visibleProperty().bind(model.cloudProperty().isNull());
        StackPane centre = new StackPane(view, new PickMarkers(view, model), polygon.overlay(), side.legend,
                placeholder);
        StackPane.setAlignment(side.legend, Pos.TOP_RIGHT);
        StackPane.setMargin(side.legend, new javafx.geometry.Insets(12));
        centre.getStyleClass().add(PointCloudStyles.VIEW_HOST);
        centre.setMinSize(0, 0);
        StackPane.setAlignment(placeholder, Pos.CENTER);

        status.textProperty().bind(model.statusProperty());
        VBox top = new VBox(toolbar(), Toolbars.statusLine(status, PointCloudStyles.STATUS));
        centre.getChildren().add(polygonBar);
        StackPane.setAlignment(polygonBar, Pos.TOP_CENTER);
        StackPane.setMargin(polygonBar, new javafx.geometry.Insets(8));
        root.setTop(top);
        root.setCenter(centre);
        root.setRight(side);

        wireView();
        PointCloudPageKeys.install(root, view, controller);
        view.installKeys(root);
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (polygon.active.get() && e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                polygon.cancel();
                e.consume();
            } else if (polygon.active.get() && e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                polygon.apply(Keep.INSIDE);
                e.consume();
            }
        });
        controller.setCameraRestorer(this::restoreCamera);

        // the status bar: which renderer runs (the full reason is in the side panel), then frame time and points
        pointerText = Bindings.createStringBinding(() -> shortNote(model.rendererNoteProperty().get()),
                model.rendererNoteProperty());
        zoomText = Bindings.createStringBinding(() -> model.cloud() == null ? "" : view.statusText(),
                view.framesShownProperty(), model.cloudProperty());
    }

    /** "OpenGL renderer (auto)" of "OpenGL renderer (auto): OpenGL 4.5 ... llvmpipe". */
    static String shortNote(String note) {
        int colon = note.indexOf(": ");
        return colon < 0 ? note : note.substring(0, colon);
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
        model.lodProperty().addListener((o, a, lod) -> updateScene());
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
                controller.rememberCamera(view.getCamera().encode());
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

    /**
     * The model's cloud in its current colours as the view's scene: every point when it fits the
     * renderer's budget, else through the level-of-detail octree (nothing until it is built).
     */
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
        int budget = PointCloudController.budget(view.getRenderer());
        double[] bounds = ViewPreset.localBounds(c);
        Camera keep = sceneOf != null && sceneOf == model.loadedProperty().get() ? view.getCamera() : null;
        sceneOf = model.loadedProperty().get();
        setScene(c, colours, budget, bounds);
        if (keep != null && view.getCamera() != keep) {
            view.setCamera(keep); // an edit or a new colouring: the view stays where the user put it
        }
    }

    private void setScene(PointCloud c, int[] colours, int budget, double[] bounds) {
        if (c.size() <= budget) {
            drawList = DrawList.all(c, colours);
            view.setPointScene(new PointScene(drawList.batchesFor(null, 1, 1), bounds, null));
            return;
        }
        Lod lod = model.lodProperty().get();
        if (lod == null || lod.cloud() != c) {
            drawList = null;
            view.setPointScene(new PointScene(List.of(), bounds, null)); // the octree is on its way
            return;
        }
        DrawList draw = DrawList.lod(c, lod.octree(), lod.xyz(), colours, budget);
        drawList = draw;
        view.setPointScene(new PointScene(List.of(), bounds, draw::batchesFor));
        model.statusProperty().set(draw.note());
    }

    private void picked(PointPickEvent e) {
        if (drawList != null) {
            controller.pick(drawList.pointOf(e.getPointId()));
        }
    }

    /** The file's remembered camera, else the cloud's initial view (the sensor's for clouds made from images). */
    private void restoreCamera(String encoded) {
        if (encoded != null) {
            try {
                view.setCamera(Camera.decode(encoded));
                return;
            } catch (IllegalArgumentException e) {
                // a camera from an older version or a hand-edited file: start from the initial view
            }
        }
        PointCloud c = model.cloud();
        if (c != null) {
            Camera cam = new Camera();
            ViewPreset.initial(cam, c, (int) Math.max(1, view.getWidth()), (int) Math.max(1, view.getHeight()));
            view.setCamera(cam);
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

        javafx.scene.control.SplitMenuButton depth = depthButton();

        Button undo = new Button("Undo");
        undo.setTooltip(new Tooltip("Undo the last edit (Ctrl+Z)"));
        undo.disableProperty().bind(model.canUndoProperty().not());
        undo.setOnAction(e -> controller.undo());
        Button redo = new Button("Redo");
        redo.setTooltip(new Tooltip("Redo (Ctrl+Y)"));
        redo.disableProperty().bind(model.canRedoProperty().not());
        redo.setOnAction(e -> controller.redo());

        Button crop = new Button("Crop box…");
        crop.setTooltip(new Tooltip("Keep the points inside (or outside) a box"));
        crop.setOnAction(e -> cropDialog());
        Button select = new Button("Polygon");
        select.setTooltip(new Tooltip("Draw a polygon on the view (click corners, right-click removes one), "
                + "then keep the points inside or outside it"));
        select.setOnAction(e -> polygon.start());
        select.disableProperty().bind(model.cloudProperty().isNull().or(polygon.active));
        Button keepIn = new Button("Keep inside");
        keepIn.setOnAction(e -> polygon.apply(Keep.INSIDE));
        Button keepOut = new Button("Keep outside");
        keepOut.setOnAction(e -> polygon.apply(Keep.OUTSIDE));
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> polygon.cancel());
        for (Button b : List.of(keepIn, keepOut)) {
            b.disableProperty().bind(polygon.closable.not());
        }
        polygonBar = Toolbars.group(new Label("Click corners (right-click removes one), then"), keepIn, keepOut,
                cancel);
        polygonBar.getStyleClass().add(PointCloudStyles.POLYGON_BAR);
        polygonBar.visibleProperty().bind(polygon.active);
        polygonBar.setMaxSize(javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE);

        MenuButton subsample = new MenuButton("Subsample");
        MenuItem random = new MenuItem("Random…");
        random.setOnAction(e -> askNumber("Random subsample", "Points to keep",
                Math.max(1, model.cloud() == null ? 1 : model.cloud().size() / 2))
                .ifPresent(n -> controller.subsampleRandom((int) Math.round(n))));
        MenuItem voxel = new MenuItem("Voxel…");
        voxel.setOnAction(e -> askNumber("Voxel subsample", "Voxel side (one point per voxel)", suggestedVoxel())
                .ifPresent(controller::subsampleVoxel));
        subsample.getItems().addAll(random, voxel);

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

        for (Node n : List.of(crop, subsample, save, shot)) {
            n.disableProperty().bind(model.cloudProperty().isNull());
        }
        return Toolbars.wrapping(PointCloudStyles.TOOLBAR, Toolbars.group(open, folder), depth,
                Toolbars.group(crop, select, subsample), Toolbars.group(undo, redo),
                Toolbars.group(save, shot), help);
    }

    /** A voxel side that keeps roughly 1 point in 8 of a surface-like cloud: the bounds' diagonal / 200. */
    private double suggestedVoxel() {
        PointCloud c = model.cloud();
        double d = c == null ? 1 : c.bounds().diagonal();
        return Double.isFinite(d) && d > 0 ? Double.parseDouble(String.format(Locale.ROOT, "%.3g", d / 200)) : 1;
    }

    /** The crop box: six values (world coordinates) starting at the cloud's bounds, and which side to keep. */
    private void cropDialog() {
        PointCloud c = model.cloud();
        if (c == null || c.bounds().isEmpty()) {
            return;
        }
        double[] lo = c.bounds().min();
        double[] hi = c.bounds().max();
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(window());
        d.setTitle("Crop box");
        d.setHeaderText("Box in world coordinates (the cloud's bounds to start with)");
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(4);
        g.addRow(0, new Label(""), new Label("min"), new Label("max"));
        List<Spinner<Double>> min = new java.util.ArrayList<>();
        List<Spinner<Double>> max = new java.util.ArrayList<>();
        String[] axes = {"x", "y", "z"};
        for (int k = 0; k < 3; k++) {
            double span = Math.max(hi[k] - lo[k], 1e-9);
            Spinner<Double> a = new Spinner<>(lo[k] - 10 * span, hi[k] + 10 * span, lo[k], span / 20);
            Spinner<Double> b = new Spinner<>(lo[k] - 10 * span, hi[k] + 10 * span, hi[k], span / 20);
            a.setEditable(true);
            b.setEditable(true);
            a.getValueFactory().setConverter(PRECISE);
            b.getValueFactory().setConverter(PRECISE);
            min.add(a);
            max.add(b);
            g.addRow(k + 1, new Label(axes[k]), a, b);
        }
        ButtonType inside = new ButtonType("Keep inside", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        ButtonType outside = new ButtonType("Keep outside", javafx.scene.control.ButtonBar.ButtonData.OTHER);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(inside, outside, ButtonType.CANCEL);
        d.showAndWait().filter(b -> b != ButtonType.CANCEL).ifPresent(b -> {
            double[] a = new double[3];
            double[] z = new double[3];
            for (int k = 0; k < 3; k++) {
                a[k] = Math.min(min.get(k).getValue(), max.get(k).getValue());
                z[k] = Math.max(min.get(k).getValue(), max.get(k).getValue());
            }
            controller.cropBox(a, z, b == inside ? Keep.INSIDE : Keep.OUTSIDE);
        });
    }

    /** Coordinates shown with every digit that matters (the spinners' default keeps two decimals). */
    private static final javafx.util.StringConverter<Double> PRECISE = new javafx.util.StringConverter<>() {
        @Override
        public String toString(Double v) {
            return v == null ? "" : org.attentionworkbench.app.pointcloud.PickedPoint.number(v);
        }

        @Override
        public Double fromString(String s) {
            try {
                return Double.valueOf(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    };

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

    /** Horizontal field of view "Depth → 3D" assumes for the photo (degrees). */
    private double depthFov = org.attentionworkbench.compute.depth.DepthClouds.Settings.DEFAULT_FOV;

    /** "Depth → 3D": the open photo through a depth model into this page; its menu sets the FOV and the model. */
    private javafx.scene.control.SplitMenuButton depthButton() {
        javafx.scene.control.SplitMenuButton b = new javafx.scene.control.SplitMenuButton();
        b.setText("Depth → 3D");
        b.getStyleClass().add(PointCloudStyles.DEPTH_BUTTON);
        b.setTooltip(new Tooltip("Run a depth model (Depth Anything V2) on the open photo and show it as a coloured "
                + "point cloud"));
        b.setOnAction(e -> runDepth());
        MenuItem fov = new MenuItem("Field of view…");
        fov.setOnAction(e -> askNumber("Depth → 3D", "Horizontal field of view of the photo (degrees)", depthFov)
                .filter(v -> v > 0 && v < 180).ifPresent(v -> depthFov = v));
        MenuItem choose = new MenuItem("Choose model…");
        choose.setOnAction(e -> chooseDepthModel());
        b.getItems().addAll(fov, choose);
        return b;
    }

    private void runDepth() {
        if (controller.depthTo3d(depthFov) == PointCloudController.DepthStart.NO_MODEL) {
            var entry = DepthPhotos.catalogModel();
            ButtonType download = new ButtonType("Download",
                    javafx.scene.control.ButtonBar.ButtonData.YES);
            javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION,
                    DepthPhotos.howToGet(org.attentionworkbench.compute.models.catalog.ModelCache.defaultDir()),
                    download, new ButtonType("Choose model…", javafx.scene.control.ButtonBar.ButtonData.OK_DONE),
                    ButtonType.CLOSE);
            a.initOwner(window());
            a.setTitle("Depth → 3D");
            a.setHeaderText("No depth model installed");
            a.getDialogPane().getStyleClass().add(PointCloudStyles.DEPTH_HELP);
            a.getDialogPane().setPrefWidth(720);
            a.setResizable(true);
            a.showAndWait().ifPresent(t -> {
                if (t == download) {
                    controller.installDepthModel(entry, depthFov);
                } else if (t.getButtonData() == javafx.scene.control.ButtonBar.ButtonData.OK_DONE && chooseDepthModel()) {
                    controller.depthTo3d(depthFov);
                }
            });
        }
    }

    /** A checkpoint file (model.safetensors, .pth) or, when cancelled, an HF folder. */
    private boolean chooseDepthModel() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Depth model: model.safetensors or depth_anything_v2_*.pth (cancel to pick an HF folder)");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Depth checkpoints", "*.safetensors", "*.pth"));
        File f = chooser.showOpenDialog(window());
        if (f == null) {
            DirectoryChooser dir = new DirectoryChooser();
            dir.setTitle("Depth model: an HF folder (model.safetensors + config.json)");
            f = dir.showDialog(window());
        }
        if (f != null) {
            controller.setDepthModel(f.toPath());
        }
        return f != null;
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
        controller.close();
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
