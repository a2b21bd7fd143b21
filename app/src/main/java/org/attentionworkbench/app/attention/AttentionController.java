package org.attentionworkbench.app.attention;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.animation.PauseTransition;
import javafx.beans.Observable;
import javafx.util.Duration;
import org.attentionworkbench.app.services.LoadedImage;
import org.attentionworkbench.app.services.RgbImages;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.explain.Artifacts;
import org.attentionworkbench.compute.explain.AttentionMaps;
import org.attentionworkbench.compute.explain.Contours;
import org.attentionworkbench.compute.explain.HeadFusion;
import org.attentionworkbench.compute.explain.MassMask;
import org.attentionworkbench.compute.explain.Rollout;
import org.attentionworkbench.compute.tensor.Device;

/**
 * Keeps the Attention page's model in step with the world, on the FX thread: runs the image model
 * when the image, the model or the input size changes (and the page is shown), runs MiniLM on
 * request, recomputes the rollout off the FX thread (debounced) when its settings change, and
 * recomputes the shown map from maps already in memory whenever the query changes, hover included.
 * Imports no view classes; the view calls its commands.
 */
public final class AttentionController implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AttentionController.class.getName());
    /** Slider moves within this time make one rollout. */
    static final Duration ROLLOUT_DEBOUNCE = Duration.millis(150);

    private final Workbench workbench;
    private final AttentionWorkspaceModel model;
    private final ImageAttentionModel image;
    private final TextAttentionModel text;
    /** Shared with the Point clouds page (one open model, one cache); closed by its owner. */
    private final AttentionService service;
    private final boolean ownsService;
    private final TextAttentionService textService = new TextAttentionService();
    private final ModelLibrary library;
    private final MapQuery query = new MapQuery();
    private final PauseTransition rolloutDelay = new PauseTransition(ROLLOUT_DEBOUNCE);
    private Consumer<Throwable> errorHandler = e -> {};
    private boolean active;
    private int imageGeneration;
    private int rolloutGeneration;
    private int textGeneration;
    /** Artifact boxes of the current result, in cell units (made once per result). */
    private List<float[]> artifactBoxes = List.of();

    public AttentionController(Workbench workbench, AttentionWorkspaceModel model, ModelLibrary library) {
        this(workbench, model, library, null);
    }

    /** {@code service}: the window's shared image-attention service, or null for one of its own. */
    public AttentionController(Workbench workbench, AttentionWorkspaceModel model, ModelLibrary library,
            AttentionService service) {
        this.ownsService = service == null;
        this.service = service == null ? new AttentionService() : service;
        this.workbench = workbench;
        this.model = model;
        this.image = model.image();
        this.text = model.text();
        this.library = library;

        // a new input: run (or fetch from the cache)
        for (Observable o : List.of(workbench.currentImageProperty(), image.modelProperty(), image.nativeGridProperty(),
                workbench.devices().stateProperty())) {
            o.addListener(obs -> requestImageRun());
        }
        model.modeProperty().addListener(obs -> requestImageRun());
        // a new query: the map from memory, no model run
        for (Observable o : List.of(image.resultProperty(), image.layerProperty(), image.headProperty(),
                image.fusionProperty(), image.pinnedPatchProperty(), image.reverseProperty(),
                image.rolloutMatrixProperty(), image.maskProperty(), image.maskShareProperty(),
                image.showArtifactsProperty(), image.liveHoverProperty())) {
            o.addListener(obs -> recompute());
        }
        image.hoveredPatchProperty().addListener(obs -> {
            if (image.liveHoverProperty().get()) {
                recompute();
            }
        });
        image.rolloutProperty().addListener(obs -> {
            scheduleRollout();
            recompute();
        });
        // rollout settings: recomputed off the FX thread once the sliders rest
        rolloutDelay.setOnFinished(e -> startRollout());
        for (Observable o : List.of(image.resultProperty(), image.layerProperty(), image.fusionProperty(),
                image.discardRatioProperty())) {
            o.addListener(obs -> scheduleRollout());
        }
    }

    public AttentionWorkspaceModel model() {
        return model;
    }

    public ModelLibrary library() {
        return library;
    }

    /** Who shows a failure to the user (the view: a dialog); tests may leave it silent. */
    public void setErrorHandler(Consumer<Throwable> handler) {
        this.errorHandler = handler;
    }

    /** The page became visible (true) or hidden: image runs wait until it is shown. */
    public void setActive(boolean active) {
        this.active = active;
        if (active) {
            requestImageRun();
        }
    }

    // ---- models ----------------------------------------------------------------------------

    /** Lists the installed models off the FX thread; keeps the current choice when it is still there. */
    public void refreshModels() {
        workbench.tasks().submit("Listing models", progress -> library.list(), this::applyModels, this::fail);
    }

    /** Applies a listing, selecting {@code select} if given, else keeping the choice, else the preferred model. */
    public void applyModels(ModelLibrary.Models models) {
        applyModels(models, null);
    }

    public void applyModels(ModelLibrary.Models models, Path select) {
        ModelChoice current = image.getModel();
        image.models().setAll(models.choices());
        image.hasTrainedModelProperty().set(models.hasTrained());
        ModelChoice next = models.choices().stream()
                .filter(c -> select != null ? same(c.card(), select) : current != null && same(c.card(), current.card()))
                .findFirst().orElse(models.preferred());
        if (select == null && current == null || next != null && !next.equals(current)) {
            image.modelProperty().set(next);
        }
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    // ---- image runs --------------------------------------------------------------------------

    /** Runs the current image through the chosen model, or shows the cached result. */
    public void requestImageRun() {
        LoadedImage img = workbench.currentImageProperty().get();
        ModelChoice choice = image.getModel();
        Device device = workbench.devices().device();
        if (!active || model.getMode() != AttentionMode.IMAGE || img == null || choice == null || device == null) {
            return;
        }
        int generation = ++imageGeneration;
        String key = RgbImages.identity(img);
        boolean nativeGrid = image.nativeGridProperty().get();
        String name = img.source().displayName();
        ImageRunRequest probe = new ImageRunRequest(key, name, null, choice.card(), nativeGrid);
        var hit = service.cached(probe);
        if (hit.isPresent()) {
            applyResult(hit.get());
            return;
        }
        image.runningProperty().set(true);
        image.statusProperty().set("Running " + choice.name() + " on " + name + "…");
        workbench.tasks().submit("Attention: " + name,
                progress -> service.run(new ImageRunRequest(key, name, RgbImages.of(img), choice.card(), nativeGrid),
                        device, progress),
                result -> {
                    if (generation == imageGeneration) {
                        image.runningProperty().set(false);
                        applyResult(result);
                    }
                },
                error -> {
                    if (generation == imageGeneration) {
                        image.runningProperty().set(false);
                        image.statusProperty().set("Failed: " + error.getMessage());
                        fail(error);
                    }
                });
    }

    /** Shows a result: the last layer, heads fused, the class token as the query (DINO's default view). */
    public void applyResult(ImageRunResult r) {
        imageGeneration++; // a result shown wins over one still running
        image.runningProperty().set(false);
        boolean same = image.getResult() != null && image.getResult().maps().layers() == r.maps().layers()
                && image.getResult().maps().heads() == r.maps().heads()
                && image.getResult().maps().tokens() == r.maps().tokens();
        artifactBoxes = boxes(r);
        image.rolloutMatrixProperty().set(null);
        if (!same) {
            image.pinnedPatchProperty().set(ImageAttentionModel.NO_PATCH);
            image.hoveredPatchProperty().set(ImageAttentionModel.NO_PATCH);
            image.layerProperty().set(r.maps().layers() - 1);
            if (image.getHead() >= r.maps().heads()) {
                image.headProperty().set(ImageAttentionModel.FUSED);
            }
        }
        image.resultProperty().set(r);
        image.statusProperty().set(describe(r));
        recompute();
    }

    private static String describe(ImageRunResult r) {
        AttentionMaps m = r.maps();
        String s = r.modelName() + (r.trained() ? "" : " (UNTRAINED)") + " · " + m.layers() + " layers × "
                + m.heads() + " heads · " + m.gridW() + "×" + m.gridH() + " patches of " + r.patch() + " px · "
                + r.millis() + " ms";
        return r.top().isEmpty() ? s : s + " · top: " + r.top().get(0).label()
                + String.format(Locale.ROOT, " (%.0f %%)", 100 * r.top().get(0).probability());
    }

    /** One square loop per artifact patch, so the overlay can outline them. */
    private static List<float[]> boxes(ImageRunResult r) {
        AttentionMaps m = r.maps();
        List<float[]> out = new ArrayList<>();
        for (Artifacts.Artifact a : r.artifacts()) {
            int p = a.token() - m.prefix();
            if (p < 0 || p >= m.gridH() * m.gridW()) {
                continue;
            }
            float x = p % m.gridW();
            float y = p / m.gridW();
            out.add(new float[] {x, y, x + 1, y, x + 1, y + 1, x, y + 1, x, y});
        }
        return List.copyOf(out);
    }

    // ---- the shown map ---------------------------------------------------------------------

    /**
     * The map for the current query, from memory: a row or column of one head, of the fused heads or of
     * the rollout, cut to the patch grid. Allocation-free unless the mask is on (its contours are new).
     */
    public void recompute() {
        ImageRunResult r = image.getResult();
        if (r == null) {
            return;
        }
        AttentionMaps m = r.maps();
        int layer = Math.max(0, Math.min(m.layers() - 1, image.getLayer()));
        int head = image.getHead() >= m.heads() ? ImageAttentionModel.FUSED : image.getHead();
        int patch = image.queryPatch();
        int token = patch == ImageAttentionModel.NO_PATCH ? MapQuery.CLS : r.patchToken(patch);
        float[] rollout = image.rolloutProperty().get() ? image.rolloutMatrixProperty().get() : null;
        if (rollout != null && rollout.length != m.tokens() * m.tokens()) {
            rollout = null;
        }
        HeadFusion fusion = image.fusionProperty().get();
        boolean reverse = image.reverseProperty().get();
        float[] grid = query.compute(m, rollout, layer, head, fusion, token, reverse);
        if (image.gridWidthProperty().get() != m.gridW() || image.gridHeightProperty().get() != m.gridH()) {
            image.gridProperty().set(null);
            image.gridWidthProperty().set(m.gridW());
            image.gridHeightProperty().set(m.gridH());
        }
        image.gridProperty().set(grid);
        updateContours(grid, m);
        image.captionProperty().set(caption(m, layer, head, fusion, patch, reverse, rollout != null));
    }

    private void updateContours(float[] grid, AttentionMaps m) {
        boolean masked = image.maskProperty().get();
        boolean arts = image.showArtifactsProperty().get() && !artifactBoxes.isEmpty();
        if (!masked && !arts) {
            if (!image.getContours().isEmpty()) {
                image.contoursProperty().set(List.of());
            }
            return;
        }
        List<float[]> lines = new ArrayList<>();
        if (masked) {
            lines.addAll(Contours.trace(MassMask.keep(nonNegative(grid), image.maskShareProperty().get()),
                    m.gridW(), m.gridH()));
        }
        if (arts) {
            lines.addAll(artifactBoxes);
        }
        image.contoursProperty().set(lines);
    }

    /** Rollout entries can round a hair below zero; the mask wants mass. */
    private static float[] nonNegative(float[] grid) {
        for (float v : grid) {
            if (v < 0 || Float.isNaN(v)) {
                float[] c = grid.clone();
                for (int i = 0; i < c.length; i++) {
                    c[i] = c[i] > 0 ? c[i] : 0f;
                }
                return c;
            }
        }
        return grid;
    }

    private static String caption(AttentionMaps m, int layer, int head, HeadFusion f, int patch, boolean reverse,
            boolean rollout) {
        String who = patch == ImageAttentionModel.NO_PATCH ? "CLS"
                : "patch (" + (patch % m.gridW()) + ", " + (patch / m.gridW()) + ")";
        String what = reverse ? "patches → " + who : who + " → patches";
        String fused = f.name().toLowerCase(Locale.ROOT);
        if (rollout) {
            return "Rollout to layer " + layer + " (" + fused + ") · " + what;
        }
        return "Layer " + layer + " · " + (head < 0 ? "heads " + fused : "head " + head) + " · " + what;
    }

    /**
     * One small multiple: the pinned query's map for (layer, head), head −1 the fused heads. Allocates
     * (the grid redraws only when the data or the pinned query changes, never on hover).
     */
    public float[] cellValues(int layer, int head) {
        ImageRunResult r = image.getResult();
        if (r == null || layer >= r.maps().layers() || head >= r.maps().heads()) {
            return null;
        }
        AttentionMaps m = r.maps();
        int patch = image.pinnedPatchProperty().get();
        int token = patch == ImageAttentionModel.NO_PATCH ? 0 : r.patchToken(patch);
        boolean rev = image.reverseProperty().get();
        float[] t = new float[m.tokens()];
        HeadFusion f = image.fusionProperty().get();
        if (head < 0) {
            t = rev ? m.fusedColumn(layer, token, f, t) : m.fusedRow(layer, token, f, t);
        } else {
            t = rev ? m.column(layer, head, token, t) : m.row(layer, head, token, t);
        }
        return m.patchGrid(t);
    }

    // ---- rollout -----------------------------------------------------------------------------

    private void scheduleRollout() {
        if (image.rolloutProperty().get() && image.getResult() != null) {
            rolloutDelay.playFromStart();
        } else {
            rolloutDelay.stop();
        }
    }

    /** R up to the current layer, off the FX thread; a later request supersedes an earlier one. */
    private void startRollout() {
        ImageRunResult r = image.getResult();
        if (r == null || !image.rolloutProperty().get()) {
            return;
        }
        int generation = ++rolloutGeneration;
        AttentionMaps m = r.maps();
        int layer = Math.max(0, Math.min(m.layers() - 1, image.getLayer()));
        HeadFusion f = image.fusionProperty().get();
        double discard = Math.max(0, Math.min(0.99, image.discardRatioProperty().get()));
        image.rolloutBusyProperty().set(true);
        workbench.tasks().submit("Rollout", progress -> Rollout.compute(m, f, discard, layer),
                matrix -> {
                    if (generation == rolloutGeneration && image.getResult() == r) {
                        image.rolloutBusyProperty().set(false);
                        image.rolloutMatrixProperty().set(matrix);
                    }
                },
                error -> {
                    image.rolloutBusyProperty().set(false);
                    fail(error);
                });
    }

    /** Runs the rollout now (tests, and the R key): skips the debounce. */
    public void rolloutNow() {
        rolloutDelay.stop();
        startRollout();
    }

    // ---- commands (keys, buttons) ----------------------------------------------------------

    public void selectHead(int layer, int head) {
        ImageRunResult r = image.getResult();
        if (r == null) {
            return;
        }
        image.layerProperty().set(Math.max(0, Math.min(r.maps().layers() - 1, layer)));
        image.headProperty().set(Math.max(ImageAttentionModel.FUSED, Math.min(r.maps().heads() - 1, head)));
    }

    public void stepLayer(int delta) {
        ImageRunResult r = image.getResult();
        if (r != null) {
            selectHead(image.getLayer() + delta, image.getHead());
        }
    }

    /** Steps through the heads, "all heads fused" (−1) included. */
    public void stepHead(int delta) {
        ImageRunResult r = image.getResult();
        if (r == null) {
            return;
        }
        int n = r.maps().heads() + 1;
        int next = Math.floorMod(image.getHead() + 1 + delta, n) - 1;
        image.headProperty().set(next);
    }

    public void cycleFusion() {
        HeadFusion[] all = HeadFusion.values();
        image.fusionProperty().set(all[(image.fusionProperty().get().ordinal() + 1) % all.length]);
    }

    public void pinPatch(int patch) {
        image.pinnedPatchProperty().set(patch);
    }

    /** Esc: the class token is the query again. */
    public void backToCls() {
        image.pinnedPatchProperty().set(ImageAttentionModel.NO_PATCH);
        image.hoveredPatchProperty().set(ImageAttentionModel.NO_PATCH);
    }

    // ---- text ------------------------------------------------------------------------------

    /** Runs MiniLM on the text (and the optional second sentence). */
    public void runText() {
        String a = text.textProperty().get();
        String b = text.secondProperty().get();
        Device device = workbench.devices().device();
        if (a == null || a.isBlank()) {
            text.statusProperty().set("Type a sentence first.");
            return;
        }
        if (device == null) {
            text.statusProperty().set("The compute device is still opening…");
            return;
        }
        var hit = textService.cached(a, b);
        if (hit.isPresent()) {
            applyText(hit.get());
            return;
        }
        int generation = ++textGeneration;
        text.runningProperty().set(true);
        text.statusProperty().set("Running MiniLM…");
        workbench.tasks().submit("Text attention", progress -> textService.run(a, b, device, progress),
                result -> {
                    if (generation == textGeneration) {
                        applyText(result);
                    }
                },
                error -> {
                    if (generation == textGeneration) {
                        text.runningProperty().set(false);
                        text.statusProperty().set("Failed: " + error.getMessage());
                        fail(error);
                    }
                });
    }

    private void applyText(TextRunResult r) {
        text.runningProperty().set(false);
        text.resultProperty().set(r);
        AttentionMaps m = r.maps();
        text.statusProperty().set("all-MiniLM-L6-v2 · " + r.tokens().size() + " tokens · " + m.layers() + " layers × "
                + m.heads() + " heads · " + r.millis() + " ms");
    }

    private void fail(Throwable error) {
        LOG.log(Level.WARNING, "Attention: " + error.getMessage(), error);
        errorHandler.accept(error);
    }

    @Override
    public void close() {
        rolloutDelay.stop();
        if (ownsService) {
            service.close();
        }
        textService.close();
    }
}
