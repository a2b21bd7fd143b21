package org.attentionworkbench.compute.colorize;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.attentionworkbench.compute.io.AtomicFiles;

/**
 * Hints as JSON, versioned:
 *
 * <pre>{"format": "attention-workbench/colorize-hints", "version": 1, "width": 512, "height": 512,
 *  "hints": [{"id": 1, "x": 10, "y": 20, "a": 12.5, "b": -3.0, "size": 2}, ...]}</pre>
 *
 * x, y are full-resolution pixels (see {@link Hint}); a, b are CIE Lab (D65); width/height are the
 * image the hints were made on (0 when unknown) and, when given, every hint must lie inside it.
 * Reading checks every field (see {@link #load}); a file breaks no caller with a value it cannot use.
 */
public final class HintFiles {
    public static final String FORMAT = "attention-workbench/colorize-hints";
    public static final int VERSION = 1;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** Largest image side a file may name, and the most hints and bytes a file may hold. */
    static final int MAX_SIDE = 1 << 20, MAX_HINTS = 100_000;
    static final long MAX_FILE_BYTES = 32L << 20;
    /** Ids stay below Integer.MAX_VALUE so that the next id never overflows. */
    static final int MAX_ID = Integer.MAX_VALUE - 1;

    /**
     * What a file holds.
     *
     * @param clamped how many hints had an a, b outside the sRGB outline and were moved onto it
     */
    public record Loaded(int width, int height, List<Hint> hints, int clamped) {}

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

