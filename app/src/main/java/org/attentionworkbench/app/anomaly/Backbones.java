package org.attentionworkbench.app.anomaly;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the default backbone lives: MobileNetV2 ImageNet weights in ../shared/models beside the install. */
public final class Backbones {
    public static final String MOBILENET = "mobilenet_v2_imagenet.safetensors";

    private Backbones() {}

    /** The expected path (resolved like the {@code anomaly} command: against {@code workbench.home}). */
    public static Path defaultPath() {
        Path home = Path.of(System.getProperty("workbench.home", "."));
        return home.resolve("../shared/models").resolve(MOBILENET).toAbsolutePath().normalize();
    }

    /** The default backbone when present, else null. */
    public static Path findDefault() {
        Path p = defaultPath();
        return Files.isRegularFile(p) ? p : null;
    }
}
