package org.attentionworkbench.app.anomaly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.concurrent.Task;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.app.services.ImageSource;
import org.attentionworkbench.app.services.LoadedImage;
import org.attentionworkbench.compute.anomaly.NormalImages;
import org.attentionworkbench.compute.anomaly.Normalizer;
import org.attentionworkbench.compute.anomaly.data.AnomalyDataset;
import org.attentionworkbench.compute.anomaly.pipeline.Backbones;
import org.attentionworkbench.compute.anomaly.pipeline.ImageFailure;
import org.attentionworkbench.compute.anomaly.pipeline.ImageResult;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionInputs;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionListener;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionRequest;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionTarget;
import org.attentionworkbench.compute.anomaly.pipeline.PromptSet;
import org.attentionworkbench.compute.anomaly.pipeline.RunResult;
import org.attentionworkbench.compute.tensor.Device;

/**
 * The Anomaly page's logic, on the FX thread: opens folders, starts and cancels runs (the shared
 * pipeline, through {@link InspectionService}) and streams their results into the {@link InspectionModel},
 * keeps the threshold, flagged count and queue order up to date, records decisions as they are made,
 * and asks for the prompt ↔ target match under the pointer. Imports no view classes. {@link #close}
 * (when the window closes) cancels a run and stops the service's thread.
 */
