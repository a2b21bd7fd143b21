package org.attentionworkbench.viewers.points;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ObjectPropertyBase;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import org.attentionworkbench.viewers.points.render.Camera;
import org.attentionworkbench.viewers.points.render.Frame;
import org.attentionworkbench.viewers.points.render.PointBatch;
import org.attentionworkbench.viewers.points.render.PointRenderer;
import org.attentionworkbench.viewers.points.render.RenderSettings;
import org.attentionworkbench.viewers.points.render.SizeMode;

/**
 * A 3D view of points: frames from a {@link PointRenderer}, drawn on the view's own render thread
 * and shown in an {@link ImageView} backed by two alternating {@link PixelBuffer}s. The frame is
 * rendered in physical pixels (the view's size × the window's output scale) and shown at the
 * logical size, so HiDPI screens get sharp points and picking works on the pixels drawn.
 *
 * <p>Inputs are properties: the {@link PointScene}, the {@link RenderSettings} (their width and
 * height are replaced by the view's), the renderer (the view closes a renderer when it is replaced
 * and on {@link #close()}), and the {@link Camera}. The camera is a value: navigation sets a new
 * one on every move; whoever sets it must not change it afterwards. Any change renders a new frame;
 * requests made while a frame is drawn coalesce into one (the newest).
 *
 * <p>Mouse (like Open3D and CloudCompare): left-drag orbits (turntable about the world's up, or
 * trackball), right-, middle- or Ctrl+left-drag pans, the wheel zooms towards the point under the
 * cursor, a click picks ({@link PointPickEvent}), a double-click on a point makes it the orbit
 * centre. Keys are listed by {@link #getHelpEntries()} and shown by H or ?; digits are left to the
 * application ({@link #onNumberKeyProperty()}, for its colour modes).
 *
 * <p>The axes gizmo is drawn with plain JavaFX lines from the camera's axes; FXyz3D is not used: its
 * scatter mesh drew 2 fps at 250k points, and a 2D gizmo needs no 3D scene.
 *
 * <p>Status for the application's status bar: {@link #rendererNoteProperty()} (the renderer's
 * description, or why nothing is drawn), {@link #frameMillisProperty()} and
 * {@link #pointsDrawnProperty()}. {@link #close()} stops the render thread.
 */
public class PointCloudView extends Region implements AutoCloseable {
    public static final String STYLE_CLASS = "point-cloud-view";
    /** Pick radius on the frame, in physical pixels (a forgiving click). */
    public static final int PICK_RADIUS = 4;

    /** One line of the help overlay. */
    public record KeyHelp(String keys, String action) {}

    private final ObjectProperty<PointScene> scene = new SimpleObjectProperty<>(this, "scene", PointScene.EMPTY);
    private final ObjectProperty<RenderSettings> settings =
            new SimpleObjectProperty<>(this, "settings", RenderSettings.of(1, 1));
    private final ObjectProperty<PointRenderer> renderer = new SimpleObjectProperty<>(this, "renderer");
    private final ObjectProperty<Camera> camera = new SimpleObjectProperty<>(this, "camera", new Camera());
    private final BooleanProperty trackball = new SimpleBooleanProperty(this, "trackball", false);
    private final BooleanProperty helpVisible = new SimpleBooleanProperty(this, "helpVisible", false);
    private final ObjectProperty<Runnable> onScreenshot = new SimpleObjectProperty<>(this, "onScreenshot");
    private final ObjectProperty<IntConsumer> onNumberKey = new SimpleObjectProperty<>(this, "onNumberKey");
    private final ObjectProperty<EventHandler<? super PointPickEvent>> onPointPicked = new ObjectPropertyBase<>() {
        @Override
        protected void invalidated() {
            setEventHandler(PointPickEvent.POINT_PICKED, get());
        }

        @Override
        public Object getBean() { return PointCloudView.this; }

        @Override
        public String getName() { return "onPointPicked"; }
    };
    private final ReadOnlyStringWrapper rendererNote = new ReadOnlyStringWrapper(this, "rendererNote", "no renderer");
    private final ReadOnlyDoubleWrapper frameMillis = new ReadOnlyDoubleWrapper(this, "frameMillis");
    private final ReadOnlyLongWrapper pointsDrawn = new ReadOnlyLongWrapper(this, "pointsDrawn");
    private final ReadOnlyLongWrapper framesShown = new ReadOnlyLongWrapper(this, "framesShown");
    private final ObservableList<KeyHelp> helpEntries = FXCollections.observableArrayList(defaultHelp());

