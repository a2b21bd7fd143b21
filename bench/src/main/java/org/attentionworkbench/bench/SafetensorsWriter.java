package org.attentionworkbench.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attentionworkbench.compute.io.AtomicFiles;
import org.attentionworkbench.compute.tensor.HostTensor;

/**
 * Writes float32 tensors as a safetensors file: u64 header length, a JSON header (padded with spaces
 * to 8 bytes), then the raw little-endian data in header order. Enough for the bench's weights.
 */
final class SafetensorsWriter {
    private SafetensorsWriter() {}

    static void write(Path file, Map<String, HostTensor> tensors) throws IOException {
        // 1. header: names, shapes and byte ranges in insertion order
        StringBuilder json = new StringBuilder("{");
        long offset = 0;
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            long bytes = 4L * e.getValue().data().length;
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(e.getKey()).append("\":{\"dtype\":\"F32\",\"shape\":")
                    .append(Arrays.toString(e.getValue().shape()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        json.append('}');
        while ((json.length() + 8) % 8 != 0) {
            json.append(' ');
        }
        byte[] header = json.toString().getBytes(StandardCharsets.US_ASCII);
        // 2. write beside the target and rename, so a reader never sees half a file
        AtomicFiles.write(file, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length).array());
            out.write(header);
            for (HostTensor t : tensors.values()) {
                ByteBuffer buf = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(t.data());
                out.write(buf.array());
            }
        });
    }

    /** A map that keeps the order tensors were put in (the file's order). */
    static Map<String, HostTensor> ordered() {
        return new LinkedHashMap<>();
    }
}