public final class InspectionController implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(InspectionController.class.getName());
    private static final Set<String> GOOD_CLASSES = Set.of("good", "ok", "normal");

    private final Workbench workbench;
    private final InspectionModel model;
    private final InspectionService service;
    private final AtomicLong matchGeneration = new AtomicLong();
    /** The open folder's targets, parallel to the model's items. */
    private List<InspectionTarget> targets = List.of();
    /** The folder's normal training images (prompts and held-out calibration come from here). */
    private List<Path> train = List.of();
    private boolean thresholdByUser;
    /** The user picked an image during the run: the end of the run leaves the selection alone. */
    private boolean userMoved;
    private DecisionLog log;
    private Path decisionsOverride;
    private Task<RunResult> runTask;
    private boolean closed;

    public InspectionController(Workbench workbench) {
        this(workbench, new InspectionModel(), new InspectionService());
    }

    public InspectionController(Workbench workbench, InspectionModel model, InspectionService service) {
        this.workbench = workbench;
        this.model = model;
        this.service = service;
        model.sorted().setComparator(comparator());
        model.sortByScoreProperty().addListener(obs -> model.sorted().setComparator(comparator()));
        model.flaggedOnlyProperty().addListener(obs -> refilter());
        model.thresholdProperty().addListener(obs -> {
            recount();
            if (model.flaggedOnlyProperty().get()) {
                refilter();
            }
        });
        model.currentProperty().addListener((obs, old, now) -> model.setMatch(null));
    }

    public InspectionModel model() {
        return model;
    }

    // ---- prompts ----------------------------------------------------------------------------------

    public void addPrompt(Path file) {
        Path p = file.toAbsolutePath().normalize();
        if (!model.prompts().contains(p)) {
            model.prompts().add(p);
            model.setStatus("Normal prompt: " + p.getFileName() + " (" + model.prompts().size() + " in all)");
        }
    }

    /** "Use as normal" for the image open on the Images page; false when it has no file. */
    public boolean useCurrentImageAsNormal() {
        LoadedImage img = workbench.currentImageProperty().get();
        if (img == null || !(img.source() instanceof ImageSource.FileSource f)) {
            model.setStatus("The current image is not a file: open one from disk to use it as normal");
            return false;
        }
        addPrompt(f.file());
        return true;
    }

    // ---- folder -----------------------------------------------------------------------------------

    /** Reads the folder's images (any supported layout) and the decisions already made there. */
    public void openFolder(Path dir) throws IOException {
        cancel();
        Path root = dir.toAbsolutePath().normalize();
        InspectionInputs in = service.readFolder(root);
        AnomalyDataset ds = in.datasets().get(0);
        train = List.copyOf(in.train());
        if (model.prompts().isEmpty() && !train.isEmpty()) {
            // as the CLI: one prompt from the training split, the last 20 % held out to calibrate τ
            addPrompt(NormalImages.choose(List.of(), List.of(), train, 1).prompts().get(0));
        }
        List<InspectionItem> list = new ArrayList<>();
        List<InspectionTarget> kept = new ArrayList<>();
        for (InspectionTarget t : in.targets()) {
            if (model.prompts().contains(NormalImages.key(t.item().image()))) {
                continue; // a prompt scores as perfectly normal: leave it out of the queue
            }
            list.add(new InspectionItem(t.item().image(), t.name(), list.size(), t.item().label(),
                    t.item().defectClass(), t.item().mask()));
            kept.add(t);
        }
        targets = List.copyOf(kept);
        List<String> classes = new ArrayList<>();
        for (String c : ds.classCounts().keySet()) {
            if (!GOOD_CLASSES.contains(c.toLowerCase(Locale.ROOT)) && classes.size() < 9) {
                classes.add(c);
            }
        }
        for (int k = classes.size() + 1; classes.size() < 9; k++) {
            classes.add("defect " + k);
        }
        model.defectClasses().setAll(classes);
        clearRun();
        model.thresholdProperty().set(Double.NaN);
        thresholdByUser = false;
        model.items().setAll(list);
        model.setFolder(root);
        openLog(root);
        recount();
        model.currentProperty().set(model.queue().isEmpty() ? null : model.queue().get(0));
        model.setStatus(String.format(Locale.ROOT, "%s: %d images (%s layout)%s", root.getFileName(), list.size(),
                ds.layout().name().toLowerCase(Locale.ROOT),
                log.decisions().isEmpty() ? "" : ", " + log.decisions().size() + " decisions restored"
                        + (log.skippedLines() > 0 ? " (" + log.skippedLines() + " damaged line(s) skipped)" : "")));
    }

    /** Writes the synthetic demo dataset into the cache (once, off the FX thread), opens it and runs. */
    public void openDemo() {
        workbench.tasks().submit("Writing the demo dataset", progress -> DemoDataset.ensure(DemoDataset.defaultDir()),
                dir -> {
                    try {
                        openFolder(dir);
                        run();
                    } catch (IOException e) {
                        model.setStatus("Could not open the demo: " + e.getMessage());
                    }
                },
                e -> model.setStatus("Could not write the demo dataset: " + e.getMessage()));
    }

    /** Writes decisions into {@code dir} from now on (for a read-only folder); reloads what is there. */
    public void setDecisionsFolder(Path dir) throws IOException {
        decisionsOverride = dir;
        if (model.folderProperty().get() != null) {
            openLog(model.folderProperty().get());
        }
    }

    private void openLog(Path root) throws IOException {
        log = service.openLog(root, decisionsOverride);
        model.setDecisionsDir(log.dir());
        for (InspectionItem it : model.items()) {
            it.decisionProperty().set(log.decisions().get(it.name()));
        }
    }

    // ---- the run ----------------------------------------------------------------------------------

    /** Scores every image off the FX thread; results stream into the queue. False (with a status) when it cannot start. */
    public boolean run() {
        Path backbone = model.backboneProperty().get();
        String problem = closed ? "The page is closed"
                : model.prompts().isEmpty() ? "Choose at least one normal prompt image first"
                : model.folderProperty().get() == null ? "Open a folder to inspect first"
                : backbone == null || !Files.isRegularFile(backbone)
                        ? "Backbone not found (" + Backbones.defaultPath() + "): choose a backbone file"
                : null;
        if (problem != null) {
            model.setStatus(problem);
            return false;
        }
        if (workbench.devices().device() == null) {
            // the device is still opening (app start): run as soon as it is there
            model.setStatus("Waiting for the compute device…");
            workbench.devices().stateProperty().addListener(new InvalidationListener() {
                @Override
                public void invalidated(Observable o) {
                    if (workbench.devices().device() != null) {
                        workbench.devices().stateProperty().removeListener(this);
                        run();
                    }
                }
            });
            return true;
        }
        cancel();
        clearRun();
        userMoved = false;
        model.currentProperty().set(null); // the first result becomes current; the top of the queue once all are in
        NormalImages normals = NormalImages.choose(model.prompts(), List.of(), train, model.prompts().size());
        InspectionRequest req = new InspectionRequest(backbone, model.prompts(), normals.calibration(), targets,
                InspectionRequest.Options.defaults().withInputSize(model.inputSizeProperty().get()));
        Device device = workbench.devices().device();
        List<InspectionItem> items = List.copyOf(model.items());
        InspectionListener listener = new InspectionListener() {
            @Override
            public void prompts(PromptSet p) {
                Platform.runLater(() -> usePrompts(p));
            }

            @Override
            public void scored(int index, ImageResult r) {
                Platform.runLater(() -> applyResult(items, index, r));
            }

            @Override
            public void failed(ImageFailure f) {
                Platform.runLater(() -> applyFailure(items, f));
            }

            @Override
            public void normalizer(Normalizer n, boolean provisional) {
                Platform.runLater(() -> applyNormalizer(items, n));
            }
        };
        model.setRunning(true);
        model.setStatus("Inspecting " + items.size() + " images…");
        Task<RunResult> task = workbench.tasks().submit("Anomaly inspection", service.inspection(req, device, listener),
                r -> finished(items, r),
                e -> {
                    LOG.log(Level.WARNING, "Inspection failed: " + e.getMessage(), e);
                    model.setStatus("Inspection failed: " + e.getMessage());
                });
        runTask = task;
        task.runningProperty().addListener((obs, was, now) -> {
            if (!now && runTask == task) {
                model.setRunning(false);
                if (task.isCancelled()) {
                    model.setStatus("Cancelled after " + model.scoredCountProperty().get() + " of "
                            + model.items().size() + " images");
                }
            }
        });
        return true;
    }

    public void cancel() {
        if (runTask != null && runTask.isRunning()) {
            runTask.cancel();
        }
    }

    private void clearRun() {
        for (InspectionItem it : model.items()) {
            it.setResult(null);
            it.setFailure(null);
        }
        model.failures().clear();
        model.setNormalizer(null);
        model.setMetrics(null);
        model.setLastRun(null);
        recount();
    }

    private void finished(List<InspectionItem> items, RunResult r) {
        if (!model.items().equals(items) && !model.items().isEmpty()) {
            return; // a run of a folder that is no longer open
        }
        model.setLastRun(r);
        try {
            model.setMetrics(MetricsCalculator.compute(r));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Metrics failed: " + e.getMessage(), e);
        }
        if (!userMoved && !model.queue().isEmpty()) {
            model.currentProperty().set(model.queue().get(0));
        }
        int failed = r.targetFailures().size();
        model.setStatus(String.format(Locale.ROOT, "%d images, %d flagged, %.0f ms/image%s — %s",
                model.scoredCountProperty().get(), model.flaggedCountProperty().get(), r.msPerImage(),
                failed == 0 ? "" : "; " + failed + " could not be read: " + r.targetFailures().get(0).reason()
                        + (failed > 1 ? " …" : ""),
                r.description()));
    }

    private void applyResult(List<InspectionItem> items, int index, ImageResult r) {
        if (!model.items().equals(items)) {
            return; // a result of a folder that is no longer open
        }
        items.get(index).setResult(r);
        int scored = model.scoredCountProperty().get();
        model.setScoreRange(Math.min(scored == 0 ? r.score() : model.scoreMinProperty().get(), r.score()),
                Math.max(scored == 0 ? r.score() : model.scoreMaxProperty().get(), r.score()));
        recount();
        if (model.current() == null && !model.queue().isEmpty()) {
            model.currentProperty().set(model.queue().get(0));
        }
    }

    private void applyFailure(List<InspectionItem> items, ImageFailure f) {
        if (!model.items().equals(items)) {
            return;
        }
        model.failures().add(f);
        if (f.role() == ImageFailure.Role.TARGET) {
            items.get(f.index()).setFailure(f.reason());
        }
    }

    private void applyNormalizer(List<InspectionItem> items, Normalizer n) {
        if (!model.items().equals(items)) {
            return;
        }
        model.setNormalizer(n);
        if (!thresholdByUser) {
            model.thresholdProperty().set(n.threshold());
        }
    }

    /** The threshold as the user moves it: from now on provisional fits leave it alone. */
    public void moveThreshold(double t) {
        thresholdByUser = true;
        model.thresholdProperty().set(t);
    }

    private void recount() {
        int scored = 0;
        int flagged = 0;
        double t = model.thresholdProperty().get();
        for (InspectionItem it : model.items()) {
            if (it.result() != null) {
                scored++;
                flagged += !Double.isNaN(t) && it.flagged(t) ? 1 : 0;
            }
        }
        model.setScoredCount(scored);
        model.setFlaggedCount(flagged);
    }

    private void refilter() {
        double t = model.thresholdProperty().get();
        model.filtered().setPredicate(model.flaggedOnlyProperty().get() ? it -> it.flagged(t) : null);
    }

    private Comparator<InspectionItem> comparator() {
        Comparator<InspectionItem> byOrder = Comparator.comparingInt(InspectionItem::order);
        if (!model.sortByScoreProperty().get()) {
            return byOrder;
        }
        // highest score first; images not scored yet go last, in file order
        return Comparator.<InspectionItem>comparingDouble(i -> Double.isNaN(i.score()) ? Double.NEGATIVE_INFINITY
                : i.score()).reversed().thenComparing(byOrder);
    }

    // ---- navigation and decisions -----------------------------------------------------------------

    public void select(InspectionItem item) {
        userMoved = true;
        model.currentProperty().set(item);
    }

    public void next() {
        step(1);
    }

    public void previous() {
        step(-1);
    }

    private void step(int d) {
        userMoved = true;
        List<InspectionItem> queue = model.queue();
        if (queue.isEmpty()) {
            return;
        }
        int i = queue.indexOf(model.current());
        int j = i < 0 ? 0 : Math.max(0, Math.min(queue.size() - 1, i + d));
        model.currentProperty().set(queue.get(j));
    }

    public void accept() {
        decide(Verdict.ACCEPT, null);
    }

    public void reject() {
        decide(Verdict.REJECT, null);
    }

    /** Key k (1–9): a reject of that defect class. */
    public void classify(int k) {
        if (k >= 1 && k <= model.defectClasses().size()) {
            decide(Verdict.REJECT, model.defectClasses().get(k - 1));
        }
    }

    /** Records the decision on disk at once, then moves to the next image. */
    public void decide(Verdict verdict, String defectClass) {
        InspectionItem it = model.current();
        if (it == null || log == null) {
            return;
        }
        Decision d = new Decision(it.name(), verdict, defectClass, it.score(), model.thresholdProperty().get(),
                Instant.now());
        // the next image in the queue as it is now (a sort by decision or a filter must not skip one)
        List<InspectionItem> queue = model.queue();
        int at = queue.indexOf(it);
        InspectionItem following = at >= 0 && at + 1 < queue.size() ? queue.get(at + 1) : null;
        try {
            log.record(d);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not write " + log.csvFile() + ": " + e.getMessage(), e);
            model.setStatus("Could not write the decision to " + log.csvFile() + ": " + e.getMessage()
                    + " — choose a decisions folder");
            return;
        }
        it.decisionProperty().set(d);
        userMoved = true;
        model.setStatus(it.name() + ": " + d.label() + " (saved to " + log.csvFile().getFileName() + ")");
        if (following != null) {
            model.currentProperty().set(following);
        }
    }

    // ---- prompt ↔ target --------------------------------------------------------------------------

    private void usePrompts(PromptSet p) {
        model.setPromptSet(p);
        matchGeneration.incrementAndGet();
        service.usePrompts(p);
    }

    /** Looks up where {@code patch} of the current image matched, off the FX thread; latest request wins. */
    public void hoverPatch(int patch) {
        InspectionItem it = model.current();
        if (it == null || it.result() == null || model.promptSetProperty().get() == null || patch < 0) {
            model.setMatch(null);
            return;
        }
        long gen = matchGeneration.incrementAndGet();
        service.match(it.result().features(), patch, () -> gen == matchGeneration.get(),
                m -> Platform.runLater(() -> {
                    if (gen == matchGeneration.get() && model.current() == it) {
                        model.setMatch(m);
                    }
                }));
    }

    public void clearHover() {
        matchGeneration.incrementAndGet();
        model.setMatch(null);
    }

    /** Cancels a run and stops the service (its thread and the matcher). Idempotent. */
    @Override
    public void close() {
        closed = true;
        cancel();
        service.close();
    }
}
