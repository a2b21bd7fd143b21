package org.attentionworkbench.compute.panorama.depth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.attentionworkbench.compute.panorama.Equirect;
import org.junit.jupiter.api.Test;

class MetricScaleTest {
    private static final Equirect GRID = new Equirect(256, 128);

    @Test
    void cameraHeightGivesTheScale() {
        float[] relative = MetricScale.apply(BoxRoom.erp(GRID), 0.37);
        MetricScale.Estimate e = MetricScale.fromCameraHeight(relative, null, GRID, BoxRoom.CZ);
        assertEquals(1 / 0.37, e.factor(), 1e-4);
        assertEquals(BoxRoom.CZ * 0.37, e.measured(), 1e-5);
    }

    @Test
    void knownDistanceGivesTheScale() {
        float[] relative = MetricScale.apply(BoxRoom.erp(GRID), 2.5);
        // straight down (the floor under the camera) and straight ahead at the horizon (the north wall)
        double mid = (GRID.height() - 1) / 2.0;
        double ahead = GRID.column(0);
        double metres = Math.hypot(BoxRoom.D - BoxRoom.CY, BoxRoom.CZ);
        MetricScale.Estimate e = MetricScale.fromKnownDistance(relative, GRID, ahead, mid, 0, GRID.height() - 1, metres);
        assertEquals(1 / 2.5, e.factor(), 1e-3); // the horizon lies between two rows: bilinear depth
        double[] p = MetricScale.point(BoxRoom.erp(GRID), GRID, ahead, mid);
        assertEquals(BoxRoom.D - BoxRoom.CY, p[1], 1e-3);
        assertEquals(0, p[2], 1e-4);
    }

    @Test
    void badInputIsRefused() {
        float[] d = new float[GRID.width() * GRID.height()];
        assertThrows(IllegalArgumentException.class, () -> MetricScale.fromCameraHeight(d, null, GRID, 1.5));
        assertThrows(IllegalArgumentException.class, () -> MetricScale.fromCameraHeight(BoxRoom.erp(GRID), null, GRID, -1));
        assertThrows(IllegalArgumentException.class,
                () -> MetricScale.fromKnownDistance(BoxRoom.erp(GRID), GRID, 3, 3, 3, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> MetricScale.point(d, GRID, -1, 0));
    }
}
