package org.attentionworkbench.compute.checkpoint;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.attentionworkbench.compute.fuzz.FuzzFiles;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes as a .onnx file: {@link OnnxCheckpoint#open}, every tensor read, the ViT loader on top.
 * The only error allowed out is {@link CheckpointException}; seeds in OnnxFuzzTestInputs/.
 */
class OnnxFuzzTest {
    @FuzzTest
    @Timeout(30)
    void open(byte[] data) {
        try (Checkpoint c = OnnxCheckpoint.open(FuzzFiles.write("fuzz.onnx", data))) {
            CheckpointFuzzing.readEverything(c);
        } catch (CheckpointException expected) {
            // a typed refusal that names the file: what a bad file should give
        }
    }
}
