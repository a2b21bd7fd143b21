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
            PngWriter.write(framedHeatmap(h), f);
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
            // plain numbers ("0.5", "2", "1e-6"): the default 10^0.35 style is unreadable on a narrow range
            a.setNumberFormatOverride(new PlainNumbers());
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

    /** Tick labels with up to 3 significant digits, scientific below 1e-3 and from 1e5. */
    static final class PlainNumbers extends java.text.NumberFormat {
        @Override
        public StringBuffer format(double v, StringBuffer to, java.text.FieldPosition pos) {
            double a = Math.abs(v);
            if (v == 0) {
                return to.append('0');
            }
            if (a >= 1e-3 && a < 1e5) {
                return to.append(new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros()
                        .toPlainString());
            }
            return to.append(String.format(java.util.Locale.ROOT, "%.2g", v).replace("e+0", "e").replace("e-0", "e-")
                    .replace("e+", "e"));
        }

        @Override
        public StringBuffer format(long v, StringBuffer to, java.text.FieldPosition pos) {
            return format((double) v, to, pos);
        }

        @Override
        public Number parse(String source, java.text.ParsePosition pos) {
            throw new UnsupportedOperationException("tick labels are never parsed");
        }
    }

    /**
     * The heatmap as a picture a reader can take in alone: its title above, the cells, and a colour bar
     * with the values at its ends (and 0 in the middle for a diverging map).
     */
    static RgbImage framedHeatmap(HeatmapFigure h) {
        RgbImage cells = heatmapImage(h);
        int top = 34;
        int margin = 10;
        int barWidth = 16;
        int labelWidth = 90;
        String title = h.title() == null || h.title().isBlank() ? h.id() : h.title();
        java.awt.Font titleFont = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 14);
        int titleWidth = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB)
                .createGraphics().getFontMetrics(titleFont).stringWidth(title);
        int w = Math.max(margin + cells.width() + margin + barWidth + 6 + labelWidth, titleWidth + 2 * margin);
        int ht = top + cells.height() + margin;
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(w, ht,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING,
                    java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, ht);
            g.setColor(Color.BLACK);
            g.setFont(titleFont);
            g.drawString(title, margin, 22);
            img.setRGB(margin, top, cells.width(), cells.height(), cells.rgb(), 0, cells.width());
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (float v : h.values()) {
                if (Float.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            double absMax = Math.max(Math.abs(lo), Math.abs(hi));
            int barX = margin + cells.width() + margin;
            int barH = cells.height();
            for (int y = 0; y < barH; y++) {
                float t = 1 - (float) y / Math.max(1, barH - 1);
                g.setColor(new Color(h.diverging() ? diverging(2 * t - 1) : sequential(t)));
                g.drawLine(barX, top + y, barX + barWidth - 1, top + y);
            }
            g.setColor(Color.BLACK);
            g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
            PlainNumbers fmt = new PlainNumbers();
            double max = h.diverging() ? absMax : hi;
            double min = h.diverging() ? -absMax : lo;
            g.drawString(Double.isFinite(max) ? fmt.format(max) : "–", barX + barWidth + 6, top + 10);
            g.drawString(Double.isFinite(min) ? fmt.format(min) : "–", barX + barWidth + 6, top + barH);
            if (h.diverging()) {
                g.drawString("0", barX + barWidth + 6, top + barH / 2 + 5);
            }
        } finally {
            g.dispose();
        }
        int[] rgb = img.getRGB(0, 0, w, ht, null, 0, w);
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] &= 0xFFFFFF;
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
