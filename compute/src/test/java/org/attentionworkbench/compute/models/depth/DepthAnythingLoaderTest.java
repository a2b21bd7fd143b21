package org.attentionworkbench.compute.models.depth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.checkpoint.Checkpoint;
import org.attentionworkbench.compute.checkpoint.CheckpointException;
import org.attentionworkbench.compute.checkpoint.Checkpoints;
import org.attentionworkbench.compute.checkpoint.TensorEntry;
import org.attentionworkbench.compute.tensor.HostTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layout detection, inferred configuration, and bad files: typed errors that name the file and the key. */
class DepthAnythingLoaderTest {
    static final Path ROOT = DepthAnythingGoldenTest.ROOT;

    @TempDir
    Path tmp;

    @Test
    void readsTheConfigurationOfBothLayouts() {
        DepthAnythingLoader.Loaded hf = DepthAnythingLoader.load(ROOT.resolve("hf"), DepthOptions.defaults());
        DepthAnythingConfig c = hf.config();
        assertEquals("[0, 1, 2, 3]", java.util.Arrays.toString(c.outBlocks())); // out_indices [1, 2, 3, 4]
        assertEquals("[4, 8, 16, 16]", java.util.Arrays.toString(c.neck()));
        assertEquals(4, c.fusion());
        assertEquals(4, c.headHidden());
        assertEquals(2, hf.backbone().config().heads());
        assertEquals(42, c.preprocess().height());
        assertEquals(DepthPreprocess.Codebase.HF, c.preprocess().codebase());
        DepthAnythingLoader.Loaded orig = DepthAnythingLoader.load(ROOT.resolve("depth_anything_v2_tiny.pth"),
                DepthOptions.defaults().withHeads(2).withOutBlocks(0, 1, 2, 3));
        assertEquals("[4, 8, 16, 16]", java.util.Arrays.toString(orig.config().neck()));
        assertEquals(518, orig.config().preprocess().height());
        assertEquals(DepthPreprocess.Codebase.ORIGINAL, orig.config().preprocess().codebase());
        assertEquals(DepthKind.RELATIVE_INVERSE, orig.config().kind());
        // the same weights under both layouts' names
        assertEquals(hf.head().keySet().stream().filter(k -> !k.startsWith("neck.fusion_stage.layers.0.residual_layer1"))
                .count(), orig.head().keySet().stream()
                .filter(k -> !k.startsWith("neck.fusion_stage.layers.0.residual_layer1")).count());
        for (String k : orig.head().keySet()) {
            assertTrue(java.util.Arrays.equals(hf.head().get(k).data(), orig.head().get(k).data()), k);
        }
    }

    @Test
    void mapsOriginalKeysToHfNames() {
        assertEquals("neck.fusion_stage.layers.0.projection.weight",
                DepthAnythingLoader.hfName("depth_head.scratch.refinenet4.out_conv.weight"));
        assertEquals("neck.fusion_stage.layers.3.residual_layer2.convolution1.bias",
                DepthAnythingLoader.hfName("depth_head.scratch.refinenet1.resConfUnit2.conv1.bias"));
        assertEquals("neck.convs.2.weight", DepthAnythingLoader.hfName("depth_head.scratch.layer3_rn.weight"));
        assertEquals("neck.reassemble_stage.layers.3.resize.weight",
                DepthAnythingLoader.hfName("depth_head.resize_layers.3.weight"));
        assertEquals("head.conv3.bias", DepthAnythingLoader.hfName("depth_head.scratch.output_conv2.2.bias"));
        assertEquals(null, DepthAnythingLoader.hfName("depth_head.scratch.stem_transpose.weight"));
    }

