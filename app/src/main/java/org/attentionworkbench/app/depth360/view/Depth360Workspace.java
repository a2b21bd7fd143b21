package org.attentionworkbench.app.depth360.view;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringExpression;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.attentionworkbench.app.depth360.Depth360Controller;
import org.attentionworkbench.app.depth360.Depth360Model;
import org.attentionworkbench.app.depth360.DepthStepModel;
import org.attentionworkbench.app.depth360.LoadedPanorama;
import org.attentionworkbench.app.depth360.PanoramaClouds;
import org.attentionworkbench.app.depth360.PanoramaDepth;
import org.attentionworkbench.app.depth360.ViewExport;
import org.attentionworkbench.app.workspace.Dialogs;
import org.attentionworkbench.app.workspace.Toolbars;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.app.workspace.Workspace;
import org.attentionworkbench.compute.panorama.Equirect;
import org.attentionworkbench.viewers.panorama.PanoramaPoint;
import org.attentionworkbench.viewers.panorama.PanoramaView;
import org.attentionworkbench.viewers.panorama.ViewLimits;
import org.attentionworkbench.viewers.panorama.ViewState;

/**
 * The "360° depth" page: open an equirectangular panorama (file, drop, the sample room) and look
 * around it in a {@link PanoramaView}, with FOV, auto-rotate, reset, fullscreen and Export view.
 * The status bar shows the view (yaw/pitch/FOV) and the longitude/latitude and Equirect pixel under
 * the mouse. The depth step ({@link DepthPanel}: model, run, overlay, measuring, exports) sits under the
 * toolbar and draws through {@link #panoramaView()}'s overlay, shapes and pick events.
 */
public final class Depth360Workspace implements Workspace, AutoCloseable {
    public static final String ID = "depth360";
    public static final List<String> OPEN_PATTERNS = List.of("*.jpg", "*.jpeg", "*.png", "*.tif", "*.tiff",
            "*.bmp", "*.webp");

    private final Depth360Controller controller;
    private final Depth360Model model;
    private final PanoramaView view = new PanoramaView();
    private final BorderPane root = new BorderPane();
    private final Label status = new Label();
    private final Slider fov = new Slider(ViewLimits.DEFAULT.minHfov(), ViewLimits.DEFAULT.maxHfov(), 100);
    private final ToggleButton autoRotate = new ToggleButton("Auto-rotate");
    private final StringExpression pointerText;
    private final StringExpression zoomText;
    private final DepthPanel depth;

    public Depth360Workspace(Workbench workbench) {
        this(new Depth360Controller(workbench));
    }

