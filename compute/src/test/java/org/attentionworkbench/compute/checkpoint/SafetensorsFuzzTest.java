package org.attentionworkbench.compute.checkpoint;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.attentionworkbench.compute.fuzz.FuzzFiles;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes as a .safetensors file: {@link SafetensorsCheckpoint#open}, every tensor read, the ViT loader on top.
 * The only error allowed out is {@link CheckpointException}; seeds in SafetensorsFuzzTestInputs/.
 */
class SafetensorsFuzzTest {
    @FuzzTest
    @Timeout(30)
    void open(byte[] data) {
        try (Checkpoint c = SafetensorsCheckpoint.open(FuzzFiles.write("fuzz.safetensors", data))) {
            CheckpointFuzzing.readEverything(c);
        } catch (CheckpointException expected) {
            // a typed refusal that names the file: what a bad file should give
        }
    }
}