    @Test
    void metricRangeFromTheOriginalFileNameOrTheCaller() throws IOException {
        DepthOptions tiny = DepthOptions.defaults().withHeads(2).withOutBlocks(0, 1, 2, 3);
        Path outdoor = copyPth("depth_anything_v2_metric_vkitti_vits.pth");
        DepthAnythingConfig c = DepthAnythingLoader.load(outdoor, tiny).config();
        assertEquals(DepthKind.METRIC_METRES, c.kind());
        assertEquals(80f, c.maxDepth());
        Path unnamed = copyPth("my_metric_model.pth");
        CheckpointException e = assertThrows(CheckpointException.class, () -> DepthAnythingLoader.load(unnamed, tiny));
        assertTrue(e.getMessage().contains("my_metric_model.pth") && e.getMessage().contains("max depth"), e.getMessage());
        assertEquals(12.5f, DepthAnythingLoader.load(unnamed, tiny.withKind(DepthKind.METRIC_METRES, 12.5f))
                .config().maxDepth());
    }

    @Test
    void originalOfUnknownWidthAsksForHeads() {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> DepthAnythingLoader.load(ROOT.resolve("depth_anything_v2_tiny.pth"), DepthOptions.defaults()));
        assertTrue(e.getMessage().contains("depth_anything_v2_tiny.pth") && e.getMessage().contains("head count"),
                e.getMessage());
    }

    @Test
    void foldersWithoutTheFilesSaySo() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertMessage(empty, "config.json");
        Path noWeights = Files.createDirectories(tmp.resolve("noweights"));
        Files.copy(ROOT.resolve("hf/config.json"), noWeights.resolve("config.json"));
        assertMessage(noWeights, "model.safetensors");
        assertMessage(tmp.resolve("nothing-here.pth"), "no such");
    }

    @Test
    void configErrorsNameTheKey() throws IOException {
        assertMessage(hfWith(cfg -> cfg.remove("backbone_config"), null), "backbone_config");
        assertMessage(hfWith(cfg -> cfg.add("neck_hidden_sizes", JsonParser.parseString("[4, 8, 16, 32]")), null),
                "neck_hidden_sizes");
        assertMessage(hfWith(cfg -> cfg.addProperty("depth_estimation_type", "absolute"), null),
                "depth_estimation_type");
        assertMessage(hfWith(cfg -> cfg.getAsJsonObject("backbone_config").remove("out_indices"), null), "out_indices");
        assertMessage(hfWith(cfg -> cfg.getAsJsonObject("backbone_config").addProperty("num_attention_heads", 3), null),
                "head count");
    }

    @Test
    void configsWrittenAsDiffsFromTheDefaults() throws IOException {
        // out_features instead of out_indices; and a missing head count is Dinov2Config's default 12, which
        // width 8 does not divide into whole heads here, so the error names the head count
        Path names = hfWith(cfg -> {
            JsonObject bb = cfg.getAsJsonObject("backbone_config");
            bb.remove("out_indices");
            bb.add("out_features", JsonParser.parseString("[\"stage1\", \"stage2\", \"stage3\", \"stage4\"]"));
        }, null);
        assertEquals("[0, 1, 2, 3]", java.util.Arrays.toString(
                DepthAnythingLoader.load(names, DepthOptions.defaults()).config().outBlocks()));
        assertMessage(hfWith(cfg -> cfg.getAsJsonObject("backbone_config").remove("num_attention_heads"), null),
                "head count");
    }

    @Test
    void weightErrorsNameTheKey() throws IOException {
        assertMessage(hfWith(null, w -> w.remove("neck.convs.2.weight")), "missing neck.convs.2.weight");
        assertMessage(hfWith(null, w -> w.put("head.conv2.weight", new HostTensor(new int[] {4, 2, 9},
                w.get("head.conv2.weight").data()))), "head.conv2.weight [4, 2, 9]");
        assertMessage(hfWith(null, w -> w.put("neck.fusion_stage.layers.1.projection.bias", new HostTensor(new int[] {5},
                new float[5]))), "neck.fusion_stage.layers.1.projection.bias is [5], expected [4]");
        assertMessage(hfWith(null, w -> w.put("decoder.extra", new HostTensor(new int[] {1}, new float[1]))),
                "decoder.extra");
        assertMessage(hfWith(null, w -> w.remove("backbone.layernorm.weight")), "final layer norm");
    }

    @Test
    void anotherModelsPthIsNotDepthAnything() throws IOException {
        Path vit = tmp.resolve("model.pth");
        Files.copy(ROOT.resolve("../models/timm_vit/model.pth"), vit);
        assertMessage(vit, "not a Depth Anything checkpoint");
    }

    @Test
    void rejectsInputsOffThePatchGrid() throws IOException {
        try (DepthModel m = DepthModels.open(ROOT.resolve("hf"), TestDevices.java())) {
            assertEquals(14, m.patchSize());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.predictTensor(new float[3 * 40 * 42], 40, 42));
            assertTrue(e.getMessage().contains("multiples of 14"), e.getMessage());
            // too many patches is refused before anything is allocated, with the size in the message
            IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                    () -> m.predictTensor(new float[3 * 14 * 14 * 4097], 14, 14 * 4097));
            assertTrue(big.getMessage().contains("4097 patches"), big.getMessage());
            // a panorama whose lower side is far below the target still gets a bounded input (HF rule)
            DepthMap d = m.predict(new org.attentionworkbench.compute.image.RgbImage(400, 10, new int[4000]));
            assertEquals(400, d.width());
            assertEquals(10, d.height());
        }
    }

    private void assertMessage(Path path, String fragment) {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> DepthAnythingLoader.load(path, DepthOptions.defaults()));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().contains(path.getFileName().toString()) || e.getMessage().contains(path.toString()),
                "names the file: " + e.getMessage());
    }

    private Path copyPth(String name) throws IOException {
        Path f = tmp.resolve(name);
        Files.copy(ROOT.resolve("depth_anything_v2_tiny.pth"), f);
        return f;
    }

    private int n;

    /** A copy of the HF golden folder with config.json and/or the weights edited. */
    private Path hfWith(Consumer<JsonObject> editConfig, Consumer<Map<String, HostTensor>> editWeights) throws IOException {
        Path d = Files.createDirectories(tmp.resolve("hf" + n++));
        JsonObject cfg = JsonParser.parseString(Files.readString(ROOT.resolve("hf/config.json"))).getAsJsonObject();
        if (editConfig != null) {
            editConfig.accept(cfg);
        }
        Files.writeString(d.resolve("config.json"), cfg.toString());
        Files.copy(ROOT.resolve("hf/preprocessor_config.json"), d.resolve("preprocessor_config.json"));
        if (editWeights == null) {
            Files.copy(ROOT.resolve("hf/model.safetensors"), d.resolve("model.safetensors"));
        } else {
            Map<String, HostTensor> w = new LinkedHashMap<>();
            try (Checkpoint c = Checkpoints.open(ROOT.resolve("hf/model.safetensors"))) {
                for (TensorEntry e : c.entries()) {
                    w.put(e.name(), new HostTensor(e.shape(), c.readFloats(e.name())));
                }
            }
            editWeights.accept(w);
            writeSafetensors(d.resolve("model.safetensors"), w);
        }
        return d;
    }

    /** The published format: 8-byte header length, JSON header, raw little-endian F32 data. */
    static void writeSafetensors(Path file, Map<String, HostTensor> tensors) throws IOException {
        StringBuilder h = new StringBuilder("{");
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (var e : tensors.entrySet()) {
            float[] v = e.getValue().data();
            ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
            if (h.length() > 1) {
                h.append(',');
            }
            h.append('"').append(e.getKey()).append("\":{\"dtype\":\"F32\",\"shape\":")
                    .append(java.util.Arrays.toString(e.getValue().shape())).append(",\"data_offsets\":[")
                    .append(data.size()).append(',').append(data.size() + v.length * 4).append("]}");
            data.write(b.array());
        }
        h.append('}');
        while (h.length() % 8 != 0) {
            h.append(' ');
        }
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(len.array());
        out.write(header);
        out.write(data.toByteArray());
        Files.write(file, out.toByteArray());
    }
}
