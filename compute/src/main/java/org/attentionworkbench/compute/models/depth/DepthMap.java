package org.attentionworkbench.compute.models.depth;

/**
 * A depth prediction, row-major {@code height × width}.
 *
 * @param values row-major values, length width·height
 * @param kind   what the values mean
 */
public record DepthMap(float[] values, int width, int height, DepthKind kind) {
    public DepthMap {
        if (width <= 0 || height <= 0 || values == null || values.length != (long) width * height || kind == null) {
            throw new IllegalArgumentException("depth map " + width + "×" + height + " with "
                    + (values == null ? "no" : values.length) + " values");
        }
    }

    public float at(int x, int y) {
        return values[y * width + x];
    }
}
