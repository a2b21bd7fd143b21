package org.attentionworkbench.app.depth360;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.attentionworkbench.app.tasks.Work;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.models.depth.DepthKind;
import org.attentionworkbench.compute.models.omnifusion.OmniFusion;
import org.attentionworkbench.compute.models.omnifusion.OmniFusionProgress;
import org.attentionworkbench.compute.panorama.Equirect;
import org.attentionworkbench.compute.panorama.TangentLayout;
import org.attentionworkbench.compute.panorama.TangentPatch;
import org.attentionworkbench.compute.panorama.align.AlignmentSettings;
import org.attentionworkbench.compute.panorama.depth.ModelPatchEstimator;
import org.attentionworkbench.compute.panorama.depth.PanoramaDepthListener;
import org.attentionworkbench.compute.panorama.depth.PanoramaDepthPipeline;
import org.attentionworkbench.compute.panorama.depth.PanoramaDepthRequest;
import org.attentionworkbench.compute.panorama.depth.PanoramaDepthResult;
import org.attentionworkbench.compute.panorama.depth.PanoramaLayouts;
import org.attentionworkbench.compute.panorama.depth.PatchDepth;
import org.attentionworkbench.compute.panorama.depth.PatchDepthEstimator;
import org.attentionworkbench.compute.panorama.depth.PatchDepthEstimators;
import org.attentionworkbench.compute.panorama.depth.SimulatedPatchModel;
import org.attentionworkbench.compute.tensor.Device;

/**
 * One depth run of the 360° page, without UI, on a worker thread: the panorama resampled into
 * {@link Equirect}'s grid at the settings' width, then the tangent-patch pipeline (simulated or Depth
 * Anything per patch) or OmniFusion's network on the whole panorama (as {@code panorama-eval} runs them).
 */
public final class DepthRunService {
    private DepthRunService() {}

    /** Told each patch's raw depth as the model gives it (on the worker thread). */
    @FunctionalInterface
    public interface PatchListener {
        void patchDone(int index, TangentPatch patch, PatchDepth depth);
    }

    /** The layout a run uses (null for OmniFusion, which has its own). */
    public static TangentLayout layout(DepthRunSettings s) {
        return s.model().kind() == DepthModelChoice.Kind.OMNIFUSION ? null
                : PanoramaLayouts.named(s.layout(), s.width(), Double.NaN, s.patchSize());
    }

    /**
     * @param device where a checkpoint runs (unused by the simulated model; may then be null)
     * @param patchDone told each patch as its depth is in (on the worker thread)
     * @throws CancellationException when {@code progress} says cancelled
     */
    public static PanoramaDepth run(LoadedPanorama panorama, DepthRunSettings s, Device device, Work.Progress progress,
            PatchListener patchDone) throws Exception {
        DepthModelChoice m = s.model();
        if (m.kind() != DepthModelChoice.Kind.SIMULATED && device == null) {
            throw new IllegalStateException("no compute device is open yet: wait for it (status bar) and run again");
        }
        progress.message("Resampling " + panorama.displayName() + " to " + s.width() + "×" + s.height());
        RgbImage erp = panorama.toEquirect(s.width(), s.height());
        if (m.kind() == DepthModelChoice.Kind.OMNIFUSION) {
            return omniFusion(m, erp, device, progress);
        }
        Equirect grid = new Equirect(s.width(), s.height());
        TangentLayout layout = layout(s);
        if (m.kind() == DepthModelChoice.Kind.SIMULATED) {
            float[] truth = panorama.knownDepthOnEquirect(s.width(), s.height());
            if (truth == null) {
                throw new IllegalStateException("the simulated model needs a panorama whose depth is known "
                        + "(the sample room); " + panorama.displayName() + " has none");
            }
            return pipeline(m, erp, grid, layout, s, new SimulatedPatchModel(truth, grid, s.seed(),
                    SimulatedPatchModel.DEFAULT_NOISE), progress, patchDone);
        }
        try (ModelPatchEstimator estimator = PatchDepthEstimators.open(m.path(), device)) {
            return pipeline(m, erp, grid, layout, s, estimator, progress, patchDone);
        }
    }

    private static PanoramaDepth pipeline(DepthModelChoice m, RgbImage erp, Equirect grid, TangentLayout layout,
            DepthRunSettings s, PatchDepthEstimator estimator, Work.Progress progress, PatchListener patchDone)
            throws Exception {
        int steps = layout.size() + 2;
        PanoramaDepthListener listener = new PanoramaDepthListener() {
            @Override
            public void patchEstimated(int index, int total, TangentPatch patch, PatchDepth depth) {
                progress.update(index + 1, steps);
                progress.message(String.format(Locale.ROOT, "Depth: patch %d of %d", index + 1, total));
                patchDone.patchDone(index, patch, depth);
            }

            @Override
            public void stage(String name) {
                if (name.equals("align")) {
                    progress.update(layout.size(), steps);
                    progress.message("Depth: aligning the patches (" + s.alignment().name().toLowerCase(Locale.ROOT) + ")");
                } else if (name.equals("blend")) {
                    progress.update(layout.size() + 1, steps);
                    progress.message("Depth: blending (" + s.blend().name().toLowerCase(Locale.ROOT) + ")");
                }
            }

            @Override
            public boolean cancelled() {
                return progress.isCancelled() || Thread.currentThread().isInterrupted();
            }
        };
        PanoramaDepthRequest request = new PanoramaDepthRequest(PanoramaDepthRequest.chw(erp), grid, layout,
                AlignmentSettings.of(s.alignment()), s.blend());
        PanoramaDepthResult r = PanoramaDepthPipeline.run(request, estimator, listener);
        progress.update(steps, steps);
        boolean metric = !r.patches().isEmpty() && r.patches().get(0).kind() == DepthKind.METRIC_METRES;
        return new PanoramaDepth(grid, r.depth(), r.weight(), metric, m.label(), layout, r.millis());
    }

    private static PanoramaDepth omniFusion(DepthModelChoice m, RgbImage erp, Device device, Work.Progress progress) {
        long t0 = System.nanoTime();
        try (OmniFusion net = OmniFusion.open(m.path(), device)) {
            float[] depth = net.predictOnImage(erp, new OmniFusionProgress() {
                @Override
                public void progress(double fraction, String stage) {
                    progress.update(fraction, 1);
                    progress.message("OmniFusion: " + stage);
                }

                @Override
                public boolean cancelled() {
                    return progress.isCancelled() || Thread.currentThread().isInterrupted();
                }
            });
            if (progress.isCancelled()) {
                throw new CancellationException("OmniFusion cancelled");
            }
            Equirect grid = new Equirect(erp.width(), erp.height());
            float[] weight = new float[depth.length];
            Arrays.fill(weight, 1);
            return new PanoramaDepth(grid, depth, weight, true, m.label(), null, (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
