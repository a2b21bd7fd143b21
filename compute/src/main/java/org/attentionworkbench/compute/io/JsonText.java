package org.attentionworkbench.compute.io;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/**
 * JSON from files users give, with the nesting depth bounded while reading: a file nested 200,000
 * levels deep must fail as bad JSON, not overflow the stack in whatever walks the tree afterwards
 * (toString, deepCopy, a reflective adapter). Lenient as Gson's JsonParser is (NaN, comments).
 */
public final class JsonText {
    private JsonText() {}

    /** Parses a whole document; {@link JsonParseException} for bad JSON, trailing text or depth > maxDepth. */
    public static JsonElement parse(String text, int maxDepth) {
        JsonReader reader = reader(text, maxDepth);
        JsonElement root = JsonParser.parseReader(reader);
        requireEnd(reader);
        return root;
    }

    /** Binds a whole document to {@code type}; the same errors as {@link #parse}. */
    public static <T> T fromJson(Gson gson, String text, Class<T> type, int maxDepth) {
        JsonReader reader = reader(text, maxDepth);
        T value;
        try {
            value = gson.fromJson(reader, type);
        } catch (IllegalArgumentException e) {
            // a lenient reader hands "1*-06" to Double.parseDouble, whose NumberFormatException Gson passes on
            throw new JsonSyntaxException("malformed value: " + e.getMessage(), e);
        }
        requireEnd(reader);
        return value;
    }

    private static JsonReader reader(String text, int maxDepth) {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.LENIENT);
        reader.setNestingLimit(maxDepth);
        return reader;
    }

    private static void requireEnd(JsonReader reader) {
        try {
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonSyntaxException("text after the JSON value");
            }
        } catch (IOException e) {
            throw new JsonSyntaxException("text after the JSON value: " + e.getMessage(), e);
        }
    }
}