    public Depth360Workspace(Depth360Controller controller) {
        this.controller = controller;
        this.model = controller.model();
        root.getStyleClass().add(Depth360Styles.WORKSPACE);
        root.getStylesheets().add(Depth360Styles.stylesheet());
        root.setMinSize(0, 0);
        view.setMinSize(0, 0);

        Label placeholder = new Label("Open an equirectangular (2:1) panorama or drop one here,\n"
                + "or open the sample room");
        placeholder.getStyleClass().add(Depth360Styles.PLACEHOLDER);
        placeholder.setMouseTransparent(true);
        placeholder.visibleProperty().bind(model.panoramaProperty().isNull());
        StackPane centre = new StackPane(view, placeholder);
        centre.getStyleClass().add(Depth360Styles.VIEW_HOST);
        centre.setMinSize(0, 0);
        StackPane.setAlignment(placeholder, Pos.CENTER);

        // the page's status line: what is open, then where the camera looks
        status.textProperty().bind(Bindings.createStringBinding(() -> model.panorama() == null
                ? model.statusProperty().get() : model.statusProperty().get() + " · " + view.getView(),
                model.statusProperty(), model.panoramaProperty(), view.viewProperty()));
        depth = new DepthPanel(controller.depth(), view, () -> model.panorama() == null ? null : model.panorama().source(),
                this::window);
        root.setTop(new VBox(toolbar(), Toolbars.statusLine(status, Depth360Styles.STATUS), depth.node()));
        root.setCenter(centre);

        model.panoramaProperty().addListener((obs, was, p) -> showPanorama(p));
        controller.setErrorHandler(e -> Dialogs.cannotOpen(window(), "panorama",
                e.getMessage() == null ? e.toString() : e.getMessage()));
        controller.depth().setErrorHandler(e -> Dialogs.info(window(), "360° depth", "The depth step failed",
                e.getMessage() == null ? e.toString() : e.getMessage()));
        view.setOnFullscreen(this::toggleFullscreen);
        root.setOnDragOver(this::onDragOver);
        root.setOnDragDropped(this::onDragDropped);
        Depth360Keys.install(root, () -> autoRotate.setSelected(!autoRotate.isSelected()), this::toggleFullscreen);

        pointerText = Bindings.createStringBinding(() -> pointer(view.pointerProperty().get()), view.pointerProperty());
        zoomText = Bindings.createStringBinding(() -> model.panorama() == null ? ""
                : String.format(Locale.ROOT, "FOV %.0f°", view.getView().hfov()), view.viewProperty(),
                model.panoramaProperty());
        Depth360Extras.install(this, root); // 3D view and attention explorer (a second toolbar row)
        Depth360Extras.of(this).followDepthChoice(depth.modelBox.valueProperty());
        // the 3D view shows the depth step's latest result, in metres once a scale is set
        DepthStepModel depthState = controller.depth().model();
        InvalidationListener toThreeD = o -> {
            PanoramaDepth d = depthState.depth();
            if (d != null) {
                Depth360Extras.of(this).depthProperty().set(PanoramaClouds.ErpDepth.of(d, depthState.scale().factor()));
            }
        };
        depthState.depthProperty().addListener(toThreeD);
        depthState.scaleProperty().addListener(toThreeD);
    }

    public Depth360Controller controller() { return controller; }

    /** The viewer (the next steps put their overlay, shapes and pick handlers on it). */
    public PanoramaView panoramaView() { return view; }

    @Override public String id() { return ID; }
    @Override public String title() { return "360° depth"; }
    @Override public Node view() { return root; }
    @Override public StringExpression pointerText() { return pointerText; }
    @Override public StringExpression zoomText() { return zoomText; }

    @Override
    public Optional<ZoomActions> zoomActions() {
        return Optional.of(new ZoomActions() {
            @Override public void fit() { view.setView(view.getView().withHfov(ViewLimits.DEFAULT.maxHfov())); }
            @Override public void actualSize() { view.resetView(); }
            @Override public void zoomIn() { view.zoomBy(0.8); }
            @Override public void zoomOut() { view.zoomBy(1.25); }
        });
    }

    /** "lon 12.3°, lat −4.5° · ERP 1234, 456" in the engine's Equirect convention for the shown image. */
    private String pointer(PanoramaPoint p) {
        LoadedPanorama pano = model.panorama();
        if (p == null || pano == null) {
            return "";
        }
        String ll = String.format(Locale.ROOT, "lon %.1f°, lat %.1f°", Math.toDegrees(p.lon()), Math.toDegrees(p.lat()));
        if (Double.isNaN(p.column())) {
            return ll + " · outside the image";
        }
        if (pano.area().isFullCircle() && pano.area().latExtent() >= Math.PI - 1e-9) {
            Equirect erp = new Equirect(pano.image().width(), pano.image().height());
            return ll + String.format(Locale.ROOT, " · ERP %.0f, %.0f", erp.column(p.lon()), erp.row(-p.lat()));
        }
        return ll + String.format(Locale.ROOT, " · pixel %.0f, %.0f", p.column(), p.row());
    }

    private void showPanorama(LoadedPanorama p) {
        if (p == null) {
            view.setSource(null);
            return;
        }
        view.setInitialView(p.initialView());
        view.setSource(p.source());
        view.resetView();
    }