    /**
     * Reads and checks a hints file. Every field is checked and a bad one is named with its file, its hint
     * index and the problem. a, b beyond the nominal Lab range (±128) are refused as a wrong unit; a, b
     * inside it but outside the sRGB outline are moved onto the outline along their hue (counted in
     * {@link Loaded#clamped()}): no image can show them, and the output is clipped to sRGB anyway, where a
     * per-channel clip would shift the hue the user asked for.
     */
    public static Loaded load(Path file) throws HintFileException {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new HintFileException(file + ": " + Files.size(file) + " bytes is too large for a hints file"
                        + " (at most " + MAX_FILE_BYTES + ")");
            }
        } catch (IOException e) {
            if (e instanceof HintFileException h) {
                throw h;
            }
            throw new HintFileException(file + ": cannot read hints: " + e, e);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HintFileException(file + ": cannot read hints: " + e, e);
        }
        JsonElement el;
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT); // no NaN, comments or unquoted words
            el = GSON.getAdapter(JsonElement.class).read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new HintFileException(file + ": corrupt hints file: text after the JSON object");
            }
        } catch (HintFileException e) {
            throw e;
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new HintFileException(file + ": corrupt hints file: " + e.getMessage(), e);
        }
        return parse(file, el);
    }

    /**
     * {@link #load}, then fitted to the image the hints will colour: hints made on an image of another
     * size are scaled onto this one (as the GUI does); without a size in the file, every hint must lie
     * inside the image.
     */
    public static Loaded load(Path file, int imageWidth, int imageHeight) throws HintFileException {
        Loaded loaded = load(file);
        List<Hint> out = new ArrayList<>();
        boolean scale = loaded.width() > 0 && (loaded.width() != imageWidth || loaded.height() != imageHeight);
        double sx = scale ? (double) imageWidth / loaded.width() : 1, sy = scale ? (double) imageHeight / loaded.height() : 1;
        for (int i = 0; i < loaded.hints().size(); i++) {
            Hint h = loaded.hints().get(i);
            if (scale) {
                h = h.movedTo(Math.min(imageWidth - 1, (int) (h.x() * sx)), Math.min(imageHeight - 1, (int) (h.y() * sy)));
            } else if (h.x() >= imageWidth || h.y() >= imageHeight) {
                throw new HintFileException(file + ": hints[" + i + "] at (" + h.x() + ", " + h.y()
                        + ") lies outside the " + imageWidth + "×" + imageHeight + " image");
            }
            out.add(h);
        }
        return new Loaded(imageWidth, imageHeight, List.copyOf(out), loaded.clamped());
    }

    private static Loaded parse(Path file, JsonElement el) throws HintFileException {
        if (el == null || !el.isJsonObject()) {
            throw new HintFileException(file + ": not a hints file (expected a JSON object)");
        }
        JsonObject root = el.getAsJsonObject();
        JsonElement format = root.get("format");
        if (format == null || !format.isJsonPrimitive() || !FORMAT.equals(format.getAsString())) {
            throw new HintFileException(file + ": not a hints file (\"format\" is not \"" + FORMAT + "\")");
        }
        Fields top = new Fields(file, "", root);
        int version = top.integer("version", -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (version != VERSION) {
            throw new HintFileException(file + ": hints format version " + version + " is not supported (this"
                    + " build reads version " + VERSION + ")");
        }
        int w = top.integer("width", 0, 0, MAX_SIDE);
        int h = top.integer("height", 0, 0, MAX_SIDE);
        if ((w == 0) != (h == 0)) {
            throw new HintFileException(file + ": \"width\" " + w + " and \"height\" " + h
                    + " must both be given (at least 1) or both be 0 (unknown)");
        }
        if (!root.has("hints") || !root.get("hints").isJsonArray()) {
            throw new HintFileException(file + ": \"hints\" is missing or not an array");
        }
        JsonArray arr = root.getAsJsonArray("hints");
        if (arr.size() > MAX_HINTS) {
            throw new HintFileException(file + ": " + arr.size() + " hints, more than the " + MAX_HINTS + " allowed");
        }
        List<Hint> out = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        int nextId = 1;
        int clamped = 0;
        for (int i = 0; i < arr.size(); i++) {
            if (!arr.get(i).isJsonObject()) {
                throw new HintFileException(file + ": hints[" + i + "] is not an object");
            }
            Fields f = new Fields(file, "hints[" + i + "].", arr.get(i).getAsJsonObject());
            int id = f.integer("id", nextId, 1, MAX_ID);
            if (!ids.add(id)) {
                throw new HintFileException(file + ": hints[" + i + "].id " + id + " is used by an earlier hint");
            }
            nextId = Math.max(nextId, id + 1);
            String inside = w > 0 ? " (the file's image is " + w + "×" + h + ": the hint lies outside it)" : "";
            int x = f.integer("x", null, 0, w > 0 ? w - 1 : MAX_SIDE - 1, inside);
            int y = f.integer("y", null, 0, h > 0 ? h - 1 : MAX_SIDE - 1, inside);
            float a = f.ab("a");
            float b = f.ab("b");
            int size = f.integer("size", 1, Hint.MIN_SIZE, Hint.MAX_SIZE);
            float[] ab = SrgbAbGamut.clamp(a, b);
            if (ab[0] != a || ab[1] != b) {
                clamped++;
            }
            out.add(new Hint(id, x, y, ab[0], ab[1], size));
        }
        return new Loaded(w, h, List.copyOf(out), clamped);
    }

    /** Typed reads of one JSON object's fields, each error naming the file and the field's path. */
    private record Fields(Path file, String prefix, JsonObject o) {
        /** An integer in [min, max]; {@code fallback} when absent (null: required). */
        int integer(String key, Integer fallback, int min, int max) throws HintFileException {
            return integer(key, fallback, min, max, "");
        }

        /** As above; {@code why} follows the range in the message. */
        int integer(String key, Integer fallback, int min, int max, String why) throws HintFileException {
            if (!o.has(key)) {
                if (fallback == null) {
                    throw new HintFileException(file + ": " + prefix + key + " is missing");
                }
                return fallback;
            }
            double v = number(key);
            if (v != Math.rint(v)) {
                throw new HintFileException(file + ": " + prefix + key + " is " + show(v) + ", not a whole number");
            }
            if (v < min || v > max) {
                throw new HintFileException(file + ": " + prefix + key + " is " + show(v) + ", outside "
                        + min + ".." + max + why);
            }
            return (int) v;
        }

        /** A CIE a or b value within the nominal Lab range. */
        float ab(String key) throws HintFileException {
            if (!o.has(key)) {
                throw new HintFileException(file + ": " + prefix + key + " is missing");
            }
            double v = number(key);
            if (v < -SrgbAbGamut.AB_LIMIT || v > SrgbAbGamut.AB_LIMIT) {
                throw new HintFileException(file + ": " + prefix + key + " is " + show(v) + "; CIE Lab a and b lie in -"
                        + (int) SrgbAbGamut.AB_LIMIT + ".." + (int) SrgbAbGamut.AB_LIMIT
                        + " (a wrong unit or scale?)");
            }
            return (float) v;
        }

        private static String show(double v) {
            return Math.abs(v) < 1e15 && v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }

        private double number(String key) throws HintFileException {
            JsonElement e = o.get(key);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
                throw new HintFileException(file + ": " + prefix + key + " is " + e + ", not a number");
            }
            double v = e.getAsDouble();
            if (!Double.isFinite(v)) {
                throw new HintFileException(file + ": " + prefix + key + " is " + e + ", not a finite number");
            }
            return v;
        }
    }
}
