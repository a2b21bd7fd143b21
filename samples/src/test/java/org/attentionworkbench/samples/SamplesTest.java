package org.attentionworkbench.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void everySampleIsBundledAndDecodes() throws Exception {
        Map<String, int[]> sizes = Map.of(
                "astronaut", new int[] {512, 512}, "chelsea", new int[] {451, 300},
                "coffee", new int[] {600, 400}, "hubble_deep_field", new int[] {1000, 872},
                "retina", new int[] {1411, 1411}, "rocket", new int[] {640, 427});
        assertEquals(sizes.keySet(), Samples.all().stream().map(Samples.Sample::name)
                .collect(java.util.stream.Collectors.toSet()));
        for (Samples.Sample s : Samples.all()) {
            assertNotNull(s.url(), s.name());
            try (InputStream in = s.open()) {
                BufferedImage img = ImageIO.read(in);
                assertNotNull(img, s.name());
                assertEquals(sizes.get(s.name())[0], img.getWidth(), s.name());
                assertEquals(sizes.get(s.name())[1], img.getHeight(), s.name());
            }
        }
    }

    @Test
    void firstStartSampleExists() {
        assertTrue(Samples.byName("CHELSEA").isPresent());
        assertEquals(Samples.FIRST_START, Samples.firstStart().name());
    }
}
