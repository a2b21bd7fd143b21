package org.attentionworkbench.viewers.points.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PointColoringTest {
    /** Entry i is the grey (i, i, i), so a colour tells its table index. */
    static int[] ramp() {
        int[] t = new int[256];
        for (int i = 0; i < 256; i++) {
            t[i] = 0xFF000000 | i << 16 | i << 8 | i;
        }
        return t;
    }

    @Test
    void rgbBytesAreUnsigned() {
        assertArrayEquals(new int[] {0xFFFF8001, 0xFF000000},
                PointColoring.rgb(new byte[] {(byte) 255, (byte) 128, 1, 0, 0, 0}));
    }

    @Test
    void scalarThroughTheTableClampsAndGreysNaN() {
        float[] v = {0, 10, 5, -3, 25, Float.NaN, 9.99f, 2.5f};
        int[] c = PointColoring.scalar(v, ramp(), 0, 10);
        int[] index = new int[c.length];
        for (int i = 0; i < c.length; i++) {
            index[i] = c[i] & 0xFF;
        }
        assertArrayEquals(new int[] {0, 255, 128, 0, 255, 0x80, 255, 64}, index);
        assertEquals(PointColoring.NAN_GREY, c[5]);
        // a collapsed range: at or above lo -> last entry
        int[] flat = PointColoring.scalar(new float[] {1, 2, 0}, ramp(), 1, 1);
        assertArrayEquals(new int[] {0xFFFFFFFF, 0xFFFFFFFF, 0xFF000000}, flat);
        assertThrows(IllegalArgumentException.class, () -> PointColoring.scalar(v, new int[10], 0, 1));
    }

    @Test
    void categoriesAndClassification() {
        int[] c = PointColoring.categorical(new int[] {0, 1, 20, -1});
        assertEquals(PointColoring.PALETTE_20[0], c[0]);
        assertEquals(PointColoring.PALETTE_20[1], c[1]);
        assertEquals(PointColoring.PALETTE_20[0], c[2]);
        assertEquals(PointColoring.PALETTE_20[19], c[3]);
        assertEquals(20, java.util.Arrays.stream(PointColoring.PALETTE_20).distinct().count());
        int[] f = PointColoring.categorical(new float[] {2.2f, Float.NaN});
        assertArrayEquals(new int[] {PointColoring.PALETTE_20[2], PointColoring.NAN_GREY}, f);
        int[] las = PointColoring.classification(new float[] {2, 9, 6, 40});
        assertArrayEquals(new int[] {PointColoring.ASPRS_CLASSES[2], PointColoring.ASPRS_CLASSES[9],
            PointColoring.ASPRS_CLASSES[6], PointColoring.PALETTE_20[0]}, las);
        assertEquals(19, PointColoring.ASPRS_CLASSES.length);
    }

    @Test
    void normalsAsColours() {
        int[] c = PointColoring.normals(new float[] {1, 0, -1, 0.5f, Float.NaN, -2});
        assertArrayEquals(new int[] {0xFFFF8000, 0xFFBF8000}, c);
    }

    @Test
    void heightAlongAnAxisAndPercentiles() {
        float[] xyz = {1, 2, 3, -1, 0, 5};
        assertArrayEquals(new float[] {3, 5}, PointColoring.height(xyz, new double[] {0, 0, 2}), 0);
        assertArrayEquals(new float[] {3 / (float) Math.sqrt(2), -1 / (float) Math.sqrt(2)},
                PointColoring.height(xyz, new double[] {1, 1, 0}), 1e-6f);
        float[] values = new float[101];
        for (int i = 0; i <= 100; i++) {
            values[i] = 100 - i; // 0..100 in reverse
        }
        values[50] = Float.NaN; // ignored: 100 values 0..49, 51..100 remain
        float[] r = PointColoring.percentileRange(values, 0, 100);
        assertArrayEquals(new float[] {0, 100}, r, 0);
        float[] q = PointColoring.percentileRange(new float[] {4, 1, 3, 2}, 25, 50);
        assertArrayEquals(new float[] {1.75f, 2.5f}, q, 1e-6f); // numpy: percentile([1,2,3,4], 25) = 1.75
        assertArrayEquals(new float[] {Float.NaN, Float.NaN}, PointColoring.percentileRange(new float[] {Float.NaN}, 5, 95), 0);
        assertThrows(IllegalArgumentException.class, () -> PointColoring.percentileRange(values, 60, 40));
    }
}
