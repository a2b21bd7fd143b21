package org.attentionworkbench.compute.colorize;

import java.util.List;
import org.attentionworkbench.compute.tensor.Device;

/** The methods by name, as the CLI and the GUI offer them. */
public final class ColorizationMethods {
    public static final List<String> NAMES = List.of("attention", "levin");

    private ColorizationMethods() {}

    /**
     * A new instance. "attention" runs incrementally on the host when {@code device} is null, on the
     * device otherwise; "levin" solves on the device, or on the host when {@code device} is null.
     */
    public static ColorizationMethod create(String name, Device device) {
        return switch (name) {
            case "attention" -> device == null ? new AttentionPropagation() : new AttentionPropagation(device);
            case "levin" -> new LevinColorization(device);
            default -> throw new IllegalArgumentException("unknown colorization method '" + name + "' (known: "
                    + String.join(", ", NAMES) + ")");
        };
    }
}
