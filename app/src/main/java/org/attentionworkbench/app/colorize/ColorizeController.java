package org.attentionworkbench.app.colorize;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javafx.application.Platform;
import org.attentionworkbench.app.services.LoadedImage;
import org.attentionworkbench.app.services.RgbImages;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.PngWriter;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.colorize.Hint;
import org.attentionworkbench.compute.colorize.HintFileException;
import org.attentionworkbench.compute.colorize.HintFiles;
import org.attentionworkbench.compute.colorize.HintSet;
import org.attentionworkbench.compute.colorize.Lab;

/**
 * The Colorize page's logic, on the FX thread: prepares each opened image (grey + ground truth) in
 * the background, turns the user's commands into {@link HintSet} edits (undoable), and after every
 * change sends an immutable {@link ColorizeRequest} to the live lane. Large images get a preview on
 * the live lane and their full resolution on a second lane that drops superseded work. Drags and
 * colour picks in progress are transient: they recompute live but become one undoable command when
 * the gesture ends. Imports no view classes.
 */
public final class ColorizeController implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ColorizeController.class.getName());
    static final int SUGGESTIONS = 8;

    private final Workbench workbench;
    private final ColorizeModel model;
    private final LatestLane<ColorizeRequest, ColorizeResult> live;
    private final LatestLane<ColorizeRequest, ColorizeResult> full;
    private final ColorizeService liveService = new ColorizeService();
    private final ColorizeService fullService = new ColorizeService();
    private HintSet hints = new HintSet();
    /** An edit in progress (drag, colour pick): shown and computed, not yet on the undo stack. */
    private Hint transientHint;
    private long generation;
    /** Said with every result of the hints a file gave (how many colours were moved into sRGB). */
    private String loadNote;
    private long loadNoteGeneration = -1;
    private long loadGeneration;
    private boolean active;
    private Consumer<Throwable> errorHandler = e -> {};

    public ColorizeController(Workbench workbench, ColorizeModel model) {
        this.workbench = workbench;
        this.model = model;
        this.live = new LatestLane<>("colorize-live", liveService::run, false, Platform::runLater, this::onResult,
                this::onError);
        this.full = new LatestLane<>("colorize-full", fullService::run, true, Platform::runLater, this::onResult,
                this::onError);
        live.runOnLane(() -> {}); // start the thread now, not on the first click
        workbench.currentImageProperty().addListener(obs -> loadCurrent());
        model.methodProperty().addListener(obs -> recompute());
        model.resultProperty().addListener(obs -> refreshPick());
        model.selectedProperty().addListener(obs -> refreshPick());
    }

    public ColorizeModel model() {
        return model;
    }

    /** Who shows a failure (the view: a dialog). */
    public void setErrorHandler(Consumer<Throwable> handler) {
        this.errorHandler = handler;
    }

    /** The page became visible (true) or hidden: images are prepared only while it is shown. */
    public void setActive(boolean active) {
        this.active = active;
        if (active) {
            loadCurrent();
        }
    }

    // ---- images ------------------------------------------------------------------------------

    private void loadCurrent() {
        LoadedImage img = workbench.currentImageProperty().get();
        if (!active || img == null) {
            return;
        }
        String identity = RgbImages.identity(img);
        PreparedImage now = model.getImage();
        if (now != null && now.identity().equals(identity)) {
            return;
        }
        long ticket = ++loadGeneration;
        String name = img.source().displayName();
        model.statusProperty().set("Preparing " + name + "…");
        workbench.tasks().submit("Colorize: preparing " + name,
                progress -> PreparedImage.of(RgbImages.of(img, ImageFiles.Workload.COLORIZE), identity, name),
                prepared -> {
                    if (ticket == loadGeneration) {
                        applyImage(prepared);
                    }
                }, this::onError);
    }

    /** Shows a prepared image with no hints (its grey result) and starts over the history. */
    public void applyImage(PreparedImage image) {
        live.clear();
        full.clear();
        hints = new HintSet();
        transientHint = null;
        model.selectedProperty().set(0);
        model.resultProperty().set(null);
        model.imageProperty().set(image);
        publish();
    }

    // ---- hint commands -----------------------------------------------------------------------

    /** Adds a hint of the picker's colour and the current size at (x, y), and selects it. */
    public Hint addHint(int x, int y) {
        AbColour c = model.colourProperty().get();
        return addHint(x, y, c.a(), c.b(), model.hintSizeProperty().get());
    }

    public Hint addHint(int x, int y, float a, float b, int size) {
        PreparedImage img = requireImage();
        transientHint = null;
        Hint h = hints.add(clamp(x, img.width()), clamp(y, img.height()), a, b, size);
        remember(new AbColour(a, b));
        publish();
        select(h.id());
        return h;
    }

    /** Selects a hint (0: none); the picker takes its colour, so a pick starts from what is there. */
    public void select(int id) {
        Hint h = hint(id);
        if (h != null) {
            model.colourProperty().set(new AbColour(h.a(), h.b()));
        }
        model.selectedProperty().set(h == null ? 0 : id);
    }

    /** Moves a hint while the mouse drags it (not yet undoable). */
    public void dragTo(int id, int x, int y) {
        Hint h = hint(id);
        if (h == null) {
            return;
        }
        PreparedImage img = requireImage();
        transientHint = h.movedTo(clamp(x, img.width()), clamp(y, img.height()));
        publish();
    }

    /** Ends a drag at (x, y): one move command. */
    public void endDrag(int id, int x, int y) {
        transientHint = null;
        Hint h = hints.get(id);
        PreparedImage img = requireImage();
        int cx = clamp(x, img.width()), cy = clamp(y, img.height());
        if (h != null && (h.x() != cx || h.y() != cy)) {
            hints.move(id, cx, cy);
        }
        publish();
    }

    /** The picker's colour while the user drags in the gamut: recolours the selected hint live. */
    public void previewColour(AbColour c) {
        model.colourProperty().set(c);
        Hint h = hint(model.selectedProperty().get());
        if (h != null) {
            transientHint = h.recoloured(c.a(), c.b());
            publish();
        }
    }

    /** A colour chosen: becomes the picker's colour and, with a hint selected, one recolour command. */
    public void pickColour(AbColour c) {
        model.colourProperty().set(c);
        remember(c);
        transientHint = null;
        Hint h = hints.get(model.selectedProperty().get());
        if (h != null && (h.a() != c.a() || h.b() != c.b())) {
            hints.recolour(h.id(), c.a(), c.b());
        }
        publish();
    }

    /** Grows or shrinks a hint by {@code delta} pixels a side (clamped to 1–9). */
    public void resize(int id, int delta) {
        Hint h = hints.get(id);
        if (h == null) {
            return;
        }
        int size = Math.max(Hint.MIN_SIZE, Math.min(Hint.MAX_SIZE, h.size() + delta));
        model.hintSizeProperty().set(size);
        if (size != h.size()) {
            transientHint = null;
            hints.resize(id, size);
            publish();
        }
    }

    /** Changes the size the next hint gets. */
    public void stepDefaultSize(int delta) {
        model.hintSizeProperty().set(Math.max(Hint.MIN_SIZE, Math.min(Hint.MAX_SIZE,
                model.hintSizeProperty().get() + delta)));
    }

    public void remove(int id) {
        if (hints.get(id) == null) {
            return;
        }
        transientHint = null;
        hints.remove(id);
        if (model.selectedProperty().get() == id) {
            model.selectedProperty().set(0);
        }
        publish();
    }

    public boolean undo() {
        transientHint = null;
        boolean done = hints.undo();
        if (done) {
            afterHistoryStep();
        }
        return done;
    }

    public boolean redo() {
        transientHint = null;
        boolean done = hints.redo();
        if (done) {
            afterHistoryStep();
        }
        return done;
    }

    private void afterHistoryStep() {
        if (hints.get(model.selectedProperty().get()) == null) {
            model.selectedProperty().set(0);
        }
        publish();
    }

    /**
     * The topmost hint whose square, widened by {@code slack} image pixels (so small hints stay easy
     * to grab when zoomed out), contains pixel (x, y); null when none.
     */
    public Hint hintAt(int x, int y, double slack) {
        List<Hint> shown = model.hints();
        for (int i = shown.size() - 1; i >= 0; i--) {
            Hint h = shown.get(i);
            if (x >= h.x0() - slack && x < h.x0() + h.size() + slack && y >= h.y0() - slack
                    && y < h.y0() + h.size() + slack) {
                return h;
            }
        }
        return null;
    }

    // ---- files -------------------------------------------------------------------------------

    public void saveHints(Path file) throws HintFileException {
        PreparedImage img = requireImage();
        HintFiles.save(file, img.width(), img.height(), hints.snapshot());
    }

    /**
     * Replaces the hints by a file's (history starts over), read as the CLI reads it
     * ({@link HintFiles#load(Path, int, int)}): hints made on an image of another size are scaled onto
     * this one, colours outside sRGB moved onto its outline; how many were moved stays in the status
     * line until the hints change.
     */
    public void loadHints(Path file) throws HintFileException {
        PreparedImage img = requireImage();
        HintFiles.Loaded loaded = HintFiles.load(file, img.width(), img.height());
        hints = HintSet.of(loaded.hints());
        transientHint = null;
        model.selectedProperty().set(0);
        publish();
        int n = loaded.hints().size();
        loadNote = loaded.clamped() == 0 ? null : String.format(Locale.ROOT,
                "%d of %d loaded hint%s moved onto the sRGB gamut", loaded.clamped(), n, n == 1 ? "" : "s");
        loadNoteGeneration = generation;
        model.statusProperty().set("Loaded " + n + " hint" + (n == 1 ? "" : "s") + " from " + file.getFileName()
                + (loadNote == null ? "" : " · " + loadNote));
    }

    /**
     * Writes the colorized image at full resolution: the full result on screen when it is current,
     * else one computed for the export. {@code done} gets the file on the FX thread.
     */
    public void exportPng(Path file, Consumer<Path> done) {
        PreparedImage img = requireImage();
        ColorizeResult shown = model.getResult();
        ColorizeRequest request = new ColorizeRequest(generation, img, effectiveHints(),
                model.methodProperty().get(), true);
        workbench.tasks().submit("Colorize: exporting " + file.getFileName(), progress -> {
            ColorizeResult r = shown;
            if (r == null || r.preview() || r.generation() != request.generation()) {
                progress.message("Colorizing at full resolution…");
                try (ColorizeService once = new ColorizeService()) {
                    r = once.run(request, progress::isCancelled);
                }
            }
            PngWriter.write(new RgbImage(r.width(), r.height(), r.argb()), file);
            return file;
        }, done, this::onError);
    }

    // ---- internals ---------------------------------------------------------------------------

    private Hint hint(int id) {
        return model.hints().stream().filter(h -> h.id() == id).findFirst().orElse(null);
    }

    private List<Hint> effectiveHints() {
        List<Hint> now = hints.snapshot();
        if (transientHint == null) {
            return now;
        }
        List<Hint> out = new ArrayList<>(now.size());
        for (Hint h : now) {
            out.add(h.id() == transientHint.id() ? transientHint : h);
        }
        return out;
    }

    /** The hints changed: show them and recompute. */
    private void publish() {
        model.hints().setAll(effectiveHints());
        model.canUndoProperty().set(hints.canUndo());
        model.canRedoProperty().set(hints.canRedo());
        recompute();
        refreshPick();
    }

    /** A new generation: the newest state goes to the live lane; older work is dropped or cancelled. */
    private void recompute() {
        PreparedImage img = model.getImage();
        if (img == null) {
            return;
        }
        long gen = ++generation;
        full.clear();
        model.fullResolutionPendingProperty().set(img.large());
        live.submit(new ColorizeRequest(gen, img, model.hints(), model.methodProperty().get(), !img.large()));
    }

    private void onResult(ColorizeResult r) {
        ColorizeResult shown = model.getResult();
        if (r.request().image() != model.getImage() || shown != null && (r.generation() < shown.generation()
                || r.generation() == shown.generation() && r.preview() && !shown.preview())) {
            return; // an older image, or older than what is on screen
        }
        model.resultProperty().set(r);
        if (r.generation() == generation) {
            if (r.preview()) {
                full.submit(new ColorizeRequest(r.generation(), r.request().image(), r.request().hints(),
                        r.request().method(), true));
            } else {
                model.fullResolutionPendingProperty().set(false);
            }
        }
        model.statusProperty().set(describe(r));
    }

    private String describe(ColorizeResult r) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s · %d hint%s · %s %d×%d in %.0f ms",
                r.request().method(), r.request().hints().size(), r.request().hints().size() == 1 ? "" : "s",
                r.preview() ? "preview" : "full resolution", r.width(), r.height(), r.millis()));
        if (loadNote != null && r.generation() == loadNoteGeneration) {
            s.append(" · ").append(loadNote);
        }
        if (r.preview()) {
            s.append(" · full resolution follows…");
        }
        return s.toString();
    }

    private void onError(Throwable e) {
        model.statusProperty().set("Failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        errorHandler.accept(e);
    }

    /** The picker follows the selected hint: its pixel's L, the result's colours around it, the truth there. */
    private void refreshPick() {
        PreparedImage img = model.getImage();
        Hint h = hint(model.selectedProperty().get());
        if (img == null || h == null) {
            model.truthColourProperty().set(null);
            return;
        }
        model.pickLightnessProperty().set(img.lightness(h.x(), h.y()));
        ColorizeResult r = model.getResult();
        if (r != null && r.request().image() == img) {
            model.suggested().setAll(Palette.suggestions(r, h.x(), h.y(), SUGGESTIONS));
        }
        if (img.hasTruth()) {
            double[] lab = Lab.fromRgb8(img.truth().rgb()[h.y() * img.width() + h.x()]);
            model.truthColourProperty().set(new AbColour((float) lab[1], (float) lab[2]));
        } else {
            model.truthColourProperty().set(null);
        }
    }

    private void remember(AbColour c) {
        model.recent().removeIf(c::near);
        model.recent().add(0, c);
        if (model.recent().size() > ColorizeModel.RECENT_MAX) {
            model.recent().remove(ColorizeModel.RECENT_MAX, model.recent().size());
        }
    }

    private PreparedImage requireImage() {
        PreparedImage img = model.getImage();
        if (img == null) {
            throw new IllegalStateException("no image to colorize yet");
        }
        return img;
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }

    @Override
    public void close() {
        live.runOnLane(liveService::close); // each service lives on its lane's thread
        full.runOnLane(fullService::close);
        live.close();
        full.close();
        LOG.fine("colorize lanes closed");
    }
}
