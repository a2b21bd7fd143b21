package org.attentionworkbench.app.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.figure.HeatmapFigure;
import org.attentionworkbench.compute.figure.LinePlot;
import org.attentionworkbench.compute.figure.Series;
import org.attentionworkbench.compute.image.PngWriter;
import org.attentionworkbench.compute.image.RgbImage;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG pictures of a {@link FigureSet}: {@code ID.png} per plot and per heatmap. */
public final class FigurePng {
    /** Plot size in pixels. */
    public static final int WIDTH = 800;
    public static final int HEIGHT = 520;
    /** Heatmaps smaller than this are scaled up by whole pixels so one cell stays visible. */
    private static final int MIN_HEATMAP_SIDE = 256;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private FigurePng() {}

    /** Writes every plot and heatmap of the set into dir; returns the files written. */
    public static List<Path> write(FigureSet set, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (LinePlot p : set.plots()) {
            Path f = dir.resolve(p.id() + ".png");
            ChartUtils.saveChartAsPNG(f.toFile(), chart(p), WIDTH, HEIGHT);
            written.add(f);
        }
        for (HeatmapFigure h : set.heatmaps()) {
            Path f = dir.resolve(h.id() + ".png");
            PngWriter.write(heatmapImage(h), f);
            written.add(f);
        }
        return written;
    }

    /** The JFreeChart of a plot; on a log axis, points ≤ 0 are left out (they have no place there). */
    static JFreeChart chart(LinePlot p) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series s : p.series()) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            double[] x = s.x();
            double[] y = s.y();
            for (int i = 0; i < x.length; i++) {
                boolean drop = !Double.isFinite(x[i]) || !Double.isFinite(y[i])
                        || p.logX() && x[i] <= 0 || p.logY() && y[i] <= 0;
                if (!drop) {
                    xy.add(x[i], y[i]);
                }
            }
            data.addSeries(xy);
        }
        ValueAxis xAxis = axis(p.xLabel(), p.logX());
        ValueAxis yAxis = axis(p.yLabel(), p.logY());
        boolean lines = p.style() != LinePlot.Style.POINTS;
        boolean shapes = p.style() != LinePlot.Style.LINES;
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(lines, shapes);
        for (int i = 0; i < p.series().size(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        JFreeChart chart = new JFreeChart(p.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, p.series().size() > 1);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static ValueAxis axis(String label, boolean log) {
        if (log) {
            LogAxis a = new LogAxis(label);
            a.setSmallestValue(1e-30);
            return a;
        }
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(false);
        return a;
    }

    /**
     * A heatmap as pixels: one square block per cell; min → max through viridis-like colours, or a
     * blue-white-red scale symmetric about zero when the figure is diverging.
     */
    static RgbImage heatmapImage(HeatmapFigure h) {
        int scale = Math.max(1, (int) Math.ceil((double) MIN_HEATMAP_SIDE / Math.max(h.rows(), h.cols())));
        scale = Math.min(scale, Math.max(1, 4096 / Math.max(h.rows(), h.cols())));
        float[] v = h.values();
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            if (Float.isFinite(x)) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        float absMax = Math.max(Math.abs(lo), Math.abs(hi));
        int w = h.cols() * scale;
        int ht = h.rows() * scale;
        int[] rgb = new int[w * ht];
        for (int r = 0; r < h.rows(); r++) {
            for (int c = 0; c < h.cols(); c++) {
                float x = v[r * h.cols() + c];
                int color;
                if (!Float.isFinite(x)) {
                    color = 0x808080;
                } else if (h.diverging()) {
                    color = diverging(absMax == 0 ? 0 : x / absMax);
                } else {
                    color = sequential(hi > lo ? (x - lo) / (hi - lo) : 0);
                }
                for (int y = 0; y < scale; y++) {
                    int row = (r * scale + y) * w + c * scale;
                    java.util.Arrays.fill(rgb, row, row + scale, color);
                }
            }
        }
        return new RgbImage(w, ht, rgb);
    }

    /** matplotlib's viridis at 0, 1/4, ..., 1, interpolated linearly. */
    private static final int[][] VIRIDIS = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};

    static int sequential(float t) {
        double s = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) s);
        double f = s - i;
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
            rgb = (rgb << 8) | (int) Math.round(VIRIDIS[i][c] + f * (VIRIDIS[i + 1][c] - VIRIDIS[i][c]));
        }
        return rgb;
    }

    /** −1 blue, 0 white, +1 red. */
    static int diverging(float t) {
        double s = Math.max(-1, Math.min(1, t));
        int r;
        int g;
        int b;
        if (s >= 0) {
            r = 255;
            g = (int) Math.round(255 * (1 - s));
            b = g;
        } else {
            b = 255;
            r = (int) Math.round(255 * (1 + s));
            g = r;
        }
        return (r << 16) | (g << 8) | b;
    }
}
