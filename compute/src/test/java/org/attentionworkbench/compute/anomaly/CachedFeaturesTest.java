package org.attentionworkbench.compute.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.Test;

/** The protocol's feature cache: the same pixels hit, other pixels miss, close closes the inner extractor. */
class CachedFeaturesTest {

    /** Counts its extractions; features are a function of the first pixel. */
    static final class Counting implements FeatureExtractor {
        int calls;
        boolean closed;

        @Override
        public PatchFeatures extract(RgbImage image) {
            calls++;
            float[] x = {image.rgb()[0] & 0xff, 1};
            PatchFeatures.normaliseRows(x, 1, 2);
            return new PatchFeatures(1, 1, 2, x);
        }

        @Override
        public int inputSize() {
            return 8;
        }

        @Override
        public String describe() {
            return "counting";
        }

        @Override
        public Device device() {
            return TestDevices.device(TestDevices.JAVA);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static RgbImage image(long seed) {
        Random r = new Random(seed);
        int[] rgb = new int[64];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = r.nextInt(1 << 24);
        }
        return new RgbImage(8, 8, rgb);
    }

    @Test
    void theSamePixelsAreExtractedOnce() {
        Counting inner = new Counting();
        try (CachedFeatures c = new CachedFeatures(inner)) {
            PatchFeatures a = c.extract(image(1));
            assertSame(a, c.extract(image(1)), "a second read of the same pixels hits");
            PatchFeatures b = c.extract(image(2));
            assertNotSame(a, b);
            RgbImage edited = image(1);
            edited.rgb()[63] ^= 1; // one pixel changed: a different image
            c.extract(edited);
            assertEquals(3, inner.calls);
            assertEquals(1, c.hits());
            assertEquals(3, c.size());
            assertEquals("counting", c.describe());
            assertEquals(8, c.inputSize());
        }
        assertTrue(inner.closed);
    }
}
