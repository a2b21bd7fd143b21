package org.attentionworkbench.compute.checkpoint;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.attentionworkbench.compute.models.vit.ViTOptions;
import org.junit.jupiter.api.Timeout;

/** Any text as a config.json: parsed, every typed accessor, and the ViT options read from it. */
class HfConfigFuzzTest {
    @FuzzTest
    @Timeout(30)
    void parse(byte[] data) {
        try {
            HfConfig cfg = HfConfig.parse("config.json", new String(data, StandardCharsets.UTF_8));
            for (String key : cfg.keys()) {
                tryEach(cfg, key);
            }
            cfg.asMap();
            ViTOptions.fromConfig(cfg, ViTOptions.defaults());
        } catch (CheckpointException expected) {
            // a typed refusal that names the file and the key
        }
    }

    private static void tryEach(HfConfig cfg, String key) {
        try {
            cfg.getInt(key);
        } catch (CheckpointException wrongType) {
            // not an int: fine
        }
        try {
            cfg.getDouble(key);
        } catch (CheckpointException wrongType) {
            // not a number
        }
        try {
            cfg.getString(key);
        } catch (CheckpointException wrongType) {
            // not a string
        }
        try {
            cfg.getBoolean(key);
        } catch (CheckpointException wrongType) {
            // not a boolean
        }
        try {
            cfg.getStrings(key);
        } catch (CheckpointException wrongType) {
            // not a list of strings
        }
    }
}
