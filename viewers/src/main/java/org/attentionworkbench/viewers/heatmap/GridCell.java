package org.attentionworkbench.viewers.heatmap;

/** One cell of a heatmap grid: column x, row y (0-based, row-major index {@code y * gw + x}). */
public record GridCell(int x, int y) {
    /** Row-major index in a grid gw cells wide. */
    public int index(int gw) {
        return y * gw + x;
    }
}
