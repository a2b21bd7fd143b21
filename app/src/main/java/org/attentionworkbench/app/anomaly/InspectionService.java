package org.attentionworkbench.app.anomaly;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.attentionworkbench.app.tasks.Work;
import org.attentionworkbench.compute.anomaly.PatchFeatures;
import org.attentionworkbench.compute.anomaly.FeatureExtractor;
import org.attentionworkbench.compute.anomaly.data.CategoryFolders;
import org.attentionworkbench.compute.anomaly.pipeline.Backbones;
import org.attentionworkbench.compute.anomaly.pipeline.CategoryInspection;
import org.attentionworkbench.compute.anomaly.pipeline.ImageFailure;
import org.attentionworkbench.compute.anomaly.pipeline.ImageResult;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionInputs;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionListener;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionPipeline;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionRequest;
import org.attentionworkbench.compute.anomaly.pipeline.PromptSet;
import org.attentionworkbench.compute.anomaly.pipeline.RunResult;
import org.attentionworkbench.compute.anomaly.refiner.OneNipRefiner;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.models.catalog.ModelCache;

/**
 * The Anomaly page's work off the FX thread, no UI: reading a folder, the inspection run (the
 * {@link InspectionPipeline} the {@code anomaly} command runs too) as a background {@link Work}, the
 * decision log's files, and the prompt-match lane (one thread that owns the {@link PromptMatcher}).
 * {@link #close} stops the lane and frees the matcher.
 */
public final class InspectionService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(InspectionService.class.getName());

    private final ExecutorService matchLane = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "anomaly-prompt-match");
        t.setDaemon(true);
        return t;
    });
    private PromptMatcher matcher; // confined to matchLane
    private volatile boolean closed;

    /** The folder's images and training split (any supported layout); names are relative to it. */
    public InspectionInputs readFolder(Path root) throws IOException {
        return InspectionInputs.open(List.of(root));
    }

    /**
     * The decision log of {@code root}: in {@code override} when the user chose a folder, else beside
     * the images when writable, else in the user's cache.
     */
    public DecisionLog openLog(Path root, Path override) throws IOException {
        if (override != null) {
            return DecisionLog.open(override, override);
        }
        Path fallback = ModelCache.defaultDir().resolve("decisions")
                .resolve(ModelCache.safeId(root.getFileName() + "-" + Integer.toHexString(root.hashCode())));
        return DecisionLog.open(root, fallback);
    }

    /** The run as background work: progress per image, the stage as its message, cancel between images. */
    public Work<RunResult> inspection(InspectionRequest req, Device device, InspectionListener listener) {
        return inspection(req, device, listener, null, OneNipRefiner.Mode.ADD);
    }

    /**
     * The same with a trained refiner file (null: none), read inside the work: a file that is not a refiner,
     * or one trained on features of another size, fails the run with a message naming it.
     */
    public Work<RunResult> inspection(InspectionRequest req, Device device, InspectionListener listener, Path refiner,
            OneNipRefiner.Mode mode) {
        return progress -> InspectionPipeline.run(req, device, withProgress(listener, progress, new int[1],
                req.targets().size()), progress::isCancelled,
                refiner == null ? null : OneNipRefiner.load(refiner, device, mode));
    }

    /** Is a folder whose subfolders are category datasets (an MVTec AD root)? */
    public boolean isCategoryRoot(Path root) throws IOException {
        return CategoryFolders.isCategoryRoot(root);
    }

    public CategoryFolders.Root readCategories(Path root) throws IOException {
        return CategoryFolders.open(root, java.util.Set.of());
    }

    /** A run over several categories and the combined view of it (null when none ran). */
    public record CategoryRun(CategoryInspection.Result result, RunResult combined) {}

    /** Every category in turn on one backbone, as background work; progress over all their images. */
    public Work<CategoryRun> categoryInspection(List<CategoryInspection.CategoryRequest> reqs, Device device,
            CategoryInspection.Listener listener) {
        return progress -> {
            int n = reqs.stream().mapToInt(c -> c.request().targets().size()).sum();
            int[] done = {0};
            InspectionRequest.Options o = reqs.get(0).request().options();
            try (FeatureExtractor fx = Backbones.open(reqs.get(0).request().backbone(), device, o.inputSize(), o.taps(),
                    o.relu6())) {
                CategoryInspection.Result r = CategoryInspection.run(reqs, fx,
                        (c, req) -> withProgress(listener.category(c, req), progress, done, n), progress::isCancelled);
                return new CategoryRun(r, r.categories().isEmpty() ? null : CategoryInspection.combined(r));
            }
        };
    }

    private static InspectionListener withProgress(InspectionListener listener, Work.Progress progress, int[] done,
            int n) {
        return new InspectionListener() {
            @Override
            public void stage(String message) {
                progress.message(message);
            }

            @Override
            public void warning(String message) {
                listener.warning(message);
            }

            @Override
            public void prompts(PromptSet prompts) {
                listener.prompts(prompts);
            }

            @Override
            public void scored(int index, ImageResult result) {
                listener.scored(index, result);
                progress.update(++done[0], n);
            }

            @Override
            public void failed(ImageFailure failure) {
                listener.failed(failure);
                if (failure.role() == ImageFailure.Role.TARGET) {
                    progress.update(++done[0], n);
                }
            }

            @Override
            public void normalizer(org.attentionworkbench.compute.anomaly.Normalizer normalizer,
                    boolean provisional) {
                listener.normalizer(normalizer, provisional);
            }
        };
    }

    // ---- the prompt-match lane --------------------------------------------------------------------

    /** From now on matches are against {@code prompts}. */
    public void usePrompts(PromptSet prompts) {
        submit(() -> {
            if (matcher != null) {
                matcher.close();
            }
            matcher = new PromptMatcher(prompts);
        });
    }

    /**
     * Looks up where {@code patch} of {@code target} matched, on the lane; {@code stillWanted} is checked
     * first (a newer hover makes an older one moot) and the answer goes to {@code done} on the lane.
     */
    public void match(PatchFeatures target, int patch, java.util.function.BooleanSupplier stillWanted,
            Consumer<PromptMatch> done) {
        submit(() -> {
            if (matcher == null || !stillWanted.getAsBoolean()) {
                return;
            }
            try {
                done.accept(matcher.match(target, patch));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Prompt match failed: " + e.getMessage(), e);
            }
        });
    }

    private void submit(Runnable r) {
        if (!closed) {
            matchLane.execute(r);
        }
    }

    /** Frees the matcher and stops the lane (waits briefly for a match in progress). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        matchLane.execute(() -> {
            if (matcher != null) {
                matcher.close();
                matcher = null;
            }
        });
        matchLane.shutdown();
        try {
            matchLane.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once closed (for tests). */
    public boolean isClosed() {
        return closed && matchLane.isTerminated();
    }
}
