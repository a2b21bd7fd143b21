package org.attentionworkbench.compute.checkpoint;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.attentionworkbench.compute.io.JsonText;

/**
 * A safetensors file: 8-byte little-endian header length N, N bytes of JSON
 * ({@code name -> {dtype, shape, data_offsets: [begin, end]}}, offsets relative to the data section),
 * then the data. The file is mapped; tensors are slices of the mapping.
 */
public final class SafetensorsCheckpoint extends BaseCheckpoint {
    /** The format's own limit on the header (the reference implementation refuses bigger ones). */
    static final long MAX_HEADER = 100L << 20;
    /** A header is three levels deep (header → entry → shape); deeper JSON is refused while parsing. */
    static final int MAX_HEADER_DEPTH = 8;

    private final MappedFile mapped;
    private Map<String, String> metadata = Map.of();

    private SafetensorsCheckpoint(MappedFile mapped) {
        super(mapped.path(), mapped.path().toString());
        this.mapped = mapped;
    }

    public static SafetensorsCheckpoint open(Path path) {
        MappedFile mapped = MappedFile.open(path);
        try {
            SafetensorsCheckpoint c = new SafetensorsCheckpoint(mapped);
            c.index();
            return c;
        } catch (RuntimeException e) {
            mapped.close();
            throw e;
        }
    }

    private void index() {
        String file = file();
        // 1. header length, bounded by the file and the format's limit
        if (mapped.size() < 8) {
            throw new CheckpointException(file, "safetensors: file of " + mapped.size() + " bytes has no header");
        }
        long headerLength = mapped.region(0, 8, "header length").order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        if (headerLength < 2 || headerLength > mapped.size() - 8 || headerLength > MAX_HEADER) {
            throw new CheckpointException(file, "safetensors: header length " + headerLength
                    + " does not fit the file of " + mapped.size() + " bytes (truncated or not safetensors)");
        }
        // 2. JSON header
        String json = new String(mapped.bytes(8, (int) headerLength, "header"), StandardCharsets.UTF_8);
        JsonObject header;
        try {
            JsonElement root = JsonText.parse(json, MAX_HEADER_DEPTH);
            if (!root.isJsonObject()) {
                throw new CheckpointException(file, "safetensors: header is not a JSON object");
            }
            header = root.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new CheckpointException(file, "safetensors: header is not valid JSON (or nested deeper than "
                    + MAX_HEADER_DEPTH + " levels): " + e.getMessage(), e);
        }
        // 3. one entry per tensor, each byte range checked against shape x dtype and the data section
        long dataStart = 8 + headerLength;
        long dataSize = mapped.size() - dataStart;
        for (Map.Entry<String, JsonElement> e : header.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                metadata = metadata(e.getValue());
                continue;
            }
            add(tensor(e.getKey(), e.getValue(), dataStart, dataSize));
        }
    }

    /** The header's string-to-string __metadata__ (values that are not strings are left out). */
    private static Map<String, String> metadata(JsonElement value) {
        if (!value.isJsonObject()) {
            return Map.of();
        }
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : value.getAsJsonObject().entrySet()) {
            if (e.getValue().isJsonPrimitive() && e.getValue().getAsJsonPrimitive().isString()) {
                m.put(e.getKey(), e.getValue().getAsString());
            }
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The file's __metadata__ (string values only; empty when it has none). */
    public Map<String, String> metadata() {
        return metadata;
    }

    private StoredTensor tensor(String key, JsonElement value, long dataStart, long dataSize) {
        String file = file();
        try {
            JsonObject o = value.getAsJsonObject();
            DType dtype = dtype(key, o.get("dtype").getAsString());
            JsonArray shapeJson = o.getAsJsonArray("shape");
            long[] dims = new long[shapeJson.size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = exactLong(key, "shape", shapeJson.get(i));
            }
            int[] shape = Layout.toShape(file, key, dims, dtype);
            JsonArray offsets = o.getAsJsonArray("data_offsets");
            if (offsets.size() != 2) {
                throw CheckpointException.forKey(file, key, "data_offsets must have two numbers");
            }
            long begin = exactLong(key, "data_offsets", offsets.get(0));
            long end = exactLong(key, "data_offsets", offsets.get(1));
            if (begin < 0 || end < begin || end > dataSize) {
                throw CheckpointException.forKey(file, key, "data_offsets [" + begin + ", " + end
                        + "] lie outside the data section of " + dataSize + " bytes (truncated or corrupt)");
            }
            TensorEntry entry = new TensorEntry(key, dtype, shape);
            if (end - begin != entry.byteSize()) {
                throw CheckpointException.forKey(file, key, "byte range of " + (end - begin) + " bytes does not match "
                        + dtype + java.util.Arrays.toString(shape) + " = " + entry.byteSize() + " bytes");
            }
            return StoredTensor.contiguous(entry, () -> mapped.region(dataStart + begin, end - begin, "tensor '" + key + "'"));
        } catch (IllegalStateException | NullPointerException | ClassCastException | NumberFormatException
                | UnsupportedOperationException e) {
            throw CheckpointException.forKey(file, key, "malformed header entry (" + e.getMessage() + ")", e);
        }
    }

    /** An integer written in the header, refused when it is fractional or beyond a long (no silent rounding). */
    private long exactLong(String key, String field, JsonElement e) {
        try {
            String text = e.getAsJsonPrimitive().getAsString();
            if (!e.getAsJsonPrimitive().isNumber() || text.length() > 24) { // a long has 19 digits
                throw new NumberFormatException();
            }
            return new java.math.BigDecimal(text).longValueExact();
        } catch (ArithmeticException | NumberFormatException | IllegalStateException ex) {
            throw CheckpointException.forKey(file(), key, field + " holds " + brief(e) + ", not an integer");
        }
    }

    private static String brief(JsonElement e) {
        String s = e.isJsonPrimitive() ? e.getAsJsonPrimitive().getAsString() : e.isJsonArray() ? "a list" : "an object";
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private DType dtype(String key, String name) {
        return switch (name) {
            case "F64" -> DType.F64;
            case "F32" -> DType.F32;
            case "F16" -> DType.F16;
            case "BF16" -> DType.BF16;
            case "I64" -> DType.I64;
            case "I32" -> DType.I32;
            case "I16" -> DType.I16;
            case "I8" -> DType.I8;
            case "U8" -> DType.U8;
            case "BOOL" -> DType.BOOL;
            default -> throw CheckpointException.forKey(file(), key, "unsupported dtype " + name
                    + " (supported: F64, F32, F16, BF16 and integer types)");
        };
    }

    @Override
    public String format() {
        return "safetensors";
    }

    @Override
    public void close() {
        mapped.close();
    }
}