    private final ImageView imageView = new ImageView();
    private final AxesGizmoView gizmo = new AxesGizmoView();
    private final HelpOverlay help = new HelpOverlay(helpEntries);
    private final RenderLoop loop;

    // FX thread only.
    private final PixelBuffer<IntBuffer>[] buffers = newBufferArray();
    private final WritableImage[] images = new WritableImage[2];
    private int back;
    private Frame lastFrame;
    private List<PointBatch> lastBatches = List.of();
    private Camera lastCamera;
    private boolean closed;

    public PointCloudView() {
        getStyleClass().add(STYLE_CLASS);
        setFocusTraversable(true);
        imageView.setManaged(false);
        imageView.setPreserveRatio(false);
        imageView.setSmooth(true);
        help.setManaged(false);
        help.visibleProperty().bind(helpVisible);
        gizmo.setManaged(false);
        getChildren().addAll(imageView, gizmo, help);
        loop = new RenderLoop("point-cloud-render", r -> Platform.runLater(() -> show(r)));

        InvalidationListener rerender = o -> requestRender();
        settings.addListener(rerender);
        widthProperty().addListener(rerender);
        heightProperty().addListener(rerender);
        camera.addListener(o -> {
            gizmo.update(getCamera());
            requestRender();
        });
        gizmo.update(getCamera());
        renderer.addListener((o, old, r) -> {
            if (old != null && old != r) {
                loop.retire(old);
            }
            rendererNote.set(r == null ? "no renderer" : r.description());
            requestRender();
        });
        scene.addListener((o, old, s) -> {
            if (old == null || old == PointScene.EMPTY || !Arrays.equals(old.bounds(), s.bounds())) {
                resetCamera();
            }
            requestRender();
        });
        trackOutputScale();
        PointCloudMouse.install(this);
        PointCloudKeys.install(this, this);
    }

    // ---- properties ------------------------------------------------------------------------------

    public final ObjectProperty<PointScene> pointSceneProperty() { return scene; }
    public final PointScene getPointScene() { return scene.get(); }

    /** Shows a new scene; the camera is fitted to it unless its bounds equal the current scene's. */
    public final void setPointScene(PointScene s) { scene.set(s == null ? PointScene.EMPTY : s); }

    /** Convenience for {@code setPointScene(PointScene.of(batches, bounds))}. */
    public final void setScene(List<PointBatch> batches, double[] bounds) {
        setPointScene(PointScene.of(batches, bounds));
    }

    public final ObjectProperty<RenderSettings> settingsProperty() { return settings; }
    public final RenderSettings getSettings() { return settings.get(); }
    public final void setSettings(RenderSettings s) { settings.set(Objects.requireNonNull(s, "settings")); }

    public final ObjectProperty<PointRenderer> rendererProperty() { return renderer; }
    public final PointRenderer getRenderer() { return renderer.get(); }

    /** The view closes the renderer it replaces, so a renderer is given to one view once. */
    public final void setRenderer(PointRenderer r) { renderer.set(r); }

    public final ObjectProperty<Camera> cameraProperty() { return camera; }

    /** The current camera; do not change it (copy it, change the copy, set that). */
    public final Camera getCamera() { return camera.get(); }
    public final void setCamera(Camera c) { camera.set(Objects.requireNonNull(c, "camera")); }

    /** Left-drag orbits as a trackball instead of a turntable. */
    public final BooleanProperty trackballProperty() { return trackball; }
    public final boolean isTrackball() { return trackball.get(); }
    public final void setTrackball(boolean v) { trackball.set(v); }

    public final BooleanProperty helpVisibleProperty() { return helpVisible; }
    public final boolean isHelpVisible() { return helpVisible.get(); }
    public final void setHelpVisible(boolean v) { helpVisible.set(v); }

    /** Run on P (the application saves {@link #currentFrame()} or a {@link #snapshot}). */
    public final ObjectProperty<Runnable> onScreenshotProperty() { return onScreenshot; }
    public final void setOnScreenshot(Runnable r) { onScreenshot.set(r); }

    /** Given the digit 0–9 typed without modifiers (Open3D's colour modes); digits are not used otherwise. */
    public final ObjectProperty<IntConsumer> onNumberKeyProperty() { return onNumberKey; }
    public final void setOnNumberKey(IntConsumer c) { onNumberKey.set(c); }

