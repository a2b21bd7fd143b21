package org.attentionworkbench.viewers.points.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CameraNavigationTest {
    private static final int W = 800;
    private static final int H = 450;

    /** A camera looking at (1, 2, 3) from some oblique direction, scene radius 5. */
    static Camera camera(boolean ortho) {
        Camera c = new Camera();
        c.setTarget(1, 2, 3);
        c.setDistance(12);
        c.setSceneRadius(5);
        c.lookAlong(new double[] {0.3, 1, -0.4}, new double[] {0, 0, 1});
        c.setOrthographic(ortho);
        return c;
    }

    static double[] project(Camera c, double[] p) {
        double[] out = new double[3];
        assertTrue(c.project(p[0], p[1], p[2], W, H, out), "in front of the camera");
        return out;
    }

    /** The world point at view depth {@code depth} under pixel (px, py). */
    static double[] under(Camera c, double px, double py, double depth) {
        double[] ray = c.ray(px, py, W, H);
        double[] b = c.back();
        double along = -(ray[3] * b[0] + ray[4] * b[1] + ray[5] * b[2]);
        return new double[] {ray[0] + ray[3] * depth / along, ray[1] + ray[4] * depth / along,
            ray[2] + ray[5] * depth / along};
    }

    @Test
    void panKeepsThePointUnderTheCursor() {
        for (boolean ortho : new boolean[] {false, true}) {
            Camera c = camera(ortho);
            double[] p = under(c, 300, 200, c.distance()); // at the target's depth
            double[] q = under(c, 620, 90, 7.5); // nearer than the target
            Camera d = c.copy();
            c.pan(35, -12, W, H);
            double[] s = project(c, p);
            assertEquals(335, s[0], 1e-7);
            assertEquals(188, s[1], 1e-7);
            d.pan(-50, 20, W, H, 7.5);
            double[] t = project(d, q);
            assertEquals(570, t[0], 1e-7);
            assertEquals(110, t[1], 1e-7);
        }
    }

    @Test
    void zoomToCursorKeepsTheWorldPointThere() {
        for (boolean ortho : new boolean[] {false, true}) {
            Camera c = camera(ortho);
            double ppu = c.pixelsPerUnit(c.distance(), H);
            double[] p = under(c, 650, 120, c.distance());
            c.zoomAt(650, 120, 1.5, W, H);
            double[] s = project(c, p);
            assertEquals(650, s[0], 1e-7);
            assertEquals(120, s[1], 1e-7);
            assertEquals(1.5 * ppu, c.pixelsPerUnit(c.distance(), H), 1e-9 * ppu, "zoomed in by 1.5");
            c.zoomAt(100, 400, 0.5, W, H); // and out again elsewhere
            double[] q = under(c, 100, 400, c.distance());
            double[] r = project(c, q);
            assertEquals(100, r[0], 1e-7);
            assertEquals(400, r[1], 1e-7);
            // at a given depth (the frame's depth under the cursor)
            Camera d = camera(ortho);
            double[] near = under(d, 200, 300, 9);
            d.zoomAt(200, 300, 2, W, H, 9);
            double[] n = project(d, near);
            assertEquals(200, n[0], 1e-7);
            assertEquals(300, n[1], 1e-7);
        }
        // perspective moves the eye, orthographic does not
        Camera persp = camera(false);
        persp.zoomAt(400, 225, 2, W, H);
        assertEquals(6, persp.distance(), 1e-12);
        Camera ortho = camera(true);
        ortho.zoomAt(400, 225, 2, W, H);
        assertEquals(12, ortho.distance(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> persp.zoomAt(1, 1, 0, W, H));
    }

    @Test
    void fitShowsEveryCornerAtAnyAspect() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 30; trial++) {
            double[] min = {rnd.nextGaussian() * 100, rnd.nextGaussian() * 100, rnd.nextGaussian()};
            double[] max = {min[0] + rnd.nextDouble() * 50, min[1] + rnd.nextDouble() * 5, min[2] + rnd.nextDouble() * 20};
            Camera c = camera(trial % 2 == 1);
            c.orbitTurntable(rnd.nextDouble() * 6, rnd.nextDouble() - 0.5);
            int w = new int[] {1280, 300, 500}[trial % 3];
            int h = new int[] {720, 900, 500}[trial % 3];
            c.fit(min, max, w, h);
            double xMin = Double.MAX_VALUE, xMax = -Double.MAX_VALUE, yMin = Double.MAX_VALUE, yMax = -Double.MAX_VALUE;
            for (int k = 0; k < 8; k++) {
                double[] out = new double[3];
                assertTrue(c.project((k & 1) == 0 ? min[0] : max[0], (k & 2) == 0 ? min[1] : max[1],
                        (k & 4) == 0 ? min[2] : max[2], w, h, out), "corner within near/far");
                assertTrue(out[0] >= 0 && out[0] <= w && out[1] >= 0 && out[1] <= h,
                        "corner " + k + " at " + out[0] + ", " + out[1] + " in " + w + "x" + h);
                xMin = Math.min(xMin, out[0]);
                xMax = Math.max(xMax, out[0]);
                yMin = Math.min(yMin, out[1]);
                yMax = Math.max(yMax, out[1]);
            }
            // and not from needlessly far: the bounding sphere spans most of the frame's smaller side
            double r = Math.sqrt(Math.pow(max[0] - min[0], 2) + Math.pow(max[1] - min[1], 2)
                    + Math.pow(max[2] - min[2], 2)) / 2;
            double spanned = 2 * r * c.pixelsPerUnit(c.distance(), h) / Math.min(w, h);
            assertTrue(spanned > 0.8 && spanned <= 1, "sphere spans " + spanned);
            assertTrue(xMax > xMin && yMax > yMin);
        }
        assertThrows(IllegalArgumentException.class,
                () -> new Camera().fit(new double[] {0, 0, Double.NaN}, new double[] {1, 1, 1}, W, H));
    }

    @Test
    void presetsLookAlongTheWorldAxes() {
        Camera c = new Camera(); // +z up
        c.view(Camera.View.FRONT);
        assertArrayEquals(new double[] {0, -1, 0}, c.back(), 1e-12);
        assertArrayEquals(new double[] {1, 0, 0}, c.right(), 1e-12);
        c.view(Camera.View.TOP);
        assertArrayEquals(new double[] {0, 0, 1}, c.back(), 1e-12);
        assertArrayEquals(new double[] {0, 1, 0}, c.up(), 1e-12);
        assertArrayEquals(new double[] {1, 0, 0}, c.right(), 1e-12);
        c.view(Camera.View.SIDE);
        assertArrayEquals(new double[] {1, 0, 0}, c.back(), 1e-12);
        assertArrayEquals(new double[] {0, 0, 1}, c.up(), 1e-12);
        c.view(Camera.View.ISO);
        double s = 1 / Math.sqrt(3);
        assertArrayEquals(new double[] {s, -s, s}, c.back(), 1e-12);
        assertEquals(0, c.right()[2], 1e-12, "level horizon");

        Camera y = new Camera();
        y.setWorldUp(0, 1, 0);
        y.view(Camera.View.FRONT);
        assertArrayEquals(new double[] {0, 0, 1}, y.back(), 1e-12);
        assertArrayEquals(new double[] {0, 1, 0}, y.up(), 1e-12);
        assertArrayEquals(new double[] {1, 0, 0}, y.right(), 1e-12);
        y.view(Camera.View.TOP);
        assertArrayEquals(new double[] {0, 1, 0}, y.back(), 1e-12);
        assertArrayEquals(new double[] {0, 0, -1}, y.up(), 1e-12);
    }

    @Test
    void turntableYawsAboutUpAndStopsShortOfThePoles() {
        Camera c = new Camera();
        c.view(Camera.View.FRONT);
        c.orbitTurntable(Math.PI / 2, 0); // eye from -y to +x (counter-clockwise from above)
        assertArrayEquals(new double[] {1, 0, 0}, c.back(), 1e-12);
        c.orbitTurntable(0, Math.PI / 6);
        assertEquals(Math.sin(Math.PI / 6), c.back()[2], 1e-12, "eye raised 30 degrees");
        assertEquals(0, c.right()[2], 1e-12);
        c.orbitTurntable(0.7, 3); // far past the pole
        double limit = Math.PI / 2 - Camera.POLE_MARGIN;
        assertEquals(Math.sin(limit), c.back()[2], 1e-12);
        c.orbitTurntable(0, -10);
        assertEquals(-Math.sin(limit), c.back()[2], 1e-12);
        double[] target = c.target();
        assertArrayEquals(new double[] {0, 0, 0}, target, 0);
        // From the top preset (on the pole): further up does nothing, down tilts.
        Camera top = new Camera();
        top.view(Camera.View.TOP);
        top.orbitTurntable(0, 0.2);
        assertArrayEquals(new double[] {0, 0, 1}, top.back(), 1e-12);
        top.orbitTurntable(0, -0.2);
        assertEquals(Math.cos(0.2), top.back()[2], 1e-12);
        assertTrue(top.back()[1] < 0, "tilts towards the front");
    }

    @Test
    void trackballMovesTheGrabbedBallPointWithTheCursor() {
        Camera c = camera(true);
        double r = Math.min(W, H) / 2.0;
        double[][] drags = {{420, 200, 500, 260}, {400, 225, 300, 100}, {250, 300, 260, 180}};
        for (double[] d : drags) {
            // the ball's point under (x0, y0): on the sphere of radius r pixels around the target
            double ppu = c.pixelsPerUnit(c.distance(), H);
            double bx = (d[0] - W / 2.0) / r;
            double by = (H / 2.0 - d[1]) / r;
            double bz = Math.sqrt(1 - bx * bx - by * by);
            double[] t = c.target();
            double[] right = c.right();
            double[] up = c.up();
            double[] back = c.back();
            double[] p = new double[3];
            for (int k = 0; k < 3; k++) {
                p[k] = t[k] + r / ppu * (bx * right[k] + by * up[k] + bz * back[k]);
            }
            c.orbitTrackball(d[0], d[1], d[2], d[3], W, H);
            double[] s = project(c, p);
            assertEquals(d[2], s[0], 1e-7);
            assertEquals(d[3], s[1], 1e-7);
            assertEquals(1, dot(c.right(), c.right()), 1e-12);
            assertEquals(0, dot(c.right(), c.up()), 1e-12);
        }
    }

    @Test
    void projectionSwitchKeepsTheScaleAtTheTarget() {
        Camera c = camera(false);
        double ppu = c.pixelsPerUnit(c.distance(), H);
        c.setOrthographic(true);
        assertEquals(ppu, c.pixelsPerUnit(c.distance(), H), 1e-12 * ppu);
        c.zoomAt(400, 225, 3, W, H);
        double zoomed = c.pixelsPerUnit(c.distance(), H);
        c.setOrthographic(false);
        assertEquals(zoomed, c.pixelsPerUnit(c.distance(), H), 1e-9 * zoomed);
        assertEquals(Math.toRadians(50), c.fovY(), 1e-12, "the perspective field of view is back");
        assertEquals(4, c.distance(), 1e-9);
    }

    @Test
    void encodeDecodeRoundTrip() {
        Camera c = camera(false);
        c.setWorldUp(0, 1, 0);
        c.orbitTrackball(100, 100, 180, 140, W, H);
        c.setOrthographic(true);
        c.zoomAt(10, 20, 1.7, W, H);
        String s = c.encode();
        Camera d = Camera.decode(s);
        assertEquals(s, d.encode());
        assertArrayEquals(c.viewProjection(W, H), d.viewProjection(W, H), 0);
        assertArrayEquals(c.worldUp(), d.worldUp(), 0);
        assertTrue(d.isOrthographic());
        d.setOrthographic(false);
        c.setOrthographic(false);
        assertEquals(c.fovY(), d.fovY(), 0, "the remembered perspective field of view too");

        for (String bad : List.of("", "camera/2 x=1", "camera/1 target=1,2 distance=1",
                s.replace("ortho=true", "ortho=maybe"), s.replace(" distance=", " distance=-"),
                s.replaceFirst("right=[^ ]+", "right=1,1,0"), s.replaceFirst("fov=[^ ]+", "fov=NaN"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Camera.decode(bad), bad);
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Test
    void gizmoGivesTheScreenDirectionsOfTheAxes() {
        Camera c = new Camera();
        c.view(Camera.View.FRONT); // looking along +y, z up
        List<AxesGizmo.Axis> axes = AxesGizmo.axes(c);
        assertEquals('x', axes.get(0).name());
        assertEquals(1, axes.get(0).dx(), 1e-12);
        assertEquals(0, axes.get(0).dy(), 1e-12);
        assertEquals(-1, axes.get(1).towardViewer(), 1e-12, "y points away");
        assertEquals(0, axes.get(2).dx(), 1e-12);
        assertEquals(-1, axes.get(2).dy(), 1e-12, "z up on screen");
        assertArrayEquals(new double[] {40, 10}, axes.get(2).end(40, 30, 20), 1e-12);
        assertEquals('y', AxesGizmo.backToFront(c).get(0).name());
        c.view(Camera.View.TOP);
        assertEquals(-1, AxesGizmo.axes(c).get(1).dy(), 1e-12, "y up on screen from the top");
        assertEquals(1, AxesGizmo.axes(c).get(2).towardViewer(), 1e-12);
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
