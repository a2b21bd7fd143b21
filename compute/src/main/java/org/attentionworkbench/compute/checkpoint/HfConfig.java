package org.attentionworkbench.compute.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attentionworkbench.compute.io.JsonText;

/**
 * A Hugging Face config.json: the raw JSON object plus typed accessors whose errors name the file and
 * the key ({@code getInt("hidden_size")}).
 */
public final class HfConfig {
    /** HF configs nest a few levels (id2label, sub-configs of multi-modal models). */
    static final int MAX_DEPTH = 32;
    /** Real configs are a few KiB (big id2label tables some hundred); a bigger file is not read into memory. */
    static final long MAX_BYTES = 16L << 20;

    private final String file;
    private final JsonObject json;

    private HfConfig(String file, JsonObject json) {
        this.file = file;
        this.json = json;
    }

    public static HfConfig read(Path path) {
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new CheckpointException(path, "config of " + size + " bytes exceeds the limit of " + MAX_BYTES);
            }
            return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CheckpointException(path, "cannot read config: " + e, e);
        }
    }

    /** Parses config text; {@code file} names it in messages. */
    public static HfConfig parse(String file, String text) {
        try {
            JsonElement root = JsonText.parse(text, MAX_DEPTH);
            if (!root.isJsonObject()) {
                throw new CheckpointException(file, "config is not a JSON object");
            }
            return new HfConfig(file, root.getAsJsonObject());
        } catch (JsonParseException e) {
            throw new CheckpointException(file, "config is not valid JSON (or nested deeper than " + MAX_DEPTH
                    + " levels): " + e.getMessage(), e);
        }
    }

    public String file() {
        return file;
    }

    public boolean has(String key) {
        return json.has(key) && !json.get(key).isJsonNull();
    }

    public Set<String> keys() {
        return json.keySet();
    }

    /** The whole config as plain Java values (maps, lists, strings, numbers as Double, booleans). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> asMap() {
        return new com.google.gson.Gson().fromJson(json, Map.class);
    }

    public int getInt(String key) {
        JsonElement e = require(key);
        try {
            double d = e.getAsDouble();
            if (d != Math.rint(d) || d > Integer.MAX_VALUE || d < Integer.MIN_VALUE) {
                throw wrong(key, e, "an integer");
            }
            return (int) d;
        } catch (UnsupportedOperationException | IllegalStateException | NumberFormatException ex) {
            throw wrong(key, e, "an integer");
        }
    }

    public int getInt(String key, int fallback) {
        return has(key) ? getInt(key) : fallback;
    }

    public double getDouble(String key) {
        JsonElement e = require(key);
        try {
            return e.getAsDouble();
        } catch (UnsupportedOperationException | IllegalStateException | NumberFormatException ex) {
            throw wrong(key, e, "a number");
        }
    }

    public double getDouble(String key, double fallback) {
        return has(key) ? getDouble(key) : fallback;
    }

    public String getString(String key) {
        JsonElement e = require(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw wrong(key, e, "a string");
        }
        return e.getAsString();
    }

    public String getString(String key, String fallback) {
        return has(key) ? getString(key) : fallback;
    }

    public boolean getBoolean(String key) {
        JsonElement e = require(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw wrong(key, e, "true or false");
        }
        return e.getAsBoolean();
    }

    public boolean getBoolean(String key, boolean fallback) {
        return has(key) ? getBoolean(key) : fallback;
    }

    public List<String> getStrings(String key) {
        JsonElement e = require(key);
        if (!e.isJsonArray()) {
            throw wrong(key, e, "a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonElement item : e.getAsJsonArray()) {
            if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString()) {
                throw wrong(key, e, "a list of strings");
            }
            out.add(item.getAsString());
        }
        return out;
    }

    private JsonElement require(String key) {
        if (!has(key)) {
            throw new CheckpointException(file, "config key '" + key + "' is missing");
        }
        return json.get(key);
    }

    private CheckpointException wrong(String key, JsonElement e, String expected) {
        String value = e.toString();
        value = value.length() > 60 ? value.substring(0, 60) + "…" : value;
        return new CheckpointException(file, "config key '" + key + "' is " + value + ", expected " + expected);
    }
}
