package org.attentionworkbench.compute.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model written here with the protobuf wire format, one field at a time, and read back. */
class OnnxCheckpointTest {
    private static final float[] BASE = {-1.0f, -0.5f, 0.0f, 0.5f, 1.0f, 1.5f};

    @TempDir
    Path dir;

    interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    static byte[] message(Writer w) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        w.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    /** TensorProto with dims as unpacked int64s (field 1), data_type (2), name (8). */
    static byte[] tensor(String name, int dataType, long[] dims, Writer data) throws IOException {
        return message(out -> {
            for (long d : dims) {
                out.writeInt64(1, d);
            }
            out.writeInt32(2, dataType);
            out.writeString(8, name);
            data.write(out);
        });
    }

    static byte[] model(byte[]... graphParts) throws IOException {
        byte[] graph = message(out -> {
            out.writeString(2, "tiny");
            for (byte[] part : graphParts) {
                out.writeRawBytes(part);
            }
        });
        return message(out -> {
            out.writeInt64(1, 8); // ir_version first, as every exporter writes it
            out.writeString(2, "test");
            out.writeByteArray(8, message(o -> o.writeInt64(2, 14))); // opset 14
            out.writeByteArray(7, graph);
        });
    }

    static byte[] field(int number, byte[] message) throws IOException {
        return message(out -> out.writeByteArray(number, message));
    }

    private Path save(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void readsInitializersInEveryEncoding() throws IOException {
        ByteBuffer raw = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : BASE) {
            raw.putFloat(v);
        }
        byte[] rawF32 = tensor("raw", 1, new long[] {2, 3}, o -> o.writeByteArray(9, raw.array()));
        byte[] packedF32 = tensor("packed", 1, new long[] {6}, o -> {
            o.writeTag(4, 2);
            o.writeUInt32NoTag(24);
            for (float v : BASE) {
                o.writeFloatNoTag(v);
            }
        });
        byte[] half = tensor("half", 10, new long[] {3, 2}, o -> {
            for (float v : BASE) {
                o.writeInt32(5, Float.floatToFloat16(v) & 0xffff); // FLOAT16 bits live in int32_data
            }
        });
        byte[] ids = tensor("ids", 7, new long[] {3}, o -> {
            o.writeInt64(7, 4);
            o.writeInt64(7, -1);
            o.writeInt64(7, 1L << 40);
        });
        byte[] node = message(o -> {
            o.writeString(1, "x");
            o.writeString(1, "raw");
            o.writeString(2, "y");
            o.writeString(3, "mm");
            o.writeString(4, "MatMul");
            o.writeByteArray(5, message(a -> {
                a.writeString(1, "alpha");
                a.writeFloat(2, 0.5f);
                a.writeInt32(20, 1);
            }));
            o.writeByteArray(5, message(a -> {
                a.writeString(1, "perm");
                a.writeInt64(8, 1);
                a.writeInt64(8, 0);
                a.writeInt32(20, 7);
            }));
        });
        byte[] constant = message(o -> {
            o.writeString(2, "c");
            o.writeString(4, "Constant");
            o.writeByteArray(5, message(a -> {
                a.writeString(1, "value");
                a.writeByteArray(5, tensor("", 7, new long[] {2}, t -> {
                    t.writeInt64(7, 9);
                    t.writeInt64(7, 10);
                }));
                a.writeInt32(20, 4);
            }));
        });
        Path p = save("tiny.onnx", model(field(5, rawF32), field(5, packedF32), field(5, half), field(5, ids),
                field(1, node), field(1, constant), field(11, message(o -> o.writeString(1, "x"))),
                field(12, message(o -> o.writeString(1, "y")))));
        assertEquals(Checkpoints.Format.ONNX, Checkpoints.detect(p));
        try (Checkpoint c = Checkpoints.open(p)) {
            OnnxCheckpoint onnx = (OnnxCheckpoint) c;
            assertEquals(8, onnx.irVersion());
            assertEquals(14L, onnx.opsets().get(""));
            assertEquals(List.of("raw", "packed", "half", "ids"), c.entries().stream().map(TensorEntry::name).toList());
            assertArrayEquals(BASE, c.readFloats("raw"));
            assertArrayEquals(BASE, c.readFloats("packed"));
            assertArrayEquals(BASE, c.readFloats("half"));
            assertArrayEquals(new long[] {4, -1, 1L << 40}, c.readLongs("ids"));
            assertTrue(c.hasFloatView("raw"));
            assertEquals(1.5f, c.floatView("raw").get(5));
            // the graph: nodes, attributes, and the lookups a loader follows
            OnnxGraph g = onnx.graph();
            assertEquals(List.of("x"), g.inputs());
            OnnxNode mm = g.consumers("raw").get(0);
            assertEquals("MatMul", mm.opType());
            assertEquals(0.5f, mm.attribute("alpha").asFloat());
            assertArrayEquals(new long[] {1, 0}, mm.attribute("perm").asLongs());
            assertEquals(mm, g.producer("y"));
            OnnxAttribute value = g.nodesOfType("Constant").get(0).attribute("value");
            assertArrayEquals(new long[] {9, 10}, value.tensorLongs());
        }
    }

    @Test
    void externalDataAndBadSizesFail() throws IOException {
        byte[] external = tensor("ext", 1, new long[] {4}, o -> {
            o.writeByteArray(13, message(kv -> {
                kv.writeString(1, "location");
                kv.writeString(2, "weights.bin");
            }));
            o.writeInt32(14, 1);
        });
        Path ext = save("ext.onnx", model(field(5, external)));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.open(ext));
        assertTrue(e.getMessage().contains("'ext'") && e.getMessage().contains("external data")
                && e.getMessage().contains(ext.toString()), e.getMessage());

        byte[] shortRaw = tensor("w", 1, new long[] {4}, o -> o.writeByteArray(9, new byte[12]));
        Path bad = save("bad.onnx", model(field(5, shortRaw)));
        e = assertThrows(CheckpointException.class, () -> Checkpoints.open(bad));
        assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("12 bytes"), e.getMessage());

        byte[] strings = tensor("s", 8, new long[] {1}, o -> o.writeByteArray(6, new byte[] {'a'}));
        Path str = save("str.onnx", model(field(5, strings)));
        e = assertThrows(CheckpointException.class, () -> Checkpoints.open(str));
        assertTrue(e.getMessage().contains("'s'") && e.getMessage().contains("data_type 8"), e.getMessage());

        byte[] whole = model(field(5, tensor("w", 1, new long[] {6}, o -> o.writeByteArray(9, new byte[24]))));
        Path cut = save("cut.onnx", java.util.Arrays.copyOf(whole, whole.length - 5));
        e = assertThrows(CheckpointException.class, () -> Checkpoints.open(cut));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    }

    @Test
    void readsFromAStream() throws IOException {
        byte[] bytes = model(field(5, tensor("w", 1, new long[] {1}, o -> o.writeFloat(4, 2.5f))));
        try (OnnxCheckpoint c = OnnxCheckpoint.read("memory:w.onnx", new ByteArrayInputStream(bytes))) {
            assertEquals(null, c.path());
            assertArrayEquals(new float[] {2.5f}, c.readFloats("w"));
            CheckpointException e = assertThrows(CheckpointException.class, () -> c.readFloats("v"));
            assertTrue(e.getMessage().contains("memory:w.onnx"), e.getMessage());
        }
    }
}
