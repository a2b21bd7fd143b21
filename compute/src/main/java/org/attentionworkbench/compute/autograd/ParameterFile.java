package org.attentionworkbench.compute.autograd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import org.attentionworkbench.compute.checkpoint.CheckpointException;
import org.attentionworkbench.compute.checkpoint.SafetensorsCheckpoint;
import org.attentionworkbench.compute.checkpoint.TensorEntry;

/**
 * Named parameters to and from a safetensors file (F32, little-endian), so trained weights open in
 * PyTorch ({@code safetensors.torch.load_file}) and the engine's own {@link SafetensorsCheckpoint} reads them back.
 */
public final class ParameterFile {
    private ParameterFile() {}

    /** Writes the parameters in map order (atomically: a temporary file, then a move). */
    public static void save(Path file, Map<String, Var> params, Map<String, String> metadata) throws IOException {
        StringBuilder h = new StringBuilder("{\"__metadata__\":{");
        boolean first = true;
        for (Map.Entry<String, String> m : metadata.entrySet()) {
            h.append(first ? "" : ",").append(quote(m.getKey())).append(':').append(quote(m.getValue()));
            first = false;
        }
        h.append('}');
        long offset = 0;
        for (Map.Entry<String, Var> e : params.entrySet()) {
            long bytes = 4L * e.getValue().size();
            int[] s = e.getValue().shape();
            h.append(',').append(quote(e.getKey())).append(":{\"dtype\":\"F32\",\"shape\":[");
            for (int i = 0; i < s.length; i++) {
                h.append(i == 0 ? "" : ",").append(s[i]);
            }
            h.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        h.append('}');
        while (h.length() % 8 != 0) { // data 8-byte aligned, as the format recommends
            h.append(' ');
        }
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(8 + header.length + offset)).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header);
        for (Var v : params.values()) {
            b.asFloatBuffer().put(v.data());
            b.position(b.position() + 4 * v.size());
        }
        Path abs = file.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, b.array());
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads every parameter of {@code into} from the file into its array, checking that the file has each
     * name with the same shape and nothing else; any mismatch is a {@link CheckpointException} naming the file.
     */
    public static void load(Path file, Map<String, Var> into) {
        try (SafetensorsCheckpoint c = SafetensorsCheckpoint.open(file)) {
            for (TensorEntry e : c.entries()) {
                if (!into.containsKey(e.name())) {
                    throw new CheckpointException(c.file(), "unexpected tensor '" + e.name() + "' (expected "
                            + into.keySet() + ")");
                }
            }
            for (Map.Entry<String, Var> p : into.entrySet()) {
                if (!c.contains(p.getKey())) {
                    throw new CheckpointException(c.file(), "missing tensor '" + p.getKey() + "' (expected "
                            + into.keySet() + ")");
                }
                int[] shape = c.entry(p.getKey()).shape();
                if (!Arrays.equals(shape, p.getValue().shape())) {
                    throw new CheckpointException(c.file(), "tensor '" + p.getKey() + "' has shape "
                            + Arrays.toString(shape) + ", expected " + Arrays.toString(p.getValue().shape()));
                }
                float[] v = c.readFloats(p.getKey());
                for (float f : v) {
                    if (!Float.isFinite(f)) {
                        throw new CheckpointException(c.file(), "tensor '" + p.getKey() + "' holds " + f);
                    }
                }
                System.arraycopy(v, 0, p.getValue().data(), 0, v.length);
            }
        }
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
