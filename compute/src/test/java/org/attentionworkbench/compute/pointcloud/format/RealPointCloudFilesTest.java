package org.attentionworkbench.compute.pointcloud.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointClouds;
import org.attentionworkbench.compute.pointcloud.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every PLY, PCD and XYZ file in ../shared/data/pointclouds. Expected values were read from the files
 * with a separate Python script (struct/numpy, its own LZF decoder): counts, the first finite point,
 * its colour, the number of finite points and the sum of z.
 */
class RealPointCloudFilesTest {
    private static Path data(String name) {
        Path shared = TestDevices.shared();
        assumeTrue(shared != null, TestDevices.sharedHint());
        Path f = shared.resolve("data/pointclouds").resolve(name);
        assumeTrue(Files.isRegularFile(f), "shared data file missing: " + f);
        return f;
    }

    private static int finite(PointCloud c) {
        int n = 0;
        for (int i = 0; i < c.size(); i++) {
            if (Float.isFinite(c.xyz()[3 * i]) && Float.isFinite(c.xyz()[3 * i + 1]) && Float.isFinite(c.xyz()[3 * i + 2])) {
                n++;
            }
        }
        return n;
    }

    private static double sumZ(PointCloud c) {
        double s = 0;
        for (int i = 0; i < c.size(); i++) {
            float z = c.xyz()[3 * i + 2];
            if (!Float.isNaN(z)) {
                s += c.origin()[2] + z;
            }
        }
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // file, points, finite, index, x, y, z, r, g, b (-1: none), sum of z, organised width
        "car6.pcd, 10031, 10031, 0, -36.64, -61.93, -6.34, -1, -1, -1, -63155.110095, 0",
        "colored_cloud.pcd, 1000, 1000, 0, -0.8550515, -0.6315086, 1.467, 108, 109, 105, 1210.103010, 1",
        "cturtle.pcd, 167198, 167198, 0, -1.419718, 0.097704, 1.405295, -1, -1, -1, 302670.213934, 0",
        "five_people.pcd, 307200, 239075, 17301, -1.7318687, -1.2329048, 3.0460002, 138, 138, 126, 754365.616795, 640",
        "milk_cartoon_all_small_clorox.pcd, 307200, 241407, 10814, 0.9656457, -0.8480229, 1.992, 88, 85, 68, 218447.378968, 640",
        "milk_color.pcd, 13704, 13704, 0, -0.1316076, -0.2095429, 0.772, 103, 90, 85, 10610.029352, 0",
        "office1.pcd, 307200, 254456, 8979, -2.240013, -1.681871, 3.907, 166, 157, 147, 1020420.615017, 640",
        "table_scene_mug_stereo_textured.pcd, 307200, 209280, 6538, -0.38191, -0.4482, 2.0258, 67, 67, 62, 264682.154889, 640",
    })
    void pclFiles(String name, int points, int finite, int index, float x, float y, float z, int r, int g, int b,
            double sumZ, int width) throws IOException {
        PointCloud c = PointClouds.read(data("pcl-test/" + name));
        assertEquals(points, c.size());
        assertEquals(finite, finite(c));
        assertEquals(x, c.xyz()[3 * index]);
        assertEquals(y, c.xyz()[3 * index + 1]);
        assertEquals(z, c.xyz()[3 * index + 2]);
        if (r >= 0) {
            assertArrayEquals(new int[] {r, g, b}, new int[] {c.rgb()[3 * index] & 0xff, c.rgb()[3 * index + 1] & 0xff,
                c.rgb()[3 * index + 2] & 0xff});
        } else {
            assertNull(c.rgb());
        }
        assertEquals(sumZ, sumZ(c), 1e-3);
        Provenance p = c.provenance();
        if (width == 0) {
            assertNull(p);
        } else {
            assertEquals(width, p.width());
            assertEquals(points / width, p.height());
            assertEquals(index % width, p.u(index));
            assertEquals(index / width, p.v(index));
        }
    }

    @Test
    void pclAsciiFiles() throws IOException {
        PointCloud bun0 = PointClouds.read(data("pcl-test/bun0.pcd"));
        assertEquals(397, bun0.size());
        assertArrayEquals(new float[] {0.0054215998f, 0.11349f, 0.040748999f}, java.util.Arrays.copyOf(bun0.xyz(), 3));
        assertEquals(-0.87609947f, bun0.normals()[2]);
        assertEquals(0.0030943851f, bun0.field("curvature").values()[0]);
        PointCloud old = PointClouds.read(data("pcl-test/bunny.pcd")); // "# .PCD v.5"
        assertEquals(397, old.size());
        assertArrayEquals(new float[] {0.0054216f, 0.11349f, 0.040749f}, java.util.Arrays.copyOf(old.xyz(), 3));
        PointCloud lamp = PointClouds.read(data("pcl-test/lamppost.pcd"));
        assertEquals(1771, lamp.size());
        assertArrayEquals(new float[] {-10, 0, 0}, java.util.Arrays.copyOf(lamp.xyz(), 3));
    }

    @Test
    void plyFiles() throws IOException {
        PointCloud bunny = PointClouds.read(data("bunny/stanford_bunny_reduced.ply")); // binary LE with faces after
        assertEquals(3511, bunny.size());
        assertArrayEquals(new float[] {-0.02601463720202446f, 0.11257821321487427f, 0.03638707473874092f},
                java.util.Arrays.copyOf(bunny.xyz(), 3));
        assertArrayEquals(new float[] {-0.03964347019791603f, 0.15239682793617249f, -0.007219682447612286f},
                java.util.Arrays.copyOfRange(bunny.xyz(), 3 * 3510, 3 * 3511));
        PointCloud hippo = PointClouds.read(data("cgal/hippo1.ply")); // doubles with normals
        assertEquals(6104, hippo.size());
        assertEquals(0.326401, hippo.coordinate(0, 0), 1e-7);
        assertEquals(0.056274, hippo.coordinate(0, 2), 1e-7);
        assertEquals((float) 0.7013668534349683, hippo.normals()[2]);
        assertEquals(List.of("x", "y", "z", "normals"), hippo.fieldNames());
    }

    @Test
    void cgalXyzFiles() throws IOException {
        PointCloud kitten = PointClouds.read(data("cgal/kitten.xyz")); // x y z nx ny nz
        assertEquals(5210, kitten.size());
        assertEquals(List.of("x", "y", "z", "normals"), kitten.fieldNames());
        assertArrayEquals(new float[] {0.340472f, 0.937712f, -0.0690972f}, java.util.Arrays.copyOf(kitten.normals(), 3));
        assertArrayEquals(new float[] {-0.207238f, 0.241374f, -0.164938f}, java.util.Arrays.copyOfRange(kitten.xyz(), 3 * 5209, 3 * 5210));
        PointCloud radar = PointClouds.read(data("cgal/radar.xyz"));
        assertEquals(20950, radar.size());
        assertEquals(-99.7385919424, radar.coordinate(0, 0), 1e-5);
        assertEquals(8.50691278224, radar.coordinate(20949, 2), 1e-6);
        assertNotNull(radar.bounds());
    }
}
