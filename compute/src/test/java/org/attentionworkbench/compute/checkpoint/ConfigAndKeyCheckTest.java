package org.attentionworkbench.compute.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigAndKeyCheckTest {
    @TempDir
    Path dir;

    private static void assertMentions(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }

    @Test
    void hfConfigTypedAccess() throws IOException {
        Path p = dir.resolve("config.json");
        Files.writeString(p, """
                {"architectures": ["BertModel"], "hidden_size": 384, "layer_norm_eps": 1e-12,
                 "hidden_act": "gelu", "num_attention_heads": 12, "tie": true, "bad_int": 1.5, "nothing": null}
                """);
        HfConfig c = HfConfig.read(p);
        assertEquals(384, c.getInt("hidden_size"));
        assertEquals(1e-12, c.getDouble("layer_norm_eps"));
        assertEquals("gelu", c.getString("hidden_act"));
        assertEquals(List.of("BertModel"), c.getStrings("architectures"));
        assertEquals(true, c.getBoolean("tie"));
        assertEquals(6, c.getInt("num_hidden_layers", 6));
        assertEquals(512, c.getInt("nothing", 512), "null counts as absent");
        assertEquals(384.0, c.asMap().get("hidden_size"));
        assertMentions(assertThrows(CheckpointException.class, () -> c.getInt("num_hidden_layers")),
                "'num_hidden_layers'", "missing", p.toString());
        assertMentions(assertThrows(CheckpointException.class, () -> c.getInt("bad_int")), "'bad_int'", "1.5");
        assertMentions(assertThrows(CheckpointException.class, () -> c.getInt("hidden_act")), "'hidden_act'");
        assertMentions(assertThrows(CheckpointException.class, () -> HfConfig.parse("x.json", "[1]")),
                "x.json", "not a JSON object");
        assertMentions(assertThrows(CheckpointException.class, () -> HfConfig.parse("y.json", "{\"a\": ")),
                "y.json", "not valid JSON");
    }

    @Test
    void keyCheckListsEveryDifferenceAtOnce() {
        try (Checkpoint c = Checkpoints.open(TestFiles.resource("dtypes.pth"))) {
            KeyCheck check = new KeyCheck().expect("half.weight", 2, 3).expect("bf16.weight", 2, 3)
                    .expect("lm_head.weight", 10, 6);
            KeyCheck.Result r = check.compare(c);
            assertEquals(List.of("lm_head.weight"), r.missing());
            assertEquals(List.of("param"), r.unexpected());
            assertEquals(1, r.shapes().size());
            CheckpointException e = assertThrows(CheckpointException.class, () -> check.verify(c));
            assertMentions(e, "missing keys (1): [lm_head.weight]", "unexpected keys (1): [param]",
                    "bf16.weight: expected [2, 3], found [3, 2]", "dtypes.pth");
            new KeyCheck().expect("half.weight", 2, 3).expect("bf16.weight", 3, 2).allowUnexpected().verify(c);
        }
    }

    @Test
    void detectionByMagicNotExtension() throws IOException {
        Path renamed = dir.resolve("weights.onnx");
        Files.copy(TestFiles.resource("dtypes.safetensors"), renamed);
        assertEquals(Checkpoints.Format.SAFETENSORS, Checkpoints.detect(renamed));
        Path zip = dir.resolve("model.safetensors");
        Files.copy(TestFiles.resource("dtypes.pth"), zip);
        try (Checkpoint c = Checkpoints.open(zip)) {
            assertEquals("pytorch", c.format());
        }
        Path text = dir.resolve("notes.pth");
        Files.writeString(text, "hello, this is not a checkpoint");
        assertMentions(assertThrows(CheckpointException.class, () -> Checkpoints.open(text)),
                text.toString(), "unknown checkpoint format", "68 65 6c 6c");
        Path tiny = dir.resolve("tiny.bin");
        Files.write(tiny, new byte[3]);
        assertMentions(assertThrows(CheckpointException.class, () -> Checkpoints.open(tiny)), tiny.toString(), "too short");
        Path gguf = dir.resolve("m.gguf");
        Files.write(gguf, "GGUF\3\0\0\0\0\0\0\0".getBytes());
        assertMentions(assertThrows(CheckpointException.class, () -> Checkpoints.open(gguf)), "GGUF");
        Path none = dir.resolve("absent.pth");
        assertMentions(assertThrows(CheckpointException.class, () -> Checkpoints.open(none)), none.toString());
    }
}
