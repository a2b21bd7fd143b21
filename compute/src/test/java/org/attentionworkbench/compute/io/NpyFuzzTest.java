package org.attentionworkbench.compute.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Timeout;

/** Any bytes as a .npy stream: read, and every element converted. Only {@link NpyFormatException} may come out. */
class NpyFuzzTest {
    @FuzzTest
    @Timeout(30)
    void read(byte[] data) throws IOException {
        try {
            NpyArray a = Npy.read(new ByteArrayInputStream(data), "fuzz.npy");
            if (a.dtype().isInteger()) {
                a.toLongs();
            } else {
                a.toFloats();
            }
        } catch (NpyFormatException expected) {
            // a typed refusal that names the file
        }
    }
}
