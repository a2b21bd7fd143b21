package org.attentionworkbench.app.pointcloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.ReadControl;
import org.attentionworkbench.compute.pointcloud.lod.Octree;
import org.attentionworkbench.viewers.points.render.Camera;
import org.attentionworkbench.viewers.points.render.Frame;
import org.attentionworkbench.viewers.points.render.JavaPointRenderer;
import org.attentionworkbench.viewers.points.render.PointBatch;
import org.attentionworkbench.viewers.points.render.RenderSettings;
import org.junit.jupiter.api.Test;

/** What the renderers get: every point within the budget, else octree nodes within it; picks map back to the cloud. */
class DrawListTest {
    /** A 200 × 200 sheet at z = 0 (40,000 points), colour = index. */
    private static PointCloud sheet() {
        int n = 200 * 200;
        float[] xyz = new float[3 * n];
        for (int i = 0; i < n; i++) {
            xyz[3 * i] = i % 200;
            xyz[3 * i + 1] = i / 200;
        }
        return PointCloud.of(xyz);
    }

    private static int[] colours(int n) {
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = 0xFF000000 | i;
        }
        return c;
    }

    @Test
    void withinTheBudgetEveryPointIsOneBatchOverTheCloudsOwnArrays() {
        PointCloud c = sheet();
        DrawList d = DrawList.all(c, colours(c.size()));
        List<PointBatch> b = d.batchesFor(new Camera(), 10, 10);
        assertEquals(1, b.size());
        assertSame(c.xyz(), b.get(0).xyz());
        assertEquals(c.size(), b.get(0).count());
        assertEquals(1234, d.pointOf(1234));
        assertEquals(-1, d.pointOf(-1));
    }

    @Test
    void overTheBudgetTheOctreeDrawsFewerPointsAndPicksMapBack() throws Exception {
        PointCloud c = sheet();
        int[] colours = colours(c.size());
        Octree tree = Octree.build(c, new Octree.BuildOptions(16, 500, 10), ReadControl.NONE);
        DrawList d = DrawList.lod(c, tree, DrawList.octreeXyz(c, tree), colours, 5_000);
        assertTrue(d.isLod() && d.note().contains("5,000"), d.note());
        Camera cam = new Camera();
        ViewPreset.apply(cam, Camera.View.TOP, c, 400, 400);
        List<PointBatch> batches = d.batchesFor(cam, 400, 400);
        long drawn = batches.stream().mapToLong(PointBatch::count).sum();
        assertTrue(drawn > 0 && drawn <= 5_000, drawn + " points drawn");
        try (JavaPointRenderer r = new JavaPointRenderer(1)) {
            Frame f = r.render(batches, cam, RenderSettings.of(400, 400).withPointSize(3,
                    org.attentionworkbench.viewers.points.render.SizeMode.FIXED));
            int id = f.pick(200, 200, 6);
            assertTrue(id >= 0, "a point is drawn near the centre");
            int point = d.pointOf(id);
            // the picked point's colour in the frame is its own colour (= its index in the cloud)
            int drawnColour = -1;
            for (int p = 0; p < f.ids().length; p++) {
                if (f.ids()[p] == id) {
                    drawnColour = f.argb()[p];
                    break;
                }
            }
            assertEquals(colours[point], drawnColour);
            assertEquals(99.5, c.coordinate(point, 0), 6, "the pick is near the sheet's middle");
        }
    }
}
