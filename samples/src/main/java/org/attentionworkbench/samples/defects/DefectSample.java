package org.attentionworkbench.samples.defects;

import org.attentionworkbench.samples.RasterImage;

/**
 * A surface with one planted defect and its exact mask: {@code mask[y * width + x]} is true exactly where
 * the pixel differs from the clean surface.
 */
public record DefectSample(RasterImage image, boolean[] mask, DefectKind kind) {
    public DefectSample {
        if (mask.length != image.argb().length) {
            throw new IllegalArgumentException("mask of " + mask.length + " pixels for a "
                    + image.width() + "x" + image.height() + " image");
        }
    }

    public int defectPixels() {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
