package org.attentionworkbench.compute.labs;

import java.util.List;
import java.util.Objects;

/**
 * One option of a lab: its name (the CLI's {@code --NAME}), default value as text, and a description.
 * {@code kind} tells the workspace which control to show and {@link LabOptions} how to parse it.
 */
public record LabOption(String name, Kind kind, String defaultValue, String description, List<String> choices) {
    public enum Kind { INT, DOUBLE, TEXT, FILE, CHOICE, FLAG }

    public LabOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(defaultValue, "defaultValue");
        choices = List.copyOf(choices);
        if (kind == Kind.CHOICE && !choices.contains(defaultValue)) {
            throw new IllegalArgumentException("option " + name + ": default " + defaultValue + " is not a choice");
        }
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("option name " + name + ": use lower case, digits and '-'");
        }
    }

    public static LabOption integer(String name, int defaultValue, String description) {
        return new LabOption(name, Kind.INT, Integer.toString(defaultValue), description, List.of());
    }

    public static LabOption real(String name, double defaultValue, String description) {
        return new LabOption(name, Kind.DOUBLE, Double.toString(defaultValue), description, List.of());
    }

    public static LabOption text(String name, String defaultValue, String description) {
        return new LabOption(name, Kind.TEXT, defaultValue, description, List.of());
    }

    /** A file path; an empty default means "the lab's bundled input" (the lab documents which). */
    public static LabOption file(String name, String defaultValue, String description) {
        return new LabOption(name, Kind.FILE, defaultValue, description, List.of());
    }

    /** One of a fixed list; the default must be one of them. */
    public static LabOption choice(String name, String defaultValue, List<String> choices, String description) {
        return new LabOption(name, Kind.CHOICE, defaultValue, description, choices);
    }

    public static LabOption flag(String name, boolean defaultValue, String description) {
        return new LabOption(name, Kind.FLAG, Boolean.toString(defaultValue), description, List.of());
    }
}
