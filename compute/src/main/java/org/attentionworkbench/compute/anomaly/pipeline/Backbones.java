package org.attentionworkbench.compute.anomaly.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.attentionworkbench.compute.anomaly.FeatureExtractor;
import org.attentionworkbench.compute.anomaly.MobileNetFeatures;
import org.attentionworkbench.compute.anomaly.ViTFeatures;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Activation;

/**
 * The anomaly backbones, in one place for the GUI and the CLI: where the default lives (MobileNetV2
 * ImageNet weights in {@code ../shared/models} beside the install, resolved against the system
 * property {@code workbench.home}) and which feature extractor a checkpoint opens as.
 */
public final class Backbones {
    /** The word that names the default backbone ({@code --backbone mobilenet}). */
    public static final String DEFAULT_NAME = "mobilenet";
    public static final String MOBILENET_FILE = "mobilenet_v2_imagenet.safetensors";

    private Backbones() {}

    /** Where the default backbone is expected. */
    public static Path defaultPath() {
        Path home = Path.of(System.getProperty("workbench.home", "."));
        return home.resolve("../shared/models").resolve(MOBILENET_FILE).toAbsolutePath().normalize();
    }

    /** The default backbone when present, else null. */
    public static Path findDefault() {
        Path p = defaultPath();
        return Files.isRegularFile(p) ? p : null;
    }

    /** The default backbone; a {@link NoSuchFileException} naming the expected path when it is missing. */
    public static Path requireDefault() throws NoSuchFileException {
        Path p = findDefault();
        if (p == null) {
            throw new NoSuchFileException(defaultPath().toString(), null,
                    "the default backbone (MobileNetV2) is not there; give a checkpoint's path");
        }
        return p;
    }

    /** MobileNetV2 for a checkpoint whose file name says so, else a ViT (its patch tokens). */
    public static FeatureExtractor open(Path checkpoint, Device device, int inputSize, int[] taps, boolean relu6)
            throws IOException {
        return open(checkpoint, device, inputSize, taps, relu6, MobileNetFeatures.DEFAULT_AGGREGATE);
    }

    /** The same with MobileNetV2's local-aggregation window p (a ViT's tokens are used as they are). */
    public static FeatureExtractor open(Path checkpoint, Device device, int inputSize, int[] taps, boolean relu6,
            int aggregate) throws IOException {
        if (!Files.isRegularFile(checkpoint)) {
            throw new NoSuchFileException(checkpoint.toString(), null, "backbone checkpoint not found");
        }
        String name = checkpoint.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.contains("mobilenet")) {
            return MobileNetFeatures.open(checkpoint, device, relu6 ? Activation.RELU6 : Activation.RELU, inputSize,
                    aggregate, taps);
        }
        return ViTFeatures.open(checkpoint, device, inputSize);
    }
}
