package org.attentionworkbench.compute.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path tmp;

    private static Path goldens() throws URISyntaxException {
        return Path.of(NpyTest.class.getResource("/goldens/manifest.json").toURI()).getParent();
    }

    private static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    // ---------------------------------------------------------------- round trip

    @Test
    void roundTripKeepsShapeAndExactBits() throws IOException {
        float[] special = {0f, -0f, 1.5f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, -Float.MAX_VALUE, (float) Math.PI, 1e-30f, -7.25f, 42f};
        for (int[] shape : new int[][] {{12}, {3, 4}, {2, 3, 2}, {1, 1, 12}}) {
            Path f = tmp.resolve("a" + shape.length + ".npy");
            Npy.writeFloat32(f, special, shape);
            NpyArray a = Npy.read(f);
            assertEquals(Npy.DType.FLOAT32, a.dtype());
            assertArrayEquals(shape, a.shape());
            float[] back = a.toFloats();
            for (int i = 0; i < special.length; i++) {
                assertEquals(Float.floatToRawIntBits(special[i]), Float.floatToRawIntBits(back[i]), "element " + i);
            }
        }
    }

    @Test
    void roundTripScalarEmptyAndLarge() throws IOException {
        Path f = tmp.resolve("s.npy");
        Npy.writeFloat32(f, new float[] {2.5f});
        assertArrayEquals(new int[0], Npy.read(f).shape());
        assertArrayEquals(new float[] {2.5f}, Npy.read(f).toFloats());

        Npy.writeFloat32(f, new float[0], 0, 7);
        assertArrayEquals(new int[] {0, 7}, Npy.read(f).shape());
        assertEquals(0, Npy.read(f).size());

        // larger than one write chunk, so the chunked writer is exercised across boundaries
        float[] big = new float[7 * 14_286];
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) Math.sin(i * 0.001) * i;
        }
        Npy.writeFloat32(f, big, 7, 14_286, 1);
        assertArrayEquals(big, Npy.read(f).toFloats());
    }

    @Test
    void writtenHeaderIsNumpyVersion1AlignedTo64() throws IOException {
        Path f = tmp.resolve("h.npy");
        Npy.writeFloat32(f, new float[6], 2, 3);
        byte[] b = Files.readAllBytes(f);
        assertEquals((byte) 0x93, b[0]);
        assertEquals("NUMPY", new String(b, 1, 5, StandardCharsets.ISO_8859_1));
        assertEquals(1, b[6]);
        assertEquals(0, b[7]);
        int hlen = ByteBuffer.wrap(b, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        assertEquals(0, (10 + hlen) % 64);
        String header = new String(b, 10, hlen, StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), header);
        assertTrue(header.endsWith("\n"));
        assertEquals(10 + hlen + 6 * 4, b.length);

        Npy.writeFloat32(f, new float[5], 5);
        String oneD = new String(Files.readAllBytes(f), 10, 60, StandardCharsets.ISO_8859_1);
        assertTrue(oneD.contains("'shape': (5,)"), "a 1-d shape needs Python's trailing comma: " + oneD);
    }

    @Test
    void writeReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path f = tmp.resolve("out.npy");
        Npy.writeFloat32(f, new float[] {1, 2, 3}, 3);
        Npy.writeFloat32(f, new float[] {4, 5}, 2);
        assertArrayEquals(new float[] {4, 5}, Npy.read(f).toFloats());
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(1, files.count(), "only the target file remains");
        }
    }

    @Test
    void writeWithWrongShapeFailsAndKeepsTheOldFile() throws IOException {
        Path f = tmp.resolve("keep.npy");
        Npy.writeFloat32(f, new float[] {1, 2, 3}, 3);
        assertThrows(IllegalArgumentException.class, () -> Npy.writeFloat32(f, new float[] {1, 2, 3}, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Npy.writeFloat32(f, new float[] {1, 2, 3}, -3));
        assertArrayEquals(new float[] {1, 2, 3}, Npy.read(f).toFloats());
    }

    // ---------------------------------------------------------------- numpy-written files

    /** Each sample holds an arange expression from tools/goldens/make_npy_samples.py; recompute it. */
    @Test
    void readsEveryNumpyWrittenSample() throws Exception {
        Path root = goldens();
        JsonArray files = json(root.resolve("npy/manifest.json")).getAsJsonArray("files");
        int checked = 0;
        for (JsonElement e : files) {
            JsonObject entry = e.getAsJsonObject();
            Path file = root.resolve(entry.get("file").getAsString());
            if (!entry.get("expect").getAsString().equals("ok")) {
                NpyFormatException ex = assertThrows(NpyFormatException.class, () -> Npy.read(file));
                assertTrue(ex.getMessage().contains(file.toString()), ex.getMessage());
                continue;
            }
            NpyArray a = Npy.read(file);
            int[] shape = new Gson().fromJson(entry.get("shape"), int[].class);
            assertArrayEquals(shape, a.shape(), file.toString());
            assertEquals(entry.get("descr").getAsString(), a.dtype().descr(), file.toString());
            IntToDoubleFunction expected = switch (file.getFileName().toString()) {
                case "f4_2x3_v1.npy" -> i -> i * 0.5 - 1;
                case "f4_2x3x4_v2.npy" -> i -> i * 0.25;
                case "f4_scalar.npy" -> i -> 3.5;
                case "f4_0x3.npy" -> i -> 0;
                case "f8_3x2.npy" -> i -> i / 3.0;
                case "i8_5.npy" -> i -> i - 2;
                case "i4_2x2.npy" -> i -> i * 7 - 10;
                case "u1_2x3x3.npy" -> i -> i * 14;
                default -> throw new AssertionError("no expectation for " + file);
            };
            double[] got = a.toDoubles();
            for (int i = 0; i < got.length; i++) {
                assertEquals(expected.applyAsDouble(i), got[i], 0.0, file + " element " + i);
            }
            if (a.dtype().isInteger()) {
                long[] longs = a.toLongs();
                for (int i = 0; i < longs.length; i++) {
                    assertEquals((long) expected.applyAsDouble(i), longs[i]);
                }
            }
            checked++;
        }
        assertEquals(8, checked, "readable samples");
    }

    @Test
    void goldenAttentionFilesHoldProbabilityRows() throws Exception {
        Path root = goldens();
        for (JsonElement e : json(root.resolve("manifest.json")).getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            NpyArray attn = Npy.read(root.resolve(c.getAsJsonObject("files").get("attn").getAsString()));
            NpyArray tokens = Npy.read(root.resolve(c.getAsJsonObject("files").get("tokens").getAsString()));
            int n = c.get("num_tokens").getAsInt();
            int[] s = attn.shape();
            assertEquals(4, s.length);
            assertEquals(n, s[2]);
            assertEquals(n, s[3]);
            assertEquals(n, tokens.shape()[1]);
            float[] p = attn.toFloats();
            for (int row = 0; row < p.length / n; row++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += p[row * n + j];
                }
                assertEquals(1.0, sum, 1e-5, c.get("name").getAsString() + " row " + row);
            }
        }
    }

    /** The uint8 crop must reproduce the normalised tensor statistics the generator recorded. */
    @Test
    void preprocessUint8MatchesRecordedChannelMeans() throws Exception {
        Path root = goldens();
        JsonObject m = json(root.resolve("preprocess/manifest.json"));
        double[] mean = new Gson().fromJson(m.get("mean"), double[].class);
        double[] std = new Gson().fromJson(m.get("std"), double[].class);
        for (JsonElement e : m.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            NpyArray u8 = Npy.read(root.resolve(c.getAsJsonObject("files").get("resized_cropped_u8").getAsString()));
            assertEquals(Npy.DType.UINT8, u8.dtype());
            assertArrayEquals(new int[] {224, 224, 3}, u8.shape());
            int[] px = u8.toInts();
            double[] want = new Gson().fromJson(c.get("channel_mean"), double[].class);
            for (int ch = 0; ch < 3; ch++) {
                double sum = 0;
                for (int i = ch; i < px.length; i += 3) {
                    sum += ((float) (px[i] / 255.0) - mean[ch]) / std[ch];
                }
                assertEquals(want[ch], sum / (224 * 224), 1e-4, "channel " + ch);
            }
        }
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void fortranOrderIsRefusedNamingTheFile() throws Exception {
        Path f = goldens().resolve("npy/f4_fortran_2x3.npy");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().contains("fortran_order") && e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void bigEndianIsRefused() throws Exception {
        Path f = goldens().resolve("npy/f4_bigendian_3.npy");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().contains("'>f4'"), e.getMessage());
    }

    @Test
    void badFilesFailWithIOExceptionNamingTheFile() throws IOException {
        byte[] good = validFile();
        assertBad("bad magic", replace(good, 1, (byte) 'X'), "bad magic");
        assertBad("version", replace(good, 6, (byte) 9), "version 9.0");
        assertBad("truncated header", Arrays.copyOf(good, 30), "truncated header");
        assertBad("truncated data", Arrays.copyOf(good, good.length - 1), "truncated data");
        assertBad("trailing", Arrays.copyOf(good, good.length + 4), "after the");
        assertBad("missing shape", withHeader("{'descr': '<f4', 'fortran_order': False, }"), "header keys");
        assertBad("unterminated", withHeader("{'descr': '<f4, 'fortran_order': False, 'shape': (2,), }"), "malformed");
        assertBad("no brace", withHeader("'descr': '<f4'"), "malformed");
        assertBad("object dtype", withHeader("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }"),
                "unsupported dtype");
        assertBad("structured", withHeader("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }"),
                "nested value");
        assertBad("negative dim", withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }"),
                "expected a dimension");
        assertBad("huge", withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (99999, 99999), }"),
                "too large");
    }

    @Test
    void integerAccessorsRefuseFloatData() throws IOException {
        Path f = tmp.resolve("f.npy");
        Npy.writeFloat32(f, new float[] {1.5f}, 1);
        NpyArray a = Npy.read(f);
        assertThrows(IllegalStateException.class, a::toLongs);
        assertThrows(IllegalStateException.class, a::toInts);
    }

    private void assertBad(String name, byte[] content, String expected) throws IOException {
        Path f = tmp.resolve(name.replace(' ', '_') + ".npy");
        Files.write(f, content);
        IOException e = assertThrows(IOException.class, () -> Npy.read(f), name);
        assertTrue(e.getMessage().contains(f.toString()), name + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
    }

    private byte[] validFile() throws IOException {
        Path f = tmp.resolve("valid.npy");
        Npy.writeFloat32(f, new float[] {1, 2}, 2);
        return Files.readAllBytes(f);
    }

    /** A version 1.0 file with the given header dict and 8 data bytes. */
    private static byte[] withHeader(String dict) {
        byte[] h = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length).put(h);
        return b.array();
    }

    private static byte[] replace(byte[] b, int at, byte v) {
        byte[] c = b.clone();
        c[at] = v;
        return c;
    }
}
