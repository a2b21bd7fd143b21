package org.attentionworkbench.app.depth360;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import javax.imageio.ImageIO;
import org.attentionworkbench.app.tasks.Work;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.io.NpyArray;
import org.attentionworkbench.compute.panorama.Blend;
import org.attentionworkbench.compute.panorama.Equirect;
import org.attentionworkbench.compute.panorama.align.AlignmentMethod;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointClouds;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.heatmap.ValueRange;
import org.attentionworkbench.viewers.panorama.ErpConvention;
import org.attentionworkbench.viewers.panorama.PanoramaImage;
import org.attentionworkbench.viewers.panorama.SphereArea;
import org.attentionworkbench.viewers.panorama.ViewState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The depth page's files read back, and a simulated run through {@link DepthRunService}. */
class DepthExportsTest {
    private static final Work.Progress NONE = new Work.Progress() {
        @Override public void update(double done, double total) { }
        @Override public void message(String text) { }
        @Override public boolean isCancelled() { return false; }
    };

    /** 16×8, depth = 1 + column/10 m, the top row unseen. */
    private static PanoramaDepth ramp(boolean metric) {
        Equirect g = new Equirect(16, 8);
        float[] d = new float[128];
        float[] w = new float[128];
        for (int i = 0; i < d.length; i++) {
            d[i] = 1 + (i % 16) / 10f;
            w[i] = i < 16 ? 0 : 1;
        }
        return new PanoramaDepth(g, d, w, metric, "ramp", null, 0);
    }

    @Test
    void depthPng16IsMillimetresOrMaxNormalisedAndSaysWhich(@TempDir Path dir) throws IOException {
        PanoramaDepth d = ramp(true);
        Path mm = dir.resolve("mm.png");
        DepthExports.writeDepthPng16(d, DepthScale.initial(d), mm);
        BufferedImage b = ImageIO.read(mm.toFile());
        assertEquals(BufferedImage.TYPE_USHORT_GRAY, b.getType());
        assertEquals(16, b.getWidth());
        assertEquals(1300, b.getRaster().getSample(3, 2, 0));
        assertEquals(0, b.getRaster().getSample(3, 0, 0), "no depth is 0");
        String bytes = new String(Files.readAllBytes(mm), StandardCharsets.ISO_8859_1);
        assertTrue(bytes.contains("tEXtDepthUnit") && bytes.contains("millimetre"), "tEXt says millimetres");

        PanoramaDepth rel = ramp(false);
        Path n = dir.resolve("rel.png");
        DepthExports.writeDepthPng16(rel, new DepthScale(2, DepthScale.Source.NONE, "relative"), n);
        BufferedImage r = ImageIO.read(n.toFile());
        assertEquals(65535, r.getRaster().getSample(15, 5, 0), "the farthest pixel is 65535");
        assertEquals(Math.round(65535 * 1.0 / 2.5), r.getRaster().getSample(0, 5, 0), 1);
        assertTrue(new String(Files.readAllBytes(n), StandardCharsets.ISO_8859_1).contains("max-normalised"));
    }

    @Test
    void npyHoldsTheScaledDepth(@TempDir Path dir) throws IOException {
        PanoramaDepth d = ramp(false);
        Path f = dir.resolve("d.npy");
        DepthExports.writeDepthNpy(d, new DepthScale(2, DepthScale.Source.CAMERA_HEIGHT, "x"), f);
        NpyArray a = Npy.read(f);
        assertArrayEquals(new int[] {8, 16}, a.shape());
        float[] v = a.toFloats();
        assertEquals(2 * 1.5f, v[2 * 16 + 5], 1e-6);
        assertEquals(0, v[5], "no depth is 0");
    }

