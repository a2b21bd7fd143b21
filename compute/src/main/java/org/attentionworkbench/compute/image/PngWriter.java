package org.attentionworkbench.compute.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.attentionworkbench.compute.io.AtomicFiles;

/** Writes an {@link RgbImage} as PNG (javax.imageio stays in this package, next to the reader). */
public final class PngWriter {
    private PngWriter() {}

    /** Writes a PNG atomically ({@link AtomicFiles}), so a reader never sees half a file. */
    public static void write(RgbImage img, Path file) throws IOException {
        BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
        b.setRGB(0, 0, img.width(), img.height(), img.rgb(), 0, img.width());
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(b, "png", out)) {
                throw new IOException("no PNG writer available for " + file);
            }
        });
    }

    /** Writes a 16-bit single-channel (grey) PNG of the values as stored, atomically. */
    public static void write(Gray16Image img, Path file) throws IOException {
        BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_USHORT_GRAY);
        for (int v : img.values()) {
            if (v < 0 || v > 0xFFFF) {
                throw new IllegalArgumentException("16-bit PNG value out of range 0..65535: " + v + " for " + file);
            }
        }
        b.getRaster().setSamples(0, 0, img.width(), img.height(), 0, img.values());
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(b, "png", out)) {
                throw new IOException("no PNG writer available for " + file);
            }
        });
    }
}
