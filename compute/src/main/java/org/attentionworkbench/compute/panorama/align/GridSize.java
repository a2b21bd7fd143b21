package org.attentionworkbench.compute.panorama.align;

/** Nodes of a patch's deformable alignment grid; they sit on the patch corners and edges (360MonoDepth). */
public record GridSize(int columns, int rows) {
    public GridSize {
        if (columns < 1 || rows < 1 || columns > 64 || rows > 64) {
            throw new IllegalArgumentException("alignment grid must be 1…64 × 1…64 nodes, got " + columns + "×" + rows);
        }
    }

    public int nodes() {
        return columns * rows;
    }
}
