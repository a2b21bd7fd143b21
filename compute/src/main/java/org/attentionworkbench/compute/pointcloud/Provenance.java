package org.attentionworkbench.compute.pointcloud;

import java.util.Objects;

/**
 * Where each point came from: pixel {@code (u, v)} of a {@code width × height} source image
 * (an organised PCD frame, a depth map). {@code pixel[i] = v * width + u}, or -1 where a point has
 * no source pixel. {@code sourceImage} names the image file when one is known, else null.
 */
public record Provenance(String sourceImage, int width, int height, int[] pixel) {
    public Provenance {
        Objects.requireNonNull(pixel, "pixel");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("source image size must be positive: " + width + "x" + height);
        }
    }

    public int u(int i) {
        return pixel[i] < 0 ? -1 : pixel[i] % width;
    }

    public int v(int i) {
        return pixel[i] < 0 ? -1 : pixel[i] / width;
    }

    public Provenance select(int[] indices) {
        int[] p = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            p[i] = pixel[indices[i]];
        }
        return new Provenance(sourceImage, width, height, p);
    }

    public Provenance withSourceImage(String image) {
        return new Provenance(image, width, height, pixel);
    }
}
