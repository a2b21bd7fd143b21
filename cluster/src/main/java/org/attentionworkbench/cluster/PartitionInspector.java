package org.attentionworkbench.cluster;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.FeatureExtractor;
import org.attentionworkbench.compute.anomaly.pipeline.Backbones;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.tensor.Device;

/**
 * compute's scoring, opened once per Spark partition (and once on the driver for calibration): the
 * Java (CPU) device, the backbone, and an {@link AnomalyInspector} built from the broadcast prompt
 * images exactly as {@code InspectionPipeline} builds it, so a row's score is the CLI's score.
 *
 * <p>Why the prompt bytes are broadcast and their features computed here, once per partition, rather
 * than features computed on the driver: AnomalyInspector's one way in is the prompt images (it builds
 * the scorer, and the memory bank's coreset, from them), so using it as is keeps one code path with
 * the CLI; the cost is one backbone pass per prompt per partition (about 0.1 s at 256², against
 * 0.15 s per target image), and the broadcast is the prompts' few hundred kB, not their features.
 */
final class PartitionInspector implements AutoCloseable {

    /** A target's outcome and, when it was decoded, its pixels (for the heatmap without a second read). */
    record Result(ScoredImage scored, RgbImage image) {}

    private final Device device;
    private final FeatureExtractor features;
    private final AnomalyInspector inspector;
    private final Configuration conf;

    private PartitionInspector(Device device, FeatureExtractor features, AnomalyInspector inspector,
            Configuration conf) {
        this.device = device;
        this.features = features;
        this.inspector = inspector;
        this.conf = conf;
    }

    /**
     * @param backbone the checkpoint as a local file (SparkFiles' copy on an executor); its file name says
     *                 MobileNet or ViT, as for the CLI ({@link Backbones#open})
     */
    static PartitionInspector open(Path backbone, List<Prompt> prompts, JobSettings settings, Configuration conf)
            throws IOException {
        requireVectorApi();
        var o = settings.options();
        Device device = new JavaDevice();
        FeatureExtractor fx = null;
        try {
            fx = Backbones.open(backbone, device, o.inputSize(), o.taps(), o.relu6());
            List<RgbImage> images = new ArrayList<>();
            for (Prompt p : prompts) {
                images.add(ImageFiles.decode(new ByteArrayInputStream(p.bytes()), p.path(),
                        ImageFiles.Workload.MODEL_INPUT, ImageFiles.Progress.NONE).rgb());
            }
            return new PartitionInspector(device, fx, new AnomalyInspector(fx, images, o.settings()), conf);
        } catch (IOException | RuntimeException e) {
            if (fx != null) {
                fx.close();
            }
            device.close();
            throw e;
        }
    }

    /**
     * The Java backend needs the Vector API module, which is only there when the JVM was started with it;
     * without it the first kernel fails with a NoClassDefFoundError deep in a task.
     */
    static void requireVectorApi() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new IllegalStateException("the Java backend needs the JVM option --add-modules jdk.incubator.vector"
                    + " on the driver and the executors (spark-submit --driver-java-options and --conf "
                    + "spark.executor.extraJavaOptions; see README.md)");
        }
    }

    /** Scores one target; an image that cannot be read or scored gives a failed row, never an exception. */
    Result score(Target t) {
        try {
            RgbImage img = ImageSource.read(t.path(), conf);
            AnomalyInspector.Scored s = inspector.score(img);
            return new Result(new ScoredImage(t, s.score(), s.map().width(), s.map().values(), null), img);
        } catch (IOException | RuntimeException e) {
            return new Result(ScoredImage.failed(t, reason(e)), null);
        }
    }

    /** A decoded image's scores (the calibration images, on the driver). */
    AnomalyInspector.Scored scoreImage(RgbImage image) {
        return inspector.score(image);
    }

    Device device() {
        return device;
    }

    String describe() {
        return inspector.describe();
    }

    /** As the CLI words it: the decoder's message (it names the file), or the exception's type. */
    static String reason(Exception e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return e instanceof IOException ? m : e.getClass().getSimpleName() + ": " + m;
    }

    @Override
    public void close() {
        inspector.close();
        features.close();
        device.close();
    }
}
