package org.attentionworkbench.compute.models;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.attentionworkbench.compute.fuzz.FuzzFiles;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes as a model card (.json): {@link ModelCard#read}, which validates every field, and the
 * preprocessing recipe it gives. Only IOException (a refused card, naming the file) may come out.
 */
class ModelCardFuzzTest {
    @FuzzTest
    @Timeout(30)
    void read(byte[] data) {
        try {
            ModelCard card = ModelCard.read(FuzzFiles.write("fuzz-card.json", data));
            card.resolve(card.checkpoint);
            if (card.config != null) {
                card.resolve(card.config);
            }
            if (card.preprocess != null) {
                card.preprocess.recipe();
            }
        } catch (IOException expected) {
            // a typed refusal that names the file
        }
    }
}
