package org.attentionworkbench.compute.panorama.depth;

import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.panorama.Blend;
import org.attentionworkbench.compute.panorama.Equirect;
import org.attentionworkbench.compute.panorama.TangentLayout;
import org.attentionworkbench.compute.panorama.align.AlignmentSettings;

/**
 * One run of {@link PanoramaDepthPipeline}: an ERP image in {@link Equirect}'s convention (3×H×W floats
 * in [0, 1]), the patch layout, how to align and how to blend. The array is not copied: do not change it
 * while the run lasts.
 */
public record PanoramaDepthRequest(float[] rgbChw, Equirect grid, TangentLayout layout, AlignmentSettings alignment,
        Blend blend) {
    public PanoramaDepthRequest {
        if (grid == null || layout == null || alignment == null || blend == null) {
            throw new IllegalArgumentException("grid, layout, alignment and blend are required");
        }
        grid.requireMap(rgbChw, 3);
    }

    /** The request for a decoded image (8-bit channels scaled to [0, 1]). */
    public static PanoramaDepthRequest of(RgbImage image, TangentLayout layout, AlignmentSettings alignment, Blend blend) {
        return new PanoramaDepthRequest(chw(image), new Equirect(image.width(), image.height()), layout, alignment, blend);
    }

    /** 3×H×W floats in [0, 1] of an image. */
    public static float[] chw(RgbImage image) {
        int plane = image.width() * image.height();
        float[] out = new float[3 * plane];
        int[] rgb = image.rgb();
        for (int i = 0; i < plane; i++) {
            out[i] = ((rgb[i] >> 16) & 0xFF) / 255f;
            out[plane + i] = ((rgb[i] >> 8) & 0xFF) / 255f;
            out[2 * plane + i] = (rgb[i] & 0xFF) / 255f;
        }
        return out;
    }
}
