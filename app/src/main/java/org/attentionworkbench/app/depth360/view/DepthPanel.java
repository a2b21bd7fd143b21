package org.attentionworkbench.app.depth360.view;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.attentionworkbench.app.depth360.DepthController;
import org.attentionworkbench.app.depth360.DepthStepModel;
import org.attentionworkbench.app.depth360.DepthModelChoice;
import org.attentionworkbench.app.depth360.DepthRunSettings;
import org.attentionworkbench.app.depth360.DepthScale;
import org.attentionworkbench.app.depth360.DepthExports;
import org.attentionworkbench.app.depth360.Measurement;
import org.attentionworkbench.app.depth360.PanoramaDepth;
import org.attentionworkbench.app.workspace.Dialogs;
import org.attentionworkbench.app.workspace.Toolbars;
import org.attentionworkbench.compute.panorama.Blend;
import org.attentionworkbench.compute.panorama.Gnomonic;
import org.attentionworkbench.compute.panorama.TangentLayout;
import org.attentionworkbench.compute.panorama.TangentPatch;
import org.attentionworkbench.compute.panorama.align.AlignmentMethod;
import org.attentionworkbench.compute.panorama.depth.PanoramaLayouts;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.panorama.OverlayMode;
import org.attentionworkbench.viewers.panorama.PanoramaOverlay;
import org.attentionworkbench.viewers.panorama.PanoramaPoint;
import org.attentionworkbench.viewers.panorama.PanoramaRenderer;
import org.attentionworkbench.viewers.panorama.PanoramaShape;
import org.attentionworkbench.viewers.panorama.PanoramaView;

/**
 * The depth step's controls on the 360° page: model, layout, alignment, blend, size, Run/Cancel with a
 * progress bar; the overlay (on/off, mode, opacity); the scale, measuring (hover = distance from the camera,
 * two clicks = the distance between two points) and the exports. Draws on the {@link PanoramaView}: the
 * overlay, the tangent patches (green once their depth is in) and the measurement.
 */
final class DepthPanel {
    static final Colormap COLORMAP = Colormap.TURBO;
    private static final Color PATCH_PENDING = Color.gray(0.85, 0.6);
    private static final Color PATCH_DONE = Color.rgb(80, 230, 120, 0.9);
    private static final Color MEASURE = Color.rgb(255, 220, 40);

    private final DepthController controller;
    private final DepthStepModel model;
    private final PanoramaView view;
    private final Supplier<Window> window;
    private final Supplier<PanoramaRenderer.Source> source;

    final ComboBox<DepthModelChoice> modelBox = new ComboBox<>();
    final ComboBox<String> layoutBox = new ComboBox<>();
    final ComboBox<AlignmentMethod> alignmentBox = new ComboBox<>();
    final ComboBox<Blend> blendBox = new ComboBox<>();
    final ComboBox<Integer> widthBox = new ComboBox<>();
    final Button run = new Button("Run depth");
    final Button cancel = new Button("Cancel");
    final ProgressBar progress = new ProgressBar(0);
    final ToggleButton overlayOn = new ToggleButton("Depth overlay");
    final ComboBox<OverlayMode> modeBox = new ComboBox<>();
    final Slider opacity = new Slider(0, 1, 0.6);
    final CheckBox showPatches = new CheckBox("Patches");
    final Label message = new Label();
    private final Label simulatedNote = new Label();
    private final Node node;
    /** The shapes this panel put on the view (others' shapes are left alone). */
    private final List<PanoramaShape> drawn = new ArrayList<>();

    DepthPanel(DepthController controller, PanoramaView view, Supplier<PanoramaRenderer.Source> source,
            Supplier<Window> window) {
        this.controller = controller;
        this.model = controller.model();
        this.view = view;
        this.source = source;
        this.window = window;
        node = new VBox(runBar(), resultBar(), Toolbars.statusLine(message, Depth360Styles.STATUS));
        message.textProperty().bind(Bindings.createStringBinding(() -> model.hoverProperty().get().isEmpty()
                ? model.messageProperty().get() : model.hoverProperty().get() + " · " + model.messageProperty().get(),
                model.hoverProperty(), model.messageProperty()));

        model.depthProperty().addListener(obs -> updateOverlay());
        model.previewProperty().addListener(obs -> updateOverlay());
        model.scaleProperty().addListener(obs -> updateOverlay());
        overlayOn.selectedProperty().addListener(obs -> updateOverlay());
        opacity.valueProperty().addListener(obs -> {
            PanoramaOverlay o = view.overlayProperty().get();
            if (o != null && overlayOn.isSelected()) {
                view.setOverlay(o.withOpacity(opacity.getValue()));
            }
        });
        modeBox.valueProperty().addListener((obs, was, m) -> view.setOverlayMode(m));
        for (var p : List.of(model.layoutProperty(), model.patchesDoneProperty(), model.measurementProperty(),
                model.runningProperty(), showPatches.selectedProperty())) {
            p.addListener(obs -> redrawShapes());
        }
        view.pointerProperty().addListener((obs, was, p) -> controller.hover(p == null ? Double.NaN : p.lon(),
                p == null ? Double.NaN : p.lat()));
        view.setOnPick(p -> controller.pick(p.lon(), p.lat()));
    }

