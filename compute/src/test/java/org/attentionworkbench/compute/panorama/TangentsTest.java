package org.attentionworkbench.compute.panorama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TangentsTest {
    private static final Equirect GRID = new Equirect(256, 128);

    /** Smooth on the sphere (a function of the unit vector), so continuous across the seam and at the poles. */
    private static double smooth(int channel, double lon, double lat) {
        double x = Math.cos(lat) * Math.sin(lon);
        double y = Math.cos(lat) * Math.cos(lon);
        double z = Math.sin(lat);
        return channel == 0 ? 1 + 0.5 * x + 0.3 * y * z + 0.2 * z * z : 2 - 0.4 * y + 0.25 * x * z;
    }

    private static float[] smoothErp(Equirect grid, int channels) {
        float[] map = new float[channels * grid.width() * grid.height()];
        for (int ch = 0; ch < channels; ch++) {
            for (int r = 0; r < grid.height(); r++) {
                for (int c = 0; c < grid.width(); c++) {
                    map[(ch * grid.height() + r) * grid.width() + c] =
                            (float) smooth(ch, grid.longitude(c), grid.latitude(r));
                }
            }
        }
        return map;
    }

    private static ErpMap coverage(TangentLayout layout, Equirect grid) {
        List<float[]> empty = new ArrayList<>();
        for (TangentPatch p : layout.patches()) {
            empty.add(new float[p.width() * p.height()]);
        }
        return Tangents.toErp(empty, 1, layout, grid, Blend.MEAN);
    }

    @Test
    void pixelConventionIsOmniFusions() {
        assertEquals(-Math.PI, GRID.longitude(0), 1e-12);
        assertEquals(Math.PI, GRID.longitude(255), 1e-12);
        assertEquals(-Math.PI / 2, GRID.latitude(0), 1e-12);
        assertEquals(Math.PI / 2, GRID.latitude(127), 1e-12);
        assertEquals(127.5, GRID.column(0), 1e-12);
    }

    @Test
    void samplingWrapsTheSeamAndClampsThePoles() {
        Equirect grid = new Equirect(5, 3); // columns at −180, −90, 0, 90, 180
        float[] map = {0, 1, 2, 3, 0, 10, 11, 12, 13, 10, 20, 21, 22, 23, 20};
        assertEquals(1.5f, grid.sample(map, 0, 3.5, 0), 1e-6); // between +90° and ±180°
        assertEquals(1.5f, grid.sample(map, 0, -0.5, 0), 1e-6); // the same place past −180°
        assertEquals(2f, grid.sampleAt(map, 0, 0, -Math.PI), 1e-6); // above the top pole clamps
        assertEquals(23f, grid.sample(map, 0, 3, 7), 1e-6);
        assertEquals(16.5f, grid.sample(map, 0, 1.5, 1.5), 1e-6);
    }

    /** Measured: the fraction of a 128×256 ERP no patch covers (also printed, for the record). */
    @Test
    void everyDefaultFovLayoutCoversTheSphereExceptThreeRows() {
        for (int rows = 3; rows <= 6; rows++) {
            ErpMap cover = coverage(TangentLayout.omnifusion(rows, 80, 32), GRID);
            System.out.printf("omnifusion rows=%d fov=80: %d of %d ERP pixels uncovered%n", rows,
                    cover.uncoveredCount(), GRID.width() * GRID.height());
            if (rows == 3) {
                assertTrue(cover.uncoveredCount() > 0, "3 rows at FOV 80 leave gaps between the equator patches");
                assertTrue(cover.covered(64, 159)); // near the patch centre λ 45°, φ 0
                assertTrue(!cover.covered(64, 128)); // the equator at λ 0°, between the patches at ±45°
            } else {
                assertEquals(0, cover.uncoveredCount(), rows + " rows");
            }
        }
        ErpMap ico = coverage(TangentLayout.icosahedron(64, 0.3), GRID);
        System.out.printf("icosahedron pad=0.3: %d uncovered%n", ico.uncoveredCount());
        assertEquals(0, ico.uncoveredCount());
    }

    @Test
    void erpToPatchesToErpIsTheIdentityInsideCoverage() {
        int channels = 2;
        float[] erp = smoothErp(GRID, channels);
        for (TangentLayout layout : List.of(TangentLayout.omnifusion(4, 80, 96), TangentLayout.omnifusion(3, 80, 96),
                TangentLayout.icosahedron(96, 0.3))) {
            float[][] patches = Tangents.toPatches(erp, channels, GRID, layout);
            ErpMap back = Tangents.toErp(Arrays.asList(patches), channels, layout, GRID, Blend.MEAN);
            double worst = 0;
            double worstSeam = 0;
            double worstPole = 0;
            int plane = GRID.width() * GRID.height();
            for (int r = 0; r < GRID.height(); r++) {
                for (int c = 0; c < GRID.width(); c++) {
                    if (!back.covered(r, c)) {
                        for (int ch = 0; ch < channels; ch++) {
                            assertEquals(0f, back.values()[ch * plane + r * GRID.width() + c]);
                        }
                        continue;
                    }
                    for (int ch = 0; ch < channels; ch++) {
                        int i = ch * plane + r * GRID.width() + c;
                        double err = Math.abs(back.values()[i] - erp[i]);
                        worst = Math.max(worst, err);
                        if (c < 3 || c >= GRID.width() - 3) {
                            worstSeam = Math.max(worstSeam, err);
                        }
                        if (r < 3 || r >= GRID.height() - 3) {
                            worstPole = Math.max(worstPole, err);
                        }
                    }
                }
            }
            System.out.printf("%s round trip: max |error| %.5f (seam %.5f, poles %.5f)%n", layout, worst, worstSeam,
                    worstPole);
            assertTrue(worst < 5e-3, layout + " worst " + worst);
            assertTrue(worstSeam < 5e-3 && worstPole < 5e-3, "seam " + worstSeam + ", poles " + worstPole);
            assertTrue(back.covered(0, 0) && back.covered(GRID.height() - 1, GRID.width() - 1), "poles covered");
        }
    }

    @Test
    void patchesSeeTheSphereWhereTheyShould() {
        float[] erp = smoothErp(GRID, 1);
        TangentLayout layout = TangentLayout.omnifusion(4, 80, 33);
        float[][] patches = Tangents.toPatches(erp, 1, GRID, layout);
        double[] ll = new double[2];
        for (int p = 0; p < layout.size(); p++) {
            TangentPatch patch = layout.patch(p);
            assertEquals(smooth(0, patch.lon0(), patch.lat0()), patches[p][16 * 33 + 16], 2e-3); // centre pixel
            Gnomonic.inverse(patch.x(0), patch.y(32), patch.lon0(), patch.lat0(), ll); // bottom-left corner
            assertEquals(smooth(0, ll[0], ll[1]), patches[p][32 * 33], 2e-3);
        }
    }

    @Test
    void overlappingPatchesAreAveragedWithEqualWeight() {
        Equirect grid = new Equirect(64, 32);
        TangentLayout layout = TangentLayout.omnifusion(4, 80, 16);
        List<float[]> constant = new ArrayList<>();
        for (int p = 0; p < layout.size(); p++) {
            float[] map = new float[16 * 16];
            Arrays.fill(map, p);
            constant.add(map);
        }
        ErpMap merged = Tangents.toErp(constant, 1, layout, grid, Blend.MEAN);
        double[] xy = new double[2];
        int overlapping = 0;
        for (int r = 0; r < grid.height(); r++) {
            for (int c = 0; c < grid.width(); c++) {
                double sum = 0;
                int count = 0;
                for (int p = 0; p < layout.size(); p++) {
                    TangentPatch patch = layout.patch(p);
                    if (Gnomonic.forward(grid.longitude(c), grid.latitude(r), patch.lon0(), patch.lat0(), xy)
                            && Math.abs(xy[0]) <= patch.xMax() && Math.abs(xy[1]) <= patch.yMax()) {
                        sum += p;
                        count++;
                    }
                }
                assertTrue(count > 0);
                overlapping += count > 1 ? 1 : 0;
                assertEquals(count, merged.weight()[r * grid.width() + c], 1e-3, "weight at " + r + "," + c);
                assertEquals(sum / count, merged.values()[r * grid.width() + c], 1e-3, "value at " + r + "," + c);
            }
        }
        assertTrue(overlapping > 100, "overlaps exercised: " + overlapping);
    }

    @Test
    void radialAndPlanarDepthRoundTrip() {
        TangentPatch patch = TangentLayout.omnifusion(4, 80, 9).patch(4);
        float[] z = new float[81];
        for (int i = 0; i < z.length; i++) {
            z[i] = 0.5f + i * 0.1f;
        }
        float[] r = DepthRays.radialFromPlanar(z, patch);
        assertEquals(z[40], r[40], 1e-6); // the centre ray is the axis
        double corner = Math.sqrt(1 + 2 * patch.xMax() * patch.xMax());
        assertEquals(z[0] * corner, r[0], 1e-5);
        assertArrayEquals(z, DepthRays.planarFromRadial(r, patch), 1e-5f);
        assertThrows(IllegalArgumentException.class, () -> DepthRays.radialFromPlanar(new float[80], patch));
    }

    @Test
    void badMapsAreRefusedClearly() {
        TangentLayout layout = TangentLayout.omnifusion(4, 80, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tangents.toPatches(new float[10], 1, GRID, layout));
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tangents.toPatches(new float[0], 0, GRID, layout));
        assertThrows(IllegalArgumentException.class,
                () -> Tangents.toErp(List.of(new float[64]), 1, layout, GRID, Blend.MEAN));
        List<float[]> wrong = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            wrong.add(new float[63]);
        }
        assertThrows(IllegalArgumentException.class, () -> Tangents.toErp(wrong, 1, layout, GRID, Blend.MEAN));
    }
}
