package org.attentionworkbench.viewers.points.render;

/**
 * A rendered picture, rows top to bottom: {@code argb} opaque colours; {@code ids} the id
 * ({@link PointBatch#idBase()} + index) of the point drawn at each pixel, -1 for background;
 * {@code depth} that point's distance along the view direction, +∞ for background. Picking reads
 * {@code ids}, so it is exact for the point drawn under the cursor.
 */
public record Frame(int width, int height, int[] argb, int[] ids, float[] depth) {
    public Frame {
        int n = width * height;
        if (argb.length != n || ids.length != n || depth.length != n) {
            throw new IllegalArgumentException("frame arrays must hold " + n + " pixels");
        }
    }

    /** The id drawn at pixel (x, y), or -1 outside the frame or on background. */
    public int idAt(int x, int y) {
        return x < 0 || y < 0 || x >= width || y >= height ? -1 : ids[y * width + x];
    }

    /**
     * The point nearest the viewer within {@code radius} pixels of (x, y) (a forgiving click), or -1.
     * Among ids in the square, the smallest depth wins.
     */
    public int pick(int x, int y, int radius) {
        int best = -1;
        float bestDepth = Float.POSITIVE_INFINITY;
        for (int yy = Math.max(0, y - radius); yy <= Math.min(height - 1, y + radius); yy++) {
            for (int xx = Math.max(0, x - radius); xx <= Math.min(width - 1, x + radius); xx++) {
                int p = yy * width + xx;
                if (ids[p] >= 0 && depth[p] < bestDepth) {
                    bestDepth = depth[p];
                    best = ids[p];
                }
            }
        }
        return best;
    }
}
