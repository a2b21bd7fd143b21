package org.attentionworkbench.compute.figure;

import java.util.List;
import java.util.Objects;

/**
 * A matrix drawn as colours: rows × cols values, row-major. {@code diverging} asks for a colormap
 * centred on zero (signed matrices such as weight blocks); otherwise min → max. Labels may be empty.
 */
public record HeatmapFigure(String id, String title, int rows, int cols, float[] values,
                            List<String> rowLabels, List<String> colLabels, boolean diverging) {
    public HeatmapFigure {
        Objects.requireNonNull(id, "id");
        if (rows <= 0 || cols <= 0 || values.length != (long) rows * cols) {
            throw new IllegalArgumentException("heatmap " + id + ": " + values.length + " values for "
                    + rows + "×" + cols);
        }
        values = values.clone();
        rowLabels = List.copyOf(rowLabels);
        colLabels = List.copyOf(colLabels);
        if (!rowLabels.isEmpty() && rowLabels.size() != rows || !colLabels.isEmpty() && colLabels.size() != cols) {
            throw new IllegalArgumentException("heatmap " + id + ": label counts do not match " + rows + "×" + cols);
        }
    }

    public static HeatmapFigure of(String id, String title, int rows, int cols, float[] values, boolean diverging) {
        return new HeatmapFigure(id, title, rows, cols, values, List.of(), List.of(), diverging);
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    public float at(int r, int c) {
        return values[r * cols + c];
    }
}
