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
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.models.depth.DepthKind;
import org.attentionworkbench.compute.models.depth.DepthMap;
import org.attentionworkbench.compute.models.depth.DepthModel;
import org.attentionworkbench.compute.models.depth.DepthModels;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointClouds;
import org.attentionworkbench.compute.pointcloud.attention.DepthToCloud;
import org.attentionworkbench.compute.tensor.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workbench depth --model CKPT --image IMG [--fov DEG] [--scale M] [--stride N] [--gt GT.npy] --out DIR}:
 * a monocular depth model on one photo → {@code depth.npy}, {@code depth.png}, {@code cloud.ply}
 * (and {@code metrics.json} with {@code --gt}); the same compute code as the GUI's "Depth → 3D".
 */
@Command(name = "depth", description = {"Monocular depth of a photo: depth map, 16-bit PNG, coloured point cloud.",
        "Writes depth.npy (float32 [H, W], the model's values at the image's resolution: metres for metric models, "
                + "relative inverse depth otherwise), depth.png (16-bit: millimetres, or disparity / max × 65535), "
                + "cloud.ply (coloured, binary) and, with --gt, metrics.json."})
public final class DepthCommand extends CliCommand {
    @Option(names = "--model", required = true, paramLabel = "CKPT", description = {"A Depth Anything V2 checkpoint: "
            + "an HF folder (model.safetensors + config.json), its model.safetensors, an original "
            + "depth_anything_v2_*.pth, or the id of an installed catalog model (e.g. depth-anything-v2-small-hf)."})
    private String model;

    @Option(names = "--image", required = true, paramLabel = "IMG", description = "The photo (PNG, JPEG, ...).")
    private Path image;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    private Path out;

    @Option(names = "--fov", paramLabel = "DEG", defaultValue = "60",
            description = "Horizontal field of view of the camera, for the point cloud (default ${DEFAULT-VALUE}).")
    private double fov;

    @Option(names = "--scale", paramLabel = "M", defaultValue = "1", description = "Relative models: metres of the "
            + "nearest pixel in the cloud (the shape is relative, not measured; default ${DEFAULT-VALUE}).")
    private double scale;

    @Option(names = "--stride", paramLabel = "N", defaultValue = "1", description = "One point every N pixels.")
    private int stride;

    @Option(names = "--gt", paramLabel = "GT.npy", description = "Ground-truth depth in metres (float [H, W], the "
            + "image's size): writes metrics.json (least-squares alignment in inverse depth for relative models).")
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
        Path checkpoint = DepthModelLocator.resolve(model);
        RgbImage img = ImageFiles.read(image, ImageFiles.Workload.MODEL_INPUT);
        DepthToCloud.DepthMap truth = gt == null ? null : DepthToCloud.readNpy(gt);
        if (truth != null && (truth.width() != img.width() || truth.height() != img.height())) {
            throw new UsageException(String.format(Locale.ROOT, "--gt %s is %d×%d but the image %s is %d×%d", gt,
                    truth.width(), truth.height(), image, img.width(), img.height()));
        }
        Files.createDirectories(out);
        Devices.Selection sel = Devices.open(context.deviceSelector());
        DepthMap depth;
        try (Device device = sel.device()) {
            err.println("device: " + device.info().label() + " (" + sel.note() + ")");
            err.println("loading " + checkpoint);
            try (DepthModel m = DepthModels.open(checkpoint, device)) {
                err.printf(Locale.ROOT, "predicting depth of %s (%d×%d)%n", image, img.width(), img.height());
                long t0 = System.nanoTime();
                depth = m.predict(img);
                err.printf(Locale.ROOT, "depth done in %.1f s (%s)%n", (System.nanoTime() - t0) / 1e9, depth.kind());
            }
        }
        DepthFiles.writeNpy(out.resolve("depth.npy"), depth);
        DepthFiles.writePng16(out.resolve("depth.png"), depth);
        PointCloud cloud = DepthClouds.toCloud(img, image.toString(), depth, settings);
        PointClouds.write(cloud, out.resolve("cloud.ply"));
        err.printf(Locale.ROOT, "wrote depth.npy, depth.png, cloud.ply (%d points) to %s%n", cloud.size(), out);
        if (truth != null) {
            Alignment a = depth.kind() == DepthKind.METRIC_METRES ? Alignment.NONE : Alignment.LEAST_SQUARES_INVERSE;
            DepthScores s = DepthMetrics.evaluate(depth.values(), truth.values(), null, ValidRange.ANY, a);
            DepthMetricsJson.write(out.resolve("metrics.json"), s);
            context.out().println(DepthMetricsJson.toJson(s));
        }
        return 0;
    }
}