    public final ObjectProperty<EventHandler<? super PointPickEvent>> onPointPickedProperty() { return onPointPicked; }
    public final void setOnPointPicked(EventHandler<? super PointPickEvent> h) { onPointPicked.set(h); }

    /** The renderer's description, or why nothing is drawn (no renderer, a failed frame). */
    public final ReadOnlyStringProperty rendererNoteProperty() { return rendererNote.getReadOnlyProperty(); }
    public final String getRendererNote() { return rendererNote.get(); }

    /** Time to draw the last shown frame, in milliseconds (level of detail included). */
    public final ReadOnlyDoubleProperty frameMillisProperty() { return frameMillis.getReadOnlyProperty(); }
    public final double getFrameMillis() { return frameMillis.get(); }

    /** Points handed to the renderer for the last shown frame. */
    public final ReadOnlyLongProperty pointsDrawnProperty() { return pointsDrawn.getReadOnlyProperty(); }
    public final long getPointsDrawn() { return pointsDrawn.get(); }

    /** Frames shown so far. */
    public final ReadOnlyLongProperty framesShownProperty() { return framesShown.getReadOnlyProperty(); }
    public final long getFramesShown() { return framesShown.get(); }

    /** "12.3 ms · 200,000 points", for a status bar. */
    public final String statusText() {
        return String.format(Locale.ROOT, "%.1f ms · %,d points", getFrameMillis(), getPointsDrawn());
    }

    /** The lines of the help overlay; the application adds its own keys (e.g. its colour modes). */
    public final ObservableList<KeyHelp> getHelpEntries() { return helpEntries; }

    // ---- commands --------------------------------------------------------------------------------

    /** Fits the scene into the view, keeping the direction of view. */
    public void fit() {
        Camera c = getCamera().copy();
        int[] size = frameSize();
        Navigation.fit(c, getPointScene(), size[0], size[1]);
        setCamera(c);
    }

    /** The start view: isometric, perspective, the scene fitted. */
    public void resetCamera() {
        Camera c = new Camera();
        c.setWorldUp(getCamera().worldUp()[0], getCamera().worldUp()[1], getCamera().worldUp()[2]);
        c.view(Camera.View.ISO);
        int[] size = frameSize();
        Navigation.fit(c, getPointScene(), size[0], size[1]);
        setCamera(c);
    }

    /** One of the preset views (top, front, side, iso; {@link Camera#view}), the scene fitted. */
    public void presetView(Camera.View v) {
        Camera c = getCamera().copy();
        c.view(v);
        int[] size = frameSize();
        Navigation.fit(c, getPointScene(), size[0], size[1]);
        setCamera(c);
    }

    public void toggleOrthographic() {
        Camera c = getCamera().copy();
        c.setOrthographic(!c.isOrthographic());
        setCamera(c);
    }

    public void toggleEdl() {
        RenderSettings s = getSettings();
        setSettings(s.withEdl(!s.edl(), s.edlStrength(), s.edlRadius()));
    }

    /** Grows (steps &gt; 0) or shrinks the points: one pixel per step when fixed, 25 % otherwise. */
    public void changePointSize(int steps) {
        RenderSettings s = getSettings();
        float size = s.sizeMode() == SizeMode.FIXED ? s.pointSize() + steps
                : (float) (s.pointSize() * Math.pow(1.25, steps));
        float min = s.sizeMode() == SizeMode.FIXED ? 1f : 0.05f;
        size = Math.max(min, Math.min(s.maxPointSize(), size));
        setSettings(s.withPointSize(size, s.sizeMode()));
    }

    /**
     * Renders the current scene and camera at {@code width × height} physical pixels on the render
     * thread (for a screenshot larger than the view). It looks like the view, only sharper: sizes
     * given in pixels (fixed point size, its maximum, the EDL radius) grow with {@code height} over
     * the view's frame height. Call on the FX thread.
     */
    public CompletableFuture<Frame> snapshot(int width, int height) {
        RenderSettings s = getSettings();
        float k = (float) height / frameSize()[1];
        float size = s.sizeMode() == SizeMode.FIXED ? s.pointSize() * k : s.pointSize();
        RenderSettings scaled = new RenderSettings(width, height, size, s.sizeMode(), s.spacing(),
                Math.max(1, s.maxPointSize() * k), s.edl(), s.edlStrength(), s.edlRadius() * k, s.background());
        return loop.snapshot(new RenderLoop.Job(getPointScene(), renderCamera(), scaled, getRenderer()));
    }

