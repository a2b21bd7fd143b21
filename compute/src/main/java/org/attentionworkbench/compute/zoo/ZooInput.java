package org.attentionworkbench.compute.zoo;

import java.util.List;
import java.util.Objects;

/**
 * The tokens every mechanism mixes: N tokens of C channels ({@code x}, row-major N×C), and one head's
 * queries, keys and values (N×d each, row-major) taken from a real layer or made up. Tokens lie on a
 * rows × cols grid in raster order (rows = 1 for a sentence); mechanisms that need a 2-D grid
 * (axial, windows, pooling) use it. A model's class token is not part of the grid: inputs built from a
 * ViT hold the patch tokens only.
 *
 * @param source       where the tokens come from, shown in the UI ("vit4mnist layer 2 head 1", "synthetic")
 * @param fromModel    Q, K, V are the model's own projections (otherwise they are the parameter-free
 *                     identity projections of x, or random)
 * @param labels       one label per token (a word, "r3c5"), for hover and axes
 */
public record ZooInput(String source, int n, int c, int d, int rows, int cols, float[] x, float[] q, float[] k,
                       float[] v, List<String> labels, boolean fromModel) {
    public ZooInput {
        Objects.requireNonNull(source, "source");
        if (n <= 0 || c <= 0 || d <= 0) {
            throw new IllegalArgumentException("zoo input: N, C and d must be positive (" + n + ", " + c + ", " + d + ")");
        }
        if (rows * cols != n) {
            throw new IllegalArgumentException("zoo input: a " + rows + "×" + cols + " grid for " + n + " tokens");
        }
        check("x", x, (long) n * c);
        check("q", q, (long) n * d);
        check("k", k, (long) n * d);
        check("v", v, (long) n * d);
        labels = List.copyOf(labels);
        if (labels.size() != n) {
            throw new IllegalArgumentException("zoo input: " + labels.size() + " labels for " + n + " tokens");
        }
    }

    private static void check(String name, float[] a, long size) {
        if (a.length != size) {
            throw new IllegalArgumentException("zoo input: " + name + " has " + a.length + " values, expected " + size);
        }
    }

    /** True when the tokens form a 2-D grid (more than one row and one column). */
    public boolean isGrid() {
        return rows > 1 && cols > 1;
    }

    /** Default softmax scale 1/√d. */
    public float scale() {
        return (float) (1 / Math.sqrt(d));
    }

    /** Labels "r{row}c{col}" for a grid, "t{i}" for a sequence. */
    public static List<String> gridLabels(int rows, int cols) {
        String[] l = new String[rows * cols];
        for (int i = 0; i < l.length; i++) {
            l[i] = rows == 1 ? "t" + i : "r" + (i / cols) + "c" + (i % cols);
        }
        return List.of(l);
    }
}
