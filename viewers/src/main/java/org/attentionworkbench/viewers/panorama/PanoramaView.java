package org.attentionworkbench.viewers.panorama;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import org.attentionworkbench.viewers.heatmap.ColorLegend;

/**
 * A Pannellum-like 360° viewer in software: shows a tiled equirectangular {@link PanoramaImage}
 * ({@link #sourceProperty()}) as a rectilinear view rendered off the FX thread (rows in parallel,
 * only when something changed, a half-resolution preview while dragging when full frames are slow).
 * <p>
 * Interaction: drag to look around (inertia with {@link #frictionProperty() friction}), wheel and
 * pinch zoom within {@link #limitsProperty() limits} (hfov 50..120 by default), keys (arrows/WASD
 * pan, +/- zoom, Home = {@link #initialViewProperty() initial view}, F = the
 * {@link #onFullscreenProperty() fullscreen hook}), double-click zooms in on the point, auto-rotate
 * (deg/s, paused by any interaction, resumed after a delay).
 * <p>
 * Layers: an {@link #overlayProperty() overlay} (a scalar ERP map through a colormap, with a
 * legend) in one of the {@link OverlayMode}s, and {@link #shapes() shapes} (polylines and markers
 * at lon/lat). Events: {@link #pointerProperty() hover} and {@link #onPickProperty() pick} give a
 * {@link PanoramaPoint}: lon/lat in radians (latitude up positive) and the ERP pixel in the source's
 * {@link ErpConvention} ({@link ErpConvention#ENDPOINTS} matches the engine's Equirect).
 */
public class PanoramaView extends Region {
    public static final String STYLE_CLASS = "panorama-view";
    /** Below this drag speed (deg/s) a release does not glide. */
    private static final double MIN_GLIDE = 2;
    /** Fastest glide (deg/s), so a burst of close events cannot fling the view round several times. */
    private static final double MAX_GLIDE = 720;

    private final ObjectProperty<PanoramaRenderer.Source> source = new SimpleObjectProperty<>(this, "source");
    private final ObjectProperty<ViewState> view = new SimpleObjectProperty<>(this, "view", ViewState.DEFAULT);
    private final ObjectProperty<ViewState> initialView = new SimpleObjectProperty<>(this, "initialView", ViewState.DEFAULT);
    private final ObjectProperty<ViewLimits> limits = new SimpleObjectProperty<>(this, "limits", ViewLimits.DEFAULT);
    private final ObjectProperty<PanoramaOverlay> overlay = new SimpleObjectProperty<>(this, "overlay");
    private final ObjectProperty<OverlayMode> overlayMode = new SimpleObjectProperty<>(this, "overlayMode", OverlayMode.BLEND);
    private final DoubleProperty divider = new SimpleDoubleProperty(this, "divider", 0.5);
    private final ObservableList<PanoramaShape> shapes = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<PanoramaPoint> hover = new ReadOnlyObjectWrapper<>(this, "hover");
    private final ObjectProperty<Consumer<PanoramaPoint>> onPick = new SimpleObjectProperty<>(this, "onPick");
    private final ObjectProperty<Runnable> onFullscreen = new SimpleObjectProperty<>(this, "onFullscreen");
    private final BooleanProperty autoRotate = new SimpleBooleanProperty(this, "autoRotate", false);
    private final DoubleProperty autoRotateSpeed = new SimpleDoubleProperty(this, "autoRotateSpeed", -2);
    private final DoubleProperty autoRotateDelay = new SimpleDoubleProperty(this, "autoRotateDelay", 3);
    private final DoubleProperty friction = new SimpleDoubleProperty(this, "friction", Inertia.DEFAULT_FRICTION);
    private final ReadOnlyIntegerWrapper frameCount = new ReadOnlyIntegerWrapper(this, "frameCount");
    private final ReadOnlyObjectWrapper<ViewState> shownView = new ReadOnlyObjectWrapper<>(this, "shownView");

