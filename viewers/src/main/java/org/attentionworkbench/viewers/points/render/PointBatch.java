package org.attentionworkbench.viewers.points.render;

import java.util.Objects;

/**
 * Points to draw: {@code count} points starting at point {@code offset} of the shared arrays
 * {@code xyz} (interleaved, in the scene's local float coordinates) and {@code argb} (one opaque
 * colour per point). Point {@code offset + k} is reported by picking as id {@code idBase + k}.
 * {@code spacing} is the typical distance between neighbouring points of this batch in world
 * units (an octree node's spacing), used by the adaptive point size; 0 when unknown.
 */
public record PointBatch(float[] xyz, int[] argb, int offset, int count, int idBase, float spacing) {
    public PointBatch {
        Objects.requireNonNull(xyz, "xyz");
        Objects.requireNonNull(argb, "argb");
        if (offset < 0 || count < 0 || 3L * (offset + (long) count) > xyz.length
                || offset + (long) count > argb.length) {
            throw new IllegalArgumentException("batch [" + offset + ", +" + count + ") outside arrays of "
                    + xyz.length / 3 + " points and " + argb.length + " colours");
        }
        if (idBase < 0) {
            throw new IllegalArgumentException("idBase must be >= 0: " + idBase);
        }
    }

    /** All points of the arrays, ids 0..n-1. */
    public static PointBatch of(float[] xyz, int[] argb) {
        return new PointBatch(xyz, argb, 0, xyz.length / 3, 0, 0);
    }
}
