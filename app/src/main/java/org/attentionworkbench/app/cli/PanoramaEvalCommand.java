package org.attentionworkbench.app.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import org.attentionworkbench.compute.depth.metrics.Alignment;
import org.attentionworkbench.compute.depth.metrics.DepthMetrics;
import org.attentionworkbench.compute.depth.metrics.DepthMetricsJson;
import org.attentionworkbench.compute.depth.metrics.DepthScores;
import org.attentionworkbench.compute.depth.metrics.ValidRange;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.io.NpyArray;
import org.attentionworkbench.compute.models.depth.DepthKind;
import org.attentionworkbench.compute.models.omnifusion.OmniFusion;
import org.attentionworkbench.compute.models.omnifusion.OmniFusionConfig;
import org.attentionworkbench.compute.models.omnifusion.OmniFusionProgress;
import org.attentionworkbench.compute.panorama.Blend;
import org.attentionworkbench.compute.panorama.Equirect;
import org.attentionworkbench.compute.panorama.TangentLayout;
import org.attentionworkbench.compute.panorama.TangentPatch;
import org.attentionworkbench.compute.panorama.align.AlignmentMethod;
import org.attentionworkbench.compute.panorama.align.AlignmentSettings;
import org.attentionworkbench.compute.panorama.depth.PanoramaDepthListener;
import org.attentionworkbench.compute.panorama.depth.PanoramaDepthPipeline;
import org.attentionworkbench.compute.panorama.depth.PanoramaDepthRequest;
import org.attentionworkbench.compute.panorama.depth.PanoramaDepthResult;
import org.attentionworkbench.compute.panorama.depth.PanoramaLayouts;
import org.attentionworkbench.compute.panorama.depth.PatchDepth;
import org.attentionworkbench.compute.panorama.depth.PatchDepthEstimator;
import org.attentionworkbench.compute.panorama.depth.PatchDepthEstimators;
import org.attentionworkbench.compute.panorama.depth.ModelPatchEstimator;
import org.attentionworkbench.compute.panorama.depth.SimulatedPatchModel;
import org.attentionworkbench.compute.tensor.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workbench panorama-eval --image ERP --depth GT.npy --model simulated|CKPT --out metrics.json}: the
 * 360° depth pipeline ({@link PanoramaDepthPipeline}) on one panorama, scored against its ground truth.
 */
@Command(name = "panorama-eval", description = {"360° depth on one panorama, scored against ground truth.",
        "Tangent patches -> per-patch depth -> alignment -> blending -> AbsRel, RMSE, delta... in --out.",
        "The image and the depth (float [H, W] radial metres, 0 = no ground truth) use the pipeline's ERP grid:",
        "column 0 and W-1 at -180/+180 deg, row 0 looking up ('workbench sample-room' writes such a pair).",
        "Progress on stderr."})
public final class PanoramaEvalCommand extends CliCommand {
    @Option(names = "--image", required = true, paramLabel = "ERP", description = "Equirectangular panorama (PNG, JPEG).")
    private Path image;

    @Option(names = "--depth", required = true, paramLabel = "GT.npy", description = "Ground-truth radial depth.")
    private Path depth;

    @Option(names = "--model", required = true, paramLabel = "simulated|CKPT",
            description = "'simulated' (the ground truth with a random affine and noise per patch) or a depth checkpoint.")
    private String model;

    @Option(names = "--layout", paramLabel = "NAME", defaultValue = "18", completionCandidates = Layouts.class,
            description = "Tangent patches: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    private String layoutName;

    @Option(names = "--fov", paramLabel = "DEG", description = "OmniFusion FOV (default 80, 120 for layout 10).")
    private Double fov;

    @Option(names = "--patch-size", paramLabel = "PX", defaultValue = "0",
            description = "Patch width (default: panorama width / 4; ico20 width * 400 / 2048).")
    private int patchSize;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the simulated model.")
    private long seed;

    @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "0.01",
            description = "Relative noise of the simulated model (default ${DEFAULT-VALUE}).")
    private double noise;

    @Option(names = "--alignment", paramLabel = "none|affine|grid", defaultValue = "grid",
            description = "Per-patch alignment (default ${DEFAULT-VALUE}).")
    private String alignment;

    @Option(names = "--blend", paramLabel = "mean|frustum|poisson", defaultValue = "poisson",
            description = "Blending of the patches (default ${DEFAULT-VALUE}).")
    private String blend;

    @Option(names = "--score-alignment", paramLabel = "auto|none|median|lsq|lsq-inverse", defaultValue = "auto",
            description = "Global alignment before scoring (default ${DEFAULT-VALUE}: median scale for relative models, "
                    + "none for metric ones).")
    private String scoreAlignment;

