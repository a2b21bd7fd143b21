package org.attentionworkbench.compute.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferUShort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.attentionworkbench.compute.io.AtomicFiles;

/** Writes an {@link RgbImage} as PNG (javax.imageio stays in this package, next to the reader). */
public final class PngWriter {
    private static final String PNG_METADATA = "javax_imageio_png_1.0";

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

    /** The PNG bytes of an image (e.g. to embed in an HTML page as a data: URI). */
    public static byte[] encode(RgbImage img) throws IOException {
        BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
        b.setRGB(0, 0, img.width(), img.height(), img.rgb(), 0, img.width());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(b, "png", out)) {
            throw new IOException("no PNG writer available");
        }
        return out.toByteArray();
    }

    /**
     * Writes a 16-bit greyscale PNG (e.g. depth in millimetres) atomically, with {@code text} as tEXt
     * chunks (keyword → value, Latin-1; say there what a grey level means).
     *
     * @param values {@code width × height} unsigned 16-bit samples, row-major (read with {@code & 0xFFFF})
     */
    public static void writeGray16(short[] values, int width, int height, Map<String, String> text, Path file)
            throws IOException {
        if (width < 1 || height < 1 || values.length != (long) width * height) {
            throw new IllegalArgumentException(file + ": " + values.length + " samples for a " + width + "×" + height
                    + " PNG");
        }
        BufferedImage b = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        short[] data = ((DataBufferUShort) b.getRaster().getDataBuffer()).getData();
        System.arraycopy(values, 0, data, 0, values.length);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("no PNG writer available for " + file);
        }
        ImageWriter writer = writers.next();
        try {
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(b), null);
            if (text != null && !text.isEmpty()) {
                IIOMetadataNode chunk = new IIOMetadataNode("tEXt");
                text.forEach((k, v) -> {
                    IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
                    entry.setAttribute("keyword", k);
                    entry.setAttribute("value", v);
                    chunk.appendChild(entry);
                });
                IIOMetadataNode root = new IIOMetadataNode(PNG_METADATA);
                root.appendChild(chunk);
                try {
                    meta.mergeTree(PNG_METADATA, root);
                } catch (IIOInvalidTreeException e) {
                    throw new IOException(file + ": bad PNG text " + text.keySet() + ": " + e.getMessage(), e);
                }
            }
            AtomicFiles.write(file, out -> {
                try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                    writer.setOutput(ios);
                    writer.write(null, new IIOImage(b, null, meta), null);
                }
            });
        } finally {
            writer.dispose();
        }
    }

    /** Writes a 16-bit single-channel (grey) PNG of the values as stored, atomically (no text chunks). */
    public static void write(Gray16Image img, Path file) throws IOException {
        int[] v = img.values();
        short[] samples = new short[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0 || v[i] > 0xFFFF) {
                throw new IllegalArgumentException("16-bit PNG value out of range 0..65535: " + v[i] + " for " + file);
            }
            samples[i] = (short) v[i];
        }
        writeGray16(samples, img.width(), img.height(), null, file);
    }
}
