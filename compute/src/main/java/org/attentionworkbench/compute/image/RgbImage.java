package org.attentionworkbench.compute.image;

/**
 * An 8-bit RGB image in packed 0xRRGGBB ints, row-major: what decoders hand the engine, without
 * tying the engine to AWT or JavaFX.
 */
public record RgbImage(int width, int height, int[] rgb) {
    public RgbImage {
        if (width <= 0 || height <= 0 || rgb.length != width * height) {
            throw new IllegalArgumentException("image " + width + "×" + height + " with " + rgb.length + " pixels");
        }
    }

    public int red(int x, int y) {
        return (rgb[y * width + x] >> 16) & 0xFF;
    }

    public int green(int x, int y) {
        return (rgb[y * width + x] >> 8) & 0xFF;
    }

    public int blue(int x, int y) {
        return rgb[y * width + x] & 0xFF;
    }
}