    @Option(names = "--out", required = true, paramLabel = "metrics.json", description = "The metrics file.")
    private Path out;

    @Option(names = "--save-depth", paramLabel = "DEPTH.npy", description = "Also write the predicted depth (float32 [H, W]).")
    private Path saveDepth;

    static final class Layouts extends java.util.ArrayList<String> {
        Layouts() {
            super(PanoramaLayouts.NAMES);
        }
    }

    @Override
    protected int run(CliContext context) throws Exception {
        if (!PanoramaLayouts.NAMES.contains(layoutName)) {
            throw new UsageException("--layout must be one of " + String.join(", ", PanoramaLayouts.NAMES)
                    + ", not '" + layoutName + "'");
        }
        AlignmentMethod method = parse(AlignmentMethod.class, alignment, "--alignment");
        Blend blendMethod = parse(Blend.class, blend, "--blend");
        if (!scoreAlignment.equals("auto")) {
            parseScoring(scoreAlignment);
        }
        if (!(noise >= 0 && noise < 1)) {
            throw new UsageException("--noise must be in [0, 1)");
        }
        RgbImage rgb = ImageFiles.read(image);
        float[] gt = readDepth(depth, rgb.width(), rgb.height());
        Equirect grid = new Equirect(rgb.width(), rgb.height());
        TangentLayout layout = PanoramaLayouts.named(layoutName, rgb.width(), fov == null ? Double.NaN : fov, patchSize);
        Outcome o;
        if (model.equals("simulated")) {
            o = runPipeline(context, rgb, layout, method, blendMethod, new SimulatedPatchModel(gt, grid, seed, noise));
        } else {
            Path ckpt = Path.of(model);
            Devices.Selection sel = Devices.open(context.deviceSelector());
            try (Device device = sel.device()) {
                context.err().println("device: " + device.info().label() + " (" + sel.note() + ")");
                if (OmniFusion.recognises(ckpt)) {
                    o = runOmniFusion(context, ckpt, device, rgb);
                } else {
                    try (ModelPatchEstimator estimator = PatchDepthEstimators.open(ckpt, device)) {
                        o = runPipeline(context, rgb, layout, method, blendMethod, estimator);
                    }
                }
            }
        }
        Alignment scoring = scoreAlignment.equals("auto") ? (o.metric() ? Alignment.NONE : Alignment.MEDIAN)
                : parseScoring(scoreAlignment);
        DepthScores s = DepthMetrics.evaluate(o.depth(), gt, o.covered(), ValidRange.ANY, scoring);
        JsonObject doc = DepthMetricsJson.toJson(s);
        doc.addProperty("model", model);
        doc.addProperty("score_alignment", scoring.name().toLowerCase(Locale.ROOT));
        o.details().entrySet().forEach(e -> doc.add(e.getKey(), e.getValue()));
        if (model.equals("simulated")) {
            doc.addProperty("seed", seed);
            doc.addProperty("noise", noise);
        }
        doc.addProperty("covered_fraction", o.coveredFraction());
        doc.addProperty("millis", o.millis());
        writeAtomically(out, new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create()
                .toJson(doc) + "\n");
        if (saveDepth != null) {
            Path tmp = Files.createTempFile(saveDepth.toAbsolutePath().getParent(), ".depth", ".npy");
            try {
                Npy.writeFloat32(tmp, o.depth(), rgb.height(), rgb.width());
                Files.move(tmp, saveDepth, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        context.out().printf(Locale.ROOT, "AbsRel %.4f  SqRel %.4f  RMSE %.4f  RMSE_log %.4f  d1 %.4f  d2 %.4f  d3 %.4f"
                + "  (%d px, %.1f %% covered, %.1f s)%n", s.absRel(), s.sqRel(), s.rmse(), s.rmseLog(), s.delta1(),
                s.delta2(), s.delta3(), s.validPixels(), 100 * o.coveredFraction(), o.millis() / 1000.0);
        context.err().println("wrote " + out + (saveDepth == null ? "" : " and " + saveDepth));
        return 0;
    }

    /** What one model run gave: radial depth on the image's ERP grid, where it is defined, and what to report. */
    private record Outcome(float[] depth, boolean[] covered, double coveredFraction, boolean metric, long millis,
            JsonObject details) {}

    /** The tangent-patch pipeline with a per-patch model (simulated or a perspective checkpoint). */
    private Outcome runPipeline(CliContext context, RgbImage rgb, TangentLayout layout, AlignmentMethod method,
            Blend blendMethod, PatchDepthEstimator estimator) throws Exception {
        long t0 = System.nanoTime();
        PanoramaDepthListener progress = new PanoramaDepthListener() {
            @Override
            public void patchEstimated(int index, int total, TangentPatch patch, PatchDepth d) {
                context.err().printf(Locale.ROOT, "patch %d/%d%n", index + 1, total);
            }

            @Override
            public void stage(String stage) {
                context.err().printf(Locale.ROOT, "%s… (at %.1f s)%n", stage, (System.nanoTime() - t0) / 1e9);
            }

            @Override
            public boolean cancelled() {
                return Thread.currentThread().isInterrupted();
            }
        };
        context.err().printf(Locale.ROOT, "%s: %d×%d, %s, alignment %s, blend %s%n", image.getFileName(), rgb.width(),
                rgb.height(), layout, name(method), name(blendMethod));
        PanoramaDepthResult result = PanoramaDepthPipeline.run(
                PanoramaDepthRequest.of(rgb, layout, AlignmentSettings.of(method), blendMethod), estimator, progress);
        JsonObject details = new JsonObject();
        details.addProperty("layout", layoutName);
        details.addProperty("patches", layout.size());
        details.addProperty("layout_detail", layout.toString());
        details.addProperty("patch_alignment", name(method));
        details.addProperty("blend", name(blendMethod));
        details.addProperty("patch_mismatch_before", result.alignment().rmsMismatchBefore());
        details.addProperty("patch_mismatch_after", result.alignment().rmsMismatchAfter());
        details.addProperty("correspondences", result.alignment().correspondences());
        details.addProperty("alignment_iterations", result.alignment().iterations());
        boolean metric = !result.patches().isEmpty() && result.patches().get(0).kind() == DepthKind.METRIC_METRES;
        return new Outcome(result.depth(), result.covered(), result.coveredFraction(), metric, result.millis(), details);
    }

    /**
     * OmniFusion's own network on the whole panorama (its layout, FOV and resolution come from the
     * checkpoint; --layout does not apply): metres at its input size, resampled to the image's grid.
     */
    private Outcome runOmniFusion(CliContext context, Path ckpt, Device device, RgbImage rgb) {
        long t0 = System.nanoTime();
        try (OmniFusion net = OmniFusion.open(ckpt, device)) {
            OmniFusionConfig c = net.config();
            int w = OmniFusion.INPUT_WIDTH;
            int h = w / 2;
            context.err().printf(Locale.ROOT, "%s: OmniFusion, %d patches of %d², FOV %.0f, %d iterations, input %d×%d%n",
                    ckpt.getFileName(), c.patches(), c.patchSize(), c.fovDegrees(), c.iterations(), w, h);
            float[] depthOnImage = net.predictOnImage(rgb, new OmniFusionProgress() {
                @Override
                public void progress(double fraction, String stage) {
                    context.err().printf(Locale.ROOT, "%3.0f %% %s%n", 100 * fraction, stage);
                }

                @Override
                public boolean cancelled() {
                    return Thread.currentThread().isInterrupted();
                }
            });
            boolean[] covered = new boolean[depthOnImage.length];
            Arrays.fill(covered, true);
            JsonObject details = new JsonObject();
            details.addProperty("network", "omnifusion");
            details.addProperty("patches", c.patches());
            details.addProperty("patch_size", c.patchSize());
            details.addProperty("fov", c.fovDegrees());
            details.addProperty("iterations", c.iterations());
            details.addProperty("network_input", w + "x" + h);
            return new Outcome(depthOnImage, covered, 1.0, true, (System.nanoTime() - t0) / 1_000_000, details);
        }
    }

    private static Alignment parseScoring(String value) throws UsageException {
        return switch (value) {
            case "none" -> Alignment.NONE;
            case "median" -> Alignment.MEDIAN;
            case "lsq" -> Alignment.LEAST_SQUARES_DEPTH;
            case "lsq-inverse" -> Alignment.LEAST_SQUARES_INVERSE;
            default -> throw new UsageException("--score-alignment must be auto, none, median, lsq or lsq-inverse");
        };
    }

    /** The ground truth: float [H, W] (or [1, H, W]) matching the image; every problem names the file. */
    static float[] readDepth(Path file, int width, int height) throws IOException {
        NpyArray a = Npy.read(file);
        int[] shape = a.shape();
        boolean ok = shape.length == 2 || shape.length == 3 && shape[0] == 1;
        if (!ok || shape[shape.length - 2] != height || shape[shape.length - 1] != width) {
            throw new IOException(file + ": depth has shape " + Arrays.toString(shape) + ", the image is " + height
                    + "×" + width + " (expected [" + height + ", " + width + "])");
        }
        return a.toFloats();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String option) throws UsageException {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new UsageException(option + " must be one of " + String.join(", ",
                Arrays.stream(type.getEnumConstants()).map(PanoramaEvalCommand::name).toList()) + ", not '" + value + "'");
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Writes through a temporary file, so an interrupted run never leaves half a metrics file. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".metrics", ".json");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
