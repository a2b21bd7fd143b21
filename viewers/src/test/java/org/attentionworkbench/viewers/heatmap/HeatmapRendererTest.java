package org.attentionworkbench.viewers.heatmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class HeatmapRendererTest {
    private static final float[] GRID = {0, 1, 2, 3};
    /** A range whose ends make no pixel land exactly on a table boundary. */
    private static final ValueRange RANGE = new ValueRange(0, 3.3);

    @Start
    void start(Stage stage) {
    }

    /** Grey entry for value v in RANGE: the grey level the renderer must produce. */
    private static int grey(double v, int alpha) {
        int i = Colormap.index(v / 3.3);
        return alpha << 24 | i << 16 | i << 8 | i;
    }

    @Test
    void nearestCopiesCellsAsBlocks() {
        int[] px = HeatmapRenderer.render(GRID, 2, 2, new HeatmapStyle(Colormap.GREY, RANGE, 1, Interpolation.NEAREST), 4, 4);
        double[][] expected = {{0, 0, 1, 1}, {0, 0, 1, 1}, {2, 2, 3, 3}, {2, 2, 3, 3}};
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(grey(expected[y][x], 255), px[y * 4 + x], "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void bilinearMatchesPytorchAlignCornersFalse() {
        // torch.nn.functional.interpolate(tensor([[[[0., 1.], [2., 3.]]]]), size=(4, 4),
        //   mode="bilinear", align_corners=False)
        double[][] torch = {
            {0.00, 0.25, 0.75, 1.00},
            {0.50, 0.75, 1.25, 1.50},
            {1.50, 1.75, 2.25, 2.50},
            {2.00, 2.25, 2.75, 3.00},
        };
        int[] px = HeatmapRenderer.render(GRID, 2, 2, new HeatmapStyle(Colormap.GREY, RANGE, 0.5, Interpolation.BILINEAR), 4, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(grey(torch[y][x], 128), px[y * 4 + x], "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void autoRangeAndNaN() {
        int[] px = HeatmapRenderer.render(new float[] {2, Float.NaN, 4, 6}, 2, 2,
                new HeatmapStyle(Colormap.GREY, null, 1, Interpolation.NEAREST), 2, 2);
        assertEquals(0xff000000, px[0]);
        assertEquals(0, px[1], "NaN is transparent");
        assertEquals(0xff808080, px[2]);
        assertEquals(0xffffffff, px[3]);
    }

    @Test
    void compositeIsAtTheBaseResolution() {
        WritableImage base = new WritableImage(37, 23);
        for (int y = 0; y < 23; y++) {
            for (int x = 0; x < 37; x++) {
                base.getPixelWriter().setArgb(x, y, 0xff102030);
            }
        }
        HeatmapStyle style = new HeatmapStyle(Colormap.GREY, RANGE, 1, Interpolation.NEAREST);
        WritableImage out = HeatmapRenderer.composite(base, new float[] {0, 3, 3, 0, 3, 3}, 3, 2, style);
        assertEquals(37, (int) out.getWidth());
        assertEquals(23, (int) out.getHeight());
        assertEquals(grey(0, 255), out.getPixelReader().getArgb(0, 0));
        assertEquals(grey(3, 255), out.getPixelReader().getArgb(36, 0));
        // Half opacity: an even blend of base and overlay.
        WritableImage half = HeatmapRenderer.composite(base, new float[] {0}, 1, 1, style.withOpacity(0.5));
        int p = half.getPixelReader().getArgb(5, 5);
        assertEquals(0xff, p >>> 24);
        assertEquals(0x10 * 127 / 255.0, (p >> 16) & 0xff, 1.0);
        assertEquals(0x30 * 127 / 255.0, p & 0xff, 1.0);
        assertThrows(IllegalArgumentException.class,
                () -> HeatmapRenderer.composite(base, new WritableImage(36, 23)));
    }

    @Test
    void writesPngThatReadsBack() throws Exception {
        WritableImage img = HeatmapRenderer.renderImage(GRID, 2, 2, new HeatmapStyle(Colormap.VIRIDIS, null, 1, Interpolation.NEAREST), 20, 10);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        HeatmapRenderer.writePng(img, out);
        BufferedImage back = ImageIO.read(new java.io.ByteArrayInputStream(out.toByteArray()));
        assertEquals(20, back.getWidth());
        assertEquals(10, back.getHeight());
        assertEquals(img.getPixelReader().getArgb(15, 7), back.getRGB(15, 7));
    }

    @Test
    void rejectsMismatchedGrids() {
        assertThrows(IllegalArgumentException.class,
                () -> HeatmapRenderer.render(new float[3], 2, 2, HeatmapStyle.DEFAULT, 4, 4));
    }
}
