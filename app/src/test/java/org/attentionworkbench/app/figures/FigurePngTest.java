package org.attentionworkbench.app.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.figure.HeatmapFigure;
import org.attentionworkbench.compute.figure.LinePlot;
import org.attentionworkbench.compute.figure.Series;
import org.attentionworkbench.compute.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigurePngTest {
    @TempDir
    Path dir;

    @Test
    void writesOnePngPerPlotAndHeatmapWithoutADisplay() throws Exception {
        FigureSet set = new FigureSet.Builder("t")
                .plot(LinePlot.lines("cost", "Cost", "N", "seconds",
                        List.of(new Series("softmax", new double[] {128, 256, 512}, new double[] {1, 4, 16}),
                                new Series("with a zero", new double[] {128, 256, 512}, new double[] {0, 2, 3})))
                        .withLogAxes(true, true))
                .heatmap(HeatmapFigure.of("m", "M", 2, 3, new float[] {-1, 0, 1, 2, 3, 4}, true))
                .build();
        List<Path> files = FigurePng.write(set, dir);
        assertEquals(List.of(dir.resolve("cost.png"), dir.resolve("m.png")), files);
        BufferedImage plot = ImageIO.read(files.get(0).toFile());
        assertEquals(FigurePng.WIDTH, plot.getWidth());
        BufferedImage map = ImageIO.read(files.get(1).toFile());
        RgbImage cells = FigurePng.heatmapImage(HeatmapFigure.of("m", "M", 2, 3, new float[] {-1, 0, 1, 2, 3, 4}, true));
        assertEquals(3 * cells.height(), 2 * cells.width());
        // framed: a title band above the cells and a colour bar with its labels beside them
        assertTrue(map.getWidth() > cells.width() + 60 && map.getHeight() > cells.height() + 20,
                map.getWidth() + "×" + map.getHeight());
    }

    @Test
    void logAxisTicksArePlainNumbers() {
        FigurePng.PlainNumbers f = new FigurePng.PlainNumbers();
        assertEquals("3.55", f.format(3.5481));
        assertEquals("1000", f.format(1000.0));
        assertEquals("0.05", f.format(0.05));
        assertEquals("1.0e-6", f.format(1e-6));
        assertEquals("2.5e7", f.format(2.5e7));
    }

    @Test
    void divergingHeatmapIsWhiteAtZeroAndRedBlueAtTheEnds() {
        RgbImage img = FigurePng.heatmapImage(HeatmapFigure.of("m", "M", 1, 3, new float[] {-2, 0, 2}, true));
        int cell = img.width() / 3;
        assertEquals(0x0000FF, img.rgb()[0] & 0xFFFFFF);
        assertEquals(0xFFFFFF, img.rgb()[cell] & 0xFFFFFF);
        assertEquals(0xFF0000, img.rgb()[2 * cell] & 0xFFFFFF);
        RgbImage seq = FigurePng.heatmapImage(HeatmapFigure.of("s", "S", 1, 2, new float[] {0, 1}, false));
        assertNotEquals(seq.rgb()[0], seq.rgb()[seq.width() - 1]);
        assertTrue(seq.width() >= 256);
    }
}
