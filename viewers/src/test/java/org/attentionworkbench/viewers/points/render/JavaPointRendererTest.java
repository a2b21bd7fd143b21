package org.attentionworkbench.viewers.points.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JavaPointRendererTest {
    private static final int W = 64;
    private static final int H = 48;
    private static final int BG = 0xFF000000;

    /**
     * Target at the origin looking along +y (right = +x, up = +z), distance 10, tan(fov/2) = 0.24: at
     * the target's depth (and everywhere when orthographic) 10 pixels per unit, so world (x, y, z) lands
     * on px = 32 + 10 x, py = 24 - 10 z. Perspective: ppu = 100 / depth with depth = 10 + y.
     */
    static Camera camera(boolean ortho) {
        Camera c = new Camera();
        c.setFovY(2 * Math.atan(0.24));
        c.setDistance(10);
        c.setSceneRadius(5);
        c.setOrthographic(ortho);
        return c;
    }

    static RenderSettings settings(float size) {
        return RenderSettings.of(W, H).withPointSize(size, SizeMode.FIXED).withBackground(BG);
    }

    static PointBatch batch(int idBase, float[] xyz, int... argb) {
        return new PointBatch(xyz, argb, 0, argb.length, idBase, 0);
    }

    static Set<Integer> pixelsOf(Frame f, int id) {
        Set<Integer> s = new HashSet<>();
        for (int p = 0; p < f.ids().length; p++) {
            if (f.ids()[p] == id) {
                s.add(p);
            }
        }
        return s;
    }

    static Set<Integer> rect(int x0, int x1, int y0, int y1) {
        Set<Integer> s = new HashSet<>();
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                s.add(y * W + x);
            }
        }
        return s;
    }

    @Test
    void pointsLandOnThePredictedPixelsPerspectiveAndOrtho() {
        try (JavaPointRenderer r = new JavaPointRenderer(1)) {
            // Orthographic: px = 32 + 10x, py = 24 - 10z at any depth.
            float[] xyz = {0.13f, 0f, 0.33f, -1.07f, 3f, -0.51f, 2.44f, -2f, 1.96f};
            Frame f = r.render(List.of(batch(0, xyz, 0xFFFF0000, 0xFF00FF00, 0xFF0000FF)), camera(true), settings(1));
            assertEquals(Set.of(20 * W + 33), pixelsOf(f, 0)); // (33.3, 20.7)
            assertEquals(Set.of(29 * W + 21), pixelsOf(f, 1)); // (21.3, 29.1)
            assertEquals(Set.of(4 * W + 56), pixelsOf(f, 2)); // (56.4, 4.4)
            assertEquals(0xFFFF0000, f.argb()[20 * W + 33]);
            assertEquals(10f, f.depth()[20 * W + 33], 1e-5f);
            assertEquals(13f, f.depth()[29 * W + 21], 1e-5f);
            assertEquals(BG, f.argb()[0]);
            assertEquals(-1, f.ids()[0]);
            assertEquals(Float.POSITIVE_INFINITY, f.depth()[0]);

            // Perspective: ppu = 100 / (10 + y). y = 2.5: 8 px per unit; y = -5: 20 px per unit.
            float[] p = {0.55f, 2.5f, -0.3f, 0.62f, -5f, 0.31f};
            Frame g = r.render(List.of(batch(0, p, 0xFFFFFFFF, 0xFFFFFFFF)), camera(false), settings(1));
            assertEquals(Set.of(26 * W + 36), pixelsOf(g, 0)); // (36.4, 26.4)
            assertEquals(Set.of(17 * W + 44), pixelsOf(g, 1)); // (44.4, 17.8)
        }
    }

    @Test
    void sizesCoverExactlyTheSquareOfPixelCentres() {
        float[] one = {0.13f, 0f, 0.33f}; // projects to (33.3, 20.7)
        try (JavaPointRenderer r = new JavaPointRenderer(1)) {
            assertEquals(rect(33, 33, 20, 20), pixelsOf(r.render(List.of(batch(0, one, -1)), camera(true), settings(1)), 0));
            assertEquals(rect(32, 33, 20, 21), pixelsOf(r.render(List.of(batch(0, one, -1)), camera(true), settings(2)), 0));
            assertEquals(rect(32, 34, 19, 21), pixelsOf(r.render(List.of(batch(0, one, -1)), camera(true), settings(3)), 0));
            assertEquals(rect(31, 35, 18, 22), pixelsOf(r.render(List.of(batch(0, one, -1)), camera(true), settings(5)), 0));
            // Fractional sizes are not rounded: 1.5 at x 33.3 spans [32.55, 34.05): centre 33.5 only;
            // at y 20.7 [19.95, 21.45): centre 20.5 only. 2.5: [32.05, 34.55) and [19.45, 21.95).
            assertEquals(rect(33, 33, 20, 20), pixelsOf(r.render(List.of(batch(0, one, -1)), camera(true), settings(1.5f)), 0));
            assertEquals(rect(32, 34, 19, 21), pixelsOf(r.render(List.of(batch(0, one, -1)), camera(true), settings(2.5f)), 0));
            // Below 1 draws 1 pixel.
            assertEquals(rect(33, 33, 20, 20), pixelsOf(r.render(List.of(batch(0, one, -1)), camera(true), settings(0.2f)), 0));
            // The same in perspective: (36.4, 26.4) at depth 12.5.
            float[] p = {0.55f, 2.5f, -0.3f};
            assertEquals(rect(35, 37, 25, 27), pixelsOf(r.render(List.of(batch(0, p, -1)), camera(false), settings(3)), 0));
        }
    }

    @Test
    void sizeModesUseSpacingTimesPixelsPerUnit() {
        float[] one = {0.13f, 0f, 0.33f}; // (33.3, 20.7), 10 px per unit
        try (JavaPointRenderer r = new JavaPointRenderer(1)) {
            RenderSettings attenuated = settings(1).withPointSize(1, SizeMode.ATTENUATED).withSpacing(0.3f);
            // settings spacing 0.3 -> 3 px
            assertEquals(rect(32, 34, 19, 21), pixelsOf(r.render(List.of(batch(0, one, -1)), camera(true), attenuated), 0));
            // the batch's spacing 0.5 wins -> 5 px
            PointBatch spaced = new PointBatch(one, new int[] {-1}, 0, 1, 0, 0.5f);
            assertEquals(rect(31, 35, 18, 22), pixelsOf(r.render(List.of(spaced), camera(true), attenuated), 0));
            // ADAPTIVE uses the batch's spacing only: none -> 1 px; 0.2 x size 1.5 -> 3 px
            RenderSettings adaptive = attenuated.withPointSize(1.5f, SizeMode.ADAPTIVE);
            assertEquals(rect(33, 33, 20, 20), pixelsOf(r.render(List.of(batch(0, one, -1)), camera(true), adaptive), 0));
            PointBatch node = new PointBatch(one, new int[] {-1}, 0, 1, 0, 0.2f);
            assertEquals(rect(32, 34, 19, 21), pixelsOf(r.render(List.of(node), camera(true), adaptive), 0));
            // clamped to maxPointSize
            RenderSettings clamped = new RenderSettings(W, H, 1, SizeMode.ATTENUATED, 5f, 2f, false, 1, 1.4f, BG);
            assertEquals(rect(32, 33, 20, 21), pixelsOf(r.render(List.of(batch(0, one, -1)), camera(true), clamped), 0));
            // perspective attenuation: same spacing, twice the depth, half the size
            Camera persp = camera(false);
            float[] near = {0.13f, 0f, 0.33f}; // depth 10: 10 px/unit; spacing 0.3 -> 3 px at (33.3, 20.7)
            float[] far = {0.13f, 5f, 0.33f}; // depth 15: 6.67 px/unit -> 2 px at (32.87, 21.8)
            RenderSettings s4 = settings(1).withPointSize(1, SizeMode.ATTENUATED).withSpacing(0.3f);
            assertEquals(rect(32, 34, 19, 21), pixelsOf(r.render(List.of(batch(0, near, -1)), persp, s4), 0));
            assertEquals(rect(32, 33, 21, 22), pixelsOf(r.render(List.of(batch(0, far, -1)), persp, s4), 0));
        }
    }

    @Test
    void nearestWinsAndTiesGoToTheFirstDrawn() {
        try (JavaPointRenderer r = new JavaPointRenderer(1)) {
            // Two overlapping 3x3 points: the far one (depth 12) at (33.3, 20.7), the near one (depth 9)
            // one pixel to the right, drawn after it.
            PointBatch far = batch(7, new float[] {0.13f, 2f, 0.33f}, 0xFF0000FF);
            PointBatch near = batch(3, new float[] {0.23f, -1f, 0.33f}, 0xFFFF0000);
            for (List<PointBatch> order : List.of(List.of(far, near), List.of(near, far))) {
                Frame f = r.render(order, camera(true), settings(3));
                assertEquals(rect(33, 35, 19, 21), pixelsOf(f, 3), "near point whole");
                assertEquals(rect(32, 32, 19, 21), pixelsOf(f, 7), "far point only where the near one is not");
                assertEquals(3, f.idAt(34, 20));
                assertEquals(3, f.pick(32, 20, 1), "pick prefers the nearer point in the square");
                assertEquals(7, f.pick(31, 20, 1));
                assertEquals(0xFFFF0000, f.argb()[20 * W + 33]);
            }
            // Same position and depth: the first drawn wins whatever its id.
            PointBatch a = batch(100, new float[] {0.13f, 0f, 0.33f}, 0xFF00FF00);
            PointBatch b = batch(5, new float[] {0.13f, 0f, 0.33f}, 0xFFFF00FF);
            assertEquals(100, r.render(List.of(a, b), camera(true), settings(2)).idAt(33, 20));
            assertEquals(5, r.render(List.of(b, a), camera(true), settings(2)).idAt(33, 20));
        }
    }

    @Test
    void depthOrderOfStackedLayers() {
        // Three full layers at depths 9, 10, 11 in a random draw order: only the nearest shows.
        Random rnd = new Random(3);
        List<PointBatch> layers = new ArrayList<>();
        for (int layer = 0; layer < 3; layer++) {
            float[] xyz = new float[3 * W * H];
            int[] argb = new int[W * H];
            for (int i = 0; i < W * H; i++) {
                xyz[3 * i] = ((i % W) + 0.5f - 32) / 10f;
                xyz[3 * i + 1] = layer - 1;
                xyz[3 * i + 2] = (24 - (i / W) - 0.5f) / 10f;
                argb[i] = 0xFF000000 | layer;
            }
            layers.add(new PointBatch(xyz, argb, 0, W * H, layer * 10_000, 0));
        }
        try (JavaPointRenderer r = new JavaPointRenderer(2)) {
            for (int trial = 0; trial < 4; trial++) {
                List<PointBatch> order = new ArrayList<>(layers);
                java.util.Collections.shuffle(order, rnd);
                Frame f = r.render(order, camera(true), settings(1));
                for (int p = 0; p < W * H; p++) {
                    assertEquals(p, f.ids()[p], "pixel " + p + " shows layer 0's point");
                    assertEquals(9f, f.depth()[p], 1e-5f);
                }
            }
        }
    }

    @Test
    void nonFiniteAndClippedPointsAreSkipped() {
        float nan = Float.NaN;
        float inf = Float.POSITIVE_INFINITY;
        float[] xyz = {nan, 0, 0, 0, nan, 0, 0, 0, nan, inf, 0, 0, 0, -inf, 0, // 0..4 non-finite
            0, -9.5f, 0, 0, 30f, 0, // 5 nearer than near (depth 0.5 < 2.5), 6 beyond far (40 > 17.5)
            -3.25f, 0, 0, // 7 centre at px = -0.5: outside, not drawn even at size 5
            0.13f, 0f, 0.33f}; // 8 drawn
        int[] argb = new int[9];
        try (JavaPointRenderer r = new JavaPointRenderer(1)) {
            Frame f = r.render(List.of(new PointBatch(xyz, argb, 0, 9, 0, 0)), camera(true), settings(5));
            Set<Integer> drawn = new HashSet<>();
            for (int id : f.ids()) {
                drawn.add(id);
            }
            assertEquals(Set.of(-1, 8), drawn);
        }
    }

    @Test
    void edlDarkensWhereANearerSurfaceBeginsAndLeavesAFlatPlaneAlone() {
        // A flat plane facing the camera (depth 10) with a small square in front of it (depth 9.9).
        float[] plane = new float[3 * W * H];
        for (int i = 0; i < W * H; i++) {
            plane[3 * i] = ((i % W) + 0.5f - 32) / 10f;
            plane[3 * i + 1] = 0;
            plane[3 * i + 2] = (24 - (i / W) - 0.5f) / 10f;
        }
        int[] grey = new int[W * H];
        java.util.Arrays.fill(grey, 0xFFC8C8C8);
        float[] square = new float[3 * 100];
        for (int i = 0; i < 100; i++) { // pixels x 30..39, y 20..29
            square[3 * i] = (30 + i % 10 + 0.5f - 32) / 10f;
            square[3 * i + 1] = -0.1f;
            square[3 * i + 2] = (24 - (20 + i / 10) - 0.5f) / 10f;
        }
        int[] white = new int[100];
        java.util.Arrays.fill(white, 0xFFFFFFFF);
        List<PointBatch> scene = List.of(new PointBatch(plane, grey, 0, W * H, 0, 0),
                new PointBatch(square, white, 0, 100, 100_000, 0));
        for (boolean ortho : new boolean[] {true, false}) {
            try (JavaPointRenderer r = new JavaPointRenderer(2)) {
                RenderSettings s = settings(1).withEdl(true, 1f, 1.4f);
                Frame f = r.render(scene, camera(ortho), s);
                // Far from the square: untouched, also at the frame's edges.
                assertEquals(0xFFC8C8C8, f.argb()[5 * W + 5]);
                assertEquals(0xFFC8C8C8, f.argb()[0]);
                assertEquals(0xFFC8C8C8, f.argb()[H * W - 1]);
                // The square (nearer than all its neighbours) is not darkened.
                assertEquals(0xFFFFFFFF, f.argb()[20 * W + 30]);
                assertEquals(0xFFFFFFFF, f.argb()[25 * W + 35]);
                float dPlane = f.depth()[5 * W + 5];
                float dSquare = f.depth()[25 * W + 35];
                double step = Math.log(dPlane) / Math.log(2) - Math.log(dSquare) / Math.log(2);
                // Left of the square's left edge: 3 of 8 neighbours nearer.
                assertShade(f.argb()[25 * W + 29], 0xC8, 3 * step, 1f);
                // Diagonal to the corner: 1 of 8.
                assertShade(f.argb()[19 * W + 29], 0xC8, step, 1f);
                // Two pixels away: nothing (radius 1.4 reaches one pixel).
                assertEquals(0xFFC8C8C8, f.argb()[25 * W + 28]);
                assertTrue(((f.argb()[25 * W + 29] >> 8) & 0xFF) < 0xC8, "the edge is darker");
                // Strength 2 darkens more, radius 3 reaches farther.
                Frame strong = r.render(scene, camera(ortho), s.withEdl(true, 2f, 1.4f));
                assertShade(strong.argb()[25 * W + 29], 0xC8, 3 * step, 2f);
                Frame wide = r.render(scene, camera(ortho), s.withEdl(true, 1f, 3f));
                assertTrue(((wide.argb()[25 * W + 27] >> 8) & 0xFF) < 0xC8);
                // Off: no shading at all.
                Frame off = r.render(scene, camera(ortho), settings(1));
                assertEquals(0xFFC8C8C8, off.argb()[25 * W + 29]);
            }
        }
    }

    private static void assertShade(int argb, int channel, double sum, float strength) {
        double shade = Math.exp(-300.0 * strength * sum / 8);
        int expected = (int) Math.floor(channel * shade + 0.5);
        int g = (argb >> 8) & 0xFF;
        assertTrue(Math.abs(g - expected) <= 1, "shaded " + g + " vs " + expected);
        assertEquals(0xFF, argb >>> 24);
    }

    @Test
    void edlOffsetsFollowPotreesNearestTexelLookup() {
        assertArrayEquals(new int[] {1, 0, 1, 1, 0, 1, -1, 1, -1, 0, -1, -1, 0, -1, 1, -1},
                JavaPointRenderer.edlOffsets(1.4f));
        assertArrayEquals(JavaPointRenderer.edlOffsets(1.4f), JavaPointRenderer.edlOffsets(1f));
        assertArrayEquals(new int[] {3, 0, 2, 2, 0, 3, -2, 2, -3, 0, -2, -2, 0, -3, 2, -2},
                JavaPointRenderer.edlOffsets(3f));
    }

    @Test
    void log2IsAccurate() {
        Random rnd = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            float v = (float) Math.exp(rnd.nextDouble() * 40 - 20);
            float exact = (float) (Math.log(v) / Math.log(2));
            assertEquals(exact, JavaPointRenderer.log2(v), Math.ulp(exact), "log2 " + v);
        }
        assertEquals(0f, JavaPointRenderer.log2(1f));
        assertEquals(10f, JavaPointRenderer.log2(1024f));
    }

    @Test
    void anyThreadCountGivesTheSamePictureBitForBit() {
        Random rnd = new Random(42);
        int n = 150_000;
        float[] xyz = new float[3 * n];
        int[] argb = new int[n];
        for (int i = 0; i < n; i++) {
            // many exact duplicates (same position and depth) so ties matter across chunks
            int cell = rnd.nextInt(n / 3);
            Random c = new Random(cell);
            xyz[3 * i] = (float) (c.nextDouble() * 7 - 3.5);
            xyz[3 * i + 1] = (float) (c.nextDouble() * 8 - 4);
            xyz[3 * i + 2] = (float) (c.nextDouble() * 5 - 2.5);
            argb[i] = 0xFF000000 | rnd.nextInt(1 << 24);
        }
        List<PointBatch> batches = List.of(new PointBatch(xyz, argb, 0, 60_000, 0, 0.05f),
                new PointBatch(xyz, argb, 60_000, 0, 999, 0), new PointBatch(xyz, argb, 60_000, 90_000, 500_000, 0.1f));
        RenderSettings s = RenderSettings.of(320, 200).withPointSize(1.5f, SizeMode.ATTENUATED).withSpacing(0.02f)
                .withEdl(true, 1f, 1.4f);
        Frame single;
        try (JavaPointRenderer r = new JavaPointRenderer(1)) {
            single = r.render(batches, camera(false), s);
        }
        for (int threads : new int[] {2, 3, 8}) {
            try (JavaPointRenderer r = new JavaPointRenderer(threads)) {
                for (int repeat = 0; repeat < 2; repeat++) { // also after the buffers were reused
                    Frame f = r.render(batches, camera(false), s);
                    assertArrayEquals(single.ids(), f.ids(), threads + " threads: ids");
                    assertArrayEquals(single.argb(), f.argb(), threads + " threads: colours");
                    assertArrayEquals(single.depth(), f.depth(), threads + " threads: depth");
                }
            }
        }
        long drawn = java.util.Arrays.stream(single.ids()).filter(id -> id >= 0).count();
        assertTrue(drawn > 20_000, "the scene covers the frame: " + drawn);
    }

    @Test
    void bandsGiveWhatAPlainZBufferGives() {
        // A wide frame makes bands of 8 rows; points of size 7 and attenuated sizes straddle them.
        int w = 4096;
        int h = 60;
        Random rnd = new Random(9);
        int n = 40_000;
        float[] xyz = new float[3 * n];
        int[] argb = new int[n];
        for (int i = 0; i < n; i++) {
            xyz[3 * i] = (float) (rnd.nextDouble() * 200 - 100);
            xyz[3 * i + 1] = (float) (rnd.nextDouble() * 8 - 4);
            xyz[3 * i + 2] = (float) (rnd.nextDouble() * 3 - 1.5);
            argb[i] = 0xFF000000 | rnd.nextInt(1 << 24);
        }
        xyz[3 * 17] = Float.NaN;
        Camera camera = camera(false);
        camera.setFovY(2 * Math.atan(0.15));
        for (RenderSettings s : List.of(RenderSettings.of(w, h).withPointSize(7, SizeMode.FIXED),
                RenderSettings.of(w, h).withPointSize(1, SizeMode.ATTENUATED).withSpacing(0.6f))) {
            List<PointBatch> batches = List.of(new PointBatch(xyz, argb, 0, 25_000, 0, 0),
                    new PointBatch(xyz, argb, 25_000, 15_000, 70_000, 0));
            int[] expected = reference(batches, camera, s);
            for (int threads : new int[] {1, 2}) {
                try (JavaPointRenderer r = new JavaPointRenderer(threads)) {
                    assertArrayEquals(expected, r.render(batches, camera, s).ids(), s.sizeMode() + ", " + threads);
                }
            }
        }
    }

    /** The conventions written as plainly as possible: one full-frame z-buffer, points in draw order. */
    static int[] reference(List<PointBatch> batches, Camera camera, RenderSettings s) {
        int w = s.width();
        int h = s.height();
        float[] zbuf = new float[w * h];
        int[] ids = new int[w * h];
        java.util.Arrays.fill(zbuf, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(ids, -1);
        double[] out = new double[3];
        for (PointBatch b : batches) {
            for (int k = 0; k < b.count(); k++) {
                int i3 = 3 * (b.offset() + k);
                if (!camera.project(b.xyz()[i3], b.xyz()[i3 + 1], b.xyz()[i3 + 2], w, h, out)
                        || !(out[0] >= 0 && out[0] <= w && out[1] >= 0 && out[1] <= h)) {
                    continue;
                }
                double size = s.sizeMode() == SizeMode.FIXED ? s.pointSize()
                        : s.pointSize() * (b.spacing() > 0 ? b.spacing() : s.spacing()) * camera.pixelsPerUnit(out[2], h);
                size = Math.max(1, Math.min(s.maxPointSize(), size));
                float depth = (float) out[2];
                // every pixel near the square, tested with the convention's inequalities
                for (int j = Math.max(0, (int) (out[1] - size)); j < Math.min(h, out[1] + size); j++) {
                    for (int i = Math.max(0, (int) (out[0] - size)); i < Math.min(w, out[0] + size); i++) {
                        if (out[0] - size / 2 <= i + 0.5 && i + 0.5 < out[0] + size / 2
                                && out[1] - size / 2 <= j + 0.5 && j + 0.5 < out[1] + size / 2
                                && depth < zbuf[j * w + i]) {
                            zbuf[j * w + i] = depth;
                            ids[j * w + i] = b.idBase() + k;
                        }
                    }
                }
            }
        }
        return ids;
    }

    @Test
    void framesAlternateAndFollowSizeChanges() {
        try (JavaPointRenderer r = new JavaPointRenderer(2)) {
            PointBatch one = batch(0, new float[] {0.13f, 0f, 0.33f}, -1);
            Frame a = r.render(List.of(one), camera(true), settings(1));
            Frame b = r.render(List.of(), camera(true), settings(1));
            assertNotSame(a.argb(), b.argb());
            assertEquals(0, a.idAt(33, 20), "the previous frame is still intact");
            assertEquals(-1, b.idAt(33, 20));
            Frame c = r.render(List.of(one), camera(true), settings(1).withSize(100, 80));
            assertEquals(100, c.width());
            assertEquals(8000, c.ids().length);
        }
    }
}
