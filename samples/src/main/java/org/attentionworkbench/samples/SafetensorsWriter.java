package org.attentionworkbench.samples;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes float32 tensors as safetensors: an 8-byte little-endian header length, a JSON header naming each
 * tensor's dtype, shape and byte range, then the raw little-endian data. Plain Java, so samples needs no engine.
 */
final class SafetensorsWriter {
    private record Tensor(int[] shape, float[] data) {}

    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    SafetensorsWriter put(String name, float[] data, int... shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(name + ": " + data.length + " values for shape of " + n);
        }
        tensors.put(name, new Tensor(shape.clone(), data));
        return this;
    }

    /** The whole file in memory (the sample model is a few MB), for the caller's atomic writer. */
    byte[] toBytes(Map<String, String> metadata) {
        // 1. header JSON with byte offsets
        StringBuilder h = new StringBuilder("{\"__metadata__\":{");
        boolean first = true;
        for (Map.Entry<String, String> m : metadata.entrySet()) {
            h.append(first ? "" : ",").append(quote(m.getKey())).append(':').append(quote(m.getValue()));
            first = false;
        }
        h.append('}');
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            long bytes = 4L * e.getValue().data().length;
            h.append(',').append(quote(e.getKey())).append(":{\"dtype\":\"F32\",\"shape\":[");
            int[] s = e.getValue().shape();
            for (int i = 0; i < s.length; i++) {
                h.append(i == 0 ? "" : ",").append(s[i]);
            }
            h.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        h.append('}');
        // 2. pad the header with spaces so the data starts 8-byte aligned
        while ((h.length() % 8) != 0) {
            h.append(' ');
        }
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(8 + header.length + offset)).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header);
        // 3. the data, little-endian float32
        for (Tensor t : tensors.values()) {
            b.asFloatBuffer().put(t.data());
            b.position(b.position() + 4 * t.data().length);
        }
        return b.array();
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
