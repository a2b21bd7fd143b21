package org.attentionworkbench.compute.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real models of ../shared/models against checksums that tools/checkpoint/real_file_checksums.py
 * computed with Python's pickle (restricted) and numpy, independently of these readers.
 */
class RealCheckpointsTest {

    /** Every tensor's shape, sums and first/last values match the Python reading. */
    private static void assertMatchesChecksums(Checkpoint c, JsonObject expected) {
        assertEquals(expected.keySet().stream().toList(), c.entries().stream().map(TensorEntry::name).toList());
        for (Map.Entry<String, JsonElement> e : expected.entrySet()) {
            String name = e.getKey();
            JsonObject x = e.getValue().getAsJsonObject();
            JsonArray shape = x.getAsJsonArray("shape");
            int[] want = new int[shape.size()];
            for (int i = 0; i < want.length; i++) {
                want[i] = shape.get(i).getAsInt();
            }
            assertArrayEquals(want, c.entry(name).shape(), name);
            double[] values = c.entry(name).dtype().convertsToFloat()
                    ? toDouble(c.readFloats(name)) : toDouble(c.readLongs(name));
            double sum = 0;
            double sumsq = 0;
            for (double v : values) {
                sum += v;
                sumsq += v * v;
            }
            double scale = Math.max(1, Math.sqrt(x.get("sumsq").getAsDouble()) * Math.sqrt(values.length));
            assertEquals(x.get("sum").getAsDouble(), sum, 1e-9 * scale, name + " sum");
            assertEquals(x.get("sumsq").getAsDouble(), sumsq, 1e-9 * Math.max(1, x.get("sumsq").getAsDouble()),
                    name + " sum of squares");
            JsonArray first = x.getAsJsonArray("first");
            for (int i = 0; i < first.size(); i++) {
                assertEquals(first.get(i).getAsDouble(), values[i], 0.0, name + "[" + i + "]");
            }
            assertEquals(x.get("last").getAsDouble(), values[values.length - 1], 0.0, name + " last");
        }
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    private static double[] toDouble(long[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    @Test
    void vit4mnist() throws IOException {
        Path p = TestFiles.sharedModel("vit4mnist.pth");
        try (Checkpoint c = Checkpoints.open(p)) {
            assertEquals("pytorch", c.format());
            assertEquals(74, c.entries().size());
            assertEquals(213_642L, c.entries().stream().mapToLong(TensorEntry::size).sum());
            assertArrayEquals(new int[] {64, 49}, c.entry("patch_to_embedding.weight").shape());
            assertArrayEquals(new int[] {192, 64}, c.entry("transformer.layers.0.0.fn.fn.to_qkv.weight").shape());
            assertMatchesChecksums(c, TestFiles.json("vit4mnist.pth.checksums.json"));
            // the vit layout, checked before copying anything
            KeyCheck check = new KeyCheck().allowUnexpected().expect("patch_to_embedding.weight", 64, 49)
                    .expect("cls_token", 1, 1, 64).expect("pos_embedding", 1, 17, 64).expect("mlp_head.2.weight", 10, 128);
            check.verify(c);
        }
    }

    @Test
    void mobilenetSafetensors() throws IOException {
        Path p = TestFiles.sharedModel("mobilenet_v2_imagenet.safetensors");
        try (Checkpoint c = Checkpoints.open(p)) {
            assertEquals("safetensors", c.format());
            assertMatchesChecksums(c, TestFiles.json("mobilenet_v2_imagenet.safetensors.checksums.json"));
            assertArrayEquals(new int[] {1000, 1280}, c.entry("classifier.1.weight").shape());
            // zero-copy view and decoded copy agree
            FloatBuffer view = c.floatView("classifier.1.weight");
            float[] copy = c.readFloats("classifier.1.weight");
            assertEquals(copy.length, view.remaining());
            for (int i = 0; i < copy.length; i += 997) {
                assertEquals(copy[i], view.get(i));
            }
            assertEquals(DType.I64, c.entry("features.0.1.num_batches_tracked").dtype());
            assertTrue(c.readLongs("features.0.1.num_batches_tracked")[0] >= 0);
        }
    }
}