    /** A copy of the frame on screen (physical pixels), or null before the first one. */
    public Frame currentFrame() {
        Frame f = lastFrame;
        return f == null ? null : new Frame(f.width(), f.height(), f.argb().clone(), f.ids().clone(), f.depth().clone());
    }

    /**
     * The point drawn nearest the viewer within {@link #PICK_RADIUS} physical pixels of view point
     * (x, y) on the frame on screen, as the event a click fires; null when there is none.
     */
    public PointPickEvent pick(double x, double y) {
        Frame f = lastFrame;
        if (f == null || getWidth() <= 0 || getHeight() <= 0) {
            return null;
        }
        int px = (int) Math.floor(x * f.width() / getWidth());
        int py = (int) Math.floor(y * f.height() / getHeight());
        int id = f.pick(px, py, PICK_RADIUS);
        if (id < 0) {
            return null;
        }
        float depth = Float.POSITIVE_INFINITY;
        for (int yy = Math.max(0, py - PICK_RADIUS); yy <= Math.min(f.height() - 1, py + PICK_RADIUS); yy++) {
            for (int xx = Math.max(0, px - PICK_RADIUS); xx <= Math.min(f.width() - 1, px + PICK_RADIUS); xx++) {
                int p = yy * f.width() + xx;
                if (f.ids()[p] == id) {
                    depth = Math.min(depth, f.depth()[p]);
                }
            }
        }
        double[] position = positionOf(id);
        if (position == null) {
            position = Navigation.pointAtDepth(lastCamera, px + 0.5, py + 0.5, f.width(), f.height(), depth);
        }
        return new PointPickEvent(this, this, id, x, y, depth, position);
    }

    /** Makes the picked point under (x, y) the orbit centre (the view pans so it comes to the middle). */
    public boolean centreOn(double x, double y) {
        PointPickEvent hit = pick(x, y);
        if (hit == null) {
            return false;
        }
        Camera c = getCamera().copy();
        double[] p = hit.getPosition();
        double depth = Navigation.depthOf(c, p);
        c.setTarget(p[0], p[1], p[2]);
        if (depth > 0) {
            c.setDistance(depth);
        }
        setCamera(c);
        return true;
    }

    /** Installs the view's keys on another node too (e.g. the page holding it), so they work from its controls. */
    public void installKeys(Node target) {
        PointCloudKeys.install(target, this);
    }

    /** Stops the render thread and closes the renderer. The view shows its last frame afterwards. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (getRenderer() != null) {
            loop.retire(getRenderer());
        }
        loop.close();
    }

    // ---- package-private, for the gestures and tests ----------------------------------------------

    Camera lastRenderedCamera() {
        return lastCamera;
    }

    RenderLoop renderLoop() {
        return loop;
    }

    AxesGizmoView gizmo() {
        return gizmo;
    }

    ImageView imageView() {
        return imageView;
    }

    /** The frame size for the view's current size, in physical pixels (640 × 480 before layout). */
    int[] frameSize() {
        if (getWidth() < 1 || getHeight() < 1) {
            return new int[] {640, 480};
        }
        double[] scale = outputScale();
        return new int[] {(int) Math.min(16384, Math.max(1, Math.round(getWidth() * scale[0]))),
            (int) Math.min(16384, Math.max(1, Math.round(getHeight() * scale[1])))};
    }

    /** View point (x, y) in frame pixels. */
    double[] toFrame(double x, double y) {
        int[] size = frameSize();
        return new double[] {x * size[0] / getWidth(), y * size[1] / getHeight()};
    }

    /** The depth of the point drawn under (x, y), or NaN when there is none. */
    double depthUnder(double x, double y) {
        PointPickEvent hit = pick(x, y);
        return hit == null ? Double.NaN : Navigation.depthOf(getCamera(), hit.getPosition());
    }

    // ---- rendering -------------------------------------------------------------------------------

    private void requestRender() {
        if (closed || getWidth() < 1 || getHeight() < 1) {
            return;
        }
        int[] size = frameSize();
        loop.request(new RenderLoop.Job(getPointScene(), renderCamera(), getSettings().withSize(size[0], size[1]),
                getRenderer()));
    }

    /** A copy of the camera whose near and far planes hold the whole scene wherever the target went. */
    private Camera renderCamera() {
        Camera c = getCamera().copy();
        c.setSceneRadius(Math.max(c.sceneRadius(), Navigation.sceneRadiusFor(c, getPointScene())));
        return c;
    }

