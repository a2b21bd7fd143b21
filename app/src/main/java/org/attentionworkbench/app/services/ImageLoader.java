package org.attentionworkbench.app.services;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.logging.Logger;
import javafx.embed.swing.SwingFXUtils;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.stream.ImageInputStream;
import org.attentionworkbench.app.tasks.Work;

/**
 * Decodes an image with ImageIO (PNG, JPEG, BMP, GIF, TIFF), reporting decode progress and
 * honouring cancel. Strict on damage: a decoder warning that the data ended early (a truncated
 * JPEG, which ImageIO would otherwise pad with grey) fails the load, as does anything ImageIO does
 * not recognise (a text file renamed .png). Runs on any thread; returns an FX image.
 */
public final class ImageLoader {
    private static final Logger LOG = Logger.getLogger(ImageLoader.class.getName());
    /** Decoder warnings that mean pixels are missing, not just a quirk of the writer. */
    private static final List<String> DAMAGE = List.of("premature end", "truncat", "missing eoi");

    static {
        // In-memory stream caching: no temp files for every image opened.
        ImageIO.setUseCache(false);
    }

    private ImageLoader() {}

    public static LoadedImage load(ImageSource source, Work.Progress progress) throws ImageLoadException {
        String name = source.displayName();
        return switch (source) {
            case ImageSource.FileSource f -> {
                checkFile(name, f.file());
                try (InputStream in = new BufferedInputStream(Files.newInputStream(f.file()), 1 << 16)) {
                    yield decode(source, in, progress);
                } catch (NoSuchFileException e) {
                    throw new ImageLoadException(name, "the file does not exist (" + f.file() + ")", e);
                } catch (AccessDeniedException e) {
                    throw new ImageLoadException(name, "permission denied", e);
                } catch (IOException e) {
                    throw new ImageLoadException(name, "could not read the file: " + e.getMessage(), e);
                }
            }
            case ImageSource.SampleSource s -> {
                try (InputStream in = s.open()) {
                    yield decode(source, in, progress);
                } catch (IOException e) {
                    throw new ImageLoadException(name, "could not read the bundled sample: " + e.getMessage(), e);
                }
            }
        };
    }

    private static void checkFile(String name, Path file) throws ImageLoadException {
        if (!Files.exists(file)) {
            throw new ImageLoadException(name, "the file does not exist (" + file + ")");
        }
        if (Files.isDirectory(file)) {
            throw new ImageLoadException(name, "this is a folder, not an image file");
        }
        if (!Files.isReadable(file)) {
            throw new ImageLoadException(name, "permission denied");
        }
        try {
            if (Files.size(file) == 0) {
                throw new ImageLoadException(name, "the file is empty");
            }
        } catch (IOException e) {
            throw new ImageLoadException(name, "could not read the file: " + e.getMessage(), e);
        }
    }

    private static LoadedImage decode(ImageSource source, InputStream in, Work.Progress progress)
            throws IOException, ImageLoadException {
        String name = source.displayName();
        try (ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = iis == null ? null : ImageIO.getImageReaders(iis);
            if (readers == null || !readers.hasNext()) {
                throw new ImageLoadException(name,
                        "not an image in a supported format (PNG, JPEG, BMP, GIF, TIFF)");
            }
            ImageReader reader = readers.next();
            String format = reader.getFormatName().toUpperCase(Locale.ROOT);
            List<String> warnings = new ArrayList<>();
            try {
                reader.setInput(iis, true, true);
                reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
                reader.addIIOReadProgressListener(new ProgressBridge(progress));
                progress.message("Decoding " + name);
                BufferedImage img;
                try {
                    img = reader.read(0);
                } catch (IOException | RuntimeException e) {
                    throw new ImageLoadException(name, "the " + format + " data is damaged or incomplete ("
                            + describe(e) + ")", e);
                }
                if (progress.isCancelled()) {
                    throw new CancellationException("loading " + name);
                }
                for (String w : warnings) {
                    String lower = w.toLowerCase(Locale.ROOT);
                    if (DAMAGE.stream().anyMatch(lower::contains)) {
                        throw new ImageLoadException(name, "the " + format + " file is damaged or cut short (" + w + ")");
                    }
                    LOG.warning(name + ": " + w);
                }
                progress.message("Preparing " + name);
                return new LoadedImage(source, SwingFXUtils.toFXImage(img, null), format);
            } finally {
                reader.dispose();
            }
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m;
    }

    /** Forwards ImageIO's percentage to the task, and aborts the read on cancel. */
    private record ProgressBridge(Work.Progress progress) implements IIOReadProgressListener {
        @Override
        public void imageProgress(ImageReader source, float percentageDone) {
            progress.update(percentageDone, 100);
            if (progress.isCancelled()) {
                source.abort();
            }
        }

        @Override public void sequenceStarted(ImageReader source, int minIndex) {}
        @Override public void sequenceComplete(ImageReader source) {}
        @Override public void imageStarted(ImageReader source, int imageIndex) {}
        @Override public void imageComplete(ImageReader source) {}
        @Override public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {}
        @Override public void thumbnailProgress(ImageReader source, float percentageDone) {}
        @Override public void thumbnailComplete(ImageReader source) {}
        @Override public void readAborted(ImageReader source) {}
    }
}
