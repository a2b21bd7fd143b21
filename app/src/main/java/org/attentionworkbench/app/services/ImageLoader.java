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

    /**
     * A thumbnail (the anomaly queue and prompts): the file decoded as everywhere else (upright, sRGB),
     * scaled down to fit {@code size × size}, never up; null, with a log line, when it cannot be read.
     * Decodes the whole file: call it off the FX thread.
     */
    public static Image thumbnail(Path file, int size) {
        try {
            return toFx(shrink(ImageFiles.decode(file, ImageFiles.Workload.VIEW, ImageFiles.Progress.NONE), size));
        } catch (ImageFileException e) {
            LOG.warning(e.getMessage());
            return null;
        }
    }

    /**
     * Fits an image into {@code size × size} by averaging the source pixels under each output pixel
     * (a box filter: no aliasing from a large photo), colours weighted by their alpha.
     */
    static DecodedImage shrink(DecodedImage img, int size) {
        int w = img.width(), h = img.height();
        double scale = Math.min(1.0, (double) size / Math.max(w, h));
        if (scale == 1.0) {
            return img;
        }
        int dw = Math.max(1, (int) Math.round(w * scale)), dh = Math.max(1, (int) Math.round(h * scale));
        int[] src = img.argb(), out = new int[dw * dh];
        for (int y = 0; y < dh; y++) {
            int y0 = (int) ((long) y * h / dh), y1 = Math.max(y0 + 1, (int) ((long) (y + 1) * h / dh));
            for (int x = 0; x < dw; x++) {
                int x0 = (int) ((long) x * w / dw), x1 = Math.max(x0 + 1, (int) ((long) (x + 1) * w / dw));
                long a = 0, r = 0, g = 0, b = 0;
                for (int sy = y0; sy < y1; sy++) {
                    for (int sx = x0; sx < x1; sx++) {
                        int p = src[sy * w + sx];
                        int pa = p >>> 24;
                        a += pa;
                        r += (long) ((p >> 16) & 0xFF) * pa;
                        g += (long) ((p >> 8) & 0xFF) * pa;
                        b += (long) (p & 0xFF) * pa;
                    }
                }
                int n = (y1 - y0) * (x1 - x0);
                out[y * dw + x] = a == 0 ? 0 : (int) ((a + n / 2) / n) << 24 | (int) ((r + a / 2) / a) << 16
                        | (int) ((g + a / 2) / a) << 8 | (int) ((b + a / 2) / a);
            }
        }
        return new DecodedImage(dw, dh, out, img.format(), img.alpha());
    }

    /** The adapter: decoded straight ARGB into an FX image. */
    static Image toFx(DecodedImage pixels) {
        WritableImage fx = new WritableImage(pixels.width(), pixels.height());
        fx.getPixelWriter().setPixels(0, 0, pixels.width(), pixels.height(), PixelFormat.getIntArgbInstance(),
                pixels.argb(), 0, pixels.width());
        return fx;
    }
}
