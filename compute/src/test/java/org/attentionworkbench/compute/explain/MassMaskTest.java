package org.attentionworkbench.compute.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.attentionworkbench.compute.io.Npy;
import org.junit.jupiter.api.Test;

class MassMaskTest {
    @Test
    void keepsTheSmallestSetReachingTheShare() {
        float[] v = {1f, 5f, 3f, 1f}; // normalised: 0.1, 0.5, 0.3, 0.1
        assertArrayEquals(new boolean[] {false, true, false, false}, MassMask.keep(v, 0.5));
        assertArrayEquals(new boolean[] {false, true, true, false}, MassMask.keep(v, 0.6));
        assertArrayEquals(new boolean[] {false, true, true, false}, MassMask.keep(v, 0.8));
        assertEquals(3, MassMask.count(MassMask.keep(v, 0.85)));
        assertArrayEquals(new boolean[] {true, true, true, true}, MassMask.keep(v, 1.0));
        assertArrayEquals(new boolean[4], MassMask.keep(v, 0.0));
    }

    @Test
    void neverKeepsEmptyCells() {
        assertArrayEquals(new boolean[] {true, false, true}, MassMask.keep(new float[] {2f, 0f, 2f}, 1.0));
        assertArrayEquals(new boolean[3], MassMask.keep(new float[3], 0.5));
    }

    @Test
    void matchesDinosThresholding() throws Exception {
        Path dir = Path.of(MassMaskTest.class.getResource("/explain/attention.npy").toURI()).getParent();
        float[] att = Npy.read(dir.resolve("attention.npy")).toFloats();
        AttentionMaps m = new AttentionMaps(att, 4, 3, 10, 1, 3, 3);
        double[] want = Npy.read(dir.resolve("massmask.npy")).toDoubles();
        for (int h = 0; h < 3; h++) {
            boolean[] got = MassMask.keep(m.clsMap(3, h), 0.6);
            for (int i = 0; i < 9; i++) {
                assertEquals(want[h * 9 + i] == 1.0, got[i], "head " + h + " cell " + i);
            }
        }
    }

    @Test
    void rejectsNegativeValuesAndBadShares() {
        assertThrows(IllegalArgumentException.class, () -> MassMask.keep(new float[] {1f, -1f}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> MassMask.keep(new float[] {1f}, 1.5));
    }
}
