package org.attentionworkbench.app.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.attentionworkbench.compute.depth.DepthClouds;
import org.attentionworkbench.compute.depth.DepthFiles;
import org.attentionworkbench.compute.depth.metrics.Alignment;
import org.attentionworkbench.compute.depth.metrics.DepthMetrics;
import org.attentionworkbench.compute.depth.metrics.DepthMetricsJson;
import org.attentionworkbench.compute.depth.metrics.DepthScores;
import org.attentionworkbench.compute.depth.metrics.ValidRange;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.PngWriter;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.models.depth.DepthKind;
import org.attentionworkbench.compute.models.depth.DepthMap;
import org.attentionworkbench.compute.models.depth.DepthModel;
import org.attentionworkbench.compute.models.depth.DepthModels;
import org.attentionworkbench.compute.models.omnifusion.OmniFusion;
import org.attentionworkbench.compute.models.omnifusion.OmniFusionConfig;
import org.attentionworkbench.compute.models.omnifusion.OmniFusionProgress;
import org.attentionworkbench.compute.panorama.Blend;
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
import org.attentionworkbench.compute.panorama.depth.PatchDepthEstimators;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointClouds;
import org.attentionworkbench.compute.pointcloud.attention.DepthToCloud;
import org.attentionworkbench.compute.tensor.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workbench depth --model CKPT --image IMG [--panorama [--layout 18]] [--fov DEG] [--scale M] [--stride N]
 * [--gt GT.npy] --out DIR}: a monocular depth model on one photo → {@code depth.npy}, {@code depth.png},
 * {@code cloud.ply} (and {@code metrics.json} with {@code --gt}); the same compute code as the GUI's
 * "Depth → 3D". With {@code --panorama} the image is an equirectangular panorama: the model runs on its
 * tangent patches through {@link PanoramaDepthPipeline} (grid alignment, Poisson blending, as
 * panorama-eval's defaults) and the outputs are radial depth on the ERP grid.
 */
@Command(name = "depth", description = {"Monocular depth of a photo: depth map, 16-bit PNG, coloured point cloud.",
        "Writes depth.npy (float32 [H, W], the model's values at the image's resolution: metres for metric models, "
                + "relative inverse depth otherwise), depth.png (16-bit: millimetres, or disparity / max × 65535), "
                + "cloud.ply (coloured, binary) and, with --gt, metrics.json.",
        "--panorama: the image is an equirectangular panorama; depth.npy is radial depth (metres, or one arbitrary "
                + "scale for relative models; 0 where no patch saw), the cloud is centred on the camera (x east, "
                + "y north, z up)."})
public final class DepthCommand extends CliCommand {
    @Option(names = "--model", required = true, paramLabel = "CKPT", description = {"A Depth Anything V2 checkpoint: "
            + "an HF folder (model.safetensors + config.json), its model.safetensors, an original "
            + "depth_anything_v2_*.pth, or the id of an installed catalog model (e.g. depth-anything-v2-small-hf)."})
    private String model;

    @Option(names = "--image", required = true, paramLabel = "IMG", description = "The photo (PNG, JPEG, ...).")
    private Path image;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    private Path out;

    @Option(names = "--panorama", description = "The image is an equirectangular 360° panorama (tangent patches).")
    private boolean panorama;

    @Option(names = "--layout", paramLabel = "NAME", defaultValue = "18", completionCandidates = Layouts.class,
            description = "With --panorama, the tangent patches: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    private String layoutName;

    static final class Layouts extends java.util.ArrayList<String> {
        Layouts() {
            super(PanoramaLayouts.NAMES);
        }
    }

    @Option(names = "--fov", paramLabel = "DEG", defaultValue = "60",
            description = "Horizontal field of view of the camera, for the point cloud (default ${DEFAULT-VALUE}).")
    private double fov;

    @Option(names = "--scale", paramLabel = "M", defaultValue = "1", description = "Relative models: metres of the "
            + "nearest pixel in the cloud, or with --panorama the median distance (the shape is relative, not "
            + "measured; default ${DEFAULT-VALUE}).")
    private double scale;

    @Option(names = "--stride", paramLabel = "N", defaultValue = "1", description = "One point every N pixels.")
    private int stride;

    @Option(names = "--gt", paramLabel = "GT.npy", description = "Ground-truth depth in metres (float [H, W], the "
            + "image's size; radial with --panorama): writes metrics.json (relative models aligned first: least "
            + "squares in inverse depth, with --panorama median scale; metric ones not at all).")
    private Path gt;

    @Override
    protected int run(CliContext context) throws Exception {
        PrintStream err = context.err();
        DepthClouds.Settings settings;
        try {
            settings = DepthClouds.Settings.defaults().withFov(fov).withRelativeScale(scale).withStride(stride);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--fov, --scale, --stride: " + e.getMessage());
        }
        if (panorama && !PanoramaLayouts.NAMES.contains(layoutName)) {
            throw new UsageException("--layout must be one of " + String.join(", ", PanoramaLayouts.NAMES) + ", not '"
                    + layoutName + "'");
        }
        Path checkpoint = DepthModelLocator.resolve(model);
        RgbImage img = ImageFiles.read(image, ImageFiles.Workload.MODEL_INPUT);
        DepthToCloud.DepthMap truth = gt == null ? null : DepthToCloud.readNpy(gt);
        if (truth != null && (truth.width() != img.width() || truth.height() != img.height())) {
            throw new UsageException(String.format(Locale.ROOT, "--gt %s is %d×%d but the image %s is %d×%d", gt,
                    truth.width(), truth.height(), image, img.width(), img.height()));
        }
        Files.createDirectories(out);
        Devices.Selection sel = Devices.open(context.deviceSelector());
        try (Device device = sel.device()) {
            err.println("device: " + device.info().label() + " (" + sel.note() + ")");
            err.println("loading " + checkpoint);
            if (panorama) {
                panorama(context, checkpoint, device, img, truth, settings);
            } else {
                photo(context, checkpoint, device, img, truth, settings);
            }
        }
        return 0;
    }

    private void photo(CliContext context, Path checkpoint, Device device, RgbImage img, DepthToCloud.DepthMap truth,
            DepthClouds.Settings settings) throws Exception {
        PrintStream err = context.err();
        DepthMap depth;
        try (DepthModel m = DepthModels.open(checkpoint, device)) {
            err.printf(Locale.ROOT, "predicting depth of %s (%d×%d)%n", image, img.width(), img.height());
            long t0 = System.nanoTime();
            depth = m.predict(img);
            err.printf(Locale.ROOT, "depth done in %.1f s (%s)%n", (System.nanoTime() - t0) / 1e9, depth.kind());
        }
        DepthFiles.writeNpy(out.resolve("depth.npy"), depth);
        DepthFiles.writePng16(out.resolve("depth.png"), depth);
        PointCloud cloud = DepthClouds.toCloud(img, image.toString(), depth, settings);
        PointClouds.write(cloud, out.resolve("cloud.ply"));
        err.printf(Locale.ROOT, "wrote depth.npy, depth.png, cloud.ply (%d points) to %s%n", cloud.size(), out);
        if (truth != null) {
            Alignment a = depth.kind() == DepthKind.METRIC_METRES ? Alignment.NONE : Alignment.LEAST_SQUARES_INVERSE;
            metrics(context, depth.values(), truth, null, a);
        }
    }

    private void panorama(CliContext context, Path checkpoint, Device device, RgbImage img, DepthToCloud.DepthMap truth,
            DepthClouds.Settings settings) throws Exception {
        PrintStream err = context.err();
        TangentLayout layout = PanoramaLayouts.named(layoutName, img.width(), Double.NaN, 0);
        if (OmniFusion.recognises(checkpoint)) {
            omniFusion(context, checkpoint, device, img, truth, settings);
            return;
        }
        PanoramaDepthResult result;
        long t0 = System.nanoTime();
        try (ModelPatchEstimator estimator = PatchDepthEstimators.open(checkpoint, device)) {
            err.printf(Locale.ROOT, "%s: %d×%d panorama, %s%n", image, img.width(), img.height(), layout);
            result = PanoramaDepthPipeline.run(PanoramaDepthRequest.of(img, layout, AlignmentSettings.GRID, Blend.POISSON),
                    estimator, new PanoramaDepthListener() {
                        @Override
                        public void patchEstimated(int index, int total, TangentPatch patch, PatchDepth d) {
                            err.printf(Locale.ROOT, "patch %d/%d%n", index + 1, total);
                        }

                        @Override
                        public void stage(String stage) {
                            err.printf(Locale.ROOT, "%s… (at %.1f s)%n", stage, (System.nanoTime() - t0) / 1e9);
                        }

                        @Override
                        public boolean cancelled() {
                            return Thread.currentThread().isInterrupted();
                        }
                    });
        }
        boolean metric = !result.patches().isEmpty() && result.patches().get(0).kind() == DepthKind.METRIC_METRES;
        writePanorama(context, img, result.depth(), result.covered(), metric, truth, settings);
    }

    /** OmniFusion's own network on the whole panorama (its patches, FOV and input size come from the checkpoint). */
    private void omniFusion(CliContext context, Path checkpoint, Device device, RgbImage img,
            DepthToCloud.DepthMap truth, DepthClouds.Settings settings) throws Exception {
        PrintStream err = context.err();
        float[] depth;
        try (OmniFusion net = OmniFusion.open(checkpoint, device)) {
            OmniFusionConfig c = net.config();
            err.printf(Locale.ROOT, "%s: %d×%d panorama, OmniFusion (%d patches of %d², FOV %.0f, %d iterations)%n",
                    image, img.width(), img.height(), c.patches(), c.patchSize(), c.fovDegrees(), c.iterations());
            depth = net.predictOnImage(img, new OmniFusionProgress() {
                @Override
                public void progress(double fraction, String stage) {
                    err.printf(Locale.ROOT, "%3.0f %% %s%n", 100 * fraction, stage);
                }

                @Override
                public boolean cancelled() {
                    return Thread.currentThread().isInterrupted();
                }
            });
        }
        boolean[] covered = new boolean[depth.length];
        java.util.Arrays.fill(covered, true);
        writePanorama(context, img, depth, covered, true, truth, settings);
    }

    private void writePanorama(CliContext context, RgbImage img, float[] depth, boolean[] covered, boolean metric,
            DepthToCloud.DepthMap truth, DepthClouds.Settings settings) throws Exception {
        Npy.writeFloat32(out.resolve("depth.npy"), depth, img.height(), img.width());
        PngWriter.write(DepthFiles.png16(depth, img.width(), img.height(), metric), out.resolve("depth.png"));
        PointCloud cloud = DepthClouds.fromPanorama(img, image.toString(), depth, covered, metric, settings);
        PointClouds.write(cloud, out.resolve("cloud.ply"));
        int n = 0;
        for (boolean b : covered) {
            n += b ? 1 : 0;
        }
        context.err().printf(Locale.ROOT, "wrote depth.npy, depth.png, cloud.ply (%d points, %.1f %% covered) to %s%n",
                cloud.size(), 100.0 * n / covered.length, out);
        if (truth != null) {
            metrics(context, depth, truth, covered, metric ? Alignment.NONE : Alignment.MEDIAN);
        }
    }

    private void metrics(CliContext context, float[] pred, DepthToCloud.DepthMap truth, boolean[] mask, Alignment a)
            throws Exception {
        DepthScores s = DepthMetrics.evaluate(pred, truth.values(), mask, ValidRange.ANY, a);
        DepthMetricsJson.write(out.resolve("metrics.json"), s);
        context.out().println(DepthMetricsJson.toJson(s));
    }
}
