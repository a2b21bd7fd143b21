package org.attentionworkbench.compute.pointcloud.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointCloudException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DepthToCloudTest {
    @TempDir
    Path tmp;

    /** A 3 × 2 depth map in millimetres with holes: 0, NaN and a negative value give no point. */
    private static final float[] DEPTH = {1000, 0, 2000, Float.NaN, 1500, -3};
    private static final DepthToCloud.Intrinsics K = new DepthToCloud.Intrinsics(2, 4, 1, 0.5);

    static void writePng16(Path file, int w, int h, int[] values) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSamples(0, 0, w, h, 0, values);
        ImageIO.write(img, "png", file.toFile());
    }

    static void writeRgb(Path file, int w, int h, int[] rgb) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, w, h, rgb, 0, w);
        ImageIO.write(img, "png", file.toFile());
    }

    /** Hand-computed pinhole: z = d/1000, x = (u − 1) z / 2, y = (v − 0.5) z / 4. */
    private static void assertPinhole(PointCloud c) {
        assertEquals(3, c.size());
        assertArrayEquals(new float[] {
            -0.5f, -0.125f, 1.0f, // (u 0, v 0), 1000 mm
            1.0f, -0.25f, 2.0f, // (2, 0), 2000 mm
            0f, 0.1875f, 1.5f, // (1, 1), 1500 mm
        }, c.xyz(), 1e-6f);
        assertArrayEquals(new int[] {0, 2, 4}, c.provenance().pixel());
        assertEquals(3, c.provenance().width());
        assertEquals(2, c.provenance().height());
        assertEquals(1, c.provenance().u(2));
        assertEquals(1, c.provenance().v(2));
    }

    @Test
    void npyDepthWithColour() throws Exception {
        Path depth = tmp.resolve("depth.npy");
        Npy.writeFloat32(depth, DEPTH, 2, 3);
        Path rgb = tmp.resolve("frame.png");
        writeRgb(rgb, 3, 2, new int[] {0x102030, 0, 0x405060, 0, 0x708090, 0});
        PointCloud c = DepthToCloud.fromFiles(depth, K, 0.001, rgb);
        assertPinhole(c);
        assertArrayEquals(new byte[] {0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, (byte) 0x80, (byte) 0x90}, c.rgb());
        assertEquals(rgb.toString(), c.provenance().sourceImage());
    }

    @Test
    void png16DepthInMillimetres() throws Exception {
        Path depth = tmp.resolve("depth.png");
        writePng16(depth, 3, 2, new int[] {1000, 0, 2000, 0, 1500, 0});
        PointCloud c = DepthToCloud.fromFiles(depth, K, 0.001, null);
        assertEquals(3, c.size());
        assertEquals(2.0f, c.xyz()[5], 1e-6f);
        assertEquals(0.1875f, c.xyz()[7], 1e-6f);
        assertEquals(null, c.rgb());
        assertEquals(depth.toString(), c.provenance().sourceImage());
    }

    @Test
    void intrinsicsFromFieldOfView() {
        DepthToCloud.Intrinsics k = DepthToCloud.Intrinsics.fromFov(640, 480, 90, Double.NaN);
        assertEquals(320, k.fx(), 1e-9);
        assertEquals(320, k.fy(), 1e-9);
        assertEquals(319.5, k.cx(), 1e-9);
        assertEquals(239.5, k.cy(), 1e-9);
        DepthToCloud.Intrinsics k2 = DepthToCloud.Intrinsics.fromFov(640, 480, 90, 60);
        assertEquals(240 / Math.tan(Math.toRadians(30)), k2.fy(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> DepthToCloud.Intrinsics.fromFov(640, 480, 180, 60));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DepthToCloud.Intrinsics(0, 500, 320, 240));
        assertTrue(e.getMessage().contains("fx = 0"), e.getMessage());
    }

    @Test
    void clearErrorsNamingTheFiles() throws Exception {
        Path depth = tmp.resolve("depth.npy");
        Npy.writeFloat32(depth, DEPTH, 2, 3);
        Path rgb = tmp.resolve("photo.png");
        writeRgb(rgb, 4, 2, new int[8]);
        PointCloudException e = assertThrows(PointCloudException.class,
                () -> DepthToCloud.fromFiles(depth, K, 0.001, rgb));
        assertTrue(e.getMessage().contains("photo.png is 4×2") && e.getMessage().contains("depth.npy 3×2"),
                e.getMessage());

        Path cube = tmp.resolve("cube.npy");
        Npy.writeFloat32(cube, new float[8], 2, 2, 2);
        e = assertThrows(PointCloudException.class, () -> DepthToCloud.fromFiles(cube, K, 1, null));
        assertTrue(e.getMessage().startsWith("cube.npy: shape: a depth map must be [H, W]"), e.getMessage());

        Path eight = tmp.resolve("eight.png");
        writeRgb(eight, 3, 2, new int[6]);
        IOException notDepth = assertThrows(IOException.class, () -> DepthToCloud.fromFiles(eight, K, 1, null));
        assertTrue(notDepth.getMessage().contains("eight.png") && notDepth.getMessage().contains("not a 16-bit grey"),
                notDepth.getMessage());

        assertThrows(PointCloudException.class, () -> DepthToCloud.fromFiles(tmp.resolve("d.exr"), K, 1, null));
        assertThrows(IllegalArgumentException.class,
                () -> DepthToCloud.toCloud(DepthToCloud.readNpy(depth), K, 0, null, null));
    }
}
