package org.attentionworkbench.compute.pointcloud.lod;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.Provenance;
import org.attentionworkbench.compute.pointcloud.ReadControl;
import org.attentionworkbench.compute.pointcloud.ScalarField;
import org.junit.jupiter.api.Test;

class OctreeTest {
    /** n points on a wavy surface (like a terrain scan) plus a few scattered ones. */
    static PointCloud terrain(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] xyz = new float[3 * n];
        for (int i = 0; i < n; i++) {
            float x = (float) r.nextDouble(0, 100);
            float y = (float) r.nextDouble(0, 60);
            xyz[3 * i] = x;
            xyz[3 * i + 1] = y;
            xyz[3 * i + 2] = i % 50 == 0 ? (float) r.nextDouble(0, 40) : (float) (5 * Math.sin(x / 7) * Math.cos(y / 9));
        }
        return PointCloud.of(xyz);
    }

    @Test
    void mortonCodesInterleaveAndInvert() {
        assertEquals(0b100, Octree.morton(1, 0, 0));
        assertEquals(0b010, Octree.morton(0, 1, 0));
        assertEquals(0b001, Octree.morton(0, 0, 1));
        assertEquals(0b100_000, Octree.morton(2, 0, 0));
        SplittableRandom r = new SplittableRandom(1);
        for (int k = 0; k < 1000; k++) {
            int x = r.nextInt(1 << 21), y = r.nextInt(1 << 21), z = r.nextInt(1 << 21);
            long c = Octree.morton(x, y, z);
            assertEquals(x, Octree.compact(c >>> 2));
            assertEquals(y, Octree.compact(c >>> 1));
            assertEquals(z, Octree.compact(c));
        }
    }

    @Test
    void everyPointOnceAndNodeInvariants() throws Exception {
        PointCloud cloud = terrain(100_000, 7);
        Octree.BuildOptions opt = new Octree.BuildOptions(16, 500, 17);
        Octree t = Octree.build(cloud, opt, ReadControl.NONE);

        // order is a permutation
        int[] order = t.order();
        assertEquals(cloud.size(), order.length);
        boolean[] seen = new boolean[cloud.size()];
        for (int i : order) {
            assertFalse(seen[i], "index " + i + " twice");
            seen[i] = true;
        }
        assertEquals(cloud.size(), t.finiteCount());
        assertTrue(t.nodes().size() > 50, "a real tree: " + t.nodes().size() + " nodes");
        assertTrue(t.depth() >= 3);

        float[] p = cloud.xyz();
        float[] cube = t.cubeMin();
        double scale = (1 << Octree.BITS) / (double) t.cubeSize();
        long total = 0;
        for (int id = 0; id < t.nodes().size(); id++) {
            Octree.Node n = t.node(id);
            total += n.count();
            assertEquals(t.rootSpacing() / (1 << n.level()), n.spacing(), 1e-6 * t.rootSpacing());
            if (n.parent() >= 0) {
                assertEquals(t.node(n.parent()).level() + 1, n.level());
            }
            if (n.isLeaf() && n.level() < opt.maxDepth()) {
                assertTrue(n.count() <= opt.maxPointsPerLeaf(), "leaf " + id + " holds " + n.count());
            }
            // the node's points lie in its box, and in the boxes of all its ancestors
            for (int k = n.offset(); k < n.subtreeEnd(); k++) {
                int i = order[k];
                boolean inside = p[3 * i] >= n.minX() && p[3 * i] <= n.maxX() && p[3 * i + 1] >= n.minY()
                        && p[3 * i + 1] <= n.maxY() && p[3 * i + 2] >= n.minZ() && p[3 * i + 2] <= n.maxZ();
                if (!inside) {
                    fail("point " + i + " " + p[3 * i] + "," + p[3 * i + 1] + "," + p[3 * i + 2] + " outside node "
                            + id + " " + n);
                }
            }
            if (!n.isLeaf()) {
                // an inner node keeps one point per cell of side spacing: no two share a cell
                int shift = Octree.BITS - n.level() - opt.gridBits();
                Set<Long> cells = new HashSet<>();
                for (int k = n.offset(); k < n.offset() + n.count(); k++) {
                    int i = order[k];
                    long cell = Octree.morton(Octree.quantise(p[3 * i] - cube[0], scale) >> shift,
                            Octree.quantise(p[3 * i + 1] - cube[1], scale) >> shift,
                            Octree.quantise(p[3 * i + 2] - cube[2], scale) >> shift);
                    assertTrue(cells.add(cell), "two points in one cell of node " + id);
                }
                assertTrue(n.count() > 0);
            }
        }
        assertEquals(cloud.size(), total);
        // the root's spacing: the cube split gridSize times
        assertEquals(t.cubeSize() / 16, t.rootSpacing(), 1e-6);
    }

    @Test
    void coarseLevelsSpreadOverTheWholeCloud() throws Exception {
        PointCloud cloud = terrain(100_000, 3);
        Octree t = Octree.build(cloud, new Octree.BuildOptions(8, 200, 18), ReadControl.NONE);
        Octree.Node root = t.node(0);
        // the root's sample reaches both ends of the cloud, not only the first points read
        float minX = Float.MAX_VALUE, maxX = -Float.MAX_VALUE;
        for (int k = root.offset(); k < root.offset() + root.count(); k++) {
            float x = cloud.xyz()[3 * t.order()[k]];
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
        }
        assertTrue(minX < 15 && maxX > 85, "root sample spans x " + minX + ".." + maxX);
        assertTrue(root.count() < 8 * 8 * 8, "one point per cell at most: " + root.count());
    }

    @Test
    void nonFinitePointsGoLastInNoNode() throws Exception {
        float[] xyz = new float[3 * 2000];
        for (int i = 0; i < 2000; i++) {
            xyz[3 * i] = i;
            xyz[3 * i + 1] = i % 7;
            xyz[3 * i + 2] = i % 13;
        }
        xyz[3 * 5] = Float.NaN;
        xyz[3 * 77 + 2] = Float.POSITIVE_INFINITY;
        Octree t = Octree.build(PointCloud.of(xyz), new Octree.BuildOptions(4, 10, 19), ReadControl.NONE);
        assertEquals(1998, t.finiteCount());
        Set<Integer> tail = Set.of(t.order()[1998], t.order()[1999]);
        assertEquals(Set.of(5, 77), tail);
        assertEquals(1998, t.node(0).subtreeEnd());
    }

    @Test
    void duplicatePointsStopAtMaxDepth() throws Exception {
        float[] xyz = new float[3 * 5000];
        java.util.Arrays.fill(xyz, 2.5f);
        Octree t = Octree.build(PointCloud.of(xyz), new Octree.BuildOptions(16, 100, 6), ReadControl.NONE);
        assertEquals(5000, t.finiteCount());
        assertTrue(t.depth() <= 6);
        long total = t.nodes().stream().mapToLong(Octree.Node::count).sum();
        assertEquals(5000, total);
    }

    @Test
    void emptyAndTinyClouds() throws Exception {
        Octree empty = Octree.build(PointCloud.of(new float[0]), Octree.BuildOptions.DEFAULT, ReadControl.NONE);
        assertEquals(0, empty.nodes().size());
        Octree one = Octree.build(PointCloud.of(new float[] {1, 2, 3}), Octree.BuildOptions.DEFAULT, null);
        assertEquals(1, one.nodes().size());
        assertArrayEquals(new int[] {0}, one.order());
        Octree.Node n = one.node(0);
        assertTrue(n.minX() <= 1 && n.maxX() >= 1 && n.minZ() <= 3 && n.maxZ() >= 3);
    }

    @Test
    void reorderedKeepsEveryAttribute() throws Exception {
        int n = 3000;
        PointCloud base = terrain(n, 11);
        byte[] rgb = new byte[3 * n];
        float[] field = new float[n];
        int[] pixel = new int[n];
        for (int i = 0; i < n; i++) {
            rgb[3 * i] = (byte) i;
            field[i] = i;
            pixel[i] = i;
        }
        PointCloud cloud = new PointCloud(new double[] {1e6, 2e6, 0}, base.xyz(), rgb, null,
                List.of(ScalarField.of("id", field)), new Provenance("img.png", n, 1, pixel));
        Octree t = Octree.build(cloud, new Octree.BuildOptions(8, 100, 18), ReadControl.NONE);
        PointCloud r = t.reordered(cloud);
        for (int k = 0; k < n; k++) {
            int i = t.order()[k];
            assertEquals(i, (int) r.field("id").values()[k]);
            assertEquals((byte) i, r.rgb()[3 * k]);
            assertEquals(i, r.provenance().pixel()[k]);
            assertEquals(cloud.xyz()[3 * i + 1], r.xyz()[3 * k + 1]);
        }
        assertArrayEquals(cloud.origin(), r.origin());
    }

    @Test
    void progressReachesTheEndAndCancelStops() throws Exception {
        PointCloud cloud = terrain(50_000, 5);
        List<Double> progress = new ArrayList<>();
        Octree.build(cloud, new Octree.BuildOptions(8, 200, 18),
                new ReadControl(f -> { synchronized (progress) { progress.add(f); } }, () -> false));
        assertEquals(1.0, progress.get(progress.size() - 1));
        assertTrue(progress.size() > 3);

        AtomicReference<Integer> calls = new AtomicReference<>(0);
        assertThrows(InterruptedIOException.class, () -> Octree.build(cloud, new Octree.BuildOptions(8, 200, 18),
                new ReadControl(f -> { }, () -> calls.getAndUpdate(c -> c + 1) > 4)));
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Octree.BuildOptions(100, 10, 5));
        assertThrows(IllegalArgumentException.class, () -> new Octree.BuildOptions(128, 0, 5));
        assertThrows(IllegalArgumentException.class, () -> new Octree.BuildOptions(128, 10, 15));
    }
}
