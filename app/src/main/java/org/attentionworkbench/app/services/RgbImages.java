package org.attentionworkbench.app.services;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import org.attentionworkbench.compute.image.RgbImage;

/** The engine's view of a loaded image: packed 0xRRGGBB, alpha dropped. Safe off the FX thread. */
public final class RgbImages {
    private RgbImages() {}

    public static RgbImage of(LoadedImage img) {
        int w = img.width();
        int h = img.height();
        int[] argb = new int[w * h];
        PixelReader reader = img.image().getPixelReader();
        reader.getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        for (int i = 0; i < argb.length; i++) {
            argb[i] &= 0xFFFFFF;
        }
        return new RgbImage(w, h, argb);
    }

    /** A stable identity for caches: the file with its size and date, or the sample's name; plus the pixel size. */
    public static String identity(LoadedImage img) {
        String where = switch (img.source()) {
            case ImageSource.FileSource f -> {
                java.io.File file = f.file().toFile();
                yield "file:" + f.file() + "@" + file.length() + ":" + file.lastModified();
            }
            case ImageSource.SampleSource s -> "sample:" + s.sample().name();
        };
        return where + "#" + img.width() + "x" + img.height();
    }
}
