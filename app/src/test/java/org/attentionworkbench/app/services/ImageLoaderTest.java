package org.attentionworkbench.app.services;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.attentionworkbench.app.tasks.Work;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.samples.RasterImage;
import org.attentionworkbench.samples.Samples;
import org.attentionworkbench.samples.SyntheticImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

class ImageLoaderTest {
    @TempDir
    static Path dir;

    /** Records what the loader reports. */
    static final class Recorder implements Work.Progress {
        final List<Double> fractions = new ArrayList<>();
        @Override public void update(double done, double total) { fractions.add(done / total); }
        @Override public void message(String text) {}
        @Override public boolean isCancelled() { return false; }
    }

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage(); // FX images need the toolkit (Monocle headless in tests)
    }

    private static Path write(String name, RasterImage img, String format) throws Exception {
        Path f = dir.resolve(name);
        var rgb = new java.awt.image.BufferedImage(img.width(), img.height(), java.awt.image.BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, img.width(), img.height(), img.argb(), 0, img.width());
        assertTrue(ImageIO.write(rgb, format, f.toFile()));
        return f;
    }

    private static ImageLoadException fails(Path file) {
        return assertThrows(ImageLoadException.class,
                () -> ImageLoader.load(new ImageSource.FileSource(file), new Recorder()));
    }

    @Test
    void loadsAPngExactlyAndReportsProgress() throws Exception {
        RasterImage src = SyntheticImages.shapes(120, 80, 3, 2, 11).image();
        Path f = write("shapes.png", src, "png");
        Recorder progress = new Recorder();
        LoadedImage img = ImageLoader.load(new ImageSource.FileSource(f), progress);
        assertEquals(120, img.width());
        assertEquals(80, img.height());
        assertEquals("PNG", img.format());
        for (int y = 0; y < 80; y += 7) {
            for (int x = 0; x < 120; x += 5) {
                assertEquals(src.get(x, y), img.argb(x, y), "pixel " + x + "," + y);
            }
        }
        assertTrue(progress.fractions.size() >= 2, "progress reported: " + progress.fractions);
        assertEquals(1.0, progress.fractions.get(progress.fractions.size() - 1), 1e-9);
    }

    @Test
    void loadsABundledSample() throws Exception {
        LoadedImage img = ImageLoader.load(new ImageSource.SampleSource(Samples.firstStart()), new Recorder());
        assertEquals(451, img.width());
        assertEquals("chelsea.png", img.source().displayName());
    }

    @Test
    void truncatedJpegIsRejected() throws Exception {
        Path good = write("noise.jpg", SyntheticImages.valueNoise(256, 256, 16, 3, 3), "jpeg");
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.jpg");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length * 6 / 10));
        ImageLoadException e = fails(cut);
        assertEquals("cut.jpg", e.fileName());
        assertEquals("truncated JPEG (the data ends at byte " + bytes.length * 6 / 10 + ")", e.reason());
    }

    @Test
    void truncatedPngIsRejected() throws Exception {
        Path good = write("noise.png", SyntheticImages.valueNoise(256, 256, 16, 3, 4), "png");
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.png");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(fails(cut).reason().startsWith("truncated PNG"));
    }

    @Test
    void textRenamedPngIsRejected() throws Exception {
        Path f = dir.resolve("notes.png");
        Files.writeString(f, "this is not an image, just text\n".repeat(20));
        ImageLoadException e = fails(f);
        assertEquals("notes.png", e.fileName());
        assertTrue(e.reason().contains("not an image"), e.reason());
    }

    @Test
    void missingEmptyAndFolderAreRejectedWithReasons() throws Exception {
        assertTrue(fails(dir.resolve("nope.png")).reason().contains("no such file"));
        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertTrue(fails(empty).reason().contains("empty"));
        Path folder = Files.createDirectory(dir.resolve("folder.png"));
        assertTrue(fails(folder).reason().contains("folder"));
    }

    /**
     * The GUI and the CLI decode with the same code: for every test image of the decoder (ICC and
     * CMYK JPEGs, EXIF orientations, 16-bit, grey, palette and alpha PNGs, BMP, GIF) the pixels the
     * GUI hands the engine, the pixels it shows and the CLI's {@code ImageFiles.read} are identical.
     */
    @Test
    void guiAndCliGiveIdenticalPixels() throws Exception {
        Path images = Path.of("..", "compute", "src", "test", "resources", "images"); // the decoder's own test set
        assertTrue(Files.isDirectory(images), images.toAbsolutePath().toString());
        List<Path> files;
        try (var list = Files.list(images)) {
            files = list.filter(f -> f.getFileName().toString().matches("(patches|orient).*\\.(png|jpg|bmp|gif)"))
                    .sorted().toList();
        }
        assertTrue(files.size() >= 20, "test images found: " + files);
        for (Path f : files) {
            LoadedImage gui = ImageLoader.load(new ImageSource.FileSource(f), new Recorder());
            RgbImage cli = ImageFiles.read(f);
            RgbImage engine = RgbImages.of(gui);
            assertEquals(cli.width(), gui.width(), f.toString());
            assertEquals(cli.height(), gui.height(), f.toString());
            assertArrayEquals(cli.rgb(), engine.rgb(), f + ": pixels the GUI gives the engine");
            int[] shown = new int[gui.width() * gui.height()];
            gui.image().getPixelReader().getPixels(0, 0, gui.width(), gui.height(),
                    javafx.scene.image.PixelFormat.getIntArgbInstance(), shown, 0, gui.width());
            for (int i = 0; i < shown.length; i++) {
                if (gui.pixels().argb()[i] >>> 24 == 0xFF) { // opaque: shown exactly; else premultiplied by FX
                    assertEquals(cli.rgb()[i], shown[i] & 0xFFFFFF, f + ": shown pixel " + i);
                }
            }
        }
    }
}
