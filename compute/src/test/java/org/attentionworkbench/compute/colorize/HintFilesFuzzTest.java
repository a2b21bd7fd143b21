package org.attentionworkbench.compute.colorize;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.attentionworkbench.compute.fuzz.FuzzFiles;
import org.junit.jupiter.api.Timeout;

/** Any bytes as a hints JSON file: {@link HintFiles#load}; only {@link HintFileException} may come out. */
class HintFilesFuzzTest {
    @FuzzTest
    @Timeout(30)
    void load(byte[] data) {
        try {
            HintFiles.load(FuzzFiles.write("fuzz.hints.json", data));
        } catch (HintFileException expected) {
            // a typed refusal that names the file
        }
    }
}
