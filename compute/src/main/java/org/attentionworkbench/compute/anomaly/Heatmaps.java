package org.attentionworkbench.compute.anomaly;

import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.io.AtomicFiles;

/**
 * Colour heatmap overlays (written with {@code image.PngWriter}): a normalised map in
 * [0, 1] through an inferno-like colormap, blended over the image with an opacity that grows with the
 * score (0.25 + 0.5·v), so dark = normal and the photo stays readable.
 */
public final class Heatmaps {
    /** matplotlib's inferno sampled at 0, 1/8, ..., 1 (interpolated linearly between). */
    private static final int[][] INFERNO = {
        {0, 0, 4}, {31, 12, 72}, {85, 15, 109}, {136, 34, 106}, {186, 54, 85}, {227, 89, 51}, {249, 140, 10},
        {249, 201, 50}, {252, 255, 164}};

    private Heatmaps() {}

    /** 0xRRGGBB of v ∈ [0, 1] (clamped). */
    public static int color(float v) {
        double t = Math.max(0, Math.min(1, v)) * (INFERNO.length - 1);
        int i = Math.min(INFERNO.length - 2, (int) t);
        double f = t - i;
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
            int ch = (int) Math.round(INFERNO[i][c] + f * (INFERNO[i + 1][c] - INFERNO[i][c]));
            rgb = (rgb << 8) | ch;
        }
        return rgb;
    }

    /** The overlay of a normalised map at the image's own size (the map must already be that size). */
    public static RgbImage overlay(RgbImage image, AnomalyMap normalised) {
        if (normalised.width() != image.width() || normalised.height() != image.height()) {
            throw new IllegalArgumentException("map " + normalised.width() + "×" + normalised.height()
                    + " for an image " + image.width() + "×" + image.height());
        }
        int[] out = new int[image.rgb().length];
        for (int i = 0; i < out.length; i++) {
            float v = normalised.values()[i];
            double a = 0.25 + 0.5 * Math.max(0, Math.min(1, v));
            int c = color(v);
            int p = image.rgb()[i];
            int rgb = 0;
            for (int shift = 16; shift >= 0; shift -= 8) {
                int mix = (int) Math.round((1 - a) * ((p >> shift) & 0xFF) + a * ((c >> shift) & 0xFF));
                rgb |= mix << shift;
            }
            out[i] = rgb;
        }
        return new RgbImage(image.width(), image.height(), out);
    }
}
