package org.attentionworkbench.compute.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadGray16Test {
    @TempDir
    Path tmp;

    @Test
    void sixteenBitValuesComeBackAsStored() throws Exception {
        int[] values = {0, 1, 255, 256, 1000, 65535};
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSamples(0, 0, 3, 2, 0, values);
        Path f = tmp.resolve("depth.png");
        ImageIO.write(img, "png", f.toFile());
        Gray16Image g = ImageFiles.readGray16(f);
        assertEquals(3, g.width());
        assertEquals(2, g.height());
        assertArrayEquals(values, g.values());
        assertEquals(65535, g.value(2, 1));
    }

    @Test
    void eightBitAndColourImagesAreRefusedByName() throws Exception {
        Path grey8 = tmp.resolve("grey8.png");
        ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY), "png", grey8.toFile());
        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.readGray16(grey8));
        assertTrue(e.getMessage().startsWith(grey8 + ": not a 16-bit grey image (PNG with 1 channel(s) of 8 bits)"),
                e.getMessage());
        assertEquals(ImageFileException.Kind.NOT_AN_IMAGE, e.kind());

        Path colour = tmp.resolve("colour.png");
        ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "png", colour.toFile());
        assertThrows(ImageFileException.class, () -> ImageFiles.readGray16(colour));

        Path text = tmp.resolve("notes.png");
        Files.writeString(text, "not an image");
        assertEquals(ImageFileException.Kind.NOT_AN_IMAGE,
                assertThrows(ImageFileException.class, () -> ImageFiles.readGray16(text)).kind());
        assertEquals(ImageFileException.Kind.NOT_READABLE,
                assertThrows(ImageFileException.class, () -> ImageFiles.readGray16(tmp.resolve("none.png"))).kind());
    }
}
