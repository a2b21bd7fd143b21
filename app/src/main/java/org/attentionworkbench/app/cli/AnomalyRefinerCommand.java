package org.attentionworkbench.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.FeatureExtractor;
import org.attentionworkbench.compute.anomaly.NormalImages;
import org.attentionworkbench.compute.anomaly.PromptReconstruction;
import org.attentionworkbench.compute.anomaly.data.AnomalyDataset;
import org.attentionworkbench.compute.anomaly.data.AnomalyDatasets;
import org.attentionworkbench.compute.anomaly.data.AnomalyLabel;
import org.attentionworkbench.compute.anomaly.data.DatasetException;
import org.attentionworkbench.compute.anomaly.pipeline.Backbones;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionInputs;
import org.attentionworkbench.compute.anomaly.refiner.RefinerTraining;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.tensor.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * {@code workbench anomaly-refiner --train NORMALS... --out refiner.safetensors}: trains the OneNIP-style refiner
 * on normal images with synthesized anomalies, for {@code workbench anomaly --refiner}. Progress on stdout;
 * Ctrl-C stops it and writes nothing.
 */
@Command(name = "anomaly-refiner", description = {"Trains the anomaly map refiner (OneNIP's supervised refiner) on "
        + "normal images only, with synthesized anomalies (Perlin-masked textures, cut-paste); use it with "
        + "'anomaly --refiner FILE' and the same --backbone, --size, --taps and --scorer."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:trained and written", "1:bad input file or nothing written", "2:usage error",
            "130:cancelled (Ctrl-C, SIGTERM): nothing written"})
public final class AnomalyRefinerCommand extends CliCommand {

