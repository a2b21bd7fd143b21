package org.attentionworkbench.app.depth360.view;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import org.attentionworkbench.app.depth360.Depth360Model;
import org.attentionworkbench.app.depth360.DepthModelChoice;
import org.attentionworkbench.app.depth360.LoadedPanorama;
import org.attentionworkbench.app.depth360.PanoramaAttention;
import org.attentionworkbench.app.depth360.PanoramaAttentionController;
import org.attentionworkbench.app.depth360.PanoramaClouds;
import org.attentionworkbench.app.workspace.Toolbars;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.explain.HeadFusion;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.panorama.PanoramaOverlay;
import org.attentionworkbench.viewers.panorama.PanoramaPoint;
import org.attentionworkbench.viewers.panorama.PanoramaShape;
import org.attentionworkbench.viewers.panorama.PanoramaView;

/**
 * The 360° page's 3D view and attention explorer, added to {@link Depth360Workspace} by one call
 * ({@link #install}): a second toolbar row with "3D" (the depth as coloured points in an embedded
 * {@link Panorama3dPane}), "From outside" / "From the centre", and "Attention" (hover: where the depth
 * model's backbone looks from the token under the pointer, on the nearest tangent patch) with the
 * depth model, layer and head/fusion. The depth shown in 3D is {@link #depthProperty()}: the sample room's
 * exact depth when it is open; the depth steps set their result there.
 */
public final class Depth360Extras implements AutoCloseable {
    /** Colormap and opacity of the attention overlay. */
    public static final Colormap ATTENTION_COLOURS = Colormap.INFERNO;
    public static final double ATTENTION_OPACITY = 0.65;
    /** What "3D" says when the panorama has no depth yet. */
    public static final String NO_DEPTH = "No depth for this panorama yet: run depth first (the sample room has its exact depth)";

    private final Depth360Workspace page;
    private final Workbench workbench;
    private final Depth360Model model;
    private final PanoramaView panoramaView;
    private final Panorama3dPane pane3d;
    private final PanoramaAttentionController attention;
    private final ObjectProperty<PanoramaClouds.ErpDepth> depth = new SimpleObjectProperty<>(this, "depth");
    private final ToggleButton threeD = new ToggleButton("3D");
    private final ToggleButton attentionToggle = new ToggleButton("Attention");
    private final Label note = new Label();
    private final Label note3d = new Label();
    private final List<PanoramaShape> ownShapes = new ArrayList<>();
    private PanoramaOverlay ownOverlay;
    private PointCloud cloud;
    private Object cloudOf; // the depth the cloud was made from
    private boolean triedInstalled;

    private Depth360Extras(Depth360Workspace page, BorderPane root) {
        this.page = page;
        this.workbench = page.controller().workbench();
        this.model = page.controller().model();
        this.panoramaView = page.panoramaView();
        this.pane3d = new Panorama3dPane(workbench);
        this.attention = new PanoramaAttentionController(workbench);

        pane3d.visibleProperty().bind(threeD.selectedProperty());
        if (root.getCenter() instanceof StackPane centre) {
            centre.getChildren().add(pane3d);
        }
        if (root.getTop() instanceof Pane top) {
            top.getChildren().add(toolbar()); // under the depth step's rows: it shows what they make
        }
        model.panoramaProperty().addListener((o, was, p) -> {
            threeD.setSelected(false);
            cloud = null;
            cloudOf = null;
            attention.clear();
            depth.set(PanoramaClouds.ErpDepth.known(p));
        });
        depth.addListener((o, was, d) -> {
            note3d.setText("");
            if (d != null && threeD.isSelected()) {
                show3d(); // a new depth run (or scale) while the 3D view is up: show it
            }
        });
        threeD.selectedProperty().addListener((o, was, on) -> {
            if (on) {
                show3d();
            }
        });
        attentionToggle.selectedProperty().bindBidirectional(attention.enabledProperty());
        attention.enabledProperty().addListener((o, was, on) -> {
            if (on && followDepthModel()) {
                triedInstalled = true; // the depth step's Depth Anything model serves the attention too
            }
            if (on && !triedInstalled && attention.modelProperty().get() == null) {
                triedInstalled = true;
                attention.openInstalled(null);
            }
            if (!on) {
                attention.clear();
            } else {
                rehover();
            }
        });
        panoramaView.pointerProperty().addListener((o, was, p) -> hover(p));
        attention.layerProperty().addListener((o, a, b) -> rehover());
        attention.headProperty().addListener((o, a, b) -> rehover());
        attention.fusionProperty().addListener((o, a, b) -> rehover());
        attention.resultProperty().addListener((o, was, r) -> showAttention(r));
    }

