package org.attentionworkbench.compute.colorize;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.compute.io.AtomicFiles;

/**
 * Hints as JSON, versioned:
 *
 * <pre>{"format": "attention-workbench/colorize-hints", "version": 1, "width": 512, "height": 512,
 *  "hints": [{"id": 1, "x": 10, "y": 20, "a": 12.5, "b": -3.0, "size": 2}, ...]}</pre>
 *
 * x, y are full-resolution pixels (see {@link Hint}); a, b are CIE Lab (D65); width/height are the
 * image the hints were made on (0 when unknown) and, when given, every hint must lie inside it.
 */
public final class HintFiles {
    public static final String FORMAT = "attention-workbench/colorize-hints";
    public static final int VERSION = 1;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** What a file holds. */
    public record Loaded(int width, int height, List<Hint> hints) {}

    private HintFiles() {}

    /** Writes atomically (temporary file, then a move). */
    public static void save(Path file, int width, int height, List<Hint> hints) throws HintFileException {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("version", VERSION);
        root.addProperty("width", width);
        root.addProperty("height", height);
        JsonArray arr = new JsonArray();
        for (Hint h : hints) {
            JsonObject o = new JsonObject();
            o.addProperty("id", h.id());
            o.addProperty("x", h.x());
            o.addProperty("y", h.y());
            o.addProperty("a", h.a());
            o.addProperty("b", h.b());
            o.addProperty("size", h.size());
            arr.add(o);
        }
        root.add("hints", arr);
        try {
            AtomicFiles.writeString(file, GSON.toJson(root) + "\n");
        } catch (IOException e) {
            throw new HintFileException(file + ": cannot write hints: " + e.getMessage(), e);
        }
    }

    public static Loaded load(Path file) throws HintFileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HintFileException(file + ": cannot read hints: " + e, e);
        }
        try {
            JsonElement el = JsonParser.parseString(text);
            if (!el.isJsonObject()) {
                throw new HintFileException(file + ": not a hints file (expected a JSON object)");
            }
            JsonObject root = el.getAsJsonObject();
            if (!root.has("format") || !FORMAT.equals(root.get("format").getAsString())) {
                throw new HintFileException(file + ": not a hints file (\"format\" is not \"" + FORMAT + "\")");
            }
            int version = root.has("version") ? root.get("version").getAsInt() : -1;
            if (version != VERSION) {
                throw new HintFileException(file + ": hints format version " + version + " is not supported (this"
                        + " build reads version " + VERSION + ")");
            }
            int w = root.has("width") ? root.get("width").getAsInt() : 0;
            int h = root.has("height") ? root.get("height").getAsInt() : 0;
            if (!root.has("hints") || !root.get("hints").isJsonArray()) {
                throw new HintFileException(file + ": \"hints\" is missing or not an array");
            }
            List<Hint> out = new ArrayList<>();
            int nextId = 1;
            JsonArray arr = root.getAsJsonArray("hints");
            for (int i = 0; i < arr.size(); i++) {
                JsonObject o = arr.get(i).getAsJsonObject();
                for (String k : new String[] {"x", "y", "a", "b"}) {
                    if (!o.has(k)) {
                        throw new HintFileException(file + ": hint " + i + " has no \"" + k + "\"");
                    }
                }
                int id = o.has("id") ? o.get("id").getAsInt() : nextId;
                nextId = Math.max(nextId, id + 1);
                Hint hint;
                try {
                    hint = new Hint(id, o.get("x").getAsInt(), o.get("y").getAsInt(), o.get("a").getAsFloat(),
                            o.get("b").getAsFloat(), o.has("size") ? o.get("size").getAsInt() : 1);
                } catch (IllegalArgumentException e) {
                    throw new HintFileException(file + ": hint " + i + ": " + e.getMessage(), e);
                }
                if (w > 0 && h > 0 && (hint.x() < 0 || hint.y() < 0 || hint.x() >= w || hint.y() >= h)) {
                    throw new HintFileException(file + ": hint " + i + " at (" + hint.x() + ", " + hint.y()
                            + ") lies outside the " + w + "×" + h + " image");
                }
                out.add(hint);
            }
            HintSet.of(out); // rejects duplicate ids
            return new Loaded(w, h, List.copyOf(out));
        } catch (HintFileException e) {
            throw e;
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException
                | IllegalArgumentException e) {
            throw new HintFileException(file + ": corrupt hints file: " + e.getMessage(), e);
        }
    }
}
