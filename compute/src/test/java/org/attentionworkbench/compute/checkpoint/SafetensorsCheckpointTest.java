package org.attentionworkbench.compute.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsCheckpointTest {
    /** The values every dtype of dtypes.safetensors holds: arange(6) * 0.5 - 1. */
    private static final float[] BASE = {-1.0f, -0.5f, 0.0f, 0.5f, 1.0f, 1.5f};

    @TempDir
    Path dir;

    @Test
    void readsEveryDtypeAsF32() {
        try (Checkpoint c = Checkpoints.open(TestFiles.resource("dtypes.safetensors"))) {
            assertEquals("safetensors", c.format());
            assertEquals(List.of("f32", "f16", "bf16", "f64", "i64", "scalar"),
                    c.entries().stream().map(TensorEntry::name).toList());
            assertEquals(new TensorEntry("f16", DType.F16, new int[] {3, 2}), c.entry("f16"));
            for (String name : List.of("f32", "f16", "bf16", "f64")) {
                assertArrayEquals(BASE, c.readFloats(name), name);
            }
            assertArrayEquals(new long[] {1, -2, 3}, c.readLongs("i64"));
            assertArrayEquals(new float[] {42f}, c.readFloats("scalar"));
            assertEquals(0, c.entry("scalar").rank());
        }
    }

    @Test
    void f32HasAZeroCopyView() {
        try (Checkpoint c = Checkpoints.open(TestFiles.resource("dtypes.safetensors"))) {
            assertTrue(c.hasFloatView("f32"));
            FloatBuffer view = c.floatView("f32");
            assertTrue(view.isDirect(), "a view of the mapping, not a heap copy");
            float[] got = new float[view.remaining()];
            view.get(got);
            assertArrayEquals(BASE, got);
            assertFalse(c.hasFloatView("f16"));
            CheckpointException e = assertThrows(CheckpointException.class, () -> c.floatView("f16"));
            assertTrue(e.getMessage().contains("'f16'") && e.getMessage().contains("F16"), e.getMessage());
        }
    }

    @Test
    void missingKeyNamesFileAndKey() {
        Path p = TestFiles.resource("dtypes.safetensors");
        try (Checkpoint c = Checkpoints.open(p)) {
            CheckpointException e = assertThrows(CheckpointException.class, () -> c.readFloats("nope"));
            assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains(p.toString()), e.getMessage());
            CheckpointException longs = assertThrows(CheckpointException.class, () -> c.readFloats("i64"));
            assertTrue(longs.getMessage().contains("I64"), longs.getMessage());
        }
    }

    // ---- corrupt files, written here so each one breaks exactly one rule ---------------------------

    private Path write(String name, String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    private CheckpointException failure(Path p) {
        return assertThrows(CheckpointException.class, () -> SafetensorsCheckpoint.open(p).close());
    }

    private static void assertMentions(CheckpointException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }

    @Test
    void offsetsPastTheEndFail() throws IOException {
        Path p = write("past.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8);
        assertMentions(failure(p), p.toString(), "'w'", "outside the data section");
    }

    @Test
    void sizeNotMatchingShapeFails() throws IOException {
        Path p = write("size.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,16]}}", 16);
        assertMentions(failure(p), p.toString(), "'w'", "16 bytes", "12 bytes");
    }

    @Test
    void unknownDtypeFailsNamingIt() throws IOException {
        Path p = write("dtype.safetensors", "{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", 2);
        assertMentions(failure(p), p.toString(), "'w'", "F8_E4M3");
    }

    @Test
    void negativeAndOverflowingDimsFail() throws IOException {
        Path neg = write("neg.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1,4],\"data_offsets\":[0,16]}}", 16);
        assertMentions(failure(neg), "'w'", "-1");
        // 2^31 * 2^31 * 2^31 elements wraps a long: must fail as overflow, never allocate
        Path huge = write("huge.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,"
                + "2147483647],\"data_offsets\":[0,4]}}", 4);
        assertMentions(failure(huge), "'w'", "overflows");
        // a shape that fits a long but claims far more bytes than the file has
        Path big = write("big.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1000000,1000000],"
                + "\"data_offsets\":[0,4]}}", 4);
        assertMentions(failure(big), "'w'", "does not match");
    }

    @Test
    void headerLengthBeyondFileFails() throws IOException {
        Path p = dir.resolve("header.safetensors");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).put("{}      ".getBytes());
        Files.write(p, b.array());
        assertMentions(failure(p), p.toString(), "header length");
    }

    @Test
    void truncatedFileFails() throws IOException {
        byte[] whole = Files.readAllBytes(TestFiles.resource("dtypes.safetensors"));
        Path p = dir.resolve("cut.safetensors");
        Files.write(p, java.util.Arrays.copyOf(whole, whole.length - 10));
        assertMentions(failure(p), p.toString(), "outside the data section");
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertMentions(failure(tiny), "no header");
    }

    @Test
    void malformedHeaderFails() throws IOException {
        Path p = write("json.safetensors", "{\"w\": [1, 2", 0);
        assertMentions(failure(p), p.toString(), "JSON");
        Path q = write("entry.safetensors", "{\"w\": {\"dtype\": \"F32\"}}", 0);
        assertMentions(failure(q), "'w'", "malformed");
    }
}
