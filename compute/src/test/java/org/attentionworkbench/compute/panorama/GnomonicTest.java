package org.attentionworkbench.compute.panorama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GnomonicTest {
    private static final List<TangentLayout> LAYOUTS = List.of(
            TangentLayout.omnifusion(3, 80, 16), TangentLayout.omnifusion(4, 80, 16),
            TangentLayout.omnifusion(5, 80, 16), TangentLayout.omnifusion(6, 80, 16),
            TangentLayout.icosahedron(16, 0.3));

    @Test
    void tangentPointMapsToOriginAndBack() {
        double[] xy = new double[2];
        assertTrue(Gnomonic.forward(0.7, -0.4, 0.7, -0.4, xy));
        assertEquals(0, xy[0], 1e-12);
        assertEquals(0, xy[1], 1e-12);
        double[] ll = new double[2];
        Gnomonic.inverse(0, 0, 0.7, -0.4, ll);
        assertEquals(0.7, ll[0], 1e-12);
        assertEquals(-0.4, ll[1], 1e-12);
    }

    @Test
    void xGrowsWithLongitudeAndYWithLatitude() {
        double[] xy = new double[2];
        assertTrue(Gnomonic.forward(0.1, 0, 0, 0, xy));
        assertEquals(Math.tan(0.1), xy[0], 1e-12);
        assertEquals(0, xy[1], 1e-12);
        assertTrue(Gnomonic.forward(0, 0.1, 0, 0, xy));
        assertEquals(0, xy[0], 1e-12);
        assertEquals(Math.tan(0.1), xy[1], 1e-12);
    }

    @Test
    void farHemisphereHasNoImage() {
        double[] xy = {42, 42};
        assertFalse(Gnomonic.forward(Math.PI, 0, 0, 0, xy));
        assertFalse(Gnomonic.forward(Math.PI / 2 + 1e-9, 0, 0, 0, xy)); // just past the horizon
        assertFalse(Gnomonic.forward(0, 0.5, 0, -1.2, xy));
        assertEquals(42, xy[0]);
    }

    @Test
    void inverseThenForwardIsIdentityInsideEveryPatch() {
        Random random = new Random(15);
        double[] ll = new double[2];
        double[] xy = new double[2];
        for (TangentLayout layout : LAYOUTS) {
            for (TangentPatch p : layout.patches()) {
                for (int k = 0; k < 200; k++) {
                    double x = p.xMin() + random.nextDouble() * (p.xMax() - p.xMin());
                    double y = p.yMin() + random.nextDouble() * (p.yMax() - p.yMin());
                    Gnomonic.inverse(x, y, p.lon0(), p.lat0(), ll);
                    assertTrue(ll[0] >= -Math.PI && ll[0] <= Math.PI, "longitude wrapped: " + ll[0]);
                    assertTrue(Gnomonic.forward(ll[0], ll[1], p.lon0(), p.lat0(), xy));
                    assertEquals(x, xy[0], 1e-9, layout + " " + p);
                    assertEquals(y, xy[1], 1e-9, layout + " " + p);
                }
            }
        }
    }

    @Test
    void forwardThenInverseIsIdentityOnTheNearHemisphere() {
        Random random = new Random(7);
        double[] ll = new double[2];
        double[] xy = new double[2];
        int checked = 0;
        for (int k = 0; k < 5000; k++) {
            double lon = (random.nextDouble() * 2 - 1) * Math.PI;
            double lat = (random.nextDouble() - 0.5) * Math.PI * 0.999;
            double lon0 = (random.nextDouble() * 2 - 1) * Math.PI;
            double lat0 = (random.nextDouble() - 0.5) * Math.PI;
            if (Gnomonic.cosC(lon, lat, lon0, lat0) < 0.2) {
                continue;
            }
            assertTrue(Gnomonic.forward(lon, lat, lon0, lat0, xy));
            Gnomonic.inverse(xy[0], xy[1], lon0, lat0, ll);
            assertEquals(lat, ll[1], 1e-9);
            assertEquals(0, Gnomonic.wrapLongitude(ll[0] - lon), 1e-9, "lon " + lon + " lat " + lat);
            checked++;
        }
        assertTrue(checked > 1000);
    }

    @Test
    void wrapsLongitude() {
        assertEquals(-Math.PI + 0.1, Gnomonic.wrapLongitude(Math.PI + 0.1), 1e-12);
        assertEquals(Math.PI - 0.1, Gnomonic.wrapLongitude(-Math.PI - 0.1), 1e-12);
        assertEquals(0.3, Gnomonic.wrapLongitude(0.3 + 6 * Math.PI), 1e-12);
        assertEquals(Math.PI, Gnomonic.wrapLongitude(Math.PI));
    }
}
