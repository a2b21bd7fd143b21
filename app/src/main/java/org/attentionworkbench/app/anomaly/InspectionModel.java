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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.concurrent.Task;
import org.attentionworkbench.app.services.ImageSource;
import org.attentionworkbench.app.services.LoadedImage;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.NormalImages;
import org.attentionworkbench.compute.anomaly.Normalizer;
import org.attentionworkbench.compute.anomaly.data.AnomalyDataset;
import org.attentionworkbench.compute.anomaly.data.AnomalyDatasets;
import org.attentionworkbench.compute.anomaly.data.AnomalyItem;
import org.attentionworkbench.compute.models.catalog.ModelCache;
import org.attentionworkbench.compute.tensor.Device;

/**
 * The QA inspection workspace's state, without any view: normal prompts, the inspected folder and its
 * queue, the run (off the FX thread, results streamed in), the threshold and its flagged count, metrics,
 * the prompt ↔ target match under the pointer, and the decisions (on disk as they are made).
 * Use on the FX thread.
 */
public final class InspectionModel implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(InspectionModel.class.getName());
    private static final Set<String> GOOD_CLASSES = Set.of("good", "ok", "normal");
    public static final int DEFAULT_INPUT_SIZE = 256;

    private final Workbench workbench;
    private final ObservableList<Path> prompts = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>(this, "folder");
    private final ObservableList<InspectionItem> items =
            FXCollections.observableArrayList(i -> new Observable[] {i.resultProperty(), i.decisionProperty()});
    private final FilteredList<InspectionItem> filtered = new FilteredList<>(items);
    private final SortedList<InspectionItem> queue = new SortedList<>(filtered);
    private final List<AnomalyItem> datasetItems = new ArrayList<>();
    /** The folder's normal training images (prompts and held-out calibration come from here). */
    private final List<Path> datasetTrain = new ArrayList<>();
    private final BooleanProperty sortByScore = new SimpleBooleanProperty(this, "sortByScore", true);
    private final BooleanProperty flaggedOnly = new SimpleBooleanProperty(this, "flaggedOnly", false);
    private final ObjectProperty<InspectionItem> current = new SimpleObjectProperty<>(this, "current");
    private final DoubleProperty threshold = new SimpleDoubleProperty(this, "threshold", Double.NaN);
    private final ReadOnlyIntegerWrapper flaggedCount = new ReadOnlyIntegerWrapper(this, "flaggedCount");
    private final ReadOnlyIntegerWrapper scoredCount = new ReadOnlyIntegerWrapper(this, "scoredCount");
    private final ReadOnlyDoubleWrapper scoreMin = new ReadOnlyDoubleWrapper(this, "scoreMin", 0);
    private final ReadOnlyDoubleWrapper scoreMax = new ReadOnlyDoubleWrapper(this, "scoreMax", 1);
    private final ReadOnlyObjectWrapper<Normalizer> normalizer = new ReadOnlyObjectWrapper<>(this, "normalizer");
    private final ReadOnlyObjectWrapper<RunMetrics> metrics = new ReadOnlyObjectWrapper<>(this, "metrics");
    private final ReadOnlyObjectWrapper<RunResult> lastRun = new ReadOnlyObjectWrapper<>(this, "lastRun");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ObjectProperty<Path> backbone = new SimpleObjectProperty<>(this, "backbone", Backbones.findDefault());
    private final IntegerProperty inputSize = new SimpleIntegerProperty(this, "inputSize", DEFAULT_INPUT_SIZE);
    private final ObservableList<String> defectClasses = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<PromptSet> promptSet = new ReadOnlyObjectWrapper<>(this, "promptSet");
    private final ReadOnlyObjectWrapper<PromptMatch> match = new ReadOnlyObjectWrapper<>(this, "match");
    private final ReadOnlyObjectWrapper<Path> decisionsDir = new ReadOnlyObjectWrapper<>(this, "decisionsDir");
    private final ExecutorService matchExecutor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "anomaly-prompt-match");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong matchGeneration = new AtomicLong();
    private PromptMatcher matcher; // confined to matchExecutor
    private boolean thresholdByUser;
    /** The user picked an image during the run: the end of the run leaves the selection alone. */
    private boolean userMoved;
    private DecisionLog log;
    private Path decisionsOverride;
    private Task<RunResult> runTask;

    public InspectionModel(Workbench workbench) {
        this.workbench = workbench;
        queue.setComparator(comparator());
        sortByScore.addListener(obs -> queue.setComparator(comparator()));
        flaggedOnly.addListener(obs -> refilter());
        threshold.addListener(obs -> {
            recount();
            if (flaggedOnly.get()) {
                refilter();
            }
        });
        current.addListener((obs, old, now) -> match.set(null));
    }

    // ---- properties -------------------------------------------------------------------------------

    public ObservableList<Path> prompts() { return prompts; }
    public ReadOnlyObjectProperty<Path> folderProperty() { return folder.getReadOnlyProperty(); }
    /** Every image in file order. */
    public ObservableList<InspectionItem> items() { return items; }
    /** The queue as shown: sorted by score or in file order, optionally flagged only. */
    public ObservableList<InspectionItem> queue() { return queue; }
    public BooleanProperty sortByScoreProperty() { return sortByScore; }
    public BooleanProperty flaggedOnlyProperty() { return flaggedOnly; }
    public ObjectProperty<InspectionItem> currentProperty() { return current; }
    public InspectionItem current() { return current.get(); }
    /** On raw image scores: flagged ⇔ score &gt; threshold. NaN before the first result. */
    public DoubleProperty thresholdProperty() { return threshold; }
    public ReadOnlyIntegerProperty flaggedCountProperty() { return flaggedCount.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty scoredCountProperty() { return scoredCount.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty scoreMinProperty() { return scoreMin.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty scoreMaxProperty() { return scoreMax.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Normalizer> normalizerProperty() { return normalizer.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<RunMetrics> metricsProperty() { return metrics.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<RunResult> lastRunProperty() { return lastRun.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** The backbone checkpoint; null when the default is missing and none was chosen. */
    public ObjectProperty<Path> backboneProperty() { return backbone; }
    public IntegerProperty inputSizeProperty() { return inputSize; }
    /** Names of the 1–9 keys: the folder's defect classes, else "defect 1" … */
    public ObservableList<String> defectClasses() { return defectClasses; }
    public ReadOnlyObjectProperty<PromptSet> promptSetProperty() { return promptSet.getReadOnlyProperty(); }
    /** Where the target patch under the pointer matched in the prompt; null when none. */
    public ReadOnlyObjectProperty<PromptMatch> matchProperty() { return match.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Path> decisionsDirProperty() { return decisionsDir.getReadOnlyProperty(); }

    /** The set-wide normaliser at the current threshold (τ ↦ 0.5), or null before any result. */
    public Normalizer displayNormalizer() {
        Normalizer n = normalizer.get();
        if (n == null || Double.isNaN(threshold.get())) {
            return n;
        }
        return new Normalizer(n.pixelFloor(), n.imageFloor(), threshold.get(), n.source(), n.calibrated());
    }

    // ---- prompts ----------------------------------------------------------------------------------

    public void addPrompt(Path file) {
        Path p = file.toAbsolutePath().normalize();
        if (!prompts.contains(p)) {
            prompts.add(p);
            status.set("Normal prompt: " + p.getFileName() + " (" + prompts.size() + " in all)");
        }
    }

    /** "Use as normal" for the image open on the Images page; false when it has no file. */
    public boolean useCurrentImageAsNormal() {
        LoadedImage img = workbench.currentImageProperty().get();
        if (img == null || !(img.source() instanceof ImageSource.FileSource f)) {
            status.set("The current image is not a file: open one from disk to use it as normal");
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
        AnomalyDataset ds = AnomalyDatasets.open(root);
        datasetTrain.clear();
        datasetTrain.addAll(ds.train());
        if (prompts.isEmpty() && !ds.train().isEmpty()) {
            // as the CLI: one prompt from the training split, the last 20 % held out to calibrate τ
            addPrompt(NormalImages.choose(List.of(), List.of(), ds.train(), 1).prompts().get(0));
        }
        List<InspectionItem> list = new ArrayList<>();
        datasetItems.clear();
        for (AnomalyItem a : ds.items()) {
            if (prompts.contains(a.image().toAbsolutePath().normalize())) {
                continue; // a prompt scores as perfectly normal: leave it out of the queue
            }
            String name = root.relativize(a.image().toAbsolutePath().normalize()).toString().replace('\\', '/');
            list.add(new InspectionItem(a.image(), name, list.size(), a.label(), a.defectClass(), a.mask()));
            datasetItems.add(a);
        }
        List<String> classes = new ArrayList<>();
        for (String c : ds.classCounts().keySet()) {
            if (!GOOD_CLASSES.contains(c.toLowerCase(Locale.ROOT)) && classes.size() < 9) {
                classes.add(c);
            }
        }
        for (int k = classes.size() + 1; classes.size() < 9; k++) {
            classes.add("defect " + k);
        }
        defectClasses.setAll(classes);
        normalizer.set(null);
        metrics.set(null);
        lastRun.set(null);
        threshold.set(Double.NaN);
        thresholdByUser = false;
        items.setAll(list);
        folder.set(root);
        openLog(root);
        recount();
        current.set(queue.isEmpty() ? null : queue.get(0));
        status.set(String.format(Locale.ROOT, "%s: %d images (%s layout)%s", root.getFileName(), list.size(),
                ds.layout().name().toLowerCase(Locale.ROOT),
                log.decisions().isEmpty() ? "" : ", " + log.decisions().size() + " decisions restored"));
    }

    /** Writes the synthetic demo dataset into the cache (once, off the FX thread), opens it and runs. */
    public void openDemo() {
        workbench.tasks().submit("Writing the demo dataset", progress -> DemoDataset.ensure(DemoDataset.defaultDir()),
                dir -> {
                    try {
                        openFolder(dir);
                        run();
                    } catch (IOException e) {
                        status.set("Could not open the demo: " + e.getMessage());
                    }
                },
                e -> status.set("Could not write the demo dataset: " + e.getMessage()));
    }

    /** Writes decisions into {@code dir} from now on (for a read-only folder); reloads what is there. */
    public void setDecisionsFolder(Path dir) throws IOException {
        decisionsOverride = dir;
        if (folder.get() != null) {
            openLog(folder.get());
        }
    }

    private void openLog(Path root) throws IOException {
        Path fallback = decisionsOverride != null ? decisionsOverride
                : ModelCache.defaultDir().resolve("decisions")
                        .resolve(ModelCache.safeId(root.getFileName() + "-" + Integer.toHexString(root.hashCode())));
        log = decisionsOverride != null ? DecisionLog.open(decisionsOverride, decisionsOverride)
                : DecisionLog.open(root, fallback);
        decisionsDir.set(log.dir());
        for (InspectionItem it : items) {
            it.decisionProperty().set(log.decisions().get(it.name()));
        }
    }

    // ---- the run ----------------------------------------------------------------------------------

    /** Scores every image off the FX thread; results stream into the queue. False (with a status) when it cannot start. */
    public boolean run() {
        String problem = prompts.isEmpty() ? "Choose at least one normal prompt image first"
                : folder.get() == null ? "Open a folder to inspect first"
                : backbone.get() == null || !Files.isRegularFile(backbone.get())
                        ? "Backbone not found (" + Backbones.defaultPath() + "): choose a backbone file"
                : null;
        if (problem != null) {
            status.set(problem);
            return false;
        }
        if (workbench.devices().device() == null) {
            // the device is still opening (app start): run as soon as it is there
            status.set("Waiting for the compute device…");
            workbench.devices().stateProperty().addListener(new javafx.beans.InvalidationListener() {
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
        for (InspectionItem it : items) {
            it.setResult(null);
        }
        normalizer.set(null);
        metrics.set(null);
        lastRun.set(null);
        recount();
        userMoved = false;
        current.set(null); // the first result becomes current; the top of the queue once all are in
        NormalImages normals = NormalImages.choose(prompts, List.of(), datasetTrain, prompts.size());
        InspectionRequest req = new InspectionRequest(prompts, normals.calibration(), datasetItems, backbone.get(),
                inputSize.get(), AnomalyInspector.Settings.defaults());
        Device device = workbench.devices().device();
        List<InspectionItem> targets = List.copyOf(items);
        InspectionRun.Listener listener = new InspectionRun.Listener() {
            @Override
            public void prompts(PromptSet p) {
                Platform.runLater(() -> setPromptSet(p));
            }

            @Override
            public void scored(int index, ImageResult r) {
                Platform.runLater(() -> applyResult(targets, index, r));
            }

            @Override
            public void normalizer(Normalizer n) {
                Platform.runLater(() -> applyNormalizer(targets, n));
            }
        };
        running.set(true);
        status.set("Inspecting " + items.size() + " images…");
        Task<RunResult> task = workbench.tasks().submit("Anomaly inspection", InspectionRun.work(req, device, listener),
                r -> {
                    if (items.equals(targets) || items.isEmpty()) {
                        lastRun.set(r);
                        metrics.set(r.metrics());
                        if (!userMoved && !queue.isEmpty()) {
                            current.set(queue.get(0));
                        }
                        status.set(String.format(Locale.ROOT, "%d images, %d flagged, %.0f ms/image — %s",
                                scoredCount.get(), flaggedCount.get(), r.msPerImage(), r.description()));
                    }
                },
                e -> {
                    LOG.log(Level.WARNING, "Inspection failed: " + e.getMessage(), e);
                    status.set("Inspection failed: " + e.getMessage());
                });
        runTask = task;
        task.runningProperty().addListener((obs, was, now) -> {
            if (!now && runTask == task) {
                running.set(false);
                if (task.isCancelled()) {
                    status.set("Cancelled after " + scoredCount.get() + " of " + items.size() + " images");
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

    private void applyResult(List<InspectionItem> targets, int index, ImageResult r) {
        if (!items.equals(targets)) {
            return; // a result of a folder that is no longer open
        }
        targets.get(index).setResult(r);
        scoreMin.set(Math.min(scoredCount.get() == 0 ? r.score() : scoreMin.get(), r.score()));
        scoreMax.set(Math.max(scoredCount.get() == 0 ? r.score() : scoreMax.get(), r.score()));
        recount();
        if (current.get() == null && !queue.isEmpty()) {
            current.set(queue.get(0));
        }
    }

    private void applyNormalizer(List<InspectionItem> targets, Normalizer n) {
        if (!items.equals(targets)) {
            return;
        }
        normalizer.set(n);
        if (!thresholdByUser) {
            threshold.set(n.threshold());
        }
    }

    /** The threshold as the user moves it: from now on provisional fits leave it alone. */
    public void moveThreshold(double t) {
        thresholdByUser = true;
        threshold.set(t);
    }

    private void recount() {
        int scored = 0;
        int flagged = 0;
        double t = threshold.get();
        for (InspectionItem it : items) {
            if (it.result() != null) {
                scored++;
                flagged += !Double.isNaN(t) && it.flagged(t) ? 1 : 0;
            }
        }
        scoredCount.set(scored);
        flaggedCount.set(flagged);
    }

    private void refilter() {
        double t = threshold.get();
        filtered.setPredicate(flaggedOnly.get() ? it -> it.flagged(t) : null);
    }

    private Comparator<InspectionItem> comparator() {
        Comparator<InspectionItem> byOrder = Comparator.comparingInt(InspectionItem::order);
        if (!sortByScore.get()) {
            return byOrder;
        }
        // highest score first; images not scored yet go last, in file order
        return Comparator.<InspectionItem>comparingDouble(i -> Double.isNaN(i.score()) ? Double.NEGATIVE_INFINITY
                : i.score()).reversed().thenComparing(byOrder);
    }

    // ---- navigation and decisions -----------------------------------------------------------------

    public void select(InspectionItem item) {
        userMoved = true;
        current.set(item);
    }

    public void next() {
        step(1);
    }

    public void previous() {
        step(-1);
    }

    private void step(int d) {
        userMoved = true;
        if (queue.isEmpty()) {
            return;
        }
        int i = queue.indexOf(current.get());
        int j = i < 0 ? 0 : Math.max(0, Math.min(queue.size() - 1, i + d));
        current.set(queue.get(j));
    }

    public void accept() {
        decide(Verdict.ACCEPT, null);
    }

    public void reject() {
        decide(Verdict.REJECT, null);
    }

    /** Key k (1–9): a reject of that defect class. */
    public void classify(int k) {
        if (k >= 1 && k <= defectClasses.size()) {
            decide(Verdict.REJECT, defectClasses.get(k - 1));
        }
    }

    /** Records the decision on disk at once, then moves to the next image. */
    public void decide(Verdict verdict, String defectClass) {
        InspectionItem it = current.get();
        if (it == null || log == null) {
            return;
        }
        Decision d = new Decision(it.name(), verdict, defectClass, it.score(), threshold.get(), Instant.now());
        // the next image in the queue as it is now (a sort by decision or a filter must not skip one)
        int at = queue.indexOf(it);
        InspectionItem following = at >= 0 && at + 1 < queue.size() ? queue.get(at + 1) : null;
        try {
            log.record(d);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not write " + log.csvFile() + ": " + e.getMessage(), e);
            status.set("Could not write the decision to " + log.csvFile() + ": " + e.getMessage()
                    + " — choose a decisions folder");
            return;
        }
        it.decisionProperty().set(d);
        userMoved = true;
        status.set(it.name() + ": " + d.label() + " (saved to " + log.csvFile().getFileName() + ")");
        if (following != null) {
            current.set(following);
        }
    }

    // ---- prompt ↔ target --------------------------------------------------------------------------

    private void setPromptSet(PromptSet p) {
        promptSet.set(p);
        matchGeneration.incrementAndGet();
        matchExecutor.execute(() -> {
            if (matcher != null) {
                matcher.close();
            }
            matcher = new PromptMatcher(p);
        });
    }

    /** Looks up where {@code patch} of the current image matched, off the FX thread; latest request wins. */
    public void hoverPatch(int patch) {
        InspectionItem it = current.get();
        if (it == null || it.result() == null || promptSet.get() == null || patch < 0) {
            match.set(null);
            return;
        }
        long gen = matchGeneration.incrementAndGet();
        ImageResult r = it.result();
        matchExecutor.execute(() -> {
            if (gen != matchGeneration.get() || matcher == null) {
                return;
            }
            try {
                PromptMatch m = matcher.match(r.features(), patch);
                Platform.runLater(() -> {
                    if (gen == matchGeneration.get() && current.get() == it) {
                        match.set(m);
                    }
                });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Prompt match failed: " + e.getMessage(), e);
            }
        });
    }

    public void clearHover() {
        matchGeneration.incrementAndGet();
        match.set(null);
    }

    @Override
    public void close() {
        cancel();
        matchExecutor.execute(() -> {
            if (matcher != null) {
                matcher.close();
                matcher = null;
            }
        });
        matchExecutor.shutdown();
    }
}
