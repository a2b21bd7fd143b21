package org.attentionworkbench.compute.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

/**
 * Reads image files for the engine and the CLI, with errors that name the file and the reason.
 *
 * <p>Pixel values are taken as the file stores them, the way PIL (and so every PyTorch pipeline)
 * reads them: embedded ICC profiles are not applied and grey files are not gamma-converted. Java's
 * default decoding does both, which shifted a JPEG with an Adobe RGB profile by up to 27 grey levels.
 */
public final class ImageFiles {
    /** Larger images are refused before decoding (a forged header must not exhaust memory). */
    public static final long MAX_PIXELS = 200_000_000L;

    private ImageFiles() {}

    public static RgbImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException(file + ": not an image in a format we read (PNG, JPEG, BMP, GIF)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, false);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new IOException(file + ": " + reader.getWidth(0) + "×" + reader.getHeight(0)
                            + " is too large (limit " + MAX_PIXELS + " pixels)");
                }
                if (reader.getFormatName().toLowerCase(Locale.ROOT).contains("jpeg")) {
                    RgbImage jpeg = readJpegRaw(reader);
                    if (jpeg != null) {
                        return jpeg;
                    }
                }
                return fromBuffered(reader.read(0), file.toString());
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().contains(file.toString()) ? e
                    : new IOException(file + ": cannot decode image: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException(file + ": cannot decode image: " + e, e);
        }
    }

    /** YCbCr or grey samples converted with the JFIF formulas, as libjpeg does; null for other JPEGs. */
    private static RgbImage readJpegRaw(ImageReader reader) throws IOException {
        Raster r = reader.readRaster(0, null);
        int w = r.getWidth(), h = r.getHeight();
        int bands = r.getNumBands();
        if (bands != 1 && bands != 3) {
            return null; // CMYK and friends: let Java convert
        }
        boolean ycc = bands == 3 && adobeTransform(reader.getImageMetadata(0)) != 0;
        int[] out = new int[w * h];
        int[] px = new int[bands];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.getPixel(x, y, px);
                int red, green, blue;
                if (bands == 1) {
                    red = green = blue = px[0];
                } else if (ycc) {
                    double yy = px[0], cb = px[1] - 128.0, cr = px[2] - 128.0;
                    red = clip(yy + 1.402 * cr);
                    green = clip(yy - 0.344136 * cb - 0.714136 * cr);
                    blue = clip(yy + 1.772 * cb);
                } else {
                    red = px[0];
                    green = px[1];
                    blue = px[2];
                }
                out[y * w + x] = red << 16 | green << 8 | blue;
            }
        }
        return new RgbImage(w, h, out);
    }

    /** The Adobe APP14 colour transform (0 = RGB stored as is), or -1 when there is no such marker. */
    private static int adobeTransform(IIOMetadata meta) {
        if (meta == null) {
            return -1;
        }
        Node root = meta.getAsTree("javax_imageio_jpeg_image_1.0");
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals("markerSequence")) {
                for (Node m = n.getFirstChild(); m != null; m = m.getNextSibling()) {
                    if (m.getNodeName().equals("app14Adobe")) {
                        Node t = m.getAttributes().getNamedItem("transform");
                        return t == null ? -1 : Integer.parseInt(t.getNodeValue());
                    }
                }
            }
        }
        return -1;
    }

    private static int clip(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    public static RgbImage fromBuffered(BufferedImage img, String name) throws IOException {
        if (img == null) {
            throw new IOException(name + ": the decoder returned no image");
        }
        int w = img.getWidth(), h = img.getHeight();
        int[] rgb;
        if (img.getRaster().getNumBands() == 1 && img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            // grey files store display values; getRGB would treat them as linear and brighten them
            int bits = img.getColorModel().getComponentSize(0);
            int[] samples = img.getRaster().getSamples(0, 0, w, h, 0, (int[]) null);
            rgb = new int[samples.length];
            for (int i = 0; i < samples.length; i++) {
                int g = bits == 8 ? samples[i] : (int) Math.round(samples[i] * 255.0 / ((1 << bits) - 1));
                rgb[i] = g << 16 | g << 8 | g;
            }
        } else {
            rgb = img.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] &= 0xFFFFFF;
            }
        }
        return new RgbImage(w, h, rgb);
    }
}
