package org.attentionworkbench.viewers.grid;

/**
 * Supplies one small-multiple cell: row-major values of size cellWidth x cellHeight for a
 * (layer, head); head {@link LayerHead#ALL_HEADS} asks for the fused map. May return null for
 * "nothing here" (drawn empty). Called on the FX thread, once per cell until the data changes.
 */
@FunctionalInterface
public interface CellSource {
    float[] values(int layer, int head);
}
