package org.attentionworkbench.compute.checkpoint;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes as a state_dict pickle: the allow-list unpickler, then the walk that collects its tensors,
 * with persistent ids kept as plain values. Only {@link CheckpointException} may come out.
 */
class UnpicklerFuzzTest {
    @FuzzTest
    @Timeout(30)
    void load(byte[] data) {
        try {
            Object value = new Unpickler("fuzz.pkl", "data.pkl", data, id -> id).load();
            PickleWalk.tensors("fuzz.pkl", value, (name, tensor) -> { });
        } catch (CheckpointException expected) {
            // a typed refusal that names the file
        }
    }
}