    Node node() {
        return node;
    }

    private Node runBar() {
        modelBox.setItems(model.choices());
        modelBox.setPromptText("Depth model");
        modelBox.setTooltip(new Tooltip("Installed depth models (Models dialog), opened checkpoints, and the "
                + "simulated model for panoramas whose depth is known"));
        model.choices().addListener((ListChangeListener<DepthModelChoice>) c -> {
            if (modelBox.getValue() == null || !model.choices().contains(modelBox.getValue())) {
                modelBox.setValue(model.choices().isEmpty() ? null : model.choices().get(0));
            }
        });
        if (!model.choices().isEmpty()) {
            modelBox.setValue(model.choices().get(0));
        }
        simulatedNote.setText("= the exact depth cut into patches, each with a random affine and noise");
        simulatedNote.setTooltip(new Tooltip(DepthModelChoice.SIMULATED_DESCRIPTION));
        simulatedNote.visibleProperty().bind(Bindings.createBooleanBinding(() -> modelBox.getValue() != null
                && modelBox.getValue().kind() == DepthModelChoice.Kind.SIMULATED, modelBox.valueProperty()));
        simulatedNote.managedProperty().bind(simulatedNote.visibleProperty());
        Button openCkpt = new Button("Open checkpoint…");
        openCkpt.setTooltip(new Tooltip("A Depth Anything V2 checkpoint (.pth, .safetensors or an HF folder) or an "
                + "OmniFusion .pth"));
        openCkpt.setOnAction(e -> openCheckpointDialog());

        layoutBox.getItems().setAll(PanoramaLayouts.NAMES);
        layoutBox.setValue("18");
        layoutBox.setTooltip(new Tooltip("Tangent patches: 10/18/26/46 (OmniFusion's 3–6 rows) or ico20 (icosahedron)"));
        alignmentBox.getItems().setAll(AlignmentMethod.values());
        alignmentBox.setValue(AlignmentMethod.GRID);
        alignmentBox.setTooltip(new Tooltip("Bring every patch's depth onto one scale: none, one affine per patch, "
                + "or a smooth grid of affines"));
        blendBox.getItems().setAll(Blend.values());
        blendBox.setValue(Blend.POISSON);
        blendBox.setTooltip(new Tooltip("Blending of the overlapping patches: mean, frustum weights or Poisson"));
        for (int w : DepthRunSettings.WIDTHS) {
            widthBox.getItems().add(w);
        }
        widthBox.setValue(DepthRunSettings.DEFAULT_WIDTH);
        widthBox.setTooltip(new Tooltip("Width of the depth panorama (height = width / 2)"));
        layoutBox.setConverter(named(n -> n.equals("ico20") ? "ico20 patches" : n + " patches", layoutBox));
        alignmentBox.setConverter(named(a -> "align " + a.name().toLowerCase(Locale.ROOT), alignmentBox));
        blendBox.setConverter(named(b -> "blend " + b.name().toLowerCase(Locale.ROOT), blendBox));
        widthBox.setConverter(named(w -> w + "×" + w / 2, widthBox));
        for (ComboBox<?> c : List.of(layoutBox, alignmentBox, blendBox)) {
            c.disableProperty().bind(Bindings.createBooleanBinding(() -> modelBox.getValue() != null
                    && modelBox.getValue().kind() == DepthModelChoice.Kind.OMNIFUSION, modelBox.valueProperty()));
        }

        run.setOnAction(e -> runNow());
        run.disableProperty().bind(modelBox.valueProperty().isNull().or(model.runningProperty()));
        cancel.setOnAction(e -> controller.cancel());
        cancel.disableProperty().bind(model.runningProperty().not());
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.runningProperty());
        progress.setPrefWidth(120);
        return Toolbars.wrapping(Depth360Styles.TOOLBAR, Toolbars.group(new Label("Depth:"), modelBox, openCkpt,
                simulatedNote), Toolbars.group(layoutBox, alignmentBox, blendBox, widthBox),
                Toolbars.group(run, cancel, progress));
    }

    private Node resultBar() {
        overlayOn.setSelected(true);
        overlayOn.setTooltip(new Tooltip("Show the depth over the panorama"));
        modeBox.getItems().setAll(OverlayMode.values());
        modeBox.setConverter(named(m -> switch (m) {
            case BLEND -> "blend";
            case SIDE_BY_SIDE -> "side by side";
            case SWIPE -> "swipe";
        }, modeBox));
        modeBox.setValue(view.overlayModeProperty().get());
        modeBox.setTooltip(new Tooltip("Blend, side by side, or swipe (drag the divider)"));
        opacity.setPrefWidth(100);
        opacity.setTooltip(new Tooltip("Overlay opacity (blend mode)"));
        showPatches.setTooltip(new Tooltip("Outline the tangent patches (always shown while a run lasts)"));

        MenuButton scale = new MenuButton("Set scale");
        MenuItem height = new MenuItem("Camera height…");
        height.setOnAction(e -> ask("Camera height", "Height of the camera above the floor (metres):", "1.5")
                .ifPresent(controller::setScaleFromCameraHeight));
        MenuItem known = new MenuItem("Measured distance is… m");
        known.setOnAction(e -> ask("Known distance", "The two measured points are this far apart (metres):", "1.0")
                .ifPresent(controller::setScaleFromKnownDistance));
        MenuItem reset = new MenuItem("Model's units");
        reset.setOnAction(e -> controller.resetScale());
        scale.getItems().addAll(height, known, reset);
        scale.setTooltip(new Tooltip("Metres for a relative model: from the camera height or one known distance "
                + "(click two points to measure, then say how far apart they are)"));
        Button clear = new Button("Clear measurement");
        clear.setOnAction(e -> controller.clearMeasurement());
        clear.disableProperty().bind(model.measurementProperty().isNull());

        MenuButton export = new MenuButton("Export depth");
        MenuItem png = new MenuItem("Depth as 16-bit PNG…");
        png.setOnAction(e -> save("Depth as 16-bit PNG", "depth.png", "*.png").ifPresent(controller::exportDepthPng));
        MenuItem npy = new MenuItem("Depth as NPY…");
        npy.setOnAction(e -> save("Depth as NPY (float32)", "depth.npy", "*.npy").ifPresent(controller::exportDepthNpy));
        MenuItem ply = new MenuItem("Point cloud (PLY)…");
        ply.setOnAction(e -> save("Point cloud", "depth.ply", "*.ply").ifPresent(controller::exportCloud));
        MenuItem over = new MenuItem("Panorama with overlay (PNG)…");
        over.setOnAction(e -> save("Panorama with depth overlay", "panorama-depth.png", "*.png")
                .ifPresent(this::exportOverlay));
        export.getItems().addAll(png, npy, ply, over);

        Node[] needDepth = {overlayOn, modeBox, opacity, showPatches, scale, export};
        for (Node n : needDepth) {
            n.disableProperty().bind(model.depthProperty().isNull());
        }
        return Toolbars.wrapping(Depth360Styles.TOOLBAR, Toolbars.group(overlayOn, modeBox, new Label("Opacity"), opacity,
                showPatches), Toolbars.group(scale, clear), export);
    }

    /** Shows a choice by {@code name}; the box is not editable, so text maps back through the items. */
    private static <T> StringConverter<T> named(Function<T, String> name, ComboBox<T> box) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : name.apply(value);
            }

            @Override
            public T fromString(String text) {
                return box.getItems().stream().filter(v -> name.apply(v).equals(text)).findFirst().orElse(null);
            }
        };
    }

    /** The settings chosen, for the model chosen. */
    DepthRunSettings settings() {
        return new DepthRunSettings(modelBox.getValue(), layoutBox.getValue(), alignmentBox.getValue(),
                blendBox.getValue(), widthBox.getValue(), 0, 1);
    }

    private void runNow() {
        if (modelBox.getValue() != null) {
            controller.run(settings());
        }
    }

    /** Shows the depth (scaled) as the view's overlay, or none. */
    /** The legend while patches arrive. */
    static final String PREVIEW_TITLE = "patches so far (each own scale)";

    private void updateOverlay() {
        PanoramaDepth d = model.depth();
        PanoramaRenderer.Source s = source.get();
        DepthStepModel.Preview preview = model.previewProperty().get();
        if (preview != null && s != null && overlayOn.isSelected()) {
            // patches as they finish, each on its own scale until alignment puts them on one
            view.setOverlay(new PanoramaOverlay(preview.values(), preview.width(), preview.height(), COLORMAP, null,
                    opacity.getValue(), PREVIEW_TITLE));
            return;
        }
        if (d == null || s == null || !overlayOn.isSelected()) {
            view.setOverlay(null);
            return;
        }
        DepthScale scale = model.scale();
        int w = d.grid().width(), h = d.grid().height();
        float[] values = DepthExports.onViewGrid(d, scale, s.convention(), w, h);
        view.setOverlay(new PanoramaOverlay(values, w, h, COLORMAP, null, opacity.getValue(), scale.legendTitle()));
    }

    private void exportOverlay(Path file) {
        PanoramaOverlay o = view.overlayProperty().get();
        controller.exportOverlay(file, COLORMAP, o == null ? null : o.range(), opacity.getValue());
    }

    private void redrawShapes() {
        view.shapes().removeAll(drawn);
        drawn.clear();
        TangentLayout layout = model.layoutProperty().get();
        if (layout != null && (model.isRunning() || showPatches.isSelected())) {
            int done = model.patchesDoneProperty().get();
            for (int i = 0; i < layout.size(); i++) {
                boolean finished = i < done;
                drawn.add(new PanoramaShape(outline(layout.patch(i)), true, finished ? PATCH_DONE : PATCH_PENDING,
                        finished ? 2 : 1, null));
            }
        }
        Measurement m = model.measurement();
        if (m != null) {
            drawn.add(PanoramaShape.marker(m.lon1(), m.lat1(), MEASURE, "A"));
            if (m.complete()) {
                drawn.add(new PanoramaShape(PanoramaShape.greatCircle(m.lon1(), m.lat1(), m.lon2(), m.lat2(), 32), false,
                        MEASURE, 2, null));
                drawn.add(PanoramaShape.marker(m.lon2(), m.lat2(), MEASURE, "B  " + controller.describe(m)));
            }
        }
        view.shapes().addAll(drawn);
    }

    /** A patch's border as (lon, lat) pairs, latitude up (the viewer's), 8 points an edge. */
    static double[] outline(TangentPatch p) {
        int n = 8;
        double[] xs = {p.xMin(), p.xMax(), p.xMax(), p.xMin()};
        double[] ys = {p.yMin(), p.yMin(), p.yMax(), p.yMax()};
        double[] out = new double[4 * n * 2];
        double[] ll = new double[2];
        int k = 0;
        for (int e = 0; e < 4; e++) {
            for (int i = 0; i < n; i++) {
                double t = (double) i / n;
                double x = xs[e] + (xs[(e + 1) % 4] - xs[e]) * t, y = ys[e] + (ys[(e + 1) % 4] - ys[e]) * t;
                Gnomonic.inverse(x, y, p.lon0(), p.lat0(), ll);
                out[k++] = ll[0];
                out[k++] = -ll[1]; // Equirect's latitude grows downwards
            }
        }
        return out;
    }

    private void openCheckpointDialog() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a depth checkpoint");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Checkpoints", "*.pth", "*.pt",
                "*.safetensors", "*.bin"), new FileChooser.ExtensionFilter("All files", "*"));
        File f = chooser.showOpenDialog(window.get());
        if (f == null) {
            return;
        }
        // an HF folder holds model.safetensors + config.json: open the folder
        Path p = f.toPath();
        if (p.getFileName().toString().equals("model.safetensors") && p.resolveSibling("config.json").toFile().isFile()) {
            p = p.getParent();
        }
        controller.openCheckpoint(p, modelBox::setValue);
    }

    private Optional<Double> ask(String title, String prompt, String initial) {
        TextInputDialog d = new TextInputDialog(initial);
        d.initOwner(window.get());
        d.setTitle(title);
        d.setHeaderText(null);
        d.setContentText(prompt);
        return d.showAndWait().flatMap(text -> {
            double v;
            try {
                v = Double.parseDouble(text.trim().replace(',', '.'));
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
            if (v > 0 && Double.isFinite(v)) {
                return Optional.of(v);
            }
            Dialogs.info(window.get(), title, "Not a distance", "“" + text + "” is not a positive number of metres.");
            return Optional.empty();
        });
    }

    private Optional<Path> save(String title, String name, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(pattern.substring(2).toUpperCase(Locale.ROOT),
                pattern));
        chooser.setInitialFileName(name);
        File f = chooser.showSaveDialog(window.get());
        return Optional.ofNullable(f).map(File::toPath);
    }

}
