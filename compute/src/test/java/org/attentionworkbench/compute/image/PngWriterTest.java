package org.attentionworkbench.compute.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngWriterTest {

    @Test
    void writesLosslessPngAndLeavesNoTempFile(@TempDir Path dir) throws IOException {
        int[] rgb = {0xFF0000, 0x00FF00, 0x0000FF, 0x123456, 0xFFFFFF, 0x000000};
        Path file = dir.resolve("sub/out.png");

        PngWriter.write(new RgbImage(3, 2, rgb), file);

        RgbImage back = ImageFiles.read(file);
        assertEquals(3, back.width());
        assertEquals(2, back.height());
        assertArrayEquals(rgb, back.rgb());
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "only the PNG is left in the folder");
        }
    }

    @Test
    void writesSixteenBitGreyWithTextChunks(@TempDir Path dir) throws IOException {
        short[] v = {0, 1, (short) 40000, (short) 65535, 1234, 300};
        Path file = dir.resolve("depth.png");
        PngWriter.writeGray16(v, 3, 2, java.util.Map.of("DepthUnit", "millimetre"), file);
        java.awt.image.BufferedImage b = javax.imageio.ImageIO.read(file.toFile());
        assertEquals(java.awt.image.BufferedImage.TYPE_USHORT_GRAY, b.getType());
        int[] back = b.getRaster().getSamples(0, 0, 3, 2, 0, (int[]) null);
        assertArrayEquals(new int[] {0, 1, 40000, 65535, 1234, 300}, back);
        String bytes = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        org.junit.jupiter.api.Assertions.assertTrue(bytes.contains("tEXtDepthUnit\0millimetre"), "tEXt chunk");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PngWriter.writeGray16(v, 4, 2, null, file));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("depth.png"), e.getMessage());
    }

    @Test
    void writesSixteenBitGreyThatReadsBackExactly(@TempDir Path dir) throws IOException {
        int[] v = {0, 1, 255, 256, 32768, 65535};
        Path file = dir.resolve("depth.png");
        PngWriter.write(new Gray16Image(3, 2, v), file);
        Gray16Image back = ImageFiles.readGray16(file);
        assertEquals(3, back.width());
        assertArrayEquals(v, back.values());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PngWriter.write(new Gray16Image(1, 1, new int[] {70000}), dir.resolve("bad.png")));
    }
}
