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
import java.util.HashMap;
import java.util.Map;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.NormalImages;
import org.attentionworkbench.compute.anomaly.data.CategoryFolders;
import org.attentionworkbench.compute.anomaly.pipeline.CategoryInspection;
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
    private Task<?> runTask;
    private boolean closed;
    /** A folder of categories: its categories, each with its own prompt; null for one dataset. */
    private CategoryFolders.Root categoryRoot;
    /** The last category run: each category's own run (its raw scores and metrics) and prompts. */
    private final Map<String, RunResult> categoryRuns = new HashMap<>();
    /** Warnings of the current run (a refiner trained on other features), added to the final status. */
    private final List<String> warnings = new java.util.ArrayList<>();
    private final Map<String, PromptSet> categoryPrompts = new HashMap<>();

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
        model.currentProperty().addListener((obs, old, now) -> {
            model.setMatch(null);
            PromptSet own = now == null || now.category() == null ? null : categoryPrompts.get(now.category());
            if (own != null && own != model.promptSetProperty().get()) {
                usePrompts(own); // an image is matched against its own category's prompt
            }
        });
        model.categoryFilterProperty().addListener(obs -> {
            refilter();
            showMetrics();
            InspectionItem c = model.current();
            if (c != null && !model.queue().contains(c)) {
                model.currentProperty().set(model.queue().isEmpty() ? null : model.queue().get(0));
            }
        });
        model.neighboursProperty().addListener((obs, old, now) -> {
            if (now.intValue() < 1) {
                model.neighboursProperty().set(1);
            }
        });
    }

    public InspectionModel model() {
        return model;
    }

    // ---- prompts ----------------------------------------------------------------------------------

    public void addPrompt(Path file) {
        if (categoryRoot != null) {
            model.setStatus("A folder of categories: each category's prompt comes from its own train/good");
            return;
        }
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
        if (service.isCategoryRoot(root)) {
            openCategories(root);
            return;
        }
        InspectionInputs in = service.readFolder(root);
        if (categoryRoot != null) {
            model.prompts().clear(); // those were the categories' own prompts
            categoryRoot = null;
        }
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
        show(root, list, classes, List.of(), ds.layout().name().toLowerCase(Locale.ROOT) + " layout");
    }

    /**
     * A folder of categories: the queue holds every category's test images (tagged with it); each category
     * has one prompt and its held-out calibration images from its own train/good (as the CLI).
     */
    private void openCategories(Path root) throws IOException {
        CategoryFolders.Root cats = service.readCategories(root);
        List<CategoryInspection.CategoryRequest> reqs;
        try {
            reqs = CategoryInspection.requests(cats, root, 1, InspectionRequest.Options.defaults());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        categoryRoot = cats;
        train = List.of();
        model.prompts().setAll(reqs.stream().flatMap(c -> c.request().prompts().stream()).toList());
        List<InspectionItem> list = new ArrayList<>();
        List<InspectionTarget> kept = new ArrayList<>();
        java.util.TreeSet<String> defects = new java.util.TreeSet<>();
        for (CategoryInspection.CategoryRequest c : reqs) {
            for (InspectionTarget t : c.request().targets()) {
                list.add(new InspectionItem(t.item().image(), t.name(), list.size(), t.item().label(),
                        t.item().defectClass(), t.item().mask(), c.name()));
                kept.add(t);
                if (t.item().defectClass() != null && !GOOD_CLASSES.contains(t.item().defectClass().toLowerCase(Locale.ROOT))) {
                    defects.add(t.item().defectClass());
                }
            }
        }
        targets = List.copyOf(kept);
        List<String> classes = new ArrayList<>(defects.stream().limit(9).toList());
        for (int k = classes.size() + 1; classes.size() < 9; k++) {
            classes.add("defect " + k);
        }
        show(root, list, classes, reqs.stream().map(CategoryInspection.CategoryRequest::name).toList(),
                reqs.size() + " categories: " + String.join(", ", reqs.stream()
                        .map(CategoryInspection.CategoryRequest::name).toList()));
    }

    /** Puts a read folder on the page: its queue, classes, categories, decisions. */
    private void show(Path root, List<InspectionItem> list, List<String> classes, List<String> categories,
            String what) throws IOException {
        model.defectClasses().setAll(classes);
        clearRun();
        model.categoryFilterProperty().set(null);
        model.categories().setAll(categories);
        model.thresholdProperty().set(Double.NaN);
        thresholdByUser = false;
        model.items().setAll(list);
        model.setFolder(root);
        openLog(root);
        recount();
        model.currentProperty().set(model.queue().isEmpty() ? null : model.queue().get(0));
        model.setStatus(String.format(Locale.ROOT, "%s: %d images (%s)%s", root.getFileName(), list.size(), what,
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
        Device device = workbench.devices().device();
        List<InspectionItem> items = List.copyOf(model.items());
        if (categoryRoot != null) {
            // a refiner is trained on one category's normal images, so one file cannot serve them all
            if (model.refinerProperty().get() != null) {
                warnings.add("the refiner is not used for a run over several categories (each needs its own)");
            }
            runCategories(backbone, device, items);
            return true;
        }
        NormalImages normals = NormalImages.choose(model.prompts(), List.of(), train, model.prompts().size());
        InspectionRequest req = new InspectionRequest(backbone, model.prompts(), normals.calibration(), targets,
                options());
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

            @Override
            public void warning(String message) {
                LOG.warning(message);
                Platform.runLater(() -> warnings.add(message));
            }
        };
        model.setRunning(true);
        model.setStatus("Inspecting " + items.size() + " images…");
        Task<RunResult> task = workbench.tasks().submit("Anomaly inspection", service.inspection(req, device, listener,
                        model.refinerProperty().get(), model.refinerModeProperty().get()),
                r -> finished(items, r),
                e -> {
                    LOG.log(Level.WARNING, "Inspection failed: " + e.getMessage(), e);
                    model.setStatus("Inspection failed: " + e.getMessage());
                });
        watch(task);
        return true;
    }

    /** The request options: the page's input size, scorer and k. */
    InspectionRequest.Options options() {
        return InspectionRequest.Options.defaults().withInputSize(model.inputSizeProperty().get())
                .withSettings(AnomalyInspector.Settings.defaults().withMethod(model.methodProperty().get())
                        .withNeighbours(Math.max(1, model.neighboursProperty().get())));
    }

    /**
     * Every category in turn, each against its own prompt and normaliser. The queue shows scores on the
     * common scale ({@link CategoryInspection#commonScale}: 0.5 is each category's own threshold), so one
     * threshold and one sort serve all categories; a result waits for its category's normaliser.
     */
    private void runCategories(Path backbone, Device device, List<InspectionItem> items) {
        List<CategoryInspection.CategoryRequest> reqs = CategoryInspection.requests(categoryRoot, backbone, 1,
                options());
        categoryRuns.clear();
        categoryPrompts.clear();
        int[] offsets = new int[reqs.size()];
        for (int c = 1; c < reqs.size(); c++) {
            offsets[c] = offsets[c - 1] + reqs.get(c - 1).request().targets().size();
        }
        applyNormalizer(items, CategoryInspection.COMMON);
        CategoryInspection.Listener listener = (c, req) -> {
            ImageResult[] raw = new ImageResult[req.request().targets().size()];
            Normalizer[] norm = new Normalizer[1];
            int off = offsets[c];
            return new InspectionListener() {
                @Override
                public void prompts(PromptSet p) {
                    Platform.runLater(() -> {
                        categoryPrompts.put(req.name(), p);
                        InspectionItem cur = model.current();
                        if (model.promptSetProperty().get() == null || cur != null && req.name().equals(cur.category())) {
                            usePrompts(p);
                        }
                    });
                }

                @Override
                public void scored(int index, ImageResult r) {
                    Platform.runLater(() -> {
                        raw[index] = r;
                        if (norm[0] != null) {
                            applyResult(items, off + index, CategoryInspection.onCommonScale(r, norm[0]));
                        }
                    });
                }

                @Override
                public void failed(ImageFailure f) {
                    Platform.runLater(() -> applyFailure(items, f.role() == ImageFailure.Role.TARGET
                            ? new ImageFailure(f.role(), off + f.index(), f.name(), f.file(), f.reason()) : f));
                }

                @Override
                public void normalizer(Normalizer n, boolean provisional) {
                    Platform.runLater(() -> {
                        norm[0] = n;
                        for (int i = 0; i < raw.length; i++) {
                            if (raw[i] != null) {
                                applyResult(items, off + i, CategoryInspection.onCommonScale(raw[i], n));
                            }
                        }
                    });
                }
            };
        };
        model.setRunning(true);
        model.setStatus("Inspecting " + items.size() + " images in " + reqs.size() + " categories…");
        watch(workbench.tasks().submit("Anomaly inspection (" + reqs.size() + " categories)",
                service.categoryInspection(reqs, device, listener), r -> finishedCategories(items, r),
                e -> {
                    LOG.log(Level.WARNING, "Inspection failed: " + e.getMessage(), e);
                    model.setStatus("Inspection failed: " + e.getMessage());
                }));
    }

    private void finishedCategories(List<InspectionItem> items, InspectionService.CategoryRun run) {
        if (!model.items().equals(items) && !model.items().isEmpty() || run.combined() == null) {
            return;
        }
        RunResult all = run.combined();
        for (CategoryInspection.CategoryResult c : run.result().categories()) {
            categoryRuns.put(c.name(), c.run());
        }
        for (int i = 0; i < items.size(); i++) {
            if (all.results().get(i) != null) {
                items.get(i).setResult(all.results().get(i));
            }
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (InspectionItem it : items) {
            if (!Double.isNaN(it.score())) {
                lo = Math.min(lo, it.score());
                hi = Math.max(hi, it.score());
            }
        }
        if (lo <= hi) {
            model.setScoreRange(lo, hi);
        }
        if (all.normalizer() != null) {
            applyNormalizer(items, all.normalizer());
        }
        finished(items, all);
        model.setStatus(model.statusProperty().get() + " — " + run.result().categories().size()
                + " categories, each by its own threshold (0.5 on the common scale)");
    }

    private void watch(Task<?> task) {
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
    }

    public void cancel() {
        if (runTask != null && runTask.isRunning()) {
            runTask.cancel();
        }
    }

    private void clearRun() {
        warnings.clear();
        for (InspectionItem it : model.items()) {
            it.setResult(null);
            it.setFailure(null);
        }
        model.failures().clear();
        categoryRuns.clear();
        categoryPrompts.clear();
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
        showMetrics();
        if (!userMoved && !model.queue().isEmpty()) {
            model.currentProperty().set(model.queue().get(0));
        }
        int failed = r.targetFailures().size();
        model.setStatus(String.format(Locale.ROOT, "%d images, %d flagged, %.0f ms/image%s — %s",
                model.scoredCountProperty().get(), model.flaggedCountProperty().get(), r.msPerImage(),
                failed == 0 ? "" : "; " + failed + " could not be read: " + r.targetFailures().get(0).reason()
                        + (failed > 1 ? " …" : ""),
                r.description()) + (warnings.isEmpty() ? "" : " — warning: " + String.join("; ", warnings)));
    }

    /** The metrics of the run shown: the category chosen in the filter, else the whole run. */
    private void showMetrics() {
        RunResult all = model.lastRunProperty().get();
        String cat = model.categoryFilterProperty().get();
        RunResult r = cat != null && categoryRuns.containsKey(cat) ? categoryRuns.get(cat) : all;
        if (r == null) {
            return;
        }
        try {
            model.setMetrics(MetricsCalculator.compute(r));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Metrics failed: " + e.getMessage(), e);
        }
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
        boolean flagged = model.flaggedOnlyProperty().get();
        String cat = model.categoryFilterProperty().get();
        model.filtered().setPredicate(!flagged && cat == null ? null
                : it -> (!flagged || it.flagged(t)) && (cat == null || cat.equals(it.category())));
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