    /** Runs on the FX thread: puts a rendered frame on screen. */
    private void show(RenderLoop.Result r) {
        try {
            if (closed) {
                return;
            }
            if (r.frame() == null) {
                rendererNote.set(r.note());
                return;
            }
            Frame f = r.frame();
            if (images[0] == null || (int) images[0].getWidth() != f.width()
                    || (int) images[0].getHeight() != f.height()) {
                for (int i = 0; i < 2; i++) {
                    IntBuffer ib = ByteBuffer.allocateDirect(4 * f.width() * f.height())
                            .order(ByteOrder.nativeOrder()).asIntBuffer();
                    buffers[i] = new PixelBuffer<>(f.width(), f.height(), ib, PixelFormat.getIntArgbPreInstance());
                    images[i] = new WritableImage(buffers[i]);
                }
            }
            // Frame colours are opaque, so ARGB is already premultiplied.
            buffers[back].updateBuffer(pb -> {
                IntBuffer b = pb.getBuffer();
                b.clear();
                b.put(f.argb());
                b.rewind();
                return null;
            });
            imageView.setImage(images[back]);
            back ^= 1;
            lastFrame = f;
            lastBatches = r.batches();
            lastCamera = r.job().camera();
            frameMillis.set(r.millis());
            pointsDrawn.set(r.points());
            rendererNote.set(r.note());
            framesShown.set(framesShown.get() + 1);
        } finally {
            loop.frameTaken();
        }
    }

    /** The picked point's position from the batches of the frame on screen. */
    private double[] positionOf(int id) {
        for (PointBatch b : lastBatches) {
            if (id >= b.idBase() && id - (long) b.idBase() < b.count()) {
                int i = 3 * (b.offset() + id - b.idBase());
                return new double[] {b.xyz()[i], b.xyz()[i + 1], b.xyz()[i + 2]};
            }
        }
        return null;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        imageView.relocate(0, 0);
        imageView.setFitWidth(w);
        imageView.setFitHeight(h);
        gizmo.resizeRelocate(8, h - AxesGizmoView.SIZE - 8, AxesGizmoView.SIZE, AxesGizmoView.SIZE);
        help.autosize();
        help.relocate(10, 10);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 640;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 480;
    }

    // ---- HiDPI -------------------------------------------------------------------------------------

    /** The window's output scale {x, y} (physical pixels per logical pixel); 1 before the view is shown. */
    double[] outputScale() {
        Scene s = getScene();
        Window w = s == null ? null : s.getWindow();
        return w == null ? new double[] {1, 1} : new double[] {w.getOutputScaleX(), w.getOutputScaleY()};
    }

    /** Renders again when the window moves to a screen with another scale. */
    private void trackOutputScale() {
        InvalidationListener rerender = o -> requestRender();
        ChangeListener<Window> windowChanged = (o, old, w) -> {
            if (old != null) {
                old.outputScaleXProperty().removeListener(rerender);
                old.outputScaleYProperty().removeListener(rerender);
            }
            if (w != null) {
                w.outputScaleXProperty().addListener(rerender);
                w.outputScaleYProperty().addListener(rerender);
            }
            requestRender();
        };
        sceneProperty().addListener((o, old, s) -> {
            if (old != null) {
                old.windowProperty().removeListener(windowChanged);
                windowChanged.changed(null, old.getWindow(), null);
            }
            if (s != null) {
                s.windowProperty().addListener(windowChanged);
                windowChanged.changed(null, null, s.getWindow());
            }
        });
    }

    private static List<KeyHelp> defaultHelp() {
        return List.of(
                new KeyHelp("Left drag", "orbit"),
                new KeyHelp("Right / middle / Ctrl+left drag", "pan"),
                new KeyHelp("Wheel", "zoom to the cursor"),
                new KeyHelp("Click", "pick a point"),
                new KeyHelp("Double-click", "orbit around that point"),
                new KeyHelp("+ / -", "bigger / smaller points"),
                new KeyHelp("F", "fit the cloud"),
                new KeyHelp("R", "reset the view"),
                new KeyHelp("Alt+1 … Alt+4", "top, front, side, iso view"),
                new KeyHelp("O", "perspective / orthographic"),
                new KeyHelp("E", "Eye-Dome Lighting on / off"),
                new KeyHelp("P", "screenshot"),
                new KeyHelp("H or ?", "this help"));
    }

    @SuppressWarnings("unchecked")
    private static PixelBuffer<IntBuffer>[] newBufferArray() {
        return (PixelBuffer<IntBuffer>[]) new PixelBuffer<?>[2];
    }
}
