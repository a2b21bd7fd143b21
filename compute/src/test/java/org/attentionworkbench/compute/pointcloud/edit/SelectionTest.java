package org.attentionworkbench.compute.pointcloud.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.Provenance;
import org.attentionworkbench.compute.pointcloud.ScalarField;
import org.junit.jupiter.api.Test;

class SelectionTest {
    /**
     * A 10 × 10 grid: point {@code i = 10 j + k} at local (k + 0.5, j + 0.5, 0), world origin
     * (1000, 2000, 0), with rgb, normals, a field and source pixels carrying the index.
     */
    static PointCloud grid() {
        int n = 100;
        float[] xyz = new float[3 * n];
        byte[] rgb = new byte[3 * n];
        float[] normals = new float[3 * n];
        float[] id = new float[n];
        int[] pixel = new int[n];
        for (int j = 0; j < 10; j++) {
            for (int k = 0; k < 10; k++) {
                int i = 10 * j + k;
                xyz[3 * i] = k + 0.5f;
                xyz[3 * i + 1] = j + 0.5f;
                rgb[3 * i] = (byte) i;
                normals[3 * i + 2] = i;
                id[i] = i;
                pixel[i] = i;
            }
        }
        return new PointCloud(new double[] {1000, 2000, 0}, xyz, rgb, normals, List.of(ScalarField.of("id", id)),
                new Provenance("frame.png", 10, 10, pixel));
    }

    private static int[] indices(int k0, int k1, int j0, int j1) {
        List<Integer> out = new ArrayList<>();
        for (int j = j0; j <= j1; j++) {
            for (int k = k0; k <= k1; k++) {
                out.add(10 * j + k);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void cropBoxInWorldAndLocalCoordinates() {
        PointCloud g = grid();
        // world x 1002..1004.6 → local 2..4.6 → k = 2, 3, 4 (x = 2.5, 3.5, 4.5); y 2003..2005 → j = 3, 4
        int[] world = CropBox.world(new double[] {1002, 2003, -1}, new double[] {1004.6, 2005, 1}, Keep.INSIDE)
                .keptIndices(g);
        assertArrayEquals(indices(2, 4, 3, 4), world);
        int[] local = CropBox.local(new double[] {2, 3, -1}, new double[] {4.6, 5, 1}, Keep.INSIDE).keptIndices(g);
        assertArrayEquals(world, local);
        int[] outside = CropBox.local(new double[] {2, 3, -1}, new double[] {4.6, 5, 1}, Keep.OUTSIDE).keptIndices(g);
        assertEquals(94, outside.length);
        for (int i : world) {
            assertTrue(java.util.Arrays.binarySearch(outside, i) < 0);
        }
        // faces belong to the inside
        assertArrayEquals(new int[] {0}, CropBox.local(new double[] {0.5, 0.5, 0}, new double[] {0.5, 0.5, 0},
                Keep.INSIDE).keptIndices(g));
        assertThrows(IllegalArgumentException.class,
                () -> CropBox.local(new double[] {1, 0, 0}, new double[] {0, 1, 1}, Keep.INSIDE));
    }

    /** Maps local (x, y) ∈ [0, 10]² onto a 100 × 100 screen: pixel (10 x, 100 − 10 y). */
    private static final double[] FLAT = {0.2, 0, 0, 0, 0, 0.2, 0, 0, 0, 0, 0, 0, -1, -1, 0, 1};

    @Test
    void polygonSelectsWhatProjectsInsideIt() {
        PointCloud g = grid();
        // the triangle over the screen's upper-left half, x / 100 + y / 99 < 1: point (k, j) at pixel
        // (10k + 5, 95 − 10j) is inside when column k < row j (k = j lies just outside the hypotenuse)
        PolygonSelection tri = new PolygonSelection(new double[] {0, 100, 0}, new double[] {0, 0, 99}, FLAT, 100,
                100, Keep.INSIDE);
        int[] kept = tri.keptIndices(g);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            if (i % 10 < i / 10) {
                expected.add(i);
            }
        }
        assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), kept);
        assertEquals(45, kept.length);
        assertEquals(55, new PolygonSelection(new double[] {0, 100, 0}, new double[] {0, 0, 99}, FLAT, 100, 100,
                Keep.OUTSIDE).keptIndices(g).length);

        // a rectangle: pixels x 20..50, y 10..40 → local x 2..5 (k 2..4), y 6..9 (j 6..8)
        int[] rect = PolygonSelection.rectangle(50, 40, 20, 10, FLAT, 100, 100, Keep.INSIDE).keptIndices(g);
        assertArrayEquals(indices(2, 4, 6, 8), rect);
    }

    @Test
    void evenOddRuleLeavesTheHoleOfASelfOverlappingOutline() {
        // an outline that runs round the outer square and then the inner one: the inner part is crossed twice
        PolygonSelection ring = new PolygonSelection(
                new double[] {0, 100, 100, 0, 0, 30, 30, 70, 70, 30, 30, 0},
                new double[] {0, 0, 100, 100, 0, 0, 30, 30, 70, 70, 0, 0}, FLAT, 100, 100, Keep.INSIDE);
        assertEquals(false, ring.inside(50, 50));
        assertEquals(true, ring.inside(10, 50));
        assertEquals(true, ring.inside(90, 90));
    }

