package org.attentionworkbench.compute.colorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.io.NpyArray;
import org.junit.jupiter.api.Test;

/** Lab against known values and skimage goldens (tools/colorize/lab_reference.py). */
class LabTest {
    private static final Path RES = Path.of("src/test/resources/colorize");

    @Test
    void knownValues() {
        double[] red = Lab.fromRgb(1, 0, 0);
        assertEquals(53.2406, red[0], 1e-3);
        assertEquals(80.0923, red[1], 1e-3);
        assertEquals(67.2028, red[2], 1e-3);
        double[] white = Lab.fromRgb(1, 1, 1);
        assertEquals(100, white[0], 1e-3);
        assertEquals(0, white[1], 0.01);
        assertEquals(0, white[2], 0.01);
        double[] black = Lab.fromRgb(0, 0, 0);
        assertEquals(0, black[0], 1e-9);
    }

    @Test
    void gridMatchesSkimage() throws Exception {
        NpyArray g = Npy.read(RES.resolve("lab_grid.npy"));
        double[] d = g.toDoubles();
        for (int i = 0; i < g.shape()[0]; i++) {
            double[] lab = Lab.fromRgb(d[i * 6], d[i * 6 + 1], d[i * 6 + 2]);
            for (int c = 0; c < 3; c++) {
                assertEquals(d[i * 6 + 3 + c], lab[c], 2e-4, "row " + i + " channel " + c);
            }
        }
    }

    @Test
    void inverseMatchesSkimageIncludingOutOfGamut() throws Exception {
        NpyArray g = Npy.read(RES.resolve("lab_roundtrip.npy"));
        double[] d = g.toDoubles();
        for (int i = 0; i < g.shape()[0]; i++) {
            double[] rgb = Lab.toRgb(d[i * 6], d[i * 6 + 1], d[i * 6 + 2]);
            for (int c = 0; c < 3; c++) {
                assertEquals(d[i * 6 + 3 + c], rgb[c], 1e-4, "row " + i + " channel " + c);
            }
        }
    }

    @Test
    void roundTripOfEvery8BitGreyAndASampleOfColours() {
        int worstFast = 0;
        for (int r = 0; r < 256; r += 5) {
            for (int gg = 0; gg < 256; gg += 7) {
                for (int b = 0; b < 256; b += 11) {
                    int px = r << 16 | gg << 8 | b;
                    double[] lab = Lab.fromRgb8(px);
                    assertEquals(px, Lab.toRgb8Exact(lab[0], lab[1], lab[2]));
                    int fast = Lab.toRgb8((float) lab[0], (float) lab[1], (float) lab[2]);
                    for (int s = 0; s <= 16; s += 8) {
                        worstFast = Math.max(worstFast, Math.abs(((fast >> s) & 0xFF) - ((px >> s) & 0xFF)));
                    }
                }
            }
        }
        assertTrue(worstFast <= 1, "fast path off by " + worstFast + " levels");
    }

    @Test
    void greyKeepsLAndRecombinesToGrey() {
        RgbImage img = new RgbImage(2, 1, new int[] {0xFF0000, 0x3366CC});
        LabImage lab = LabImage.fromRgb(img);
        LabImage grey = lab.grey();
        assertTrue(grey.isGrey());
        assertEquals(lab.l()[0], grey.l()[0]);
        int g = grey.toRgb(null, null).rgb()[0];
        assertEquals((g >> 16) & 0xFF, g & 0xFF); // neutral
        assertEquals(0xFF0000, lab.toRgb().rgb()[0]);
    }
}
