package org.attentionworkbench.app.colorize;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.attentionworkbench.compute.io.AtomicFiles;

/** The page's output files: the colorized image as PNG at full resolution, written atomically. */
public final class ColorizeFiles {
    private ColorizeFiles() {}

    /** Writes opaque ARGB pixels to a temporary file next to {@code target}, then renames it into place. */
    public static void writePng(int[] argb, int width, int height, Path target) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, width, height, argb, 0, width);
        AtomicFiles.write(target, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
