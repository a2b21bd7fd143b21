package org.attentionworkbench.app.settings;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads {@link Settings} from the parsed settings file field by field: a value of the wrong type,
 * non-finite or out of range is replaced by its default and reported (one line per value), and the
 * rest of the file is kept. Unknown fields (from a newer version) are ignored.
 */
final class SettingsJson {
    private SettingsJson() {}

    /** The settings in {@code json}; each value replaced by its default is described to {@code problems}. */
    static Settings read(JsonObject json, Consumer<String> problems) {
        Settings s = new Settings();
        text(json, "device", problems).ifPresent(s::setDevice);
        text(json, "theme", problems).ifPresent(s::setTheme);
        List<String> recent = recentFiles(json, problems);
        for (int i = recent.size() - 1; i >= 0; i--) {
            s.addRecent(recent.get(i));
        }
        double w = size(json, "windowWidth", Settings.MIN_WINDOW_WIDTH, Settings.DEFAULT_WIDTH, problems);
        double h = size(json, "windowHeight", Settings.MIN_WINDOW_HEIGHT, Settings.DEFAULT_HEIGHT, problems);
        s.setWindowSize(w, h);
        text(json, "pointRenderer", problems).ifPresent(s::setPointRenderer);
        if (json.get("pointCloudCameras") instanceof JsonObject cams) {
            for (var e : cams.entrySet()) {
                if (e.getValue() instanceof JsonPrimitive p && p.isString()) {
                    s.setPointCloudCamera(e.getKey(), p.getAsString());
                }
            }
        } else if (json.has("pointCloudCameras")) {
            problems.accept("pointCloudCameras is " + shown(json.get("pointCloudCameras"))
                    + ", not an object; forgetting the cameras");
        }
        return s;
    }

    private static java.util.Optional<String> text(JsonObject json, String field, Consumer<String> problems) {
        if (!json.has(field)) {
            return java.util.Optional.empty();
        }
        JsonElement v = json.get(field);
        if (v instanceof JsonPrimitive p && p.isString() && !p.getAsString().isBlank()) {
            return java.util.Optional.of(p.getAsString().trim());
        }
        problems.accept(field + " is " + shown(v) + ", not a name; using the default");
        return java.util.Optional.empty();
    }

    private static double size(JsonObject json, String field, double min, double fallback, Consumer<String> problems) {
        if (!json.has(field)) {
            return fallback;
        }
        JsonElement v = json.get(field);
        double d = v instanceof JsonPrimitive p && p.isNumber() ? p.getAsDouble() : Double.NaN;
        if (d >= min && d <= Settings.MAX_WINDOW_SIZE) { // false for NaN and the infinities
            return d;
        }
        problems.accept(String.format(Locale.ROOT, "%s is %s, not a number of pixels from %.0f to %.0f; using %.0f",
                field, shown(v), min, Settings.MAX_WINDOW_SIZE, fallback));
        return fallback;
    }

    private static List<String> recentFiles(JsonObject json, Consumer<String> problems) {
        List<String> files = new ArrayList<>();
        if (!json.has("recentFiles")) {
            return files;
        }
        if (!(json.get("recentFiles") instanceof JsonArray array)) {
            problems.accept("recentFiles is " + shown(json.get("recentFiles")) + ", not a list of files; starting an empty list");
            return files;
        }
        int dropped = 0;
        for (JsonElement e : array) {
            if (e instanceof JsonPrimitive p && p.isString() && !p.getAsString().isBlank()) {
                files.add(p.getAsString());
            } else {
                dropped++;
            }
        }
        if (dropped > 0) {
            problems.accept("recentFiles has " + dropped + (dropped == 1 ? " entry that is" : " entries that are")
                    + " not a file name; dropped");
        }
        return files;
    }

    /** The value as the file has it (a plain value cut to a readable length; a list or object named as such). */
    private static String shown(JsonElement v) {
        if (v == null || v.isJsonNull()) {
            return "null";
        }
        if (!v.isJsonPrimitive()) {
            return v.isJsonArray() ? "a list" : "an object"; // never printed: it may nest deeper than the stack
        }
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
