package org.attentionworkbench.compute.figure;

import java.util.List;
import java.util.Objects;

/**
 * A line plot: several series on shared axes, each axis linear or log10. {@code style} says whether
 * points are joined (LINES), drawn alone (POINTS, a scatter) or both.
 */
public record LinePlot(String id, String title, String xLabel, String yLabel, boolean logX, boolean logY,
                       Style style, List<Series> series) {
    public enum Style { LINES, POINTS, LINES_AND_POINTS }

    public LinePlot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(style, "style");
        series = List.copyOf(series);
    }

    /** A plot with joined points on linear axes. */
    public static LinePlot lines(String id, String title, String xLabel, String yLabel, List<Series> series) {
        return new LinePlot(id, title, xLabel, yLabel, false, false, Style.LINES, series);
    }

    public LinePlot withLogAxes(boolean logX, boolean logY) {
        return new LinePlot(id, title, xLabel, yLabel, logX, logY, style, series);
    }

    public LinePlot withStyle(Style s) {
        return new LinePlot(id, title, xLabel, yLabel, logX, logY, s, series);
    }
}
