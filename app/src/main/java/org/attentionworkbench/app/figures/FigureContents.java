package org.attentionworkbench.app.figures;

import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.figure.HeatmapFigure;
import org.attentionworkbench.compute.figure.LinePlot;
import org.attentionworkbench.compute.figure.Series;
import org.attentionworkbench.compute.figure.Table;
import org.attentionworkbench.viewers.figure.FigureContent;

/**
 * A {@link FigureSet} as the plain data a {@code viewers.figure.FigureView} draws (the viewers know no
 * compute types). One-to-one: nothing is dropped or recomputed, so the view, the PNGs and the CSVs
 * show the same numbers.
 */
public final class FigureContents {
    private FigureContents() {}

    public static FigureContent of(FigureSet set) {
        return new FigureContent(set.title(),
                set.plots().stream().map(FigureContents::plot).toList(),
                set.heatmaps().stream().map(FigureContents::heatmap).toList(),
                set.tables().stream().map(FigureContents::table).toList(),
                set.scalars(), set.notes());
    }

    static FigureContent.Plot plot(LinePlot p) {
        return new FigureContent.Plot(p.id(), p.title(), p.xLabel(), p.yLabel(), p.logX(), p.logY(),
                p.style() != LinePlot.Style.POINTS, p.style() != LinePlot.Style.LINES,
                p.series().stream().map(FigureContents::curve).toList());
    }

    private static FigureContent.Curve curve(Series s) {
        return new FigureContent.Curve(s.name(), s.x(), s.y());
    }

    private static FigureContent.Heatmap heatmap(HeatmapFigure h) {
        return new FigureContent.Heatmap(h.id(), h.title(), h.rows(), h.cols(), h.values(), h.rowLabels(),
                h.colLabels(), h.diverging());
    }

    private static FigureContent.Table table(Table t) {
        return new FigureContent.Table(t.id(), t.title(), t.header(), t.rows());
    }
}
