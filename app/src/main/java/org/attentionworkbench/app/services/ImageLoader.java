package org.attentionworkbench.app.services;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.logging.Logger;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.attentionworkbench.app.tasks.Work;
import org.attentionworkbench.compute.image.DecodedImage;
import org.attentionworkbench.compute.image.ImageFileException;
import org.attentionworkbench.compute.image.ImageFiles;

/**
 * Opens images for the GUI with the engine's one decoder ({@link ImageFiles}, the CLI's too), so the
 * workbench shows and computes on the same pixels the command line does; this class only adapts its
 * result to a JavaFX image and its errors and progress to the task's. Runs on any thread.
 */
public final class ImageLoader {
    private static final Logger LOG = Logger.getLogger(ImageLoader.class.getName());

    private ImageLoader() {}

    public static LoadedImage load(ImageSource source, Work.Progress progress) throws ImageLoadException {
        String name = source.displayName();
        ImageFiles.Progress bridge = new ImageFiles.Progress() {
            @Override
            public void percent(float done) {
                progress.update(done, 100);
            }

            @Override
            public boolean cancelled() {
                return progress.isCancelled();
            }
        };
        progress.message("Decoding " + name);
        DecodedImage pixels;
        try {
            pixels = switch (source) {
                case ImageSource.FileSource f -> ImageFiles.decode(f.file(), ImageFiles.Workload.VIEW, bridge);
                case ImageSource.SampleSource s -> {
                    try (InputStream in = s.open()) {
                        yield ImageFiles.decode(in, name, ImageFiles.Workload.VIEW, bridge);
                    }
                }
            };
        } catch (ImageFileException e) {
            throw new ImageLoadException(name, e.reason(), e);
        } catch (IOException e) {
            throw new ImageLoadException(name, "could not read the bundled sample: " + e.getMessage(), e);
        }
        progress.message("Preparing " + name);
        return new LoadedImage(source, toFx(pixels), pixels);
    }

    /** An image file for display only (the anomaly views); null, with a log line, when it cannot be read. */
    public static Image view(Path file) {
        try {
            return toFx(ImageFiles.decode(file, ImageFiles.Workload.VIEW, ImageFiles.Progress.NONE));
        } catch (ImageFileException e) {
            LOG.warning(e.getMessage());
            return null;
        }
    }

    /** The adapter: decoded straight ARGB into an FX image. */
    static Image toFx(DecodedImage pixels) {
        WritableImage fx = new WritableImage(pixels.width(), pixels.height());
        fx.getPixelWriter().setPixels(0, 0, pixels.width(), pixels.height(), PixelFormat.getIntArgbInstance(),
                pixels.argb(), 0, pixels.width());
        return fx;
    }
}
