package org.attentionworkbench.compute.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.attentionworkbench.compute.fuzz.FuzzFiles;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes as an image file (PNG, JPEG, BMP, GIF... decided by content): {@link ImageFiles#read}.
 * The loader declares IOException for a file it cannot use; anything else is a finding.
 */
class ImageFilesFuzzTest {
    @FuzzTest
    @Timeout(30)
    void read(byte[] data) {
        try {
            ImageFiles.read(FuzzFiles.write("fuzz.img", data));
        } catch (IOException expected) {
            // a typed refusal
        }
    }
}
