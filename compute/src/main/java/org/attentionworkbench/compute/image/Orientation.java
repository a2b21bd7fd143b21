package org.attentionworkbench.compute.image;

/**
 * EXIF orientation (TIFF tag 0x0112): how the stored pixels must be turned to show the picture
 * upright, applied as photo viewers do. 1 upright, 2 mirrored, 3 turned 180°, 4 flipped, 5 transposed,
 * 6 needs 90° clockwise, 7 transverse, 8 needs 90° anticlockwise; other values are treated as 1.
 */
final class Orientation {
    private Orientation() {}

    /** True when the upright image has width and height swapped (orientations 5 to 8). */
    static boolean swapsSides(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /** The upright pixels of a w×h stored image. */
    static int[] upright(int[] px, int w, int h, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return px;
        }
        int[] out = new int[px.length];
        int ow = swapsSides(orientation) ? h : w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int dx, dy;
                switch (orientation) {
                    case 2 -> { dx = w - 1 - x; dy = y; }
                    case 3 -> { dx = w - 1 - x; dy = h - 1 - y; }
                    case 4 -> { dx = x; dy = h - 1 - y; }
                    case 5 -> { dx = y; dy = x; }
                    case 6 -> { dx = h - 1 - y; dy = x; }
                    case 7 -> { dx = h - 1 - y; dy = w - 1 - x; }
                    default -> { dx = y; dy = w - 1 - x; } // 8
                }
                out[dy * ow + dx] = px[y * w + x];
            }
        }
        return out;
    }
}
