package org.attentionworkbench.compute.image;

/**
 * A single-channel 16-bit image (a depth map in millimetres, say): unsigned values 0..65535 as ints,
 * row-major, exactly as stored (no scaling to 8 bits).
 */
public record Gray16Image(int width, int height, int[] values) {
    public Gray16Image {
        if (width <= 0 || height <= 0 || values.length != width * height) {
            throw new IllegalArgumentException("image " + width + "×" + height + " with " + values.length + " values");
        }
    }

    public int value(int x, int y) {
        return values[y * width + x];
    }
}
