package org.attentionworkbench.compute.panorama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Resampling an ERP map between grid sizes keeps every value at its longitude and latitude. */
class EquirectResampleTest {
    @Test
    void aMapOfLongitudeAndLatitudeStaysOneAtEverySize() {
        Equirect small = new Equirect(9, 5);
        float[] map = new float[9 * 5];
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 9; c++) {
                map[r * 9 + c] = (float) (small.longitude(c) + 10 * small.latitude(r)); // bilinear reproduces it
            }
        }
        Equirect big = new Equirect(33, 17);
        float[] up = small.resample(map, big);
        for (int r = 0; r < 17; r++) {
            for (int c = 0; c < 33; c++) {
                assertEquals(big.longitude(c) + 10 * big.latitude(r), up[r * 33 + c], 1e-5, "(" + r + ", " + c + ")");
            }
        }
        float[] down = big.resample(up, small);
        for (int i = 0; i < map.length; i++) {
            assertEquals(map[i], down[i], 1e-5);
        }
        assertSame(map, small.resample(map, new Equirect(9, 5)));
        assertThrows(IllegalArgumentException.class, () -> small.resample(new float[7], big));
    }
}
