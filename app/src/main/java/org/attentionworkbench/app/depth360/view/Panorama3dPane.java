package org.attentionworkbench.app.depth360.view;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.layout.StackPane;
import org.attentionworkbench.app.depth360.Cutaway;
import org.attentionworkbench.app.depth360.PanoramaClouds;
import org.attentionworkbench.app.pointcloud.ViewPreset;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.viewers.panorama.ViewState;
import org.attentionworkbench.viewers.points.PointCloudView;
import org.attentionworkbench.viewers.points.PointScene;
import org.attentionworkbench.viewers.points.render.JavaPointRenderer;
import org.attentionworkbench.viewers.points.render.PointBatch;
import org.attentionworkbench.viewers.points.render.PointRenderers;
import org.attentionworkbench.viewers.points.render.RenderSettings;
import org.attentionworkbench.viewers.points.render.SizeMode;

/**
 * The panorama's depth in 3D on the 360° page: the Point clouds page's {@link PointCloudView} (its
 * renderers, mouse and keys), embedded so the user stays on the page and the 3D camera starts where the
 * panorama view stands and looks: at the panorama's centre, same direction and field of view. The wheel
 * flies out of the room; left-drag orbits; "From outside" shows the whole room. With {@link #cutawayProperty()}
 * (on by default) surfaces seen from behind are left out ({@link Cutaway}), so from outside the room opens
 * like a dollhouse.
 */
public final class Panorama3dPane extends StackPane implements AutoCloseable {
    private final Workbench workbench;
    private final PointCloudView view = new PointCloudView();
    private final BooleanProperty cutaway = new SimpleBooleanProperty(this, "cutaway", true);
    private PointCloud cloud;
    private int[] argb;
    private boolean rendererRequested;

    public Panorama3dPane(Workbench workbench) {
        this.workbench = workbench;
        getChildren().add(view);
        setMinSize(0, 0);
        view.setMinSize(0, 0);
        view.setSettings(RenderSettings.of(1, 1).withPointSize(3, SizeMode.FIXED));
        view.installKeys(this);
        cutaway.addListener((o, was, on) -> setScene());
    }

    /** Leave out the surfaces seen from behind (on by default). */
    public BooleanProperty cutawayProperty() { return cutaway; }

    /** The 3D view (tests read its scene and camera). */
    public PointCloudView pointView() { return view; }

    /** The cloud shown, or null. */
    public PointCloud cloud() { return cloud; }

    /** Shows {@code c} (camera at the origin, z up) from the panorama's centre, looking as {@code look} does. */
    public void show(PointCloud c, ViewState look) {
        openRenderer();
        cloud = c;
        argb = PanoramaClouds.argb(c);
        setScene();
        fromCentre(look);
    }

    private void setScene() {
        if (cloud == null) {
            return;
        }
        var keep = view.getCamera();
        double[] bounds = ViewPreset.localBounds(cloud);
        view.setPointScene(cutaway.get() && cloud.normals() != null
                ? new PointScene(List.of(), bounds, new Cutaway(cloud, argb))
                : new PointScene(List.of(PointBatch.of(cloud.xyz(), argb)), bounds, null));
        view.setCamera(keep);
    }

    /** Back to the panorama's centre, looking as {@code look} does. */
    public void fromCentre(ViewState look) {
        if (cloud == null) {
            return;
        }
        int[] size = frameSize();
        view.setCamera(PanoramaClouds.cameraAtCentre(look, size[0], size[1], sceneRadius(ViewPreset.localBounds(cloud))));
    }

    /** The whole room from outside (an isometric view, fitted). */
    public void fromOutside() {
        view.resetCamera();
    }

    // a sphere about the start camera's orbit centre (near the origin) holding every point
    private static double sceneRadius(double[] b) {
        double r = 0;
        for (int i = 0; i < 8; i++) {
            double x = (i & 1) == 0 ? b[0] : b[3], y = (i & 2) == 0 ? b[1] : b[4], z = (i & 4) == 0 ? b[2] : b[5];
            r = Math.max(r, Math.sqrt(x * x + y * y + z * z));
        }
        return r + PanoramaClouds.START_TARGET_DISTANCE;
    }

    private int[] frameSize() {
        double w = view.getWidth() > 0 ? view.getWidth() : getWidth();
        double h = view.getHeight() > 0 ? view.getHeight() : getHeight();
        return new int[] {Math.max(1, (int) Math.round(w)), Math.max(1, (int) Math.round(h))};
    }

    private void openRenderer() {
        if (rendererRequested) {
            return;
        }
        rendererRequested = true;
        workbench.tasks().submit("Opening the point renderer", progress -> PointRenderers.open(null, JavaPointRenderer::new),
                sel -> view.setRenderer(sel.renderer()), e -> view.setRenderer(new JavaPointRenderer()));
    }

    @Override
    public void close() {
        view.close();
    }
}