    private final ImageView imageView = new ImageView();
    private final Canvas layer = new Canvas();
    private final ColorLegend legend = new ColorLegend();
    private final AutoRotate rotator;
    private Inertia inertia = new Inertia(Inertia.DEFAULT_FRICTION);
    private final FrameWorker worker = new FrameWorker();
    private final AnimationTimer timer;
    private long lastTick;

    private boolean pressed;
    private boolean moved;
    private boolean draggingDivider;
    private double lastX, lastY;
    private long lastMoveNanos;
    private double yawSpeed, pitchSpeed;
    private volatile long fullFrameNanos;

    public PanoramaView() {
        this(System::nanoTime);
    }

    /** A view whose auto-rotation and inertia read time from {@code nanoClock} (tests inject one). */
    public PanoramaView(LongSupplier nanoClock) {
        getStyleClass().add(STYLE_CLASS);
        setFocusTraversable(true);
        setMinSize(0, 0);
        setPrefSize(800, 500);
        rotator = new AutoRotate(nanoClock, autoRotateSpeed.get(), autoRotateDelay.get());
        imageView.setSmooth(true);
        imageView.setPreserveRatio(false);
        layer.setMouseTransparent(true);
        legend.setMouseTransparent(true);
        legend.setVisible(false);
        getChildren().addAll(imageView, layer, legend);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        for (Observable o : List.of(source, overlay, overlayMode, divider, widthProperty(), heightProperty())) {
            o.addListener(obs -> requestFrame());
        }
        view.addListener((obs, was, now) -> {
            ViewState clamped = limits.get().clamp(now);
            if (!clamped.equals(now)) {
                view.set(clamped);
                return;
            }
            requestFrame();
        });
        limits.addListener(obs -> view.set(limits.get().clamp(view.get())));
        shapes.addListener((javafx.collections.ListChangeListener<PanoramaShape>) c -> drawLayer());
        overlay.addListener(obs -> updateLegend());
        autoRotate.addListener((obs, was, on) -> {
            rotator.setEnabled(on);
            if (on) {
                startTimer();
            }
        });
        autoRotateSpeed.addListener((obs, was, s) -> rotator.setSpeed(s.doubleValue()));
        autoRotateDelay.addListener((obs, was, s) -> rotator.setInactivityDelay(s.doubleValue()));
        friction.addListener((obs, was, f) -> inertia = new Inertia(f.doubleValue()));

        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                animate(now);
            }
        };
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::onReleased);
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover.set(pointAt(e.getX(), e.getY())));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover.set(null));
        addEventHandler(MouseEvent.MOUSE_CLICKED, this::onClicked);
        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(ZoomEvent.ZOOM, e -> {
            interacted();
            zoomBy(1 / e.getZoomFactor());
            e.consume();
        });
        new PanoramaKeys(this).install();
    }

    // ---- properties ------------------------------------------------------------------------

    /** The panorama drawn; null shows the background only. */
    public final ObjectProperty<PanoramaRenderer.Source> sourceProperty() { return source; }
    public final PanoramaRenderer.Source getSource() { return source.get(); }
    public final void setSource(PanoramaRenderer.Source s) { source.set(s); }

    /** The camera; set it to move (clamped to {@link #limitsProperty()}). */
    public final ObjectProperty<ViewState> viewProperty() { return view; }
    public final ViewState getView() { return view.get(); }
    public final void setView(ViewState v) { view.set(v); }

    /** Where Home (and {@link #resetView()}) goes. */
    public final ObjectProperty<ViewState> initialViewProperty() { return initialView; }
    public final void setInitialView(ViewState v) { initialView.set(v); }

    public final ObjectProperty<ViewLimits> limitsProperty() { return limits; }
    public final void setLimits(ViewLimits l) { limits.set(l); }

    /** A scalar map over the sphere drawn over the image; null for none. */
    public final ObjectProperty<PanoramaOverlay> overlayProperty() { return overlay; }
    public final void setOverlay(PanoramaOverlay o) { overlay.set(o); }

    public final ObjectProperty<OverlayMode> overlayModeProperty() { return overlayMode; }
    public final void setOverlayMode(OverlayMode m) { overlayMode.set(m); }

    /** The swipe divider's x as a fraction of the width (drag it in {@link OverlayMode#SWIPE}). */
    public final DoubleProperty dividerProperty() { return divider; }

    /** Outlines and markers drawn over the view (lon/lat radians). */
    public final ObservableList<PanoramaShape> shapes() { return shapes; }

    /** The point under the mouse; null when the pointer is outside. */
    public final ReadOnlyObjectProperty<PanoramaPoint> pointerProperty() { return hover.getReadOnlyProperty(); }

    /** Called with the point of a single click (not after a drag). */
    public final ObjectProperty<Consumer<PanoramaPoint>> onPickProperty() { return onPick; }
    public final void setOnPick(Consumer<PanoramaPoint> c) { onPick.set(c); }

    /** Called by F (the app owns the Stage and decides what fullscreen means). */
    public final ObjectProperty<Runnable> onFullscreenProperty() { return onFullscreen; }
    public final void setOnFullscreen(Runnable r) { onFullscreen.set(r); }

    public final BooleanProperty autoRotateProperty() { return autoRotate; }
    /** Degrees per second; negative turns left (Pannellum's sign). */
    public final DoubleProperty autoRotateSpeedProperty() { return autoRotateSpeed; }
    /** Seconds without interaction before auto-rotation resumes. */
    public final DoubleProperty autoRotateDelayProperty() { return autoRotateDelay; }
    /** Inertia friction per 1/60 s (0..1]; 1 stops at once. */
    public final DoubleProperty frictionProperty() { return friction; }

    /** Frames shown so far (tests and status wait on it). */
    public final ReadOnlyIntegerProperty frameCountProperty() { return frameCount.getReadOnlyProperty(); }

    /** The view of the frame on screen now (lags {@link #viewProperty()} while a frame renders). */
    public final ReadOnlyObjectProperty<ViewState> shownViewProperty() { return shownView.getReadOnlyProperty(); }

    /** Milliseconds the last full-resolution frame took to render. */
    public final double lastFrameMillis() { return fullFrameNanos / 1e6; }

    // ---- commands --------------------------------------------------------------------------

    public void resetView() {
        inertia.stop();
        view.set(initialView.get());
    }

    /** Multiplies the field of view by {@code factor} (&lt; 1 zooms in), within the limits. */
    public void zoomBy(double factor) {
        ViewState v = view.get();
        view.set(v.withHfov(v.hfov() * factor));
    }

    /** Turns the camera by degrees (yaw right, pitch up). */
    public void pan(double yawDegrees, double pitchDegrees) {
        ViewState v = view.get();
        view.set(new ViewState(v.yaw() + yawDegrees, v.pitch() + pitchDegrees, v.hfov()));
    }

    /** The point at (x, y) in this view's coordinates, or null without a panorama. */
    public PanoramaPoint pointAt(double x, double y) {
        PanoramaRenderer.Source s = source.get();
        double w = getWidth(), h = getHeight();
        if (s == null || w < 1 || h < 1) {
            return null;
        }
        double fx = x;
        if (overlay.get() != null && overlayMode.get() == OverlayMode.SIDE_BY_SIDE) {
            int left = (int) w / 2;
            w = x < left ? left : (int) w - left;
            fx = x < left ? x : x - left;
        }
        double[] ll = new Projection(view.get(), w, h).toLonLat(fx, y);
        double[] px = s.pixelAt(ll[0], ll[1]);
        return new PanoramaPoint(ll[0], ll[1], px == null ? Double.NaN : px[0], px == null ? Double.NaN : px[1], x, y);
    }

    /** The current view rendered at {@code width × height} on the calling thread (ARGB, row-major); for exports. */
    public int[] renderFrame(int width, int height) {
        int[] out = new int[width * height];
        PanoramaRenderer.Source s = source.get();
        if (s != null) {
            PanoramaRenderer.render(s, overlay.get(), overlayMode.get(), divider.get(), view.get(), width, height, out);
        }
        return out;
    }

    /** Stops the render thread (the view draws nothing more). */
    public void dispose() {
        timer.stop();
        worker.stop();
    }

    void interacted() {
        rotator.interacted();
        if (autoRotate.get()) {
            startTimer();
        }
    }

    void fullscreen() {
        Runnable r = onFullscreen.get();
        if (r != null) {
            r.run();
        }
    }

    // ---- mouse -----------------------------------------------------------------------------

    private boolean nearDivider(double x) {
        return overlay.get() != null && overlayMode.get() == OverlayMode.SWIPE
                && Math.abs(x - divider.get() * getWidth()) <= 6;
    }

    private void onPressed(MouseEvent e) {
        requestFocus();
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        interacted();
        inertia.stop();
        pressed = true;
        moved = false;
        draggingDivider = nearDivider(e.getX());
        lastX = e.getX();
        lastY = e.getY();
        lastMoveNanos = System.nanoTime();
        yawSpeed = 0;
        pitchSpeed = 0;
    }

    private void onDragged(MouseEvent e) {
        if (!pressed) {
            return;
        }
        interacted();
        double dx = e.getX() - lastX, dy = e.getY() - lastY;
        if (Math.abs(dx) + Math.abs(dy) > 0) {
            moved = true;
        }
        if (draggingDivider) {
            divider.set(Math.max(0, Math.min(1, e.getX() / Math.max(1, getWidth()))));
        } else {
            ViewState v = view.get();
            double viewWidth = overlay.get() != null && overlayMode.get() == OverlayMode.SIDE_BY_SIDE
                    ? getWidth() / 2 : getWidth();
            double degPerPx = v.hfov() / Math.max(1, viewWidth);
            double dYaw = -dx * degPerPx, dPitch = dy * degPerPx;
            long now = System.nanoTime();
            // smoothed velocity for the glide after release; events closer than a frame count as a frame
            double dt = Math.max(1 / 60.0, (now - lastMoveNanos) / 1e9);
            yawSpeed = clampSpeed(0.5 * yawSpeed + 0.5 * dYaw / dt);
            pitchSpeed = clampSpeed(0.5 * pitchSpeed + 0.5 * dPitch / dt);
            lastMoveNanos = now;
            pan(dYaw, dPitch);
        }
        lastX = e.getX();
        lastY = e.getY();
        e.consume();
    }

    private static double clampSpeed(double degPerSecond) {
        return Math.max(-MAX_GLIDE, Math.min(MAX_GLIDE, degPerSecond));
    }

    private void onReleased(MouseEvent e) {
        if (!pressed) {
            return;
        }
        pressed = false;
        interacted();
        boolean recent = System.nanoTime() - lastMoveNanos < 100_000_000L;
        if (moved && !draggingDivider && recent && Math.hypot(yawSpeed, pitchSpeed) > MIN_GLIDE) {
            inertia.start(yawSpeed, pitchSpeed);
            startTimer();
        }
        draggingDivider = false;
        requestFrame(); // full resolution after a preview
    }

    private void onClicked(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress()) {
            return;
        }
        PanoramaPoint p = pointAt(e.getX(), e.getY());
        if (p == null) {
            return;
        }
        if (e.getClickCount() == 2) {
            interacted();
            ViewState v = view.get();
            view.set(new ViewState(Math.toDegrees(p.lon()), Math.toDegrees(p.lat()), v.hfov() / 2));
        } else if (e.getClickCount() == 1 && onPick.get() != null) {
            onPick.get().accept(p);
        }
    }

    private void onScroll(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        interacted();
        // one notch (40) ≈ 10 % narrower: wheel up zooms in
        zoomBy(Math.exp(-e.getDeltaY() / 400.0));
        e.consume();
    }

    // ---- animation -------------------------------------------------------------------------

    private void startTimer() {
        lastTick = 0;
        timer.start();
    }

    private void animate(long now) {
        double dt = lastTick == 0 ? 0 : (now - lastTick) / 1e9;
        lastTick = now;
        double dYaw = 0, dPitch = 0;
        if (inertia.isMoving()) {
            double[] d = inertia.step(Math.min(dt, 0.1));
            dYaw += d[0];
            dPitch += d[1];
        }
        dYaw += rotator.tick();
        if (dYaw != 0 || dPitch != 0) {
            pan(dYaw, dPitch);
        }
        if (!inertia.isMoving() && !autoRotate.get()) {
            timer.stop();
            requestFrame();
        }
    }

    // ---- frames ----------------------------------------------------------------------------

    private void requestFrame() {
        // physical pixels: sharp on HiDPI screens (the image view scales the frame back to the layout size)
        double out = getScene() != null && getScene().getWindow() != null ? getScene().getWindow().getOutputScaleX() : 1;
        int w = (int) Math.ceil(getWidth() * out), h = (int) Math.ceil(getHeight() * out);
        drawLayer();
        if (w < 1 || h < 1) {
            return;
        }
        boolean moving = pressed || inertia.isMoving() || rotator.isTurning();
        // half resolution while moving when full frames are slower than ~30 fps
        int scale = moving && fullFrameNanos > 33_000_000L ? 2 : 1;
        worker.submit(new FrameRequest(source.get(), overlay.get(), overlayMode.get(), divider.get(), view.get(),
                Math.max(1, w / scale), Math.max(1, h / scale), scale == 1));
    }

    private record FrameRequest(PanoramaRenderer.Source source, PanoramaOverlay overlay, OverlayMode mode,
            double divider, ViewState view, int width, int height, boolean full) {
    }

    private void show(FrameRequest r, int[] pixels) {
        WritableImage img = imageView.getImage() instanceof WritableImage wi && (int) wi.getWidth() == r.width
                && (int) wi.getHeight() == r.height ? wi : new WritableImage(r.width, r.height);
        img.getPixelWriter().setPixels(0, 0, r.width, r.height, PixelFormat.getIntArgbInstance(), pixels, 0, r.width);
        imageView.setImage(img);
        shownView.set(r.view);
        frameCount.set(frameCount.get() + 1);
    }

    /** One render thread; only the newest request is drawn, and the next waits until the last is shown. */
    private final class FrameWorker implements Runnable {
        private FrameRequest pending;
        private boolean stopped;
        private Thread thread;

        synchronized void submit(FrameRequest r) {
            if (stopped) {
                return;
            }
            pending = r;
            if (thread == null) {
                thread = new Thread(this, "panorama-render");
                thread.setDaemon(true);
                thread.start();
            }
            notifyAll();
        }

        synchronized void stop() {
            stopped = true;
            notifyAll();
        }

        private synchronized FrameRequest take() throws InterruptedException {
            while (pending == null && !stopped) {
                wait();
            }
            FrameRequest r = pending;
            pending = null;
            return stopped ? null : r;
        }

        @Override
        public void run() {
            try {
                FrameRequest r;
                while ((r = take()) != null) {
                    int[] px = new int[r.width * r.height];
                    if (r.source != null) {
                        long t0 = System.nanoTime();
                        PanoramaRenderer.render(r.source, r.overlay, r.mode, r.divider, r.view, r.width, r.height, px);
                        if (r.full) {
                            fullFrameNanos = System.nanoTime() - t0;
                        }
                    } else {
                        java.util.Arrays.fill(px, 0xff202020);
                    }
                    java.util.concurrent.CountDownLatch shown = new java.util.concurrent.CountDownLatch(1);
                    FrameRequest done = r;
                    Platform.runLater(() -> {
                        show(done, px);
                        shown.countDown();
                    });
                    shown.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- layers ----------------------------------------------------------------------------

    private void updateLegend() {
        PanoramaOverlay o = overlay.get();
        legend.setVisible(o != null && o.title() != null);
        if (o != null) {
            legend.setColormap(o.colormap());
            legend.setRange(o.range());
            legend.setTitle(o.title() == null ? "" : o.title());
        }
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth(), h = getHeight();
        imageView.setFitWidth(w);
        imageView.setFitHeight(h);
        imageView.relocate(0, 0);
        if (layer.getWidth() != w || layer.getHeight() != h) {
            layer.setWidth(w);
            layer.setHeight(h);
            drawLayer();
        }
        double lw = legend.prefWidth(-1), lh = Math.min(legend.prefHeight(lw), Math.max(0, h - 20));
        legend.resizeRelocate(w - lw - 10, h - lh - 10, lw, lh);
    }

    /** Shapes and the divider, drawn on the FX thread for the current view. */
    private void drawLayer() {
        double w = layer.getWidth(), h = layer.getHeight();
        GraphicsContext g = layer.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        if (w < 1 || h < 1) {
            return;
        }
        boolean sideBySide = overlay.get() != null && overlayMode.get() == OverlayMode.SIDE_BY_SIDE;
        if (sideBySide) {
            int left = (int) w / 2;
            drawShapes(g, new Projection(view.get(), left, h), 0, left, h);
            drawShapes(g, new Projection(view.get(), (int) w - left, h), left, (int) w - left, h);
            g.setStroke(Color.gray(0.1));
            g.setLineWidth(2);
            g.strokeLine(left, 0, left, h);
        } else {
            drawShapes(g, new Projection(view.get(), w, h), 0, w, h);
        }
        if (overlay.get() != null && overlayMode.get() == OverlayMode.SWIPE) {
            double x = Math.round(divider.get() * w) + 0.5;
            g.setStroke(Color.WHITE);
            g.setLineWidth(2);
            g.strokeLine(x, 0, x, h);
            g.setFill(Color.WHITE);
            g.fillOval(x - 7, h / 2 - 7, 14, 14);
        }
    }

    private void drawShapes(GraphicsContext g, Projection p, double x0, double w, double h) {
        g.save();
        g.beginPath();
        g.rect(x0, 0, w, h);
        g.clip();
        g.setFont(Font.font(12));
        g.setTextBaseline(VPos.BOTTOM);
        for (PanoramaShape s : shapes) {
            double[] ll = s.lonLat();
            g.setStroke(s.colour());
            g.setFill(s.colour());
            g.setLineWidth(s.lineWidth());
            double[] first = p.toFrame(ll[0], ll[1]);
            if (s.isMarker()) {
                if (first != null) {
                    double r = s.lineWidth();
                    g.fillOval(x0 + first[0] - r, first[1] - r, 2 * r, 2 * r);
                    g.setStroke(Color.BLACK);
                    g.setLineWidth(1);
                    g.strokeOval(x0 + first[0] - r, first[1] - r, 2 * r, 2 * r);
                }
            } else {
                int n = ll.length / 2;
                double[] prev = first;
                for (int i = 1; i <= (s.closed() ? n : n - 1); i++) {
                    int k = i % n;
                    double[] cur = p.toFrame(ll[2 * k], ll[2 * k + 1]);
                    // skip segments that leave the front half or jump across the frame
                    if (prev != null && cur != null && Math.abs(cur[0] - prev[0]) < 2 * (w + h)
                            && Math.abs(cur[1] - prev[1]) < 2 * (w + h)) {
                        g.strokeLine(x0 + prev[0], prev[1], x0 + cur[0], cur[1]);
                    }
                    prev = cur;
                }
            }
            if (s.label() != null && first != null) {
                g.setFill(Color.WHITE);
                g.fillText(s.label(), x0 + first[0] + 8, first[1] - 4);
            }
        }
        g.restore();
    }
}