    @Option(names = "--train", required = true, paramLabel = "DIR|IMG", description = "Normal images: an image, a "
            + "folder of normal images, or a dataset (its training images only); may repeat.")
    private List<Path> train;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The refiner's weights "
            + "(safetensors).")
    private Path outFile;

    @Option(names = "--prompt", paramLabel = "IMG", showDefaultValue = Visibility.NEVER, description = "The normal "
            + "prompt(s) the refiner learns to compare with; may repeat (default: the one 'anomaly' picks from the "
            + "training images).")
    private List<Path> prompts = new ArrayList<>();

    @Option(names = "--backbone", defaultValue = Backbones.DEFAULT_NAME, paramLabel = "mobilenet|CKPT",
            description = "Feature backbone, as for 'anomaly'.")
    private String backbone;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "256", description = "Side the images are squashed to.")
    private int size;

    @Option(names = "--taps", paramLabel = "I[,I...]", defaultValue = "", showDefaultValue = Visibility.NEVER,
            description = "MobileNet blocks whose features are used (default: 3,6,13).")
    private String tapList;

    @Option(names = {"--method", "--scorer"}, paramLabel = "auto|recon|bank|knn", defaultValue = "auto",
            description = "The scorer whose map is refined, as for 'anomaly'.")
    private String methodName;

    @Option(names = "--k", paramLabel = "N", defaultValue = "1", description = "Neighbours of knn and bank.")
    private int neighbours;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "" + PromptReconstruction.DEFAULT_TEMPERATURE,
            description = "Softmax temperature of the reconstruction.")
    private float temperature;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "30", description = "Passes over the samples.")
    private int epochs;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "96", description = "Synthesized training samples.")
    private int samples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Synthesis, initialisation and "
            + "shuffling.")
    private long seed;

    @Override
    protected int run(CliContext context) throws Exception {
        PrintStream out = context.out();
        PrintStream err = context.err();
        if (epochs < 1 || samples < 1 || neighbours < 1 || size < 8) {
            throw new UsageException("--epochs, --samples and --k need ≥ 1, --size ≥ 8");
        }
        RefinerTraining.Options options = RefinerTraining.Options.defaults().withEpochs(epochs).withSamples(samples)
                .withSeed(seed);
        AnomalyInspector.Settings settings = AnomalyInspector.Settings.defaults()
                .withMethod(AnomalyCommand.method(methodName)).withTemperature(temperature).withNeighbours(neighbours);
        int[] taps = AnomalyCommand.taps(tapList);
        List<Path> normals = normalImages(train);
        Path checkpoint = AnomalyCommand.backbone(backbone);
        List<Path> promptPaths = prompts.isEmpty() ? NormalImages.choose(List.of(), List.of(), normals, 1).prompts()
                : prompts;
        out.println("refiner: " + normals.size() + " normal training image(s), prompt(s) " + promptPaths.stream()
                .map(p -> p.getFileName().toString()).toList());

        List<RgbImage> normalPixels = new ArrayList<>();
        List<RgbImage> promptPixels = new ArrayList<>();
        try {
            for (Path p : normals) {
                normalPixels.add(ImageFiles.read(p));
            }
            for (Path p : promptPaths) {
                promptPixels.add(ImageFiles.read(p));
            }
        } catch (IOException e) {
            err.println("workbench: " + e.getMessage());
            return 1;
        }
        try (AnomalyCommand.Interrupts interrupts = AnomalyCommand.Interrupts.install()) {
            Devices.Selection sel = Devices.open(context.deviceSelector());
            try (Device device = sel.device();
                    FeatureExtractor fx = Backbones.open(checkpoint, device, size, taps, false);
                    AnomalyInspector inspector = new AnomalyInspector(fx, promptPixels, settings)) {
                out.println("refiner: " + inspector.describe() + "; " + samples + " samples, " + epochs + " epochs, seed "
                        + seed);
                long t0 = System.nanoTime();
                RefinerTraining.Result r;
                try {
                    r = RefinerTraining.train(inspector, normalPixels, options, new StdoutProgress(out, t0),
                            interrupts::requested);
                } catch (CancellationException e) {
                    out.println("refiner: cancelled; nothing written");
                    return AnomalyCommand.EXIT_CANCELLED;
                }
                Map<String, String> meta = new LinkedHashMap<>();
                meta.put("kind", "anomaly-refiner");
                meta.put("features", fx.describe());
                meta.put("scorer", inspector.scorer().describe());
                meta.put("prompts", promptPaths.stream().map(p -> p.getFileName().toString()).toList().toString());
                meta.put("samples", "" + samples);
                meta.put("epochs", "" + epochs);
                meta.put("seed", "" + seed);
                meta.put("final_loss", String.format(Locale.ROOT, "%.5f", r.epochLoss()[epochs - 1]));
                try {
                    r.net().save(outFile, meta);
                } catch (IOException e) {
                    err.println("workbench: --out " + outFile + ": " + e.getMessage());
                    return 1;
                }
                out.printf(Locale.ROOT, "refiner: wrote %s (loss %.4f → %.4f, %.0f s)%n", outFile, r.epochLoss()[0],
                        r.epochLoss()[epochs - 1], (System.nanoTime() - t0) / 1e9);
                return 0;
            }
        }
    }

    /** Training images of each --train: an image, a dataset's training split, or a plain folder of normal images. */
    static List<Path> normalImages(List<Path> train) throws UsageException, IOException {
        List<Path> all = new ArrayList<>();
        for (Path p : train) {
            if (Files.isRegularFile(p)) {
                all.add(p);
                continue;
            }
            if (!Files.isDirectory(p)) {
                throw new UsageException("--train " + p + ": no such file or folder");
            }
            try {
                AnomalyDataset d = AnomalyDatasets.open(p);
                if (!d.train().isEmpty()) {
                    all.addAll(d.train());
                    continue;
                }
                if (d.count(AnomalyLabel.DEFECT) > 0) {
                    throw new UsageException("--train " + p + " is a dataset without training images and its test "
                            + "images include defects: the refiner trains on normal images only; give those");
                }
            } catch (DatasetException e) {
                // not a dataset layout: a plain folder of normal images
            }
            try {
                all.addAll(InspectionInputs.images(p));
            } catch (NoSuchFileException e) {
                throw new UsageException("--train " + p + ": no such file or folder");
            }
        }
        if (all.isEmpty()) {
            throw new UsageException("--train " + train + ": no images found");
        }
        return all;
    }

    /** One line per tenth of the synthesis and per epoch. */
    private record StdoutProgress(PrintStream out, long t0) implements RefinerTraining.Listener {
        @Override
        public void synthesized(int done, int total) {
            if (done == total || done * 10 / total != (done - 1) * 10 / total) {
                out.printf(Locale.ROOT, "refiner: samples %d/%d (%.0f s)%n", done, total, (System.nanoTime() - t0) / 1e9);
            }
        }

        @Override
        public void epoch(int epoch, int epochs, double meanLoss) {
            out.printf(Locale.ROOT, "refiner: epoch %d/%d loss %.4f (%.0f s)%n", epoch, epochs, meanLoss,
                    (System.nanoTime() - t0) / 1e9);
        }
    }
}
