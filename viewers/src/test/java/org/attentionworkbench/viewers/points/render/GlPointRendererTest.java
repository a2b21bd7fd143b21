package org.attentionworkbench.viewers.points.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The GL renderer against the conventions (PointRenderer's javadoc, notes/render-conventions.md),
 * with the expected pixels computed from {@link Camera#project} on the CPU. Skips with the reason
 * when no OpenGL 3.3 context can be made (no display and no EGL, no Mesa).
 */
class GlPointRendererTest {
    private static final int W = 160;
    private static final int H = 120;
    private static final int BG = 0xFF102030;
    private static GlPointRenderer gl;

    @BeforeAll
    static void open() {
        try {
            gl = new GlPointRenderer();
        } catch (RendererUnavailableException e) {
            Assumptions.abort("OpenGL unavailable, GL renderer tests skipped: " + e.getMessage());
        }
    }

    @AfterAll
    static void close() {
        if (gl != null) {
            gl.close();
        }
    }

    private static Camera camera(boolean ortho) {
        Camera c = new Camera();
        c.setTarget(0, 0, 0);
        c.setDistance(6);
        c.setSceneRadius(2);
        c.setOrthographic(ortho);
        return c; // looks along +y, x right, z up
    }

    private static RenderSettings settings(float size) {
        return RenderSettings.of(W, H).withPointSize(size, SizeMode.FIXED).withBackground(BG);
    }

    /** Pixels covered by a point at (px, py) of size s: the conventions' integer form. */
    private static int[] span(double p, double s) {
        return new int[] {(int) Math.ceil(p - s / 2 - 0.5), (int) Math.ceil(p + s / 2 - 0.5) - 1};
    }

    /**
     * True when the square's edges are not within 0.001 px of a pixel centre (no exact ties). Tight
     * on purpose: a rasteriser's own edges (llvmpipe snaps to 1/256 px) would miss it.
     */
    private static boolean clearOfTies(double px, double py, double s) {
        for (double e : new double[] {px - s / 2 - 0.5, px + s / 2 - 0.5, py - s / 2 - 0.5, py + s / 2 - 0.5}) {
            if (Math.abs(e - Math.rint(e)) < 0.001) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest(name = "ortho={0} size={1}")
    @CsvSource({"false,1", "false,2", "false,3", "false,5", "true,1", "true,2", "true,3", "true,5",
        "false,2.5", "true,4.3"})
    void pointsLandWhereCameraProjectsThem(boolean ortho, float size) {
        Camera cam = camera(ortho);
        Random rnd = new Random(7);
        // A grid of points 12 px apart (no overlaps), each nudged off fill-rule ties.
        List<Float> xyz = new ArrayList<>();
        List<double[]> projected = new ArrayList<>();
        double[] out = new double[3];
        for (int gy = 0; gy < 8; gy++) {
            for (int gx = 0; gx < 11; gx++) {
                for (int attempt = 0; attempt < 50; attempt++) {
                    double sx = 12 * gx + 16 + rnd.nextDouble() * 4;
                    double sy = 12 * gy + 14 + rnd.nextDouble() * 4;
                    double depth = 4.5 + rnd.nextDouble() * 3;
                    // Back-project the screen position at that depth (camera looks along +y).
                    double ppu = cam.pixelsPerUnit(depth, H);
                    double x = (sx - W / 2.0) / ppu;
                    double z = (H / 2.0 - sy) / ppu;
                    double y = depth - 6;
                    if (cam.project((float) x, (float) y, (float) z, W, H, out) && clearOfTies(out[0], out[1], size)) {
                        xyz.add((float) x);
                        xyz.add((float) y);
                        xyz.add((float) z);
                        projected.add(out.clone());
                        break;
                    }
                }
            }
        }
        int n = projected.size();
        assertTrue(n > 80, "test scene too small: " + n);
        float[] pos = new float[3 * n];
        int[] argb = new int[n];
        for (int i = 0; i < n; i++) {
            pos[3 * i] = xyz.get(3 * i);
            pos[3 * i + 1] = xyz.get(3 * i + 1);
            pos[3 * i + 2] = xyz.get(3 * i + 2);
            argb[i] = 0xFF000000 | ((i + 1) * 0x9E3779B1) & 0xFFFFFF;
        }
        Frame f = gl.render(List.of(new PointBatch(pos, argb, 0, n, 1000, 0)), cam, settings(size));

        int[] expectedIds = new int[W * H];
        java.util.Arrays.fill(expectedIds, -1);
        for (int i = 0; i < n; i++) {
            double[] p = projected.get(i);
            int[] xs = span(p[0], Math.max(1, size));
            int[] ys = span(p[1], Math.max(1, size));
            for (int y = Math.max(0, ys[0]); y <= Math.min(H - 1, ys[1]); y++) {
                for (int x = Math.max(0, xs[0]); x <= Math.min(W - 1, xs[1]); x++) {
                    expectedIds[y * W + x] = 1000 + i;
                }
            }
        }
        assertArrayEquals(expectedIds, f.ids(), "ids (pixel coverage) for size " + size);
        for (int p = 0; p < W * H; p++) {
            int id = f.ids()[p];
            if (id < 0) {
                assertEquals(BG, f.argb()[p], "background colour at " + p);
                assertEquals(Float.POSITIVE_INFINITY, f.depth()[p], "background depth at " + p);
            } else {
                int i = id - 1000;
                assertEquals(argb[i], f.argb()[p], "colour at pixel " + p);
                assertEquals(projected.get(i)[2], f.depth()[p], 1e-5 * projected.get(i)[2], "depth at " + p);
            }
        }
    }

    @ParameterizedTest(name = "size={0}")
    @CsvSource({"1", "2", "3"})
    void edgesHoldBelowTheRasterisersSubPixelGrid(float size) {
        // Square edges 0.0012-0.0018 px beside a pixel centre: finer than llvmpipe's 1/256 px grid,
        // so a renderer leaving edges to the rasteriser puts some of these in the neighbouring row.
        Camera cam = camera(true);
        double[] deltas = {0.0012, -0.0012, 0.0018, -0.0018};
        double half = size / 2 + 0.5; // edge = centre - half; centre = k + half + delta puts it delta off
        List<float[]> pts = new ArrayList<>();
        double[] out = new double[3];
        for (int k = 0; k < 40; k++) {
            double dx = deltas[k % 4];
            double dy = deltas[(k / 4) % 4];
            double sx = 10 + 18 * (k % 8) + half % 1 + dx; // 18 x 20 px apart: no overlaps
            double sy = 10 + 20 * (k / 8) + half % 1 + dy;
            double ppu = cam.pixelsPerUnit(6, H);
            pts.add(new float[] {(float) ((sx - W / 2.0) / ppu), 0, (float) ((H / 2.0 - sy) / ppu)});
        }
        float[] pos = new float[3 * pts.size()];
        int[] argb = new int[pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            System.arraycopy(pts.get(i), 0, pos, 3 * i, 3);
            argb[i] = 0xFFFFFFFF;
        }
        Frame f = gl.render(List.of(PointBatch.of(pos, argb)), cam, settings(size));
        int checked = 0;
        for (int i = 0; i < pts.size(); i++) {
            cam.project(pos[3 * i], pos[3 * i + 1], pos[3 * i + 2], W, H, out);
            int[] xs = span(out[0], size);
            int[] ys = span(out[1], size);
            for (int y = ys[0] - 1; y <= ys[1] + 1; y++) {
                for (int x = xs[0] - 1; x <= xs[1] + 1; x++) {
                    boolean in = x >= xs[0] && x <= xs[1] && y >= ys[0] && y <= ys[1];
                    int id = f.idAt(x, y);
                    if (in) {
                        assertEquals(i, id, "point " + i + " at " + out[0] + ", " + out[1] + ": pixel " + x + "," + y);
                        checked++;
                    } else {
                        assertTrue(id != i, "point " + i + " at " + out[0] + ", " + out[1] + " spills to " + x + "," + y);
                    }
                }
            }
        }
        assertTrue(checked >= 40 * size * size, "covered pixels " + checked);
    }

    @Test
    void nearerPointWinsAndTiesGoToTheFirstDrawn() {
        Camera cam = camera(false);
        // Points 0 and 1 on the same ray (1 nearer, drawn second); 2 and 3 identical (2 first).
        float[] pos = {0.01f, 0.5f, 0.01f, 0.01f * 5.5f / 6.5f, -0.5f, 0.01f * 5.5f / 6.5f,
            0.51f, 0, 0.31f, 0.51f, 0, 0.31f};
        int[] argb = {0xFFFF0000, 0xFF00FF00, 0xFF0000FF, 0xFFFFFF00};
        Frame f = gl.render(List.of(PointBatch.of(pos, argb)), cam, settings(5));
        double[] out = new double[3];
        cam.project(pos[0], pos[1], pos[2], W, H, out);
        int x = (int) Math.floor(out[0]);
        int y = (int) Math.floor(out[1]);
        assertEquals(1, f.idAt(x, y), "the nearer point, though drawn later");
        assertEquals(0xFF00FF00, f.argb()[y * W + x]);
        cam.project(pos[6], pos[7], pos[8], W, H, out);
        assertEquals(2, f.idAt((int) Math.floor(out[0]), (int) Math.floor(out[1])), "equal depth: first drawn");
        // Across batches too: the same two identical points split over two batches, the first wins.
        PointBatch first = new PointBatch(pos, argb, 3, 1, 50, 0);
        PointBatch second = new PointBatch(pos, argb, 2, 1, 60, 0);
        Frame g = gl.render(List.of(first, second), cam, settings(5));
        assertEquals(50, g.idAt((int) Math.floor(out[0]), (int) Math.floor(out[1])));
        assertEquals(50, g.pick((int) Math.floor(out[0]) + 1, (int) Math.floor(out[1]), 1));
    }

    @Test
    void emptySceneIsBackgroundAndOutsidePointsAreNotDrawn() {
        Camera cam = camera(false);
        Frame empty = gl.render(List.of(), cam, settings(2));
        for (int p = 0; p < W * H; p++) {
            assertEquals(BG, empty.argb()[p]);
            assertEquals(-1, empty.ids()[p]);
            assertEquals(Float.POSITIVE_INFINITY, empty.depth()[p]);
        }
        // Beyond far, before near, centre just outside the frame (a size-9 square would reach in),
        // and non-finite: none is drawn.
        double ppu = cam.pixelsPerUnit(6, H);
        float edge = (float) ((W / 2.0 + 1.5) / ppu);
        float[] pos = {0, 3.5f, 0, 0, -5.9f, 0, edge, 0, 0, Float.NaN, 0, 0, 0, Float.POSITIVE_INFINITY, 0};
        Frame f = gl.render(List.of(PointBatch.of(pos, new int[] {-1, -1, -1, -1, -1})), cam, settings(9));
        for (int p = 0; p < W * H; p++) {
            assertEquals(-1, f.ids()[p], "pixel " + p + " drawn");
        }
    }

    @Test
    void attenuatedAndAdaptiveSizesFollowTheSpacing() {
        Camera cam = camera(false);
        float[] pos = {0.013f, 1.2f, -0.021f};
        double[] out = new double[3];
        cam.project(pos[0], pos[1], pos[2], W, H, out);
        double ppu = cam.pixelsPerUnit(out[2], H);
        RenderSettings att = settings(1.5f).withPointSize(1.5f, SizeMode.ATTENUATED).withSpacing(0.2f);
        // ATTENUATED with the settings' spacing (batch gives none), ADAPTIVE with the batch's.
        assertCoverage(gl.render(List.of(PointBatch.of(pos, new int[] {-1})), cam, att), out, 1.5 * 0.2f * ppu);
        PointBatch withSpacing = new PointBatch(pos, new int[] {-1}, 0, 1, 0, 0.3f);
        RenderSettings ada = att.withPointSize(1.5f, SizeMode.ADAPTIVE);
        assertCoverage(gl.render(List.of(withSpacing), cam, ada), out, 1.5 * 0.3f * ppu);
        // Clamped to the maximum.
        RenderSettings big = new RenderSettings(W, H, 50, SizeMode.ADAPTIVE, 0, 7, false, 1, 1.4f, BG);
        assertCoverage(gl.render(List.of(withSpacing), cam, big), out, 7);
    }

    private static void assertCoverage(Frame f, double[] p, double size) {
        int[] xs = span(p[0], size);
        int[] ys = span(p[1], size);
        int covered = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean in = x >= xs[0] && x <= xs[1] && y >= ys[0] && y <= ys[1];
                assertEquals(in ? 0 : -1, f.idAt(x, y), "pixel " + x + "," + y + " for size " + size);
                covered += in ? 1 : 0;
            }
        }
        assertTrue(covered > 1, "size " + size + " covered " + covered);
    }

    @Test
    void eyeDomeLightingFollowsPotreesFormula() {
        Camera cam = camera(false);
        // A far wall of points, tilted (gentle depth steps between its points give partial shades),
        // and a nearer square in front of it (a big step: the wall around it goes dark).
        List<float[]> pts = new ArrayList<>();
        for (int i = -40; i <= 40; i++) {
            for (int j = -30; j <= 30; j++) {
                pts.add(new float[] {i * 0.04f, 1.5f + 0.3f * j * 0.04f, j * 0.04f});
                if (Math.abs(i) < 10 && Math.abs(j) < 10) {
                    pts.add(new float[] {i * 0.03f, 0f, j * 0.03f});
                }
            }
        }
        float[] pos = new float[3 * pts.size()];
        int[] argb = new int[pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            System.arraycopy(pts.get(i), 0, pos, 3 * i, 3);
            argb[i] = 0xFFC0A080;
        }
        List<PointBatch> scene = List.of(PointBatch.of(pos, argb));
        RenderSettings plain = settings(4);
        Frame flat = copy(gl.render(scene, cam, plain));
        Frame lit = gl.render(scene, cam, plain.withEdl(true, 1f, 1.4f));
        assertArrayEquals(flat.ids(), lit.ids(), "EDL changes colours only");
        int[] offsets = JavaPointRenderer.edlOffsets(1.4f);
        int darker = 0;
        int partial = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int p = y * W + x;
                int expected = edl(flat, x, y, offsets, 1f);
                for (int shift = 0; shift < 24; shift += 8) {
                    int e = (expected >> shift) & 255;
                    int a = (lit.argb()[p] >> shift) & 255;
                    assertTrue(Math.abs(e - a) <= 1, "pixel " + x + "," + y + ": expected " + Integer.toHexString(expected)
                            + " got " + Integer.toHexString(lit.argb()[p]));
                }
                darker += lit.argb()[p] != flat.argb()[p] ? 1 : 0;
                int red = (lit.argb()[p] >> 16) & 255;
                partial += red > 0x20 && red < 0xB0 ? 1 : 0;
            }
        }
        assertTrue(darker > 40, "EDL darkened only " + darker + " pixels");
        assertTrue(partial > 40, "partly shaded pixels: " + partial);
        assertEquals(flat.argb()[(H / 2) * W + W / 2], lit.argb()[(H / 2) * W + W / 2], "flat interior unchanged");
    }

    /** The conventions' EDL on the CPU, from a frame rendered without it. */
    private static int edl(Frame f, int x, int y, int[] offsets, float strength) {
        int p = y * f.width() + x;
        float depth = f.depth()[p];
        if (depth == Float.POSITIVE_INFINITY) {
            return f.argb()[p];
        }
        double d = Math.log(depth) / Math.log(2);
        double sum = 0;
        for (int c = 0; c < 8; c++) {
            int qx = x + offsets[2 * c];
            int qy = y + offsets[2 * c + 1];
            if (qx >= 0 && qy >= 0 && qx < f.width() && qy < f.height()) {
                float dn = f.depth()[qy * f.width() + qx];
                if (dn != Float.POSITIVE_INFINITY) {
                    sum += Math.max(0, d - Math.log(dn) / Math.log(2));
                }
            }
        }
        double shade = Math.exp(-(sum / 8) * 300 * strength);
        int c = f.argb()[p];
        int r = (int) Math.floor(((c >> 16) & 255) * shade + 0.5);
        int g = (int) Math.floor(((c >> 8) & 255) * shade + 0.5);
        int b = (int) Math.floor((c & 255) * shade + 0.5);
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    @Test
    void edlOffsetsAreTheEightNeighboursForTheDefaultRadius() {
        assertArrayEquals(new int[] {1, 0, 1, 1, 0, 1, -1, 1, -1, 0, -1, -1, 0, -1, 1, -1},
                JavaPointRenderer.edlOffsets(1.4f));
        assertArrayEquals(new int[] {2, 0, 1, 1, 0, 2, -1, 1, -2, 0, -1, -1, 0, -2, 1, -1},
                JavaPointRenderer.edlOffsets(2.0f));
    }

    @Test
    void buffersAreReusedAndANewColourArrayShows() {
        Camera cam = camera(true);
        float[] pos = {0, 0, 0, 0.5f, 0.2f, 0.3f};
        int[] red = {0xFFFF0000, 0xFFFF0000};
        Frame a = copy(gl.render(List.of(PointBatch.of(pos, red)), cam, settings(3)));
        Frame b = copy(gl.render(List.of(PointBatch.of(pos, red)), cam, settings(3)));
        assertEquals(0, gl.lastUploads(), "the same arrays again: nothing uploaded");
        assertArrayEquals(a.argb(), b.argb());
        assertArrayEquals(a.ids(), b.ids());
        assertArrayEquals(a.depth(), b.depth());
        int[] green = {0xFF00FF00, 0xFF00FF00};
        Frame c = gl.render(List.of(PointBatch.of(pos, green)), cam, settings(3));
        assertEquals(1, gl.lastUploads(), "only the colours are uploaded");
        assertArrayEquals(a.ids(), c.ids());
        int lit = 0;
        for (int p = 0; p < W * H; p++) {
            if (c.ids()[p] >= 0) {
                assertEquals(0xFF00FF00, c.argb()[p]);
                lit++;
            }
        }
        assertEquals(18, lit, "two 3x3 points");
        assertFalse(gl.cachedBuffers() == 0);
    }

    @Test
    void rendersFromAnyThreadAndDescribesItself() throws Exception {
        assertTrue(gl.description().startsWith("OpenGL "), gl.description());
        assertEquals("gl", gl.name());
        Frame[] got = new Frame[1];
        Thread t = new Thread(() -> got[0] = gl.render(List.of(), camera(false), settings(1).withSize(33, 17)));
        t.start();
        t.join();
        assertEquals(33, got[0].width());
        assertEquals(17, got[0].height());
    }

    @Test
    void closeEndsItsThreadAndLaterRendersAreRefused() throws Exception {
        long before = glThreads();
        GlPointRenderer second = new GlPointRenderer();
        assertEquals(before + 1, glThreads());
        second.render(List.of(PointBatch.of(new float[] {0, 0, 0}, new int[] {-1})), camera(false), settings(2));
        second.close();
        second.close(); // twice is harmless
        for (int i = 0; i < 100 && glThreads() > before; i++) {
            Thread.sleep(10);
        }
        assertEquals(before, glThreads(), "the renderer's thread ended");
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> second.render(List.of(), camera(false), settings(2)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        // the other renderer (sharing GLFW or the EGL display) still works
        assertEquals(W, gl.render(List.of(), camera(false), settings(2)).width());
    }

    private static long glThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("gl-point-renderer") && t.isAlive()).count();
    }

    private static Frame copy(Frame f) {
        return new Frame(f.width(), f.height(), f.argb().clone(), f.ids().clone(), f.depth().clone());
    }
}
