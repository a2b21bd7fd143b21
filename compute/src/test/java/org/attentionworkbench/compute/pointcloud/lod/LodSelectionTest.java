package org.attentionworkbench.compute.pointcloud.lod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attentionworkbench.compute.pointcloud.ReadControl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LodSelectionTest {
    static final int W = 800;
    static final int H = 600;
    static final double FOV = Math.toRadians(60);
    private static Octree tree;

    @BeforeAll
    static void build() throws Exception {
        // a 100 × 60 terrain, z within ±5 (a few points up to 40)
        tree = Octree.build(OctreeTest.terrain(300_000, 2), new Octree.BuildOptions(16, 1_000, 17), ReadControl.NONE);
    }

    /** OpenGL's gluPerspective × gluLookAt, column-major. */
    static double[] viewProjection(double[] eye, double[] target, double near, double far) {
        double[] f = normalize(sub(target, eye));
        double[] s = normalize(cross(f, new double[] {0, 0, 1}));
        double[] u = cross(s, f);
        double[] view = {s[0], u[0], -f[0], 0, s[1], u[1], -f[1], 0, s[2], u[2], -f[2], 0,
            -dot(s, eye), -dot(u, eye), dot(f, eye), 1};
        double t = 1 / Math.tan(FOV / 2);
        double[] proj = new double[16];
        proj[0] = t / ((double) W / H);
        proj[5] = t;
        proj[10] = -(far + near) / (far - near);
        proj[11] = -1;
        proj[14] = -2 * far * near / (far - near);
        return multiply(proj, view);
    }

    static double[] multiply(double[] a, double[] b) {
        double[] m = new double[16];
        for (int c = 0; c < 4; c++) {
            for (int r = 0; r < 4; r++) {
                for (int k = 0; k < 4; k++) {
                    m[c * 4 + r] += a[k * 4 + r] * b[c * 4 + k];
                }
            }
        }
        return m;
    }

    static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double[] normalize(double[] v) {
        double n = Math.sqrt(dot(v, v));
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }

    @Test
    void everythingWhenTheBudgetAllowsAndNoSizeLimit() {
        double[] eye = {50, -120, 80};
        LodSelection.Result r = LodSelection.select(tree, viewProjection(eye, new double[] {50, 30, 0}, 1, 1000), eye,
                false, H, FOV, Long.MAX_VALUE, 0);
        assertEquals(tree.nodes().size(), r.nodes().size());
        assertEquals(tree.finiteCount(), r.points());
    }

    @Test
    void budgetIsRespectedAndFilledWithTheCoarsestFirst() {
        double[] eye = {50, -120, 80};
        double[] vp = viewProjection(eye, new double[] {50, 30, 0}, 1, 1000);
        for (long budget : new long[] {1, 5_000, 50_000, 200_000}) {
            LodSelection.Result r = LodSelection.select(tree, vp, eye, false, H, FOV, budget, 0);
            assertTrue(r.points() <= budget, r.points() + " > " + budget);
            long sum = r.nodes().stream().mapToLong(LodSelection.Visible::count).sum();
            assertEquals(r.points(), sum);
            // every drawn node's parent is drawn too: the tree is cut, never holed
            java.util.Set<Integer> drawn = new java.util.HashSet<>();
            r.nodes().forEach(v -> drawn.add(v.node()));
            for (LodSelection.Visible v : r.nodes()) {
                int parent = tree.node(v.node()).parent();
                assertTrue(parent < 0 || drawn.contains(parent), "node " + v.node() + " without its parent");
                assertEquals(tree.node(v.node()).spacing(), v.spacing());
            }
        }
        assertEquals(0, LodSelection.select(tree, vp, eye, false, H, FOV, tree.node(0).count() - 1, 0).nodes().size());
    }

    @Test
    void nearestFirst() {
        double[] eye = {10, 10, 20};
        LodSelection.Result r = LodSelection.select(tree, viewProjection(eye, new double[] {60, 40, 0}, 0.5, 500),
                eye, false, H, FOV, 100_000, 10);
        assertTrue(r.nodes().size() > 3);
        for (int k = 1; k < r.nodes().size(); k++) {
            assertTrue(r.nodes().get(k - 1).distance() <= r.nodes().get(k).distance());
        }
    }

    @Test
    void farNodesAreDropped() {
        double[] target = {50, 30, 0};
        double[] near = {50, -60, 40};
        double[] far = {50, -6000, 4000};
        LodSelection.Result close = LodSelection.select(tree, viewProjection(near, target, 1, 10_000), near, false, H,
                FOV, Long.MAX_VALUE, 30);
        LodSelection.Result away = LodSelection.select(tree, viewProjection(far, target, 1, 20_000), far, false, H,
                FOV, Long.MAX_VALUE, 30);
        assertTrue(away.nodes().size() < close.nodes().size(), away.nodes().size() + " vs " + close.nodes().size());
        // so far away the whole cloud spans a few pixels: only the root is drawn
        assertEquals(1, away.nodes().size());
        assertEquals(0, away.nodes().get(0).node());
        // and every node drawn up close is at least 30 px (its projected radius), the root aside
        for (LodSelection.Visible v : close.nodes()) {
            Octree.Node n = tree.node(v.node());
            double px = n.radius() * 0.5 * H / Math.tan(FOV / 2) / v.distance();
            assertTrue(v.node() == 0 || px >= 30 || v.distance() < n.radius(), "node " + v.node() + " is " + px + " px");
        }
    }

    @Test
    void frustumCullsNodesBehindTheCamera() {
        // standing in the middle of the terrain, looking towards +x
        double[] eye = {50, 30, 2};
        LodSelection.Result r = LodSelection.select(tree, viewProjection(eye, new double[] {100, 30, 2}, 0.1, 500),
                eye, false, H, FOV, Long.MAX_VALUE, 0);
        assertTrue(r.nodes().size() > 1);
        int culled = 0;
        java.util.Set<Integer> drawnIds = new java.util.HashSet<>();
        r.nodes().forEach(v -> drawnIds.add(v.node()));
        for (int id = 0; id < tree.nodes().size(); id++) {
            Octree.Node n = tree.node(id);
            boolean behind = n.maxX() < eye[0];
            boolean drawn = drawnIds.contains(id);
            if (behind) {
                assertTrue(!drawn, "node " + id + " lies behind the camera but is drawn");
                culled++;
            }
        }
        assertTrue(culled > 10, "the test needs nodes behind the camera: " + culled);

        // looking away from the whole cloud: nothing
        double[] out = {50, -50, 2};
        LodSelection.Result none = LodSelection.select(tree, viewProjection(out, new double[] {50, -100, 2}, 0.1, 500),
                out, false, H, FOV, Long.MAX_VALUE, 0);
        assertEquals(0, none.nodes().size());
    }

    @Test
    void orthographicUsesTheOrthoScale() {
        // an orthographic top view showing 200 units across the frame height
        double[] eye = {50, 30, 100};
        double top = 100;
        double[] proj = new double[16];
        proj[0] = 1 / (top * W / H);
        proj[5] = 1 / top;
        proj[10] = -2 / 199.0;
        proj[14] = -(201) / 199.0;
        proj[15] = 1;
        double[] view = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, -50, -30, -100, 1};
        double[] vp = multiply(proj, view);
        LodSelection.Result coarse = LodSelection.select(tree, vp, eye, true, H, FOV, Long.MAX_VALUE, 200);
        LodSelection.Result fine = LodSelection.select(tree, vp, eye, true, H, FOV, Long.MAX_VALUE, 2);
        assertTrue(coarse.nodes().size() < fine.nodes().size());
        double pixelsPerUnit = H / (2 * top);
        for (LodSelection.Visible v : coarse.nodes()) {
            assertTrue(v.node() == 0 || tree.node(v.node()).radius() * pixelsPerUnit >= 200);
        }
    }
}
