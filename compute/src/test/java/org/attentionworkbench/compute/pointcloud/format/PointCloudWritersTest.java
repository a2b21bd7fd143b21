package org.attentionworkbench.compute.pointcloud.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointCloudException;
import org.attentionworkbench.compute.pointcloud.PointClouds;
import org.attentionworkbench.compute.pointcloud.Provenance;
import org.attentionworkbench.compute.pointcloud.ScalarField;
import org.attentionworkbench.compute.pointcloud.WriteOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Write → read through every writer: the same points, colours, normals and field values come back. */
class PointCloudWritersTest {
    @TempDir
    Path dir;

    /** 200 points with colours, normals, a plain field, a label and a GPS time (an offset), around {@code origin}. */
    private static PointCloud cloud(double[] origin) {
        int n = 200;
        float[] xyz = new float[3 * n];
        byte[] rgb = new byte[3 * n];
        float[] normals = new float[3 * n];
        float[] intensity = new float[n];
        float[] label = new float[n];
        float[] time = new float[n];
        java.util.Random r = new java.util.Random(14);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                xyz[3 * i + a] = (float) (r.nextGaussian() * 10);
                rgb[3 * i + a] = (byte) r.nextInt(256);
            }
            normals[3 * i] = 0.6f;
            normals[3 * i + 1] = -0.8f;
            intensity[i] = r.nextFloat() * 1e-3f;
            label[i] = i % 7;
            time[i] = i * 0.001f;
        }
        return new PointCloud(origin, xyz, rgb, normals, List.of(ScalarField.of("intensity", intensity),
                new ScalarField("label", label, 0, true), new ScalarField("gps time", time, 3.2e8, false)), null);
    }

    @ParameterizedTest(name = "{0} {1} origin {2}")
    @CsvSource({"ply, false, 0", "ply, true, 0", "ply, false, 512345", "ply, true, 512345", "pcd, false, 0",
        "pcd, false, 512345", "xyz, false, 0", "xyz, false, 512345", "csv, false, 0"})
    void roundTrip(String ext, boolean ascii, double offset) throws IOException {
        PointCloud c = cloud(new double[] {offset, 2 * offset, 0});
        Path f = dir.resolve("out." + ext);
        PointClouds.write(c, f, new WriteOptions(ascii));
        PointCloud back = PointClouds.read(f);
        assertEquals(c.size(), back.size());
        // PCD holds float world coordinates (what PCL's point types load): a float step at 1e6 is 0.0625
        double tolerance = offset == 0 ? 0 : ext.equals("pcd") ? Math.ulp((float) (2 * offset + 100)) : 1e-5;
        if (ext.equals("pcd")) {
            assertTrue(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1).contains("\nSIZE 4 4 4 "),
                    "PCD x y z are F4, which PCL's loaders need");
        }
        for (int i = 0; i < c.size(); i++) {
            for (int a = 0; a < 3; a++) {
                assertEquals(c.coordinate(i, a), back.coordinate(i, a), tolerance, "point " + i);
            }
        }
        assertArrayEquals(c.rgb(), back.rgb());
        assertArrayEquals(c.normals(), back.normals());
        assertArrayEquals(c.field("intensity").values(), back.field("intensity").values());
        assertArrayEquals(c.field("label").values(), back.field("label").values());
        assertTrue(back.field("label").categorical(), "a label is written as integers and read back as a label");
        assertFalse(back.field("intensity").categorical());
        ScalarField time = back.field("gps_time");
        assertNotNull(time, back.fieldNames().toString());
        for (int i = 0; i < c.size(); i++) {
            assertEquals(c.field("gps time").value(i), time.value(i), 1e-6);
        }
    }

    @ParameterizedTest
    @CsvSource({"ply", "xyz"})
    void nonFinitePointsAreLeftOutOfPlyAndXyz(String ext) throws IOException {
        PointCloud c = PointCloud.of(new float[] {1, 2, 3, Float.NaN, Float.NaN, Float.NaN, 4, 5, 6});
        Path f = dir.resolve("nan." + ext);
        PointClouds.write(c, f);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, PointClouds.read(f).xyz());
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void pcdKeepsAnOrganisedGridAndItsNanPoints(boolean inOrder) throws IOException {
        PointCloud c = PointCloud.of(new float[] {1, 2, 3, Float.NaN, Float.NaN, Float.NaN, 4, 5, 6, 7, 8, 9})
                .withProvenance(new Provenance(null, 2, 2, inOrder ? new int[] {0, 1, 2, 3} : new int[] {0, 1, 3, 2}));
        Path f = dir.resolve("grid.pcd");
        PointClouds.write(c, f);
        String text = Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(inOrder ? "WIDTH 2\nHEIGHT 2\n" : "WIDTH 4\nHEIGHT 1\n"), text);
        PointCloud back = PointClouds.read(f);
        assertArrayEquals(c.xyz(), back.xyz());
        if (inOrder) {
            assertEquals(2, back.provenance().width());
            assertEquals(1, back.provenance().v(3));
        } else {
            assertNull(back.provenance());
        }
    }

    @ParameterizedTest
    @CsvSource({"out.las2", "out"})
    void unknownExtensionsAreRefused(String name) {
        PointCloudException e = assertThrows(PointCloudException.class,
                () -> PointClouds.write(PointCloud.of(new float[] {1, 2, 3}), dir.resolve(name)));
        assertTrue(e.getMessage().contains("ply") && e.getMessage().contains("pcd") && e.getMessage().contains("xyz"),
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"ply", "pcd", "xyz"})
    void emptyCloudsRoundTrip(String ext) throws IOException {
        PointCloud empty = new PointCloud(null, new float[0], new byte[0], null,
                List.of(ScalarField.of("intensity", new float[0])), null);
        Path f = dir.resolve("empty." + ext);
        PointClouds.write(empty, f);
        PointCloud back = PointClouds.read(f);
        assertEquals(0, back.size());
        assertEquals(empty.fieldNames(), back.fieldNames());
    }
}
