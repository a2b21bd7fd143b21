package org.attentionworkbench.compute.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AttentionMapsTest {
    @Test
    void accessorsReadTheLayout() {
        AttentionMaps m = Maps.random(1, 3, 4, 1, 2, 3);
        int n = m.tokens();
        assertEquals(7, n);
        float[] d = m.data();
        for (int l = 0; l < 3; l++) {
            for (int h = 0; h < 4; h++) {
                for (int q = 0; q < n; q++) {
                    float[] row = m.row(l, h, q);
                    float[] col = m.column(l, h, q);
                    for (int k = 0; k < n; k++) {
                        float want = d[((l * 4 + h) * n + q) * n + k];
                        assertEquals(want, m.get(l, h, q, k));
                        assertEquals(want, row[k]);
                        assertEquals(d[((l * 4 + h) * n + k) * n + q], col[k], "column is who attends to q");
                    }
                }
            }
        }
    }

    @Test
    void fusionMatchesBruteForce() {
        AttentionMaps m = Maps.random(2, 2, 5, 1, 3, 3);
        int n = m.tokens();
        for (HeadFusion f : HeadFusion.values()) {
            for (int l = 0; l < 2; l++) {
                for (int t = 0; t < n; t++) {
                    float[] row = m.fusedRow(l, t, f);
                    float[] col = m.fusedColumn(l, t, f);
                    for (int k = 0; k < n; k++) {
                        assertEquals(fuse(m, l, t, k, f), row[k], 1e-6, f + " row");
                        assertEquals(fuse(m, l, k, t, f), col[k], 1e-6, f + " column");
                    }
                }
            }
        }
    }

    private static float fuse(AttentionMaps m, int l, int q, int k, HeadFusion f) {
        double acc = f == HeadFusion.MIN ? Double.MAX_VALUE : f == HeadFusion.MAX ? -Double.MAX_VALUE : 0;
        for (int h = 0; h < m.heads(); h++) {
            float v = m.get(l, h, q, k);
            acc = switch (f) {
                case MEAN -> acc + v / (double) m.heads();
                case MIN -> Math.min(acc, v);
                case MAX -> Math.max(acc, v);
            };
        }
        return (float) acc;
    }

    @Test
    void patchGridDropsThePrefixAndClsMapIsRowZero() {
        AttentionMaps m = Maps.random(3, 1, 2, 2, 3, 4); // class token and one register
        float[] vec = new float[m.tokens()];
        for (int i = 0; i < vec.length; i++) {
            vec[i] = i;
        }
        float[] grid = m.patchGrid(vec);
        assertEquals(12, grid.length);
        for (int i = 0; i < 12; i++) {
            assertEquals(i + 2, grid[i]);
        }
        assertArrayEquals(m.patchGrid(m.row(0, 1, 0)), m.clsMap(0, 1));
        assertTrue(m.hasGrid());
    }

    @Test
    void textHasNoGrid() {
        AttentionMaps text = new AttentionMaps(new float[2 * 2 * 5 * 5], 2, 2, 5, 0, 0, 0);
        assertFalse(text.hasGrid());
        assertThrows(IllegalStateException.class, () -> text.clsMap(0, 0));
        assertThrows(IllegalStateException.class, () -> text.patchGrid(new float[5]));
    }

    @Test
    void rejectsInconsistentShapes() {
        assertThrows(IllegalArgumentException.class, () -> new AttentionMaps(new float[10], 1, 1, 3, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new AttentionMaps(new float[25], 1, 1, 5, 1, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> new AttentionMaps(new float[25], 1, 1, 5, 1, 2, 0));
        AttentionMaps m = Maps.uniform(1, 1, 1, 2, 2);
        assertThrows(IndexOutOfBoundsException.class, () -> m.row(1, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> m.fusedRow(0, 5, HeadFusion.MEAN));
        assertThrows(IndexOutOfBoundsException.class, () -> m.column(0, 0, -1));
    }
}
