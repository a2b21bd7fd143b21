package org.attentionworkbench.compute.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ArtifactsTest {
    private static final int N = 1 + 49;
    private static final int D = 32;

    private static float[] gaussianTokens(long seed) {
        Random rnd = new Random(seed);
        float[] t = new float[N * D];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) rnd.nextGaussian();
        }
        return t;
    }

    @Test
    void aPlantedHighNormTokenIsFoundFirst() {
        float[] t = gaussianTokens(3);
        // token 17 and, weaker, token 30 get the DINOv2 treatment: a few huge channels
        for (int c = 0; c < 4; c++) {
            t[17 * D + c] = 80f;
            t[30 * D + c] = 30f;
        }
        // the class token is huge too, but it is a special token, not a candidate
        for (int c = 0; c < D; c++) {
            t[c] = 500f;
        }
        List<Artifacts.Artifact> found = Artifacts.find(t, N, D, null, 1);
        assertEquals(2, found.size(), found.toString());
        assertEquals(17, found.get(0).token());
        assertEquals(Artifacts.Kind.HIGH_NORM, found.get(0).kind());
        assertEquals(30, found.get(1).token());
        assertTrue(found.get(0).score() > found.get(1).score());
    }

    @Test
    void plainTokensHaveNoArtifacts() {
        assertTrue(Artifacts.find(gaussianTokens(4), N, D, Maps.random(9, 4, 2, 1, 7, 7), 1).isEmpty());
    }

    @Test
    void aTokenEveryLaterQueryLooksAtIsASink() {
        AttentionMaps random = Maps.random(11, 4, 3, 1, 7, 7);
        float[] d = random.data().clone();
        int sink = 23;
        // layers 2 and 3 (≥ L/2) send half of every row to token 23
        for (int l = 2; l < 4; l++) {
            for (int h = 0; h < 3; h++) {
                for (int q = 0; q < N; q++) {
                    int o = random.offset(l, h, q);
                    for (int k = 0; k < N; k++) {
                        d[o + k] *= 0.5f;
                    }
                    d[o + sink] += 0.5f;
                }
            }
        }
        AttentionMaps m = new AttentionMaps(d, 4, 3, N, 1, 7, 7);
        List<Artifacts.Artifact> found = Artifacts.find(null, N, D, m, 1);
        assertEquals(1, found.size(), found.toString());
        assertEquals(sink, found.get(0).token());
        assertEquals(Artifacts.Kind.ATTENTION_SINK, found.get(0).kind());
        // a sink planted only in the early layers does not count
        AttentionMaps early = new AttentionMaps(reversedLayers(d, 4, 3 * N * N), 4, 3, N, 1, 7, 7);
        assertTrue(Artifacts.find(null, N, D, early, 1).isEmpty());
    }

    private static float[] reversedLayers(float[] d, int layers, int per) {
        float[] out = new float[d.length];
        for (int l = 0; l < layers; l++) {
            System.arraycopy(d, l * per, out, (layers - 1 - l) * per, per);
        }
        return out;
    }
}
