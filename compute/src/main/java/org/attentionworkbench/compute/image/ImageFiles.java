package org.attentionworkbench.compute.image;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.SampleModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.spi.IIORegistry;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The one image decoder of the workbench: the GUI and every CLI command read images here, so the
 * same file gives the same pixels everywhere.
 *
 * <p>What comes out is what a photo viewer shows: upright (EXIF orientation applied), sRGB (JPEG
 * ICC profiles such as Adobe RGB converted, CMYK/YCCK JPEGs converted), 8 bits per channel (16-bit
 * PNGs scaled, grey files kept as stored rather than gamma-brightened), alpha kept for the viewer and
 * dropped for the engine. JPEGs are read by TwelveMonkeys ImageIO (BSD licence), other formats by
 * the JDK's readers; PNG colour chunks (iCCP, gAMA) are not applied.
 *
 * <p>Refused with an {@link ImageFileException} naming the file: anything not an image, truncated
 * or corrupt data (never padded with grey), and, from the header alone before any pixel is decoded,
 * images above {@link #MAX_SIDE} or {@link #MAX_PIXELS} or needing more memory than this JVM may use
 * for the work declared ({@link Workload}).
 */
public final class ImageFiles {
    /** Longest side accepted (JPEG's own limit is 65,535; no screen or model needs more). */
    public static final int MAX_SIDE = 32_768;
    /** Most pixels accepted: 16384² (268 Mpx), 1 GB as packed ints. */
    public static final long MAX_PIXELS = 16_384L * 16_384L;

    /** Decoder warnings that mean pixels are missing, not a quirk of the writer. */
    private static final List<String> DAMAGE = List.of("premature end", "truncat", "missing eoi");

    static {
        // TwelveMonkeys' JPEG reader, registered explicitly so it is there however the class path
        // was scanned; it orders itself before the JDK's.
        IIORegistry.getDefaultInstance().registerServiceProvider(new JPEGImageReaderSpi());
        ImageIO.setUseCache(false); // streams cached in memory, no temp file per image
    }

    /**
     * Memory a job needs per pixel of its input image, so that an image it cannot finish is refused
     * up front with the numbers, not by an OutOfMemoryError halfway.
     *
     * @param name          the job, as the message says it ("colorize")
     * @param bytesPerPixel heap bytes per input pixel at the job's peak, the decoded image included
     */
    public record Workload(String name, int bytesPerPixel) {
        /** Decoding and showing only. */
        public static final Workload VIEW = new Workload("decoding", 0);
        /**
         * Attention and anomaly scoring, the default of {@link #read(Path)}: the image (4 B), its three
         * 8-bit planes as ints while it is resized to the model's input (12 B), and a full-size
         * heatmap and overlay for anomaly (8 B).
         */
        public static final Workload MODEL_INPUT = new Workload("model input", 24);
        /**
         * Colorize keeps full-resolution planes: the image (4 B), L*a*b* (12 B), the propagated a/b
         * planes (8 B), the recombined RGB (4 B) and the PNG being written (4 B). Measured with the
         * CLI on a 4000×4000 photo: it fails with -Xmx450m and runs with -Xmx500m (28-31 B/px);
         * 40 leaves room for the collector. A 14000×14000 image so needs about 6 GB, more than the
         * default heap (a quarter of the RAM) of most machines: that was the OutOfMemoryError.
         */
        public static final Workload COLORIZE = new Workload("colorize", 40);
    }

    /** Decode progress, and a way to cancel it. */
    public interface Progress {
        Progress NONE = new Progress() {
            @Override
            public void percent(float done) {}

            @Override
            public boolean cancelled() {
                return false;
            }
        };

        /** 0 to 100. */
        void percent(float done);

        boolean cancelled();
    }

    private ImageFiles() {}

    /**
     * The engine's pixels (alpha dropped) of an image file, refused up front when it is too large to
     * compute on ({@link Workload#MODEL_INPUT}); errors name the file by this path.
     */
    public static RgbImage read(Path file) throws ImageFileException {
        return read(file, Workload.MODEL_INPUT);
    }

    /** As {@link #read(Path)}, refusing up front an image too large for the given work. */
    public static RgbImage read(Path file, Workload work) throws ImageFileException {
        return decode(file, work, Progress.NONE).rgb();
    }

    /** An image file as a viewer shows it; errors name the file by this path. */
    public static DecodedImage decode(Path file, Workload work, Progress progress) throws ImageFileException {
        String name = file.toString();
        checkReadable(name, file);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new ImageFileException(name, ImageFileException.Kind.NOT_READABLE, "cannot open the file");
            }
            return decode(in, name, work, progress);
        } catch (IOException e) {
            throw asDecodeError(name, e);
        }
    }

    /**
     * A 16-bit single-channel image (a PNG depth map) with its stored values, not scaled to 8 bits;
     * anything else (8-bit, colour) is refused with a message naming the file and what it holds.
     */
    public static Gray16Image readGray16(Path file) throws ImageFileException {
        String name = file.toString();
        checkReadable(name, file);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new ImageFileException(name, ImageFileException.Kind.NOT_AN_IMAGE,
                        "not an image in a format we read (a 16-bit grey PNG is expected)");
            }
            ImageReader reader = readers.next();
            String format = reader.getFormatName().toUpperCase(Locale.ROOT);
            try {
                reader.setInput(in, true, true);
                BufferedImage img;
                try {
                    checkSize(name, reader.getWidth(0), reader.getHeight(0), 2 + 4, Workload.VIEW);
                    img = reader.read(0);
                } catch (ImageFileException e) {
                    throw e;
                } catch (IOException | RuntimeException e) {
                    throw damaged(name, format, in, e);
                }
                int bands = img.getRaster().getNumBands();
                int bits = img.getColorModel().getComponentSize(0);
                if (bands != 1 || bits != 16) {
                    throw new ImageFileException(name, ImageFileException.Kind.NOT_AN_IMAGE, "not a 16-bit grey image ("
                            + format + " with " + bands + " channel(s) of " + bits + " bits); depth maps must be "
                            + "16-bit single-channel PNGs");
                }
                int w = img.getWidth(), h = img.getHeight();
                return new Gray16Image(w, h, img.getRaster().getSamples(0, 0, w, h, 0, (int[]) null));
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw asDecodeError(name, e);
        }
    }

    /** An image from a stream (a bundled sample); {@code name} is what errors call it. */
    public static DecodedImage decode(InputStream stream, String name, Workload work, Progress progress)
            throws ImageFileException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(stream)) {
            return decode(in, name, work, progress);
        } catch (IOException e) {
            throw asDecodeError(name, e);
        }
    }

    /**
     * Refuses a width × height image that is above the limits or needs more heap than this JVM may
     * use for the work (for images already decoded, before heavy work starts).
     */
    public static void checkSize(String name, long width, long height, Workload work) throws ImageFileException {
        checkSize(name, width, height, 0, work);
    }

    private static void checkSize(String name, long width, long height, long decodeBytesPerPixel, Workload work)
            throws ImageFileException {
        long pixels = width * height;
        String size = width + "×" + height + " pixels";
        if (width > MAX_SIDE || height > MAX_SIDE) {
            throw new ImageFileException(name, ImageFileException.Kind.TOO_LARGE,
                    size + " is too large: the longest side accepted is " + MAX_SIDE + " pixels");
        }
        if (pixels > MAX_PIXELS) {
            throw new ImageFileException(name, ImageFileException.Kind.TOO_LARGE, String.format(Locale.ROOT,
                    "%s (%.0f Mpx) is too large: at most %d pixels (%.0f Mpx) are accepted", size, pixels / 1e6,
                    MAX_PIXELS, MAX_PIXELS / 1e6));
        }
        long need = pixels * Math.max(decodeBytesPerPixel, work.bytesPerPixel());
        long heap = Runtime.getRuntime().maxMemory();
        if (need > heap) {
            String job = decodeBytesPerPixel >= work.bytesPerPixel() ? "decoding" : work.name();
            throw new ImageFileException(name, ImageFileException.Kind.TOO_LARGE, String.format(Locale.ROOT,
                    "%s (%.0f Mpx) need about %.1f GB for %s, but this Java runtime may use %.1f GB at most;"
                            + " scale the image down or start Java with a larger -Xmx",
                    size, pixels / 1e6, need / 1e9, job, heap / 1e9));
        }
    }

    private static void checkReadable(String name, Path file) throws ImageFileException {
        String why = null;
        if (!Files.exists(file)) {
            why = "no such file";
        } else if (Files.isDirectory(file)) {
            why = "this is a folder, not an image file";
        } else if (!Files.isReadable(file)) {
            why = "permission denied";
        } else {
            try {
                if (Files.size(file) == 0) {
                    why = "the file is empty";
                }
            } catch (IOException e) {
                why = "cannot read the file (" + e.getMessage() + ")";
            }
        }
        if (why != null) {
            throw new ImageFileException(name, ImageFileException.Kind.NOT_READABLE, why);
        }
    }

    private static DecodedImage decode(ImageInputStream in, String name, Workload work, Progress progress)
            throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new ImageFileException(name, ImageFileException.Kind.NOT_AN_IMAGE,
                    "not an image in a format we read (PNG, JPEG, BMP, GIF, TIFF)");
        }
        ImageReader reader = readers.next();
        String format = reader.getFormatName().toUpperCase(Locale.ROOT);
        boolean jpeg = format.equals("JPEG") || format.equals("JPG");
        int orientation = jpeg ? exifOrientation(in) : 1;
        List<String> warnings = new ArrayList<>();
        try {
            reader.setInput(in, true, false);
            reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
            reader.addIIOReadProgressListener(new ProgressBridge(progress));
            int w, h;
            try {
                w = reader.getWidth(0);
                h = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw damaged(name, format, in, e);
            }
            checkSize(name, w, h, decodeBytesPerPixel(reader), work);
            BufferedImage img;
            try {
                img = reader.read(0);
            } catch (IOException | RuntimeException e) {
                throw damaged(name, format, in, e);
            }
            if (progress.cancelled()) {
                throw new CancellationException("decoding " + name);
            }
            for (String warning : warnings) {
                String lower = warning.toLowerCase(Locale.ROOT);
                if (DAMAGE.stream().anyMatch(lower::contains)) {
                    throw new ImageFileException(name, ImageFileException.Kind.DAMAGED,
                            "truncated " + format + " (the data ends at byte " + end(in) + ")");
                }
            }
            if (img == null) {
                throw new ImageFileException(name, ImageFileException.Kind.DAMAGED, "the decoder returned no image");
            }
            int[] argb = Orientation.upright(toArgb(img), w, h, orientation);
            boolean swap = Orientation.swapsSides(orientation);
            return new DecodedImage(swap ? h : w, swap ? w : h, argb, format, img.getColorModel().hasAlpha());
        } finally {
            reader.dispose();
        }
    }

    /** Heap bytes per pixel while decoding: the decoder's raster plus our packed ints (and a turned copy). */
    private static long decodeBytesPerPixel(ImageReader reader) {
        long raster = 8; // 16-bit RGBA, when the reader does not say
        try {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            if (types != null && types.hasNext()) {
                SampleModel sm = types.next().getSampleModel();
                raster = (long) sm.getNumDataElements() * DataBuffer.getDataTypeSize(sm.getDataType()) / 8;
            }
        } catch (IOException | RuntimeException e) {
            // keep the worst case; a damaged file fails properly when read
        }
        return raster + 8;
    }

    /** EXIF Orientation from a JPEG's APP1 segment; 1 when absent or unreadable. Leaves the stream at 0. */
    private static int exifOrientation(ImageInputStream in) {
        try {
            for (JPEGSegment segment : JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif")) {
                byte[] data;
                try (InputStream d = segment.data()) {
                    data = d.readAllBytes();
                }
                int skip = data.length > 0 && data[0] == 0 ? 1 : 0; // "Exif\0\0": one pad byte after the id
                try (ImageInputStream tiff = new MemoryCacheImageInputStream(
                        new java.io.ByteArrayInputStream(data, skip, data.length - skip))) {
                    Directory dir = new TIFFReader().read(tiff);
                    Entry e = dir.getEntryById(TIFF.TAG_ORIENTATION);
                    if (e != null && e.getValue() instanceof Number n) {
                        return n.intValue();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no usable EXIF: show the pixels as stored
        } finally {
            try {
                in.seek(0);
            } catch (IOException e) {
                // the decoder will report the stream's problem
            }
        }
        return 1;
    }

    /**
     * Packed straight ARGB. Grey files are taken as stored (scaled to 8 bits): Java treats a grey
     * colour space as linear and {@code getRGB} would brighten it, which no viewer and not PIL does.
     */
    private static int[] toArgb(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        if (img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && !(img.getColorModel() instanceof java.awt.image.IndexColorModel)) {
            int bits = img.getColorModel().getComponentSize(0);
            int[] grey = img.getRaster().getSamples(0, 0, w, h, 0, (int[]) null);
            int[] alpha = img.getColorModel().hasAlpha() ? img.getRaster().getSamples(0, 0, w, h, 1, (int[]) null)
                    : null;
            int[] out = new int[grey.length];
            for (int i = 0; i < out.length; i++) {
                int g = to8(grey[i], bits);
                int a = alpha == null ? 255 : to8(alpha[i], img.getColorModel().getComponentSize(1));
                out[i] = a << 24 | g << 16 | g << 8 | g;
            }
            return out;
        }
        int[] fast = interleavedBytesToArgb(img);
        return fast != null ? fast : img.getRGB(0, 0, w, h, null, 0, w);
    }

    /**
     * The common case (8-bit RGB/RGBA in any byte order: PNG, JPEG, BMP) read straight from the
     * bytes; {@code getRGB} converts pixel by pixel through the colour model, 10× slower on a 60 Mpx
     * photo. Null for anything else.
     */
    private static int[] interleavedBytesToArgb(BufferedImage img) {
        if (!(img.getColorModel() instanceof ComponentColorModel cm) || !cm.getColorSpace().isCS_sRGB()
                || cm.isAlphaPremultiplied() || !(img.getRaster().getDataBuffer() instanceof DataBufferByte db)
                || !(img.getSampleModel() instanceof PixelInterleavedSampleModel sm) || db.getNumBanks() != 1
                || db.getOffset() != 0 || img.getRaster().getSampleModelTranslateX() != 0
                || img.getRaster().getSampleModelTranslateY() != 0) {
            return null;
        }
        int bands = sm.getNumBands();
        if (bands != 3 && bands != 4) {
            return null;
        }
        for (int b = 0; b < bands; b++) {
            if (cm.getComponentSize(b) != 8) {
                return null;
            }
        }
        int w = img.getWidth(), h = img.getHeight();
        int[] off = sm.getBandOffsets();
        int stride = sm.getPixelStride(), scan = sm.getScanlineStride();
        byte[] d = db.getData();
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0, i = y * scan; x < w; x++, i += stride) {
                int a = bands == 4 ? d[i + off[3]] & 0xFF : 0xFF;
                out[y * w + x] = a << 24 | (d[i + off[0]] & 0xFF) << 16 | (d[i + off[1]] & 0xFF) << 8
                        | (d[i + off[2]] & 0xFF);
            }
        }
        return out;
    }

    private static int to8(int sample, int bits) {
        return bits == 8 ? sample : (int) Math.round(sample * 255.0 / ((1L << bits) - 1));
    }

    private static ImageFileException damaged(String name, String format, ImageInputStream in, Throwable e) {
        if (e instanceof ImageFileException ife) {
            return ife;
        }
        String detail = rootMessage(e);
        boolean cut = e instanceof java.io.EOFException || e.getCause() instanceof java.io.EOFException
                || detail.toLowerCase(Locale.ROOT).contains("eof") || detail.toLowerCase(Locale.ROOT).contains("end of");
        return new ImageFileException(name, ImageFileException.Kind.DAMAGED, cut
                ? "truncated " + format + " (the data ends at byte " + end(in) + "; " + detail + ")"
                : "corrupt " + format + " data (" + detail + ")", e);
    }

    private static ImageFileException asDecodeError(String name, IOException e) {
        return e instanceof ImageFileException ife ? ife
                : new ImageFileException(name, e instanceof IIOException ? ImageFileException.Kind.DAMAGED
                        : ImageFileException.Kind.NOT_READABLE, "cannot read the image (" + rootMessage(e) + ")", e);
    }

    /** The stream's length, or how far it was read when the length is unknown. */
    private static long end(ImageInputStream in) {
        try {
            long length = in.length();
            return length >= 0 ? length : in.getStreamPosition();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m;
    }

    /** Forwards ImageIO's percentage, and aborts the read on cancel. */
    private record ProgressBridge(Progress progress) implements IIOReadProgressListener {
        @Override
        public void imageProgress(ImageReader source, float percentageDone) {
            progress.percent(percentageDone);
            if (progress.cancelled()) {
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