    private Node toolbar() {
        Button open = new Button("Open panorama…");
        open.setOnAction(e -> openDialog());
        Button room = new Button("Open sample room");
        room.setTooltip(new Tooltip("A synthetic room rendered as a 2048×1024 panorama (exact depth known)"));
        room.setOnAction(e -> controller.openSampleRoom());

        Label fovLabel = new Label();
        fovLabel.getStyleClass().add(Depth360Styles.FOV_LABEL);
        fov.setPrefWidth(140);
        fov.setTooltip(new Tooltip("Horizontal field of view (wheel, pinch, + and − too)"));
        view.viewProperty().addListener((obs, was, v) -> {
            if (Math.abs(fov.getValue() - v.hfov()) > 1e-6) {
                fov.setValue(v.hfov());
            }
        });
        fov.valueProperty().addListener((obs, was, v) -> {
            if (Math.abs(view.getView().hfov() - v.doubleValue()) > 1e-6) {
                view.setView(view.getView().withHfov(v.doubleValue()));
            }
        });
        fovLabel.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "FOV %.0f°", fov.getValue()), fov.valueProperty()));

        autoRotate.setTooltip(new Tooltip("Turn slowly; pauses while you look around (R)"));
        view.autoRotateProperty().bind(autoRotate.selectedProperty());
        Button reset = new Button("Reset view");
        reset.setTooltip(new Tooltip("Back to the initial view (Home)"));
        reset.setOnAction(e -> view.resetView());
        Button full = new Button("Fullscreen");
        full.setTooltip(new Tooltip("Toggle fullscreen (F, F11)"));
        full.setOnAction(e -> toggleFullscreen());
        Button export = new Button("Export view…");
        export.setTooltip(new Tooltip("Save the current view as a PNG"));
        export.setOnAction(e -> exportDialog());
        for (Node n : List.of(fov, autoRotate, reset, full, export)) {
            n.disableProperty().bind(model.panoramaProperty().isNull());
        }
        return Toolbars.wrapping(Depth360Styles.TOOLBAR, Toolbars.group(open, room),
                Toolbars.group(fovLabel, fov), Toolbars.group(autoRotate, reset, full), export);
    }

    /** Opens the file chooser for a panorama. */
    public void openDialog() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open panorama");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Equirectangular images", OPEN_PATTERNS),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = chooser.showOpenDialog(window());
        if (f != null) {
            controller.open(f.toPath());
        }
    }

    private void exportDialog() {
        if (model.panorama() == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export view as PNG");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG", "*.png"));
        chooser.setInitialFileName("view.png");
        File f = chooser.showSaveDialog(window());
        if (f != null) {
            controller.exportView(currentView(), f.toPath());
        }
    }

    /** The view as shown, at the viewer's size (what Export view writes). */
    public ViewExport currentView() {
        int w = Math.max(1, (int) Math.round(view.getWidth())), h = Math.max(1, (int) Math.round(view.getHeight()));
        return new ViewExport(model.panorama().source(), view.overlayProperty().get(),
                view.overlayModeProperty().get(), view.dividerProperty().get(), view.getView(), w, h);
    }

    private void toggleFullscreen() {
        if (window() instanceof Stage stage) {
            stage.setFullScreen(!stage.isFullScreen());
        }
    }

    private void onDragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        }
    }

    private void onDragDropped(DragEvent e) {
        List<File> files = e.getDragboard().getFiles();
        if (files != null && !files.isEmpty()) {
            controller.open(files.get(0).toPath());
            e.setDropCompleted(true);
            e.consume();
        }
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    @Override
    public void close() {
        Depth360Extras.of(this).close();
        view.dispose();
    }

    /** The depth step's controls (tests). */
    DepthPanel depthPanel() {
        return depth;
    }

    /** Initial view for tests: the viewer's current state. */
    ViewState viewState() {
        return view.getView();
    }
}