    /** Adds the 3D view and the attention explorer to {@code page} (whose root is {@code root}). */
    public static Depth360Extras install(Depth360Workspace page, BorderPane root) {
        Depth360Extras extras = new Depth360Extras(page, root);
        root.getProperties().put(Depth360Extras.class, extras);
        return extras;
    }

    /** The extras installed on {@code page}. */
    public static Depth360Extras of(Depth360Workspace page) {
        return (Depth360Extras) page.view().getProperties().get(Depth360Extras.class);
    }

    /** The depth shown in 3D (radial, on an ERP grid); null: none yet. */
    public ObjectProperty<PanoramaClouds.ErpDepth> depthProperty() { return depth; }
    public ToggleButton threeDToggle() { return threeD; }
    public Panorama3dPane pane3d() { return pane3d; }
    public PanoramaAttentionController attention() { return attention; }

    /** The depth step's model choice, which the attention follows when it is a Depth Anything checkpoint. */
    private javafx.beans.value.ObservableValue<DepthModelChoice> depthChoice;

    /**
     * Makes the attention explorer use the model chosen for depth (when it is Depth Anything), so the page
     * has one model choice; "Attention model…" still picks another.
     */
    void followDepthChoice(javafx.beans.value.ObservableValue<DepthModelChoice> choice) {
        depthChoice = choice;
        choice.addListener((o, was, c) -> {
            if (attention.enabledProperty().get()) {
                followDepthModel();
            }
        });
    }

    /** Opens the depth step's Depth Anything model for the attention if it is not the one open; true if there is one. */
    private boolean followDepthModel() {
        DepthModelChoice c = depthChoice == null ? null : depthChoice.getValue();
        if (c == null || c.kind() != DepthModelChoice.Kind.DEPTH_ANYTHING || c.path() == null) {
            return false;
        }
        if (!c.path().equals(attention.modelProperty().get())) {
            attention.openModel(c.path());
        }
        return true;
    }

    private Node toolbar() {
        threeD.setTooltip(new Tooltip("The depth as coloured 3D points, seen from the panorama's centre: "
                + "the wheel flies out, drag orbits, right-drag pans"));
        threeD.disableProperty().bind(model.panoramaProperty().isNull());
        Button outside = new Button("From outside");
        outside.setTooltip(new Tooltip("See the whole room from outside"));
        outside.setOnAction(e -> pane3d.fromOutside());
        Button centre = new Button("From the centre");
        centre.setTooltip(new Tooltip("Back to the panorama's centre, looking where the panorama view looks"));
        centre.setOnAction(e -> pane3d.fromCentre(panoramaView.getView()));
        ToggleButton cut = new ToggleButton("Cutaway");
        cut.setTooltip(new Tooltip("Leave out surfaces seen from behind: from outside, the walls and ceiling "
                + "in front open the room like a dollhouse"));
        cut.selectedProperty().bindBidirectional(pane3d.cutawayProperty());
        for (Node n : List.of(outside, centre, cut)) {
            n.disableProperty().bind(threeD.selectedProperty().not());
        }

        attentionToggle.setTooltip(new Tooltip("Hover the panorama: where the depth model's backbone looks from "
                + "the token under the pointer (on the tangent patch nearest it)"));
        attentionToggle.disableProperty().bind(model.panoramaProperty().isNull());
        Button open = new Button("Attention model…");
        open.setTooltip(new Tooltip("Whose attention to show: by default the Depth Anything model chosen for depth; "
                + "or another Depth Anything V2 checkpoint (a Hugging Face folder's model.safetensors, "
                + "or depth_anything_v2_vit*.pth)"));
        open.setOnAction(e -> chooseModel());
        Button get = new Button("Get Depth Anything");
        get.setTooltip(new Tooltip("Download Depth Anything V2 Small (Apache-2.0, ~99 MB) into the model cache"));
        get.setOnAction(e -> attention.download());
        get.visibleProperty().bind(attention.enabledProperty().and(attention.modelProperty().isNull()));
        get.managedProperty().bind(get.visibleProperty());

        Spinner<Integer> layer = new Spinner<>();
        SpinnerValueFactory.IntegerSpinnerValueFactory layers = new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 0, 0);
        layer.setValueFactory(layers);
        layer.setPrefWidth(70);
        layer.setTooltip(new Tooltip("Backbone layer"));
        attention.layersProperty().addListener((o, a, n) -> layers.setMax(Math.max(0, n.intValue() - 1)));
        layers.valueProperty().addListener((o, a, v) -> attention.layerProperty().set(v));
        attention.layerProperty().addListener((o, a, v) -> layers.setValue(v.intValue()));

