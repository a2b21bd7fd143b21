package org.attentionworkbench.app.depth360;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.attentionworkbench.compute.panorama.Equirect;
import org.attentionworkbench.samples.rooms.SyntheticRoom;
import org.junit.jupiter.api.Test;

/** Measuring on a depth panorama: rays × depth, distances, and the two ways to set metres. */
class DepthMeasureTest {
    /** An empty 4 × 5 × 3 m room, camera at (2, 2.5, 1.5): the floor is 1.5 m below. */
    private static final SyntheticRoom ROOM = SyntheticRoom.empty(4, 5, 3, 2, 2.5, 1.5);

    private static PanoramaDepth roomDepth(double relativeScale) {
        Equirect g = new Equirect(1024, 512);
        float[] d = ROOM.renderEndpoints(g.width(), g.height()).depth();
        for (int i = 0; i < d.length; i++) {
            d[i] *= (float) relativeScale;
        }
        float[] w = new float[d.length];
        Arrays.fill(w, 1);
        return new PanoramaDepth(g, d, w, false, "test", null, 0);
    }

    @Test
    void aConstantSphereMeasuresChords() {
        Equirect g = new Equirect(64, 32);
        float[] d = new float[g.width() * g.height()];
        Arrays.fill(d, 2);
        float[] w = new float[d.length];
        Arrays.fill(w, 1);
        PanoramaDepth depth = new PanoramaDepth(g, d, w, true, "sphere", null, 0);
        DepthMeasure m = new DepthMeasure(depth, DepthScale.initial(depth));
        assertEquals(2, m.range(0.3, -0.2), 1e-6);
        assertEquals(2 * Math.sqrt(2), m.distance(0, 0, Math.PI / 2, 0), 1e-5);
        assertEquals(4, m.distance(-Math.PI / 2, 0, Math.PI / 2, 0), 1e-5);
        // x right at lon 90°, y forward at lon 0, z up
        double[] p = m.point(Math.PI / 2, 0);
        assertEquals(2, p[0], 1e-6);
        assertEquals(0, p[1], 1e-6);
        double[] up = m.point(0, Math.PI / 2);
        assertEquals(2, up[2], 1e-6);
        // a scale multiplies every distance
        DepthMeasure scaled = new DepthMeasure(depth, new DepthScale(3, DepthScale.Source.CAMERA_HEIGHT, "x"));
        assertEquals(6 * Math.sqrt(2), scaled.distance(0, 0, Math.PI / 2, 0), 1e-5);
    }

    @Test
    void uncoveredPixelsHaveNoDistance() {
        Equirect g = new Equirect(64, 32);
        float[] d = new float[g.width() * g.height()];
        Arrays.fill(d, 2);
        float[] w = new float[d.length];
        Arrays.fill(w, 1);
        for (int c = 0; c < g.width(); c++) { // the equator row and its neighbours unseen
            for (int r = 14; r <= 17; r++) {
                w[r * g.width() + c] = 0;
            }
        }
        PanoramaDepth depth = new PanoramaDepth(g, d, w, false, "holes", null, 0);
        DepthMeasure m = new DepthMeasure(depth, DepthScale.none());
        assertTrue(Double.isNaN(m.range(0, 0)));
        assertNull(m.point(0.1, 0));
        assertTrue(Double.isNaN(m.distance(0, 0, 1, 1)));
        assertFalse(Double.isNaN(m.range(0, 1.2)));
        assertEquals("no depth", DepthScale.none().format(Double.NaN));
    }

    @Test
    void floorPointsOfARoomAreWhereTheGeometryPutsThem() {
        DepthMeasure m = new DepthMeasure(roomDepth(1), new DepthScale(1, DepthScale.Source.MODEL, "metres"));
        double down = Math.toRadians(-45);
        // 45° down hits the floor 1.5 m below, 1.5 m away: (0, 1.5, -1.5) and (1.5, 0, -1.5)
        assertEquals(1.5 * Math.sqrt(2), m.range(0, down), 0.01);
        assertEquals(1.5 * Math.sqrt(2), m.distance(0, down, Math.PI / 2, down), 0.02);
        double[] p = m.point(0, down);
        assertEquals(0, p[0], 0.01);
        assertEquals(1.5, p[1], 0.01);
        assertEquals(-1.5, p[2], 0.01);
        // straight ahead at lon 0 is the wall 2.5 m away; at lon 180° the wall 2.5 m behind
        assertEquals(5, m.distance(0, 0, Math.PI, 0), 0.02);
        assertEquals("2.12 m", m.scale().format(m.range(0, down)));
    }

    @Test
    void theCameraHeightPutsARelativeMapIntoMetres() {
        PanoramaDepth relative = roomDepth(0.37);
        DepthScale none = DepthScale.none();
        assertFalse(none.isMetric());
        assertTrue(none.format(1.234).contains("relative"), none.format(1.234));
        DepthScale s = DepthScale.fromCameraHeight(relative, 1.5);
        assertEquals(DepthScale.Source.CAMERA_HEIGHT, s.source());
        assertEquals(1 / 0.37, s.factor(), 0.01 / 0.37);
        DepthMeasure m = new DepthMeasure(relative, s);
        assertEquals(5, m.distance(0, 0, Math.PI, 0), 0.05);
        assertEquals("depth (m)", s.legendTitle());
        assertThrows(IllegalArgumentException.class, () -> DepthScale.fromCameraHeight(relative, -1));
    }

    @Test
    void oneKnownDistanceSetsTheScale() {
        PanoramaDepth relative = roomDepth(2.5);
        // the two opposite walls are 5 m apart
        DepthScale s = DepthScale.fromKnownDistance(relative, 0, 0, Math.PI, 0, 5);
        assertEquals(1 / 2.5, s.factor(), 1e-3);
        DepthMeasure m = new DepthMeasure(relative, s);
        assertEquals(5, m.distance(0, 0, Math.PI, 0), 1e-9);
        // then another distance comes out in metres: floor 45° down ahead to 45° down right
        double down = Math.toRadians(-45);
        assertEquals(1.5 * Math.sqrt(2), m.distance(0, down, Math.PI / 2, down), 0.02);
        assertThrows(IllegalArgumentException.class, () -> DepthScale.fromKnownDistance(relative, 0, 0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> DepthScale.fromKnownDistance(relative, 0, 0, 1, 0, 0));
    }
}
