package org.attentionworkbench.samples;

import java.awt.image.BufferedImage;

/**
 * A plain ARGB raster (0xAARRGGBB, row-major): what the generators produce, free of any UI toolkit.
 *
 * @param argb length {@code width * height}; owned by the record, not copied
 */
public record RasterImage(int width, int height, int[] argb) {

    public RasterImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
        }
        if (argb.length != width * height) {
            throw new IllegalArgumentException("argb length " + argb.length + " != " + width + "x" + height);
        }
    }

    /** A blank (transparent black) raster. */
    public static RasterImage blank(int width, int height) {
        return new RasterImage(width, height, new int[Math.multiplyExact(width, height)]);
    }

    public int get(int x, int y) {
        return argb[y * width + x];
    }

    public void set(int x, int y, int value) {
        argb[y * width + x] = value;
    }

    /** A copy as an AWT image (for ImageIO writing, or SwingFXUtils in the app). */
    public BufferedImage toBufferedImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, width, height, argb, 0, width);
        return img;
    }

    /** Packs opaque 8-bit channels. */
    public static int rgb(int r, int g, int b) {
        return 0xFF000000 | (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
