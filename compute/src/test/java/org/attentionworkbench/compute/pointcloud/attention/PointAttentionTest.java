package org.attentionworkbench.compute.pointcloud.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionworkbench.compute.explain.HeadFusion;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.pointcloud.PointCloudException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PointAttentionTest {
    @TempDir
    Path tmp;

    /** [H, N, N] with value h·100 + i·10 + j: head h, query i, key j. */
    private Path heads(int h, int n) throws Exception {
        float[] a = new float[h * n * n];
        for (int k = 0; k < h; k++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[(k * n + i) * n + j] = k * 100 + i * 10 + j;
                }
            }
        }
        Path f = tmp.resolve("attention.npy");
        Npy.writeFloat32(f, a, h, n, n);
        return f;
    }

    @Test
    void rowsPerHeadAndFused() throws Exception {
        PointAttention a = PointAttention.open(heads(3, 4), 4, "cloud.ply");
        assertEquals(3, a.heads());
        assertEquals(4, a.points());
        assertFalse(a.isPerPoint());
        assertArrayEquals(new float[] {120, 121, 122, 123}, a.row(2, 1));
        assertArrayEquals(new float[] {230, 231, 232, 233}, a.row(3, 2));
        // heads 0, 100, 200 over the same row: mean + 100, max + 200, min + 0
        assertArrayEquals(new float[] {110, 111, 112, 113}, a.row(1, HeadFusion.MEAN), 1e-4f);
        assertArrayEquals(new float[] {210, 211, 212, 213}, a.row(1, HeadFusion.MAX));
        assertArrayEquals(new float[] {10, 11, 12, 13}, a.row(1, HeadFusion.MIN));
        assertThrows(IllegalArgumentException.class, () -> a.row(4, 0));
        assertThrows(IllegalArgumentException.class, () -> a.row(0, 3));
    }

    @Test
    void squareMatrixAndPerPointValues() throws Exception {
        Path m = tmp.resolve("pct.npy");
        Npy.writeFloat32(m, new float[] {0.9f, 0.1f, 0.3f, 0.7f}, 2, 2);
        PointAttention a = PointAttention.open(m, 2, null);
        assertEquals(1, a.heads());
        assertArrayEquals(new float[] {0.3f, 0.7f}, a.row(1, 0));
        assertArrayEquals(new float[] {0.3f, 0.7f}, a.row(1, HeadFusion.MAX));

        Path v = tmp.resolve("saliency.npy");
        Npy.writeFloat32(v, new float[] {5, 6, 7}, 3);
        PointAttention p = PointAttention.open(v, 3, null);
        assertTrue(p.isPerPoint());
        assertArrayEquals(new float[] {5, 6, 7}, p.row(0, 0));
        assertArrayEquals(new float[] {5, 6, 7}, p.row(2, HeadFusion.MEAN));

        // a batch of one in front is accepted
        Path b = tmp.resolve("batch.npy");
        Npy.writeFloat32(b, new float[8], 1, 2, 2, 2);
        assertEquals(2, PointAttention.open(b, 2, null).heads());
    }

    @Test
    void sizeMismatchNamesBothFiles() throws Exception {
        Path f = heads(1, 4);
        PointCloudException e = assertThrows(PointCloudException.class,
                () -> PointAttention.open(f, 5, "bunny.ply"));
        assertEquals("attention.npy: 4 rows (shape [1, 4, 4]) but the cloud bunny.ply has 5 points", e.getMessage());

        Path wide = tmp.resolve("wide.npy");
        Npy.writeFloat32(wide, new float[6], 2, 3);
        e = assertThrows(PointCloudException.class, () -> PointAttention.open(wide, 2, "c.pcd"));
        assertTrue(e.getMessage().startsWith("wide.npy: shape [2, 3] is not square"), e.getMessage());

        Path five = tmp.resolve("five.npy");
        Npy.writeFloat32(five, new float[32], 2, 2, 2, 2, 2);
        assertThrows(PointCloudException.class, () -> PointAttention.open(five, 2, "c.pcd"));
    }

    @Test
    void rowsAreReadFromTheFileNotKeptInMemory() throws Exception {
        Path f = heads(2, 3);
        PointAttention a = PointAttention.open(f, 3, null);
        // rewrite the file in place with other values: a lazy reader sees them
        float[] other = new float[18];
        java.util.Arrays.fill(other, 42);
        Npy.writeFloat32(f, other, 2, 3, 3);
        assertArrayEquals(new float[] {42, 42, 42}, a.row(1, 1));
        // a file cut short after opening is an error naming it, not garbage
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 8));
        PointCloudException e = assertThrows(PointCloudException.class, () -> a.row(2, 1));
        assertTrue(e.getMessage().startsWith("attention.npy"), e.getMessage());
    }
}
