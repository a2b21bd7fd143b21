package org.attentionworkbench.app.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.figure.HeatmapFigure;
import org.attentionworkbench.compute.figure.LinePlot;
import org.attentionworkbench.compute.figure.Series;
import org.attentionworkbench.compute.figure.Table;
import org.attentionworkbench.viewers.figure.FigureContent;
import org.junit.jupiter.api.Test;

class FigureContentsTest {
    @Test
    void aFigureSetBecomesTheSameContentForTheView() {
        Series s = new Series("loss", new double[] {1, 2}, new double[] {0.5, 0.25});
        FigureSet set = new FigureSet.Builder("Run")
                .plot(LinePlot.lines("a", "A", "step", "loss", List.of(s)).withLogAxes(false, true))
                .plot(LinePlot.lines("b", "B", "x", "y", List.of(s)).withStyle(LinePlot.Style.POINTS))
                .plot(LinePlot.lines("c", "C", "x", "y", List.of(s)).withStyle(LinePlot.Style.LINES_AND_POINTS))
                .heatmap(new HeatmapFigure("h", "H", 1, 2, new float[] {-1, 1}, List.of("r"), List.of("c0", "c1"), true))
                .table(new Table("t", "T", List.of("k", "v"), List.of(List.of("a", "1"))))
                .scalar("z", 2).scalar("a", 1).note("n").build();
        FigureContent c = FigureContents.of(set);
        assertEquals("Run", c.title());
        FigureContent.Plot a = c.plots().get(0);
        assertTrue(a.lines() && !a.points() && !a.logX() && a.logY());
        assertEquals("step", a.xLabel());
        assertArrayEquals(new double[] {0.5, 0.25}, a.curves().get(0).y());
        assertTrue(!c.plots().get(1).lines() && c.plots().get(1).points());
        assertTrue(c.plots().get(2).lines() && c.plots().get(2).points());
        FigureContent.Heatmap h = c.heatmaps().get(0);
        assertTrue(h.diverging());
        assertEquals(List.of("c0", "c1"), h.colLabels());
        assertArrayEquals(new float[] {-1, 1}, h.values());
        assertEquals(List.of(List.of("a", "1")), c.tables().get(0).rows());
        assertEquals(List.of("z", "a"), List.copyOf(c.scalars().keySet()), "scalars keep their order");
        assertEquals(List.of("n"), c.notes());
        assertFalse(c.plots().isEmpty());
    }
}
