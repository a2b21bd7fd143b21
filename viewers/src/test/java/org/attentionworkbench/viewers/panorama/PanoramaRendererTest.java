package org.attentionworkbench.viewers.panorama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.heatmap.ValueRange;
import org.junit.jupiter.api.Test;

class PanoramaRendererTest {

    /** Red = column, green = row, blue = column bits: every pixel tells where it is. */
    private static int code(int x, int y) {
        return 0xff000000 | ((x & 255) << 16) | ((y & 255) << 8) | ((x >> 8) & 255);
    }

    @Test
    void tilesHoldEveryPixelAcrossTileBorders() {
        int w = 1000, h = 500;
        PanoramaImage img = PanoramaImage.fromRows(w, h, 64, (y, row) -> {
            for (int x = 0; x < w; x++) {
                row[x] = code(x, y);
            }
        });
        assertEquals(16 * 8, img.tileCount()); // ceil(1000/64) × ceil(500/64)
        for (int y = 0; y < h; y += 7) {
            for (int x = 0; x < w; x += 3) {
                assertEquals(code(x, y), img.argb(x, y), "pixel " + x + "," + y);
            }
        }
        assertEquals(code(999, 499), img.argb(999, 499));
        // bilinear halfway between two pixels across a tile border (63 | 64) averages them
        int mid = img.sample(63.5, 10, 0);
        assertEquals(((63 + 64) / 2.0), (mid >> 16) & 255, 0.51);
        // wrapping: column −0.5 with a period mixes the last and first columns
        int wrap = img.sample(-0.5, 10, w);
        assertEquals(((999 & 255) + 0) / 2.0, (wrap >> 16) & 255, 0.51); // last column (red 231) and first (red 0)
    }

    @Test
    void a16kPanoramaIsTiledNotOneArray() {
        // 16384 × 8192 with 2048² tiles would be 32 tiles of 4 Mi ints; prove the same path at 1/16 scale
        PanoramaImage img = PanoramaImage.fromRows(4096, 2048, 512, (y, row) -> java.util.Arrays.fill(row, y));
        assertEquals(32, img.tileCount());
        assertEquals(512, img.tileSize());
        assertEquals(0xff000000 | 1234, img.argb(4000, 1234));
        assertThrows(IllegalArgumentException.class, () -> PanoramaImage.fromRows(1 << 16, 1 << 15, 2048, (y, r) -> { }));
        assertThrows(IllegalArgumentException.class, () -> PanoramaImage.fromRows(64, 32, 100, (y, r) -> { }));
    }

    @Test
    void frameCentreShowsThePixelOfTheViewDirection() {
        int w = 720, h = 360;
        PanoramaImage img = PanoramaImage.fromRows(w, h, 128, (y, row) -> {
            for (int x = 0; x < w; x++) {
                row[x] = code(x, y);
            }
        });
        for (ErpConvention conv : ErpConvention.values()) {
            PanoramaRenderer.Source src = PanoramaRenderer.Source.full(img, conv);
            int fw = 201, fh = 101;
            int[] out = new int[fw * fh];
            ViewState v = new ViewState(45, -20, 60);
            PanoramaRenderer.render(src, null, OverlayMode.BLEND, 0.5, v, fw, fh, out);
            // expected pixel of (45°, −20°) in this convention
            double col = conv.column((45 + 180) / 360.0, w);
            double row = conv.column((90 + 20) / 180.0, h);
            int c = out[(fh / 2) * fw + fw / 2];
            assertEquals(Math.round(col) & 255, (c >> 16) & 255, 1, conv.name());
            assertEquals(Math.round(row) & 255, (c >> 8) & 255, 1, conv.name());
            // and the renderer agrees with the source's own lookup at an off-centre pixel
            Projection p = new Projection(v, fw, fh);
            double[] ll = p.toLonLat(30.5, 70.5);
            assertEquals(src.colourAt(ll[0], ll[1]), out[70 * fw + 30]);
        }
    }

    @Test
    void croppedPanoramaShowsBackgroundOutsideItsArea() {
        PanoramaImage img = PanoramaImage.fromRows(200, 100, 64, (y, row) -> java.util.Arrays.fill(row, 0xff00ff00));
        // a crop covering lon −90..90, lat 45..−45
        SphereArea a = new SphereArea(-Math.PI / 2, Math.PI, Math.PI / 4, Math.PI / 2);
        PanoramaRenderer.Source src = new PanoramaRenderer.Source(img, a, ErpConvention.PIXEL_CENTERS, 0xff123456);
        assertEquals(0xff00ff00, src.colourAt(0, 0));
        assertEquals(0xff123456, src.colourAt(Math.PI, 0));
        assertEquals(0xff123456, src.colourAt(0, 1.2));
        double[] px = src.pixelAt(0, 0);
        assertEquals(99.5, px[0], 1e-9);
        assertEquals(49.5, px[1], 1e-9);
        assertEquals(null, src.pixelAt(Math.PI, 0));
    }

    @Test
    void overlayModes() {
        PanoramaImage img = PanoramaImage.fromRows(64, 32, 16, (y, row) -> java.util.Arrays.fill(row, 0xff000000));
        PanoramaRenderer.Source src = PanoramaRenderer.Source.full(img, ErpConvention.ENDPOINTS);
        float[] values = new float[32 * 16];
        java.util.Arrays.fill(values, 1f);
        PanoramaOverlay o = new PanoramaOverlay(values, 32, 16, Colormap.VIRIDIS, new ValueRange(0, 1), 1, "depth");
        int top = Colormap.VIRIDIS.argbAt(255);
        int w = 40, h = 20;
        int[] out = new int[w * h];
        PanoramaRenderer.render(src, o, OverlayMode.BLEND, 0.5, ViewState.DEFAULT, w, h, out);
        assertEquals(top, out[10 * w + 10]);
        PanoramaRenderer.render(src, o.withOpacity(0.5), OverlayMode.BLEND, 0.5, ViewState.DEFAULT, w, h, out);
        assertEquals(((top >> 16) & 255) / 2.0, (out[10 * w + 10] >> 16) & 255, 1);
        PanoramaRenderer.render(src, o.withOpacity(0.3), OverlayMode.SWIPE, 0.25, ViewState.DEFAULT, w, h, out);
        assertEquals(0xff000000, out[10 * w + 5]); // left of the divider: the image
        assertEquals(top, out[10 * w + 30]); // right of it: the overlay, opaque
        PanoramaRenderer.render(src, o, OverlayMode.SIDE_BY_SIDE, 0.5, ViewState.DEFAULT, w, h, out);
        assertEquals(0xff000000, out[10 * w + 10]);
        assertEquals(top, out[10 * w + 30]);
        // NaN is transparent
        java.util.Arrays.fill(values, Float.NaN);
        PanoramaOverlay holes = new PanoramaOverlay(values, 32, 16, Colormap.VIRIDIS, new ValueRange(0, 1), 1, null);
        PanoramaRenderer.render(src, holes, OverlayMode.BLEND, 0.5, ViewState.DEFAULT, w, h, out);
        assertNotEquals(top, out[10 * w + 10]);
        assertEquals(0xff000000, out[10 * w + 10]);
        assertThrows(IllegalArgumentException.class,
                () -> new PanoramaOverlay(new float[10], 5, 3, Colormap.GREY, null, 1, null));
        assertTrue(holes.range().max() >= holes.range().min());
    }
}
