package org.attentionworkbench.viewers.heatmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ColorLegendTest {
    @Test
    void niceTicksBetweenTheEnds() {
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6000000000000001, 0.8, 1}, ColorLegend.ticks(0, 1, 5), 1e-9);
        // Ends kept, inner ticks on multiples of the nice step, none crowding an end.
        double[] t = ColorLegend.ticks(0.013, 0.871, 5);
        assertEquals(0.013, t[0], 0);
        assertEquals(0.871, t[t.length - 1], 0);
        assertArrayEquals(new double[] {0.013, 0.2, 0.4, 0.6, 0.871}, t, 1e-9);
        assertArrayEquals(new double[] {2}, ColorLegend.ticks(2, 2, 5), 0);
    }

    @Test
    void compactLabels() {
        assertEquals("0", ColorLegend.format(0));
        assertEquals("0.25", ColorLegend.format(0.25));
        assertEquals("12.3", ColorLegend.format(12.34));
        assertEquals("1234", ColorLegend.format(1234));
        assertEquals("1.00e-04", ColorLegend.format(1e-4));
    }
}
