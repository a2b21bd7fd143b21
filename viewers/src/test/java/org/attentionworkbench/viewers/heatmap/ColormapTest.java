package org.attentionworkbench.viewers.heatmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ColormapTest {
    @Start
    void start(Stage stage) {
        // The toolkit is needed for images only.
    }

    /** Entries of matplotlib's _cm_listed data (float RGB), as published. */
    private static final double[][] VIRIDIS_PUBLISHED = {
        {0, 0.267004, 0.004874, 0.329415}, {64, 0.229739, 0.322361, 0.545706},
        {128, 0.127568, 0.566949, 0.550556}, {192, 0.369214, 0.788888, 0.382914}, {255, 0.993248, 0.906157, 0.143936},
    };
    private static final double[][] INFERNO_PUBLISHED = {
        {0, 0.001462, 0.000466, 0.013866}, {128, 0.735683, 0.215906, 0.330245}, {255, 0.988362, 0.998364, 0.644924},
    };
    private static final double[][] TURBO_PUBLISHED = {
        {0, 0.18995, 0.07176, 0.23217}, {128, 0.64362, 0.98999, 0.23356}, {255, 0.4796, 0.01583, 0.01055},
    };

    @Test
    void tablesMatchMatplotlibsPublishedData() {
        check(Colormap.VIRIDIS, VIRIDIS_PUBLISHED);
        check(Colormap.INFERNO, INFERNO_PUBLISHED);
        check(Colormap.TURBO, TURBO_PUBLISHED);
    }

    private static void check(Colormap cmap, double[][] published) {
        for (double[] row : published) {
            int argb = cmap.argbAt((int) row[0]);
            for (int c = 0; c < 3; c++) {
                int got = (argb >> (16 - 8 * c)) & 0xff;
                // matplotlib's bytes=True conversion truncates c * 255.
                assertEquals((int) (row[c + 1] * 255), got, cmap + "[" + (int) row[0] + "] channel " + c);
            }
        }
    }

    @Test
    void endpointsAndLookupRule() {
        assertEquals(0xff440154, Colormap.VIRIDIS.argb(0));
        assertEquals(0xfffde724, Colormap.VIRIDIS.argb(1));
        assertEquals(0xff000003, Colormap.INFERNO.argb(0));
        assertEquals(0xff000000, Colormap.GREY.argb(0));
        assertEquals(0xffffffff, Colormap.GREY.argb(1));
        // floor(t * 256), clamped: t = 0.5 is entry 128; out-of-range values clamp; NaN is transparent.
        assertEquals(0xff808080, Colormap.GREY.argb(0.5));
        assertEquals(0xff7f7f7f, Colormap.GREY.argb(0.499));
        assertEquals(Colormap.VIRIDIS.argb(0), Colormap.VIRIDIS.argb(-3));
        assertEquals(Colormap.VIRIDIS.argb(1), Colormap.VIRIDIS.argb(7));
        assertEquals(0, Colormap.VIRIDIS.argb(Double.NaN));
        for (Colormap c : Colormap.values()) {
            assertEquals(256, c.table().length);
        }
    }

    @Test
    void luminanceRisesForSequentialMaps() {
        for (Colormap c : new Colormap[] {Colormap.VIRIDIS, Colormap.INFERNO, Colormap.GREY}) {
            double prev = -1;
            for (int i = 0; i < Colormap.SIZE; i++) {
                double y = luminance(c.argbAt(i));
                // 8-bit quantisation leaves viridis one dip of 1.7e-4 in Y; anything visible fails.
                assertTrue(y >= prev - 1e-3, c + " luminance falls at " + i + ": " + prev + " -> " + y);
                prev = Math.max(prev, y);
            }
            for (int i = 16; i < Colormap.SIZE; i += 16) {
                assertTrue(luminance(c.argbAt(i)) > luminance(c.argbAt(i - 16)), c + " not increasing near " + i);
            }
        }
    }

    @Test
    void swatchRunsFromLowToHigh() {
        Image s = Colormap.INFERNO.swatch(64, 8);
        assertEquals(64, (int) s.getWidth());
        assertEquals(8, (int) s.getHeight());
        assertEquals(Colormap.INFERNO.argb(0), s.getPixelReader().getArgb(0, 4));
        assertEquals(Colormap.INFERNO.argb(1), s.getPixelReader().getArgb(63, 4));
    }

    /** Relative luminance Y of an sRGB colour. */
    static double luminance(int argb) {
        return 0.2126 * lin(argb >> 16) + 0.7152 * lin(argb >> 8) + 0.0722 * lin(argb);
    }

    private static double lin(int c) {
        double u = (c & 0xff) / 255.0;
        return u <= 0.04045 ? u / 12.92 : Math.pow((u + 0.055) / 1.055, 2.4);
    }
}
