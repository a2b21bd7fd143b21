package org.attentionworkbench.compute.labs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Option values of one run: the given text values checked against the lab's {@link LabOption} list
 * (unknown names are an error that lists the known ones), defaults for the rest, typed getters whose
 * errors name the option.
 */
public final class LabOptions {
    private final String lab;
    private final Map<String, LabOption> declared = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    private LabOptions(String lab, List<LabOption> options, Map<String, String> given) throws LabException {
        this.lab = lab;
        for (LabOption o : options) {
            declared.put(o.name(), o);
            values.put(o.name(), o.defaultValue());
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (!declared.containsKey(e.getKey())) {
                throw new LabException("lab " + lab + " has no option --" + e.getKey() + " (it has: "
                        + String.join(", ", declared.keySet().stream().map(n -> "--" + n).toList()) + ")");
            }
            values.put(e.getKey(), e.getValue());
        }
        for (LabOption o : options) {
            check(o);
        }
    }

    /** The values for a lab: given ones checked, defaults for the rest. */
    public static LabOptions of(Lab lab, Map<String, String> given) throws LabException {
        return new LabOptions(lab.id(), lab.options(), given);
    }

    /** Defaults only. */
    public static LabOptions defaults(Lab lab) throws LabException {
        return of(lab, Map.of());
    }

    private void check(LabOption o) throws LabException {
        switch (o.kind()) {
            case INT -> getInt(o.name());
            case DOUBLE -> getDouble(o.name());
            case FLAG -> getFlag(o.name());
            case CHOICE -> {
                String v = values.get(o.name());
                if (!o.choices().contains(v)) {
                    throw new LabException("lab " + lab + ": --" + o.name() + " " + v + " is not one of "
                            + String.join("|", o.choices()));
                }
            }
            default -> { }
        }
    }

    public String get(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("lab " + lab + " declares no option " + name);
        }
        return v;
    }

    public int getInt(String name) throws LabException {
        try {
            return Integer.parseInt(get(name).trim());
        } catch (NumberFormatException e) {
            throw new LabException("lab " + lab + ": --" + name + " wants a whole number, not '" + get(name) + "'");
        }
    }

    public double getDouble(String name) throws LabException {
        try {
            double d = Double.parseDouble(get(name).trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new LabException("lab " + lab + ": --" + name + " wants a finite number, not '" + get(name) + "'");
        }
    }

    public boolean getFlag(String name) throws LabException {
        String v = get(name).trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new LabException("lab " + lab + ": --" + name + " wants true or false, not '" + v + "'");
        };
    }

    /** An int option checked to lie in [min, max]. */
    public int getInt(String name, int min, int max) throws LabException {
        int v = getInt(name);
        if (v < min || v > max) {
            throw new LabException("lab " + lab + ": --" + name + " " + v + " is outside " + min + " … " + max);
        }
        return v;
    }

    /** A double option checked to lie in [min, max]. */
    public double getDouble(String name, double min, double max) throws LabException {
        double v = getDouble(name);
        if (v < min || v > max) {
            throw new LabException("lab " + lab + ": --" + name + " " + v + " is outside " + min + " … " + max);
        }
        return v;
    }

    /** A file option: null when empty (the lab's bundled default), else a path that must exist. */
    public Path getFile(String name) throws LabException {
        String v = get(name).trim();
        if (v.isEmpty()) {
            return null;
        }
        Path p = Path.of(v);
        if (!Files.exists(p)) {
            throw new LabException("lab " + lab + ": --" + name + " " + v + ": no such file");
        }
        return p;
    }

    /** Every value, defaults included, in declaration order (written into the run's JSON). */
    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
