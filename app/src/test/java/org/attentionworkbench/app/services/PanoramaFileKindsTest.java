package org.attentionworkbench.app.services;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionworkbench.compute.image.PngWriter;
import org.attentionworkbench.compute.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Panoramas go to the 360° page: GPano JPEGs, and large exactly-2:1 images; other images stay images. */
class PanoramaFileKindsTest {

    @Test
    void largeTwoToOneImagesArePanoramas(@TempDir Path dir) throws Exception {
        Path wide = dir.resolve("pano.png");
        PngWriter.write(new RgbImage(2048, 1024, new int[2048 * 1024]), wide);
        assertArrayEquals(new int[] {2048, 1024}, ImageHeader.size(wide));
        assertTrue(FileKinds.isPanorama(wide));
        Path small = dir.resolve("small.png");
        PngWriter.write(new RgbImage(1000, 500, new int[1000 * 500]), small);
        assertFalse(FileKinds.isPanorama(small), "small 2:1 images stay ordinary images");
        Path square = dir.resolve("square.png");
        PngWriter.write(new RgbImage(2048, 2048, new int[2048 * 2048]), square);
        assertFalse(FileKinds.isPanorama(square));
        assertFalse(FileKinds.isPointCloud(wide));
    }

    @Test
    void jpegHeadersAndGPano(@TempDir Path dir) throws Exception {
        // SOI, APP1 XMP with GPano, SOF0 4096×2048 (a header only: routing never decodes)
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        byte[] xmp = ("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta GPano:ProjectionType=\"equirectangular\" "
                + "GPano:FullPanoWidthPixels=\"300\"/>").getBytes(StandardCharsets.ISO_8859_1);
        segment(out, 0xE1, xmp);
        segment(out, 0xC0, new byte[] {8, 0x08, 0x00, 0x10, 0x00, 3});
        Path gpano = dir.resolve("g.jpg");
        Files.write(gpano, out.toByteArray());
        assertArrayEquals(new int[] {4096, 2048}, ImageHeader.size(gpano));
        assertTrue(FileKinds.isPanorama(gpano));
        Path junk = dir.resolve("junk.jpg");
        Files.write(junk, new byte[] {1, 2, 3});
        assertNull(ImageHeader.size(junk));
        assertFalse(FileKinds.isPanorama(junk));
        assertFalse(FileKinds.isPanorama(dir.resolve("missing.jpg")));
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] data) {
        out.write(0xFF);
        out.write(marker);
        out.write((data.length + 2) >> 8);
        out.write((data.length + 2) & 255);
        out.writeBytes(data);
    }
}
