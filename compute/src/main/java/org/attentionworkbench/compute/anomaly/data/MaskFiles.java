package org.attentionworkbench.compute.anomaly.data;

import java.io.IOException;
import java.nio.file.Path;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;

/**
 * Ground-truth masks as boolean pixels. White is defect: a pixel counts when its grey level
 * (max of R, G, B, so a red-on-black annotation counts too) is ≥ 128, the midpoint that survives JPEG
 * ringing. A mask whose only values are 0 and 1 is a label image (VisA ships some so) and 1 is defect.
 */
public final class MaskFiles {
    public static final int THRESHOLD = 128;

    private MaskFiles() {}

    /** The mask at its own size, row-major. */
    public static boolean[] read(Path file) throws IOException {
        RgbImage img = ImageFiles.read(file);
        return resize(binarize(img), img.width(), img.height(), img.width(), img.height());
    }

    /** The mask resized to {@code width × height} by nearest neighbour (masks must stay binary). */
    public static boolean[] read(Path file, int width, int height) throws IOException {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("mask size " + width + "×" + height);
        }
        RgbImage img = ImageFiles.read(file);
        return resize(binarize(img), img.width(), img.height(), width, height);
    }

    static boolean[] binarize(RgbImage img) {
        int[] rgb = img.rgb();
        int[] level = new int[rgb.length];
        int max = 0;
        for (int i = 0; i < rgb.length; i++) {
            int v = rgb[i];
            level[i] = Math.max((v >> 16) & 0xFF, Math.max((v >> 8) & 0xFF, v & 0xFF));
            max = Math.max(max, level[i]);
        }
        int threshold = max == 1 ? 1 : THRESHOLD;
        boolean[] out = new boolean[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            out[i] = level[i] >= threshold;
        }
        return out;
    }

    /**
     * Nearest neighbour with the source pixel at floor((dst + 0.5) · src / dst), the pixel-centre rule of
     * PIL's and OpenCV's INTER_NEAREST_EXACT (torch's "nearest-exact").
     */
    static boolean[] resize(boolean[] src, int sw, int sh, int dw, int dh) {
        if (sw == dw && sh == dh) {
            return src;
        }
        boolean[] out = new boolean[dw * dh];
        for (int y = 0; y < dh; y++) {
            int sy = Math.min(sh - 1, (int) Math.floor((y + 0.5) * sh / dh));
            for (int x = 0; x < dw; x++) {
                int sx = Math.min(sw - 1, (int) Math.floor((x + 0.5) * sw / dw));
                out[y * dw + x] = src[sy * sw + sx];
            }
        }
        return out;
    }
}