    @Test
    void theCloudIsRaysTimesDepthWithColoursAndPixels(@TempDir Path dir) throws IOException {
        PanoramaDepth d = ramp(true);
        int[] rgb = new int[128];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = i * 0x010203;
        }
        PointCloud c = DepthExports.cloud(d, DepthScale.initial(d), new RgbImage(16, 8, rgb), "pano");
        assertEquals(7 * 15, c.size(), "covered rows, column W−1 left out");
        int i = 0; // the first point is row 1, column 0
        double lon = d.grid().longitude(0), lat = -d.grid().latitude(1);
        double[] dir0 = DepthMeasure.direction(lon, lat);
        assertEquals(dir0[0] * 1.0, c.xyz()[0], 1e-5);
        assertEquals(dir0[2] * 1.0, c.xyz()[2], 1e-5);
        assertEquals(16, c.provenance().pixel()[i]);
        assertEquals((byte) (16 * 3), c.rgb()[2]);
        Path ply = dir.resolve("cloud.ply");
        DepthExports.writeCloud(c, ply);
        PointCloud back = PointClouds.read(ply);
        assertEquals(c.size(), back.size());
        assertEquals(c.coordinate(37, 1), back.coordinate(37, 1), 1e-5);
        assertNotNull(back.field("erp_u"));
        assertEquals(c.field("erp_v").value(37), back.field("erp_v").value(37), 0);
        assertThrows(IllegalArgumentException.class, () -> DepthExports.cloud(d, DepthScale.initial(d),
                new RgbImage(8, 4, new int[32]), "wrong size"));
    }

    @Test
    void overlayPngBlendsTheColormapAtFullResolution(@TempDir Path dir) throws IOException {
        PanoramaDepth d = ramp(true);
        int w = 64, h = 32;
        int[] grey = new int[w * h];
        Arrays.fill(grey, 0xff808080);
        LoadedPanorama p = new LoadedPanorama("grey", null, PanoramaImage.of(w, h, grey), SphereArea.FULL,
                ErpConvention.PIXEL_CENTERS, ViewState.DEFAULT, List.of(), null);
        ValueRange range = new ValueRange(1, 2.5);
        RgbImage clear = DepthExports.overlayImage(p, d, DepthScale.initial(d), Colormap.TURBO, range, 0);
        assertEquals(0x808080, clear.rgb()[w * 20 + 10]);
        RgbImage full = DepthExports.overlayImage(p, d, DepthScale.initial(d), Colormap.TURBO, range, 1);
        assertEquals(0x808080, full.rgb()[3], "the unseen top keeps the panorama");
        int x = 40, y = 20;
        double lon = -Math.PI + 2 * Math.PI * (x + 0.5) / w, lat = Math.PI / 2 - Math.PI * (y + 0.5) / h;
        int expected = Colormap.TURBO.argb(range.normalize(d.depthAt(lon, lat))) & 0xffffff;
        assertEquals(expected, full.rgb()[y * w + x]);
        Path f = dir.resolve("over.png");
        DepthExports.writeOverlayPng(p, d, DepthScale.initial(d), Colormap.TURBO, range, 0.5, f);
        RgbImage back = ImageFiles.read(f);
        assertEquals(w, back.width());
        assertEquals(h, back.height());
    }

    @Test
    void theViewGridFollowsTheViewersConvention() {
        PanoramaDepth d = ramp(true);
        float[] same = DepthExports.onViewGrid(d, DepthScale.initial(d), ErpConvention.ENDPOINTS, 16, 8);
        assertTrue(Float.isNaN(same[3]));
        assertEquals(1.5f, same[16 * 3 + 5], 1e-6);
        float[] centres = DepthExports.onViewGrid(d, new DepthScale(2, DepthScale.Source.MODEL, "x"),
                ErpConvention.PIXEL_CENTERS, 32, 16);
        int x = 17, y = 9;
        double lon = -Math.PI + 2 * Math.PI * (x + 0.5) / 32, lat = Math.PI / 2 - Math.PI * (y + 0.5) / 16;
        assertEquals(2 * d.depthAt(lon, lat), centres[y * 32 + x], 1e-5);
    }

    @Test
    void aSimulatedRunRecoversTheRoomUpToScaleAndCancels() throws Exception {
        LoadedPanorama room = Depth360Service.sampleRoom(256, 128);
        DepthRunSettings s = new DepthRunSettings(DepthModelChoice.simulated(), "18", AlignmentMethod.AFFINE, Blend.MEAN,
                256, 48, 1);
        int[] patches = {0};
        PanoramaDepth d = DepthRunService.run(room, s, null, NONE, (i, patch, depth) -> patches[0]++);
        assertEquals(18, patches[0]);
        assertEquals(18, d.layout().size());
        float[] truth = room.knownDepthOnEquirect(256, 128);
        // one global scale (median ratio), then the error is small
        double[] ratios = new double[truth.length];
        int n = 0;
        for (int i = 0; i < truth.length; i++) {
            if (d.covered(i)) {
                ratios[n++] = truth[i] / d.depth()[i];
            }
        }
        double[] r = Arrays.copyOf(ratios, n);
        Arrays.sort(r);
        double k = r[n / 2];
        double err = 0;
        for (int i = 0; i < truth.length; i++) {
            if (d.covered(i)) {
                err += Math.abs(k * d.depth()[i] - truth[i]) / truth[i];
            }
        }
        assertTrue(err / n < 0.06, "AbsRel after one scale " + err / n);

        Work.Progress cancelled = new Work.Progress() {
            @Override public void update(double done, double total) { }
            @Override public void message(String text) { }
            @Override public boolean isCancelled() { return true; }
        };
        assertThrows(CancellationException.class, () -> DepthRunService.run(room, s, null, cancelled, (i, patch, depth) -> { }));
        LoadedPanorama file = new LoadedPanorama("file", null, room.image(), SphereArea.FULL, ErpConvention.PIXEL_CENTERS,
                ViewState.DEFAULT, List.of(), null);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DepthRunService.run(file, s, null, NONE, (i, patch, depth) -> { }));
        assertTrue(e.getMessage().contains("known"), e.getMessage());
        DepthRunSettings ckpt = new DepthRunSettings(new DepthModelChoice(DepthModelChoice.Kind.DEPTH_ANYTHING, "x",
                Path.of("nowhere.pth")), "18", AlignmentMethod.AFFINE, Blend.MEAN, 256, 48, 1);
        assertThrows(IllegalStateException.class, () -> DepthRunService.run(room, ckpt, null, NONE, (i, patch, depth) -> { }));
    }
}
