package org.attentionworkbench.app.services;

import org.attentionworkbench.compute.image.ImageFileException;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;

/**
 * The engine's view of a loaded image: the decoded pixels with alpha dropped, the same the CLI reads
 * from the file (never read back from the FX image, whose premultiplied alpha would lose colours).
 */
public final class RgbImages {
    private RgbImages() {}

    public static RgbImage of(LoadedImage img) {
        return img.pixels().rgb();
    }

    /** As {@link #of(LoadedImage)}, refusing first an image too large for the work (with its numbers). */
    public static RgbImage of(LoadedImage img, ImageFiles.Workload work) throws ImageFileException {
        ImageFiles.checkSize(img.source().displayName(), img.width(), img.height(), work);
        return of(img);
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