        ComboBox<String> heads = new ComboBox<>();
        heads.setId("attention-heads");
        heads.setTooltip(new Tooltip("One head, or the heads fused"));
        heads.setItems(headChoices(0));
        heads.getSelectionModel().select(0);
        attention.headsProperty().addListener((o, a, n) -> {
            heads.setItems(headChoices(n.intValue()));
            heads.getSelectionModel().select(0);
        });
        heads.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> choose(i.intValue()));
        for (Node n : List.of(layer, heads)) {
            n.disableProperty().bind(attention.modelProperty().isNull());
        }
        note.textProperty().bind(attention.statusProperty());
        note.visibleProperty().bind(attention.enabledProperty());
        note.managedProperty().bind(note.visibleProperty());
        Toolbars.boundedLabel(note, 520);
        note3d.managedProperty().bind(note3d.textProperty().isNotEmpty());
        Toolbars.boundedLabel(note3d, 360);
        return Toolbars.wrapping(Depth360Styles.TOOLBAR, Toolbars.group(threeD, outside, centre, cut, note3d),
                Toolbars.group(attentionToggle, open, get, new Label("Layer"), layer, heads), note);
    }

    private static ObservableList<String> headChoices(int heads) {
        ObservableList<String> items = FXCollections.observableArrayList("Mean of heads", "Max of heads", "Min of heads");
        for (int h = 0; h < heads; h++) {
            items.add("Head " + h);
        }
        return items;
    }

    // the heads box: 0..2 fuse, then single heads
    private void choose(int index) {
        if (index < 0) {
            return;
        }
        if (index < 3) {
            attention.fusionProperty().set(HeadFusion.values()[index == 0 ? 0 : index == 1 ? 2 : 1]);
            attention.headProperty().set(-1);
        } else {
            attention.headProperty().set(index - 3);
        }
    }

    private void chooseModel() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a Depth Anything V2 checkpoint");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Depth Anything checkpoints", "*.safetensors", "*.pth"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = chooser.showOpenDialog(page.view().getScene() == null ? null : page.view().getScene().getWindow());
        if (f != null) {
            attention.openModel(f.toPath());
        }
    }

    private void show3d() {
        LoadedPanorama p = model.panorama();
        PanoramaClouds.ErpDepth d = depth.get();
        if (p == null || d == null) {
            threeD.setSelected(false);
            note3d.setText(NO_DEPTH);
            return;
        }
        if (cloud != null && cloudOf == d) {
            pane3d.fromCentre(panoramaView.getView());
            return;
        }
        workbench.tasks().submit("Building the 3D points", progress -> PanoramaClouds.cloud(p, d, PanoramaClouds.MAX_POINTS),
                c -> {
                    if (model.panorama() == p && depth.get() == d) {
                        cloud = c;
                        cloudOf = d;
                        pane3d.show(c, panoramaView.getView());
                    }
                }, e -> threeD.setSelected(false));
    }

    private PanoramaPoint lastPointer;

    private void hover(PanoramaPoint p) {
        if (p != null) {
            lastPointer = p;
            attention.hover(model.panorama(), p.lon(), p.lat());
        }
    }

    private void rehover() {
        if (lastPointer != null) {
            hover(lastPointer);
        }
    }

    private void showAttention(PanoramaAttention.Result r) {
        panoramaView.shapes().removeAll(ownShapes);
        ownShapes.clear();
        if (r == null) {
            if (ownOverlay != null && panoramaView.overlayProperty().get() == ownOverlay) {
                panoramaView.setOverlay(null);
            }
            ownOverlay = null;
            return;
        }
        ownOverlay = new PanoramaOverlay(r.map(), r.width(), r.height(), ATTENTION_COLOURS, null, ATTENTION_OPACITY,
                "Attention");
        panoramaView.setOverlay(ownOverlay);
        ownShapes.add(new PanoramaShape(r.outline(), true, Color.WHITE, 1.5,
                String.format(Locale.ROOT, "patch %d", r.patch())));
        ownShapes.add(PanoramaShape.marker(r.request().lon(), r.request().lat(), Color.CYAN, null));
        panoramaView.shapes().addAll(ownShapes);
    }

    @Override
    public void close() {
        attention.close();
        pane3d.close();
    }
}
