package org.attentionworkbench.compute.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.io.NpyArray;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.Test;

/** Gaussian smoothing against scipy, image scores, set-wide normalisation. */
class MapsAndNormalizerTest {

    @Test
    void gaussianMatchesScipy() throws IOException {
        NpyArray in = Npy.read(Path.of("src/test/resources/anomaly/gaussian_in.npy"));
        float[] want = Npy.read(Path.of("src/test/resources/anomaly/gaussian_out.npy")).toFloats();
        float[] got = AnomalyMap.gaussian(in.toFloats(), in.shape()[0], in.shape()[1], 4);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-5, "pixel " + i);
        }
    }

    /** The one-operator map equals upsampling on the device, then the Gaussian (several grids and σ). */
    @Test
    void fromPatchesEqualsUpsampleThenGaussian() {
        Random r = new Random(5);
        try (Device d = new JavaDevice()) {
            for (int[] c : new int[][] {{32, 32, 256, 4}, {7, 5, 64, 2}, {3, 3, 40, 6}, {16, 16, 128, 1}}) {
                float[] p = new float[c[0] * c[1]];
                for (int i = 0; i < p.length; i++) {
                    p[i] = r.nextFloat();
                }
                float[] got = AnomalyMap.fromPatches(d, p, c[0], c[1], c[2], c[3]).values();
                AnomalyMap up = AnomalyMap.resize(d, new AnomalyMap(c[0], c[1], p), c[2], c[2]);
                float[] want = AnomalyMap.gaussian(up.values(), c[2], c[2], c[3]);
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 1e-5, "grid " + c[0] + "×" + c[1] + " σ " + c[3] + " pixel " + i);
                }
            }
        }
    }

    @Test
    void imageScoreIsMaxOrTopKMean() {
        AnomalyMap m = new AnomalyMap(2, 3, new float[] {1, 5, 2, 4, 3, 0});
        assertEquals(5f, m.imageScore(1));
        assertEquals(4.5f, m.imageScore(2));
        assertEquals(4f, m.imageScore(3));
    }

    @Test
    void normalisationIsAcrossTheSetNotPerImage() {
        Random r = new Random(8);
        List<AnomalyMap> normals = new ArrayList<>();
        float[] scores = new float[20];
        for (int i = 0; i < 20; i++) {
            float[] v = new float[64];
            for (int p = 0; p < 64; p++) {
                v[p] = 0.2f + 0.02f * (float) r.nextGaussian();
            }
            AnomalyMap m = new AnomalyMap(8, 8, v);
            normals.add(m);
            scores[i] = m.imageScore(1);
        }
        Normalizer n = Normalizer.fit(normals, scores, 0.99, "test");
        // a good image stays dark: even its own hottest pixel is at most 0.5, its typical pixel near 0
        AnomalyMap good = n.apply(normals.get(3));
        float max = 0;
        double mean = 0;
        for (float v : good.values()) {
            max = Math.max(max, v);
            mean += v / 64;
        }
        assertTrue(max <= 0.5f, "good image peak " + max);
        assertTrue(mean < 0.3, "good image mean " + mean);
        // a defect image: the same normal background, one hot region → only that region glows
        float[] d = normals.get(4).values().clone();
        d[27] = 0.9f;
        AnomalyMap defect = n.apply(new AnomalyMap(8, 8, d));
        assertEquals(1f, defect.values()[27]);
        assertTrue(defect.values()[0] < 0.5f);
        assertTrue(n.flagged(0.9f));
        assertFalse(n.flagged((float) n.imageFloor()));
        // per-image min/max would have stretched the good image to a full 0..1 range; ours does not
        assertEquals(0.5f, n.image((float) n.threshold()), 1e-6f);
    }
}
