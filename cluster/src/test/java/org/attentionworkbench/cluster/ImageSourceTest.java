package org.attentionworkbench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.attentionworkbench.compute.image.ImageFileException;
import org.attentionworkbench.compute.image.PngWriter;
import org.attentionworkbench.compute.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading images through Hadoop's FileSystem (the local one here): listing, names, errors. */
class ImageSourceTest {
    private final Configuration conf = new Configuration();

    @Test
    void aFolderListsItsImagesRecursivelyWithoutMasks(@TempDir Path dir) throws IOException {
        RgbImage img = new RgbImage(4, 3, new int[12]);
        for (String f : List.of("b/x.png", "a.png", "a_mask.png", "ground_truth/d/y.png", ".hidden.png")) {
            Files.createDirectories(dir.resolve(f).getParent());
            PngWriter.write(img, dir.resolve(f));
        }
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        ImageSource.Listing l = ImageSource.listFolder(dir.toString(), conf);
        assertEquals(List.of("a.png", "b/x.png"), l.files().stream()
                .map(f -> f.substring(l.root().length() + 1)).toList());
        assertEquals("b/x.png.png", ImageSource.heatmapName(l.root(), l.files().get(1)));
        RgbImage back = ImageSource.read(l.files().get(0), conf);
        assertEquals(4, back.width());
        assertEquals(3, back.height());
    }

    @Test
    void listedPathsNameTheirHeatmapsByHostAndPath() {
        assertEquals("nn_8020/plant/a.jpg.png", ImageSource.heatmapName(null, "hdfs://nn:8020/plant/a.jpg"));
        // Hadoop's Path resolves "..": the name never leaves heatmaps/
        assertEquals("bucket/b.jpg.png", ImageSource.heatmapName(null, "s3a://bucket/x/../b.jpg"));
        assertEquals("tmp/c.png.png", ImageSource.heatmapName(null, "/tmp/c.png"));
    }

    @Test
    void unreadableFilesGiveErrorsNamingThem(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("gone.jpg");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> ImageSource.read(missing.toString(), conf));
        assertEquals(missing.toString(), e.getFile());
        Path junk = dir.resolve("junk.jpg");
        Files.write(junk, new byte[] {1, 2, 3, 4});
        ImageFileException bad = assertThrows(ImageFileException.class, () -> ImageSource.read(junk.toString(), conf));
        assertTrue(bad.getMessage().contains(junk.toString()), bad.getMessage());
        IOException folder = assertThrows(IOException.class, () -> ImageSource.read(dir.toString(), conf));
        assertTrue(folder.getMessage().contains("a folder"), folder.getMessage());
        assertFalse(ImageSource.isImage("x/ground_truth/y.png"));
    }
}
