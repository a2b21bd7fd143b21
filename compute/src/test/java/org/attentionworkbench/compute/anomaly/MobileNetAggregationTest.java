package org.attentionworkbench.compute.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Random;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.Test;

/** The local-aggregation window of the MobileNetV2 patch features (--aggregate). */
class MobileNetAggregationTest {

    private static Path weights() {
        Path shared = TestDevices.shared();
        assumeTrue(shared != null, TestDevices.sharedHint());
        return shared.resolve("models/mobilenet_v2_imagenet.safetensors");
    }

    /** Mean cosine between horizontally neighbouring patches. */
    static double neighbourCosine(PatchFeatures f) {
        double sum = 0;
        int count = 0;
        for (int y = 0; y < f.gridH(); y++) {
            for (int x = 0; x + 1 < f.gridW(); x++) {
                int a = (y * f.gridW() + x) * f.dim();
                int b = a + f.dim();
                double dot = 0;
                for (int i = 0; i < f.dim(); i++) {
                    dot += f.data()[a + i] * f.data()[b + i];
                }
                sum += dot;
                count++;
            }
        }
        return sum / count;
    }

    @Test
    void aWiderWindowMakesNeighboursMoreAlike() {
        Path w = weights();
        Device d = TestDevices.device(TestDevices.JAVA);
        Random r = new Random(4);
        int[] rgb = new int[96 * 96];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = r.nextInt(1 << 24);
        }
        RgbImage noise = new RgbImage(96, 96, rgb);
        double[] cos = new double[3];
        int[] windows = {1, 3, 5};
        for (int i = 0; i < 3; i++) {
            try (MobileNetFeatures fx = MobileNetFeatures.open(w, d, Activation.RELU, 96, windows[i],
                    new int[] {3, 6})) {
                assertEquals(windows[i], fx.aggregate());
                assertTrue(fx.describe().contains(windows[i] + "×" + windows[i] + " mean"), fx.describe());
                PatchFeatures f = fx.extract(noise);
                assertEquals(12 * 12, f.patches());
                cos[i] = neighbourCosine(f);
            }
        }
        assertTrue(cos[0] < cos[1] && cos[1] < cos[2], "neighbour cosine by window 1/3/5: " + cos[0] + ", " + cos[1]
                + ", " + cos[2]);
        try (MobileNetFeatures fx = MobileNetFeatures.open(w, d, Activation.RELU, 96, 3, 6)) {
            assertEquals(MobileNetFeatures.DEFAULT_AGGREGATE, fx.aggregate(), "the old signature keeps the default");
        }
        for (int bad : new int[] {0, 2}) {
            assertThrows(IllegalArgumentException.class,
                    () -> MobileNetFeatures.open(w, d, Activation.RELU, 96, bad, new int[] {3}));
        }
    }
}
