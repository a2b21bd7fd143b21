package org.attentionworkbench.compute.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContoursTest {
    private static boolean[] mask(int w, int h, String rows) {
        boolean[] m = new boolean[w * h];
        String s = rows.replace(" ", "").replace("\n", "");
        for (int i = 0; i < m.length; i++) {
            m[i] = s.charAt(i) == '#';
        }
        return m;
    }

    @Test
    void aSquareIsOutlinedByItsBoundary() {
        boolean[] m = mask(5, 5, """
                .....
                .###.
                .###.
                .###.
                .....""");
        List<float[]> loops = Contours.trace(m, 5, 5);
        assertEquals(1, loops.size());
        assertArrayEquals(new float[] {1, 1, 4, 1, 4, 4, 1, 4}, loops.get(0));
    }

    @Test
    void theWholeGridIsOutlinedByTheGridEdge() {
        boolean[] m = new boolean[12];
        java.util.Arrays.fill(m, true);
        List<float[]> loops = Contours.trace(m, 4, 3);
        assertEquals(1, loops.size());
        assertArrayEquals(new float[] {0, 0, 4, 0, 4, 3, 0, 3}, loops.get(0));
    }

    @Test
    void anLShapeHasSixCorners() {
        boolean[] m = mask(3, 3, """
                #..
                #..
                ###""");
        List<float[]> loops = Contours.trace(m, 3, 3);
        assertEquals(1, loops.size());
        assertArrayEquals(new float[] {0, 0, 1, 0, 1, 2, 3, 2, 3, 3, 0, 3}, loops.get(0));
    }

    @Test
    void aRingHasAnOuterLoopAndAHole() {
        boolean[] m = mask(3, 3, """
                ###
                #.#
                ###""");
        List<float[]> loops = Contours.trace(m, 3, 3);
        assertEquals(2, loops.size());
        assertEquals(9.0, signedArea(loops.get(0)), 1e-9);
        assertEquals(-1.0, signedArea(loops.get(1)), 1e-9, "holes run the other way");
    }

    @Test
    void cellsTouchingAtACornerAreSeparateRegions() {
        boolean[] m = mask(2, 2, """
                #.
                .#""");
        List<float[]> loops = Contours.trace(m, 2, 2);
        assertEquals(2, loops.size());
        for (float[] loop : loops) {
            assertEquals(8, loop.length);
            assertEquals(1.0, signedArea(loop), 1e-9);
        }
    }

    @Test
    void loopAreasAddUpToTheMaskOnRandomMasks() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            int w = 1 + rnd.nextInt(9);
            int h = 1 + rnd.nextInt(9);
            boolean[] m = new boolean[w * h];
            int cells = 0;
            for (int i = 0; i < m.length; i++) {
                m[i] = rnd.nextDouble() < 0.45;
                cells += m[i] ? 1 : 0;
            }
            double area = 0;
            for (float[] loop : Contours.trace(m, w, h)) {
                area += signedArea(loop);
                for (int i = 0; i < loop.length; i += 2) {
                    int j = (i + 2) % loop.length;
                    assertTrue(loop[i] == loop[j] || loop[i + 1] == loop[j + 1], "segments are axis-aligned");
                }
            }
            assertEquals(cells, area, 1e-9, "trial " + trial);
        }
    }

    /** Shoelace area, positive for clockwise loops on a y-down screen. */
    private static double signedArea(float[] loop) {
        double a = 0;
        int n = loop.length / 2;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            a += (double) loop[2 * i] * loop[2 * j + 1] - (double) loop[2 * j] * loop[2 * i + 1];
        }
        return a / 2;
    }
}