    @Test
    void pointsBehindTheCameraAreNeverSelected() {
        // perspective looking down -z from the origin (w = -z): one point in front, one behind, both on the axis
        double t = 1 / Math.tan(Math.toRadians(30));
        double n = 0.1, f = 100;
        double[] persp = {t, 0, 0, 0, 0, t, 0, 0, 0, 0, -(f + n) / (f - n), -1, 0, 0, -2 * f * n / (f - n), 0};
        PointCloud two = PointCloud.of(new float[] {0, 0, -5, 0, 0, 5, 0, 0, -0.01f});
        PolygonSelection all = PolygonSelection.rectangle(0, 0, 64, 48, persp, 64, 48, Keep.INSIDE);
        assertArrayEquals(new int[] {0}, all.keptIndices(two), "the one before the near plane is not selected either");
        assertArrayEquals(new int[] {1, 2}, PolygonSelection.rectangle(0, 0, 64, 48, persp, 64, 48, Keep.OUTSIDE)
                .keptIndices(two));
    }

    @Test
    void randomSubsampleIsExactSortedAndSeeded() {
        PointCloud big = PointCloud.of(new float[3 * 10_000]);
        int[] a = Subsample.random(big, 1234, 42);
        assertEquals(1234, a.length);
        for (int k = 1; k < a.length; k++) {
            assertEquals(true, a[k] > a[k - 1]);
        }
        assertArrayEquals(a, Subsample.random(big, 1234, 42));
        assertEquals(false, java.util.Arrays.equals(a, Subsample.random(big, 1234, 43)));
        assertEquals(10_000, Subsample.random(big, 50_000, 1).length);
        assertEquals(2500, Subsample.randomFraction(big, 0.25, 1).length);
        // uniform: about a quarter of the sample in each quarter of the indices
        int low = 0;
        for (int i : Subsample.randomFraction(big, 0.5, 7)) {
            low += i < 2500 ? 1 : 0;
        }
        assertEquals(1250, low, 150);
        assertThrows(IllegalArgumentException.class, () -> Subsample.randomFraction(big, 1.5, 1));
    }

    @Test
    void voxelSubsampleIsOpen3dsCentroid() {
        // voxel 1, grid from min (0, 0, 0) − 0.5: x < 0.5 is voxel 0, 0.5 ≤ x < 1.5 voxel 1
        float[] xyz = {
            0, 0, 0, // A
            1.1f, 0, 0, // B
            0.3f, 0, 0, // A
            1.4f, 0, 0, // B
            0.1f, 0, 0, // A
            1.2f, 0.3f, 0, // B
        };
        byte[] rgb = {10, 0, 0, 0, 0, (byte) 255, 20, 0, 0, 0, 0, 0, 30, 0, 0, 0, 0, 0};
        float[] normals = {0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1};
        float[] intensity = {1, 10, 2, 20, Float.NaN, 30};
        float[] label = {5, 8, 6, 9, 7, 10};
        PointCloud cloud = new PointCloud(new double[] {100, 0, 0}, xyz, rgb, normals,
                List.of(ScalarField.of("intensity", intensity), new ScalarField("label", label, 0, true)),
                new Provenance("f.png", 6, 1, new int[] {0, 1, 2, 3, 4, 5}));
        PointCloud v = Subsample.voxel(cloud, 1.0);
        assertEquals(2, v.size());
        // A = points 0, 2, 4 (met first), B = 1, 3, 5
        assertEquals(0.4f / 3, v.xyz()[0], 1e-6);
        assertEquals(0, v.xyz()[1], 1e-6);
        assertEquals(3.7f / 3, v.xyz()[3], 1e-6);
        assertEquals(0.1f, v.xyz()[4], 1e-6);
        assertArrayEquals(new double[] {100, 0, 0}, v.origin());
        // colours: A (10+20+30)/3 = 20; B blue (255+0+0)/3 = 85
        assertEquals(20, v.rgb()[0] & 0xFF);
        assertEquals(85, v.rgb()[5] & 0xFF);
        // normals: A (1, 0, 2)/√5, B (0, 0, 1)
        assertEquals(1 / Math.sqrt(5), v.normals()[0], 1e-6);
        assertEquals(2 / Math.sqrt(5), v.normals()[2], 1e-6);
        assertEquals(1, v.normals()[5], 1e-6);
        // continuous field: mean of the finite values (A: (1 + 2)/2, B: (10 + 20 + 30)/3)
        assertEquals(1.5f, v.field("intensity").values()[0], 1e-6);
        assertEquals(20f, v.field("intensity").values()[1], 1e-6);
        // categorical field and source pixel: from the point nearest the centroid
        // A centroid 0.133: nearest is point 4 (x 0.1); B centroid (1.233, 0.1): point 1 (1.1, 0) at d² 0.0278
        assertEquals(7f, v.field("label").values()[0]);
        assertEquals(8f, v.field("label").values()[1]);
        assertEquals(true, v.field("label").categorical());
        assertArrayEquals(new int[] {4, 1}, v.provenance().pixel());
        assertThrows(IllegalArgumentException.class, () -> Subsample.voxel(cloud, 0));
    }
}
