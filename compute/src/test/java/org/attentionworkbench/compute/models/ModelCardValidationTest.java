package org.attentionworkbench.compute.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.checkpoint.CheckpointException;
import org.attentionworkbench.compute.checkpoint.HfConfig;
import org.attentionworkbench.compute.models.vit.ViTOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every field of a model card and of a config.json is checked before use: a value no model has is
 * refused naming the file and the field, never silently replaced (-8 heads used to become 1 head).
 */
class ModelCardValidationTest {
    private static final Path CARD = Path.of("..", "samples", "models", "vit4mnist.json");
    private static final String VIT = "{\"hidden_size\": 768, \"num_hidden_layers\": 12, \"num_attention_heads\": 12,"
            + " \"intermediate_size\": 3072, \"hidden_act\": \"gelu\", \"layer_norm_eps\": 1e-12, \"image_size\": 224,"
            + " \"patch_size\": 16, \"num_channels\": 3}";

    @TempDir
    Path dir;

    private static String with(String json, String key, String value) {
        return json.replaceFirst("\"" + key + "\": [^,}]+", "\"" + key + "\": " + value);
    }

    private static void badConfig(String json, String... parts) {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> ViTOptions.fromConfig(HfConfig.parse("config.json", json), ViTOptions.defaults()));
        assertTrue(e.getMessage().contains("config.json"), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }

    @Test
    void configFieldsAreChecked() {
        ViTOptions ok = ViTOptions.fromConfig(HfConfig.parse("config.json", VIT), ViTOptions.defaults());
        assertEquals(12, ok.heads());
        assertEquals(1e-12f, ok.eps());
        assertEquals(16, ok.patch());
        badConfig(with(VIT, "num_attention_heads", "-8"), "num_attention_heads", "-8");
        badConfig(with(VIT, "num_attention_heads", "7"), "not a multiple");
        badConfig(with(VIT, "layer_norm_eps", "-1"), "layer_norm_eps");
        badConfig(with(VIT, "layer_norm_eps", "NaN"), "layer_norm_eps");
        // in range as a double, but 0 or 1 as the float32 the engine holds (fuzz finding)
        badConfig(with(VIT, "layer_norm_eps", "1e-122"), "layer_norm_eps", "float32");
        badConfig(with(VIT, "layer_norm_eps", "0.99999999999"), "layer_norm_eps", "float32");
        badConfig(with(VIT, "hidden_act", "\"relu\""), "hidden_act", "relu");
        badConfig(with(VIT, "image_size", "100000"), "image_size");
        badConfig(with(VIT, "patch_size", "0"), "patch_size");
        badConfig(with(VIT, "num_channels", "2.5"), "num_channels");
        badConfig("{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}", "nested deeper");
    }

    private Path card(String json) throws IOException {
        Path f = dir.resolve("card.json");
        Files.writeString(f, json);
        return f;
    }

    private void badCard(String json, String... parts) throws IOException {
        Path f = card(json);
        IOException e = assertThrows(IOException.class, () -> ModelCard.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }

    @Test
    void cardFieldsAreChecked() throws IOException {
        String good = Files.readString(CARD);
        ModelCard card = ModelCard.read(CARD);
        assertEquals(8, card.heads);
        assertEquals(28, card.preprocess.recipe().resize());
        badCard(good.replace("\"resize\": 28", "\"resize\": 100000"), "resize 100000");
        badCard(good.replace("\"heads\": 8", "\"heads\": -8"), "heads", "-8");
        badCard(good.replace("\"std\": [0.3081]", "\"std\": [0]"), "std");
        badCard(good.replace("\"std\": [0.3081]", "\"std\": [0.3, 0.3]"), "one value per channel");
        badCard(good.replace("\"layout\": \"vit-pytorch\"", "\"layout\": \"resnet\""), "layout", "resnet");
        badCard(good.replace("\"architecture\": \"vit\"", "\"architecture\": \"cnn\""), "architecture");
        badCard(good.replace("\"patch\": 7", "\"patch\": 5000"), "patch");
        badCard("{\"checkpoint\": \"m.pth\", \"eps\": -1}", "eps");
        badCard("{\"checkpoint\": \"\"}", "checkpoint");
        // fuzz finding: a lenient reader passed "1*-06" to Double.parseDouble and its exception leaked
        badCard("{\"checkpoint\": \"m.pth\", \"eps\": 1*-06}", "not a valid model card");
        badCard("{\"checkpoint\": \"m.pth\", \"x\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}",
                "not a valid model card");
    }

    @Test
    void oversizedFilesAreNotReadIntoMemory() throws IOException {
        Path big = dir.resolve("big.json");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(ModelCard.MAX_BYTES + 1); // sparse: no disk used
        }
        IOException e = assertThrows(IOException.class, () -> ModelCard.read(big));
        assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
        CheckpointException c = assertThrows(CheckpointException.class, () -> HfConfig.read(big));
        assertTrue(c.getMessage().contains("exceeds the limit") && c.getMessage().contains("big.json"), c.getMessage());
    }

    @Test
    void rawVit4mnistWithoutItsCardIsRefusedNamingWhatIsUnknown() {
        assumeTrue(TestDevices.shared() != null, TestDevices.sharedHint());
        Path pth = TestDevices.shared().resolve("models/vit4mnist.pth");
        assumeTrue(Files.isRegularFile(pth), "missing " + pth);
        Exception e = assertThrows(Exception.class, () -> VisionModel.open(pth, TestDevices.java()));
        assertTrue(e.getMessage().contains("head count") && e.getMessage().contains("model card"), e.getMessage());
        assertTrue(e.getMessage().contains("vit4mnist.pth"), e.getMessage());
    }

    @Test
    void aCardWithHeadsButNoNormalisationIsRefusedForVitPytorch() throws IOException {
        assumeTrue(TestDevices.shared() != null, TestDevices.sharedHint());
        Path pth = TestDevices.shared().resolve("models/vit4mnist.pth").toAbsolutePath();
        assumeTrue(Files.isRegularFile(pth), "missing " + pth);
        Path f = card("{\"checkpoint\": \"" + pth + "\", \"heads\": 8, \"channels\": 1, \"patch\": 7}");
        IOException e = assertThrows(IOException.class, () -> VisionModel.open(f, TestDevices.java()));
        assertTrue(e.getMessage().contains("scaleByWidth") && e.getMessage().contains("preprocess"), e.getMessage());
    }
}
