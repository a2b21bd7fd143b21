package org.attentionworkbench.viewers.figure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link FigureView} shows, as plain data (the viewers know no other workbench module, so the
 * app converts its figure sets into this): line plots, heatmaps, tables, named scalars and notes.
 */
public record FigureContent(String title, List<Plot> plots, List<Heatmap> heatmaps, List<Table> tables,
                            Map<String, Double> scalars, List<String> notes) {
    public FigureContent {
        Objects.requireNonNull(title, "title");
        plots = List.copyOf(plots);
        heatmaps = List.copyOf(heatmaps);
        tables = List.copyOf(tables);
        scalars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
        notes = List.copyOf(notes);
    }

    /** Nothing to show. */
    public static final FigureContent EMPTY = new FigureContent("", List.of(), List.of(), List.of(), Map.of(), List.of());

    /** Several curves on shared axes; a log axis is drawn as log10 with ticks at powers of ten. */
    public record Plot(String id, String title, String xLabel, String yLabel, boolean logX, boolean logY,
                       boolean lines, boolean points, List<Curve> curves) {
        public Plot {
            Objects.requireNonNull(id, "id");
            if (!lines && !points) {
                throw new IllegalArgumentException("plot " + id + ": neither lines nor points");
            }
            curves = List.copyOf(curves);
        }
    }

    /** One named curve: (x[i], y[i]); non-finite points are left out. */
    public record Curve(String name, double[] x, double[] y) {
        public Curve {
            Objects.requireNonNull(name, "name");
            if (x.length != y.length) {
                throw new IllegalArgumentException("curve " + name + ": " + x.length + " x values, " + y.length + " y values");
            }
        }
    }

    /** rows × cols values, row-major; diverging = a colour scale centred on zero. Labels may be empty. */
    public record Heatmap(String id, String title, int rows, int cols, float[] values, List<String> rowLabels,
                          List<String> colLabels, boolean diverging) {
        public Heatmap {
            Objects.requireNonNull(id, "id");
            if (rows <= 0 || cols <= 0 || values.length != (long) rows * cols) {
                throw new IllegalArgumentException("heatmap " + id + ": " + values.length + " values for " + rows + "×" + cols);
            }
            rowLabels = List.copyOf(rowLabels);
            colLabels = List.copyOf(colLabels);
        }
    }

    /** Text cells under a header row. */
    public record Table(String id, String title, List<String> header, List<List<String>> rows) {
        public Table {
            Objects.requireNonNull(id, "id");
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }
}
