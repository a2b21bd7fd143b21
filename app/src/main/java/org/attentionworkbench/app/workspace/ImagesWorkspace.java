package org.attentionworkbench.app.workspace;

import atlantafx.base.theme.Styles;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringExpression;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.attentionworkbench.app.services.LoadedImage;
import org.attentionworkbench.viewers.image.ImageViewer;

/** The Images page: the current image in a zoomable viewer. */
public final class ImagesWorkspace implements Workspace {
    public static final String ID = "images";
    public static final String STYLE_CLASS = "images-workspace";
    public static final String PLACEHOLDER_CLASS = "workspace-placeholder";

    private final Workbench workbench;
    private final ImageViewer viewer = new ImageViewer();
    private final StackPane root;
    private final StringExpression pointerText;
    private final StringExpression zoomText;

    public ImagesWorkspace(Workbench workbench) {
        this.workbench = workbench;
        viewer.imageProperty().bind(Bindings.createObjectBinding(
                () -> current() == null ? null : current().image(), workbench.currentImageProperty()));

        Label placeholder = new Label("Open an image (Ctrl+O) or drop one here");
        placeholder.getStyleClass().addAll(PLACEHOLDER_CLASS, Styles.TEXT_MUTED, Styles.TITLE_4);
        placeholder.visibleProperty().bind(workbench.currentImageProperty().isNull());
        placeholder.setMouseTransparent(true);

        root = new StackPane(viewer, placeholder);
        root.getStyleClass().add(STYLE_CLASS);
        root.setMinSize(0, 0);

        pointerText = Bindings.createStringBinding(this::describePointer,
                viewer.hoveredPixelProperty(), workbench.currentImageProperty());
        zoomText = Bindings.createStringBinding(
                () -> current() == null ? "" : Math.round(viewer.getZoom() * 100) + " %", viewer.zoomProperty(),
                workbench.currentImageProperty());
    }

    /** The viewer (for tests and for later pages that reuse this page's view state). */
    public ImageViewer viewer() {
        return viewer;
    }

    @Override public String id() { return ID; }
    @Override public String title() { return "Images"; }
    @Override public Node view() { return root; }
    @Override public StringExpression pointerText() { return pointerText; }
    @Override public StringExpression zoomText() { return zoomText; }

    @Override
    public Optional<ZoomActions> zoomActions() {
        return Optional.of(new ZoomActions() {
            @Override public void fit() { viewer.fit(); }
            @Override public void actualSize() { viewer.actualSize(); }
            @Override public void zoomIn() { viewer.zoomIn(); }
            @Override public void zoomOut() { viewer.zoomOut(); }
        });
    }

    private LoadedImage current() {
        return workbench.currentImageProperty().get();
    }

    private String describePointer() {
        ImageViewer.Pixel p = viewer.getHoveredPixel();
        LoadedImage img = current();
        if (p == null || img == null || p.x() >= img.width() || p.y() >= img.height()) {
            return "";
        }
        int argb = img.argb(p.x(), p.y());
        String rgb = ((argb >> 16) & 0xFF) + " " + ((argb >> 8) & 0xFF) + " " + (argb & 0xFF);
        int alpha = argb >>> 24;
        return p.x() + ", " + p.y() + "   RGB " + rgb + (alpha == 255 ? "" : "  α " + alpha);
    }
}
