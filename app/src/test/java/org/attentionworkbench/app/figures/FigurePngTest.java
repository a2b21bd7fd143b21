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
        assertEquals(3 * map.getHeight(), 2 * map.getWidth());
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
