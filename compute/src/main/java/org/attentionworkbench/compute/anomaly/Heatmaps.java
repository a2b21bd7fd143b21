package org.attentionworkbench.compute.anomaly;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.io.AtomicFiles;

/**
 * Colour heatmap overlays written as PNG (javax.imageio; compute has no JavaFX): a normalised map in
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

    /** Writes a PNG atomically (temp file, then move), so a reader never sees half a file. */
    public static void writePng(RgbImage img, Path file) throws IOException {
        BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
        b.setRGB(0, 0, img.width(), img.height(), img.rgb(), 0, img.width());
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(b, "png", out)) {
                throw new IOException("no PNG writer available for " + file);
            }
        });
    }
}
