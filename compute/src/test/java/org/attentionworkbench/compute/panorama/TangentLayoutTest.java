package org.attentionworkbench.compute.panorama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TangentLayoutTest {

    @Test
    void omnifusionLayoutsHaveTheDocumentedCounts() {
        assertEquals(10, TangentLayout.omnifusion(3, 80, 8).size());
        assertEquals(18, TangentLayout.omnifusion(4, 80, 8).size());
        assertEquals(26, TangentLayout.omnifusion(5, 80, 8).size());
        assertEquals(46, TangentLayout.omnifusion(6, 80, 8).size());
    }

    @Test
    void defaultLayoutHasTheDocumentedCentres() {
        TangentLayout layout = TangentLayout.omnifusion(4, 80, 256);
        double[] lats = layout.patches().stream().mapToDouble(TangentPatch::lat0Degrees).toArray();
        double[] lons = layout.patches().stream().mapToDouble(TangentPatch::lon0Degrees).toArray();
        assertArrayEquals(new double[] {-67.5, -67.5, -67.5, -22.5, -22.5, -22.5, -22.5, -22.5, -22.5,
                22.5, 22.5, 22.5, 22.5, 22.5, 22.5, 67.5, 67.5, 67.5}, lats, 1e-9);
        assertArrayEquals(new double[] {-120, 0, 120, -150, -90, -30, 30, 90, 150, -150, -90, -30, 30, 90, 150,
                -120, 0, 120}, lons, 1e-9);
        TangentPatch p = layout.patch(0);
        assertEquals(256, p.width());
        assertEquals(256, p.height());
        assertEquals(0.6981317, p.xMax(), 1e-7); // π·80/360
        assertEquals(-0.6981317, p.yMin(), 1e-7);
        assertEquals(69.8, Math.toDegrees(2 * Math.atan(p.xMax())), 0.05);
    }

    @Test
    void otherLayoutsHaveTheirRowsAndColumns() {
        assertRows(TangentLayout.omnifusion(3, 80, 8), new double[] {-60, 0, 60}, new int[] {3, 4, 3});
        assertRows(TangentLayout.omnifusion(5, 80, 8), new double[] {-72.2, -36.1, 0, 36.1, 72.2},
                new int[] {3, 6, 8, 6, 3});
        assertRows(TangentLayout.omnifusion(6, 80, 8), new double[] {-75.2, -45.93, -15.72, 15.72, 45.93, 75.2},
                new int[] {3, 8, 12, 12, 8, 3});
        TangentLayout six = TangentLayout.omnifusion(6, 80, 8);
        assertEquals(-165, six.patch(3 + 8).lon0Degrees(), 1e-9); // first of 12: 0.5·30 − 180
        assertEquals(165, six.patch(3 + 8 + 11).lon0Degrees(), 1e-9);
    }

    private static void assertRows(TangentLayout layout, double[] lats, int[] columns) {
        List<Double> seen = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (TangentPatch p : layout.patches()) {
            if (seen.isEmpty() || Math.abs(seen.get(seen.size() - 1) - p.lat0Degrees()) > 1e-9) {
                seen.add(p.lat0Degrees());
                counts.add(0);
            }
            counts.set(counts.size() - 1, counts.get(counts.size() - 1) + 1);
        }
        assertArrayEquals(lats, seen.stream().mapToDouble(Double::doubleValue).toArray(), 1e-9);
        assertArrayEquals(columns, counts.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void icosahedronFacesAreTheFaceCentresOfARegularIcosahedron() {
        TangentLayout ico = TangentLayout.icosahedron(400, 0.3);
        assertEquals(20, ico.size());
        assertEquals(400, ico.patch(0).width());
        assertEquals(346, ico.patch(0).height());
        assertEquals(-52.62, ico.patch(0).lat0Degrees(), 0.01);
        assertEquals(-144, ico.patch(0).lon0Degrees(), 1e-9);
        assertEquals(-10.81, ico.patch(5).lat0Degrees(), 0.01);
        assertEquals(10.81, ico.patch(10).lat0Degrees(), 0.01);
        assertEquals(-180, ico.patch(10).lon0Degrees(), 1e-9);
        assertEquals(52.62, ico.patch(19).lat0Degrees(), 0.01);
        // Every face centre has exactly three neighbours at the angle between adjacent face normals.
        double adjacent = Math.acos(Math.sqrt(5) / 3);
        for (TangentPatch a : ico.patches()) {
            int neighbours = 0;
            for (TangentPatch b : ico.patches()) {
                if (Math.abs(angle(a, b) - adjacent) < 1e-9) {
                    neighbours++;
                }
            }
            assertEquals(3, neighbours, "face at " + a.lon0Degrees() + ", " + a.lat0Degrees());
        }
    }

    @Test
    void icosahedronVerticesLandOnTheUnpaddedPatchCorners() {
        TangentLayout ico = TangentLayout.icosahedron(64, 0);
        List<double[]> vertices = new ArrayList<>();
        vertices.add(new double[] {0, -Math.PI / 2});
        vertices.add(new double[] {0, Math.PI / 2});
        for (int k = 0; k < 5; k++) {
            vertices.add(new double[] {Math.toRadians(-180 + 72 * k), -Math.atan(0.5)});
            vertices.add(new double[] {Math.toRadians(-144 + 72 * k), Math.atan(0.5)});
        }
        double[] xy = new double[2];
        for (TangentPatch p : ico.patches()) {
            boolean apexUp = p.yMin() < -p.yMax();
            double apexY = apexUp ? p.yMin() : p.yMax();
            double baseY = apexUp ? p.yMax() : p.yMin();
            int onCorner = 0;
            for (double[] v : vertices) {
                if (!Gnomonic.forward(v[0], v[1], p.lon0(), p.lat0(), xy)) {
                    continue;
                }
                boolean apex = Math.abs(xy[0]) < 1e-9 && Math.abs(xy[1] - apexY) < 1e-9;
                boolean base = Math.abs(Math.abs(xy[0]) - p.xMax()) < 1e-9 && Math.abs(xy[1] - baseY) < 1e-9;
                if (apex || base) {
                    onCorner++;
                }
            }
            assertEquals(3, onCorner, "face at " + p.lon0Degrees() + ", " + p.lat0Degrees());
        }
    }

    private static double angle(TangentPatch a, TangentPatch b) {
        double cos = Gnomonic.cosC(a.lon0(), a.lat0(), b.lon0(), b.lat0());
        return Math.acos(Math.max(-1, Math.min(1, cos)));
    }

    @Test
    void badArgumentsAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TangentLayout.omnifusion(7, 80, 64));
        assertTrue(e.getMessage().contains("7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TangentLayout.omnifusion(2, 80, 64));
        assertThrows(IllegalArgumentException.class, () -> TangentLayout.omnifusion(4, 0, 64));
        assertThrows(IllegalArgumentException.class, () -> TangentLayout.omnifusion(4, -10, 64));
        assertThrows(IllegalArgumentException.class, () -> TangentLayout.omnifusion(4, 180, 64));
        assertThrows(IllegalArgumentException.class, () -> TangentLayout.omnifusion(4, Double.NaN, 64));
        assertThrows(IllegalArgumentException.class, () -> TangentLayout.omnifusion(4, 80, 1));
        assertThrows(IllegalArgumentException.class, () -> TangentLayout.omnifusion(4, 80, 100_000));
        assertThrows(IllegalArgumentException.class, () -> TangentLayout.icosahedron(0, 0.3));
        assertThrows(IllegalArgumentException.class, () -> TangentLayout.icosahedron(400, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new Equirect(1, 10));
        assertThrows(IllegalArgumentException.class, () -> new Equirect(1 << 20, 1 << 20));
    }
}
