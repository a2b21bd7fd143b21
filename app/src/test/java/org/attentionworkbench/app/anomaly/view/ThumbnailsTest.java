package org.attentionworkbench.app.anomaly.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javax.imageio.ImageIO;
import org.attentionworkbench.app.services.ImageLoader;
import org.attentionworkbench.compute.image.DecodedImage;
import org.attentionworkbench.compute.image.ImageFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The queue's thumbnails come from the one decoder (a rotated or CMYK JPEG looks as the scorer sees
 * it), decoded off the FX thread, and a reused cell shows the file it was last given.
 */
class ThumbnailsTest {
    /** The decoder's own test images: a 4 × 2 grid of 16-pixel colour patches (64 × 32 upright). */
    private static final Path IMAGES = Path.of("..", "compute", "src", "test", "resources", "images");

    @TempDir
    static Path dir;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static int[] pixels(Image img) {
        int w = (int) img.getWidth(), h = (int) img.getHeight();
        int[] out = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), out, 0, w);
        return out;
    }

    /** Every EXIF orientation and the CMYK JPEG: upright, 40 × 20, the decoder's colours averaged. */
    @Test
    void rotatedAndCmykJpegsAreShownAsTheScorerSeesThem() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int o = 1; o <= 8; o++) {
            files.add(IMAGES.resolve("orient-" + o + ".jpg"));
        }
        files.add(IMAGES.resolve("patches-cmyk.jpg"));
        files.add(IMAGES.resolve("patches-adobergb.jpg"));
        for (Path f : files) {
            Image thumb = ImageLoader.thumbnail(f, 40);
            assertEquals(40, thumb.getWidth(), f.toString());
            assertEquals(20, thumb.getHeight(), f + ": upright, as the scorer sees it");
            DecodedImage full = ImageFiles.decode(f, ImageFiles.Workload.VIEW, ImageFiles.Progress.NONE);
            int[] shown = pixels(thumb);
            // the middle of each 16-pixel patch (10 thumbnail pixels) is the patch's own colour
            for (int py = 0; py < 2; py++) {
                for (int px = 0; px < 4; px++) {
                    int want = full.argb()[(py * 16 + 8) * 64 + px * 16 + 8];
                    int got = shown[(py * 10 + 5) * 40 + px * 10 + 5];
                    for (int shift = 0; shift <= 16; shift += 8) {
                        assertTrue(Math.abs((want >> shift & 0xFF) - (got >> shift & 0xFF)) <= 8,
                                f + " patch " + px + "," + py + ": " + Integer.toHexString(want) + " vs "
                                        + Integer.toHexString(got));
                    }
                }
            }
        }
        assertNull(ImageLoader.thumbnail(dir.resolve("missing.png"), 40), "unreadable: no thumbnail");
    }

    @Test
    void decodedOffTheFxThreadAndAReusedViewShowsItsLastFile() throws Exception {
        Path tall = dir.resolve("tall.png");
        BufferedImage img = new BufferedImage(30, 60, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(img, "png", tall.toFile());
        // decodes run later, on another thread, the last asked first: the first file's thumbnail lands last
        List<Runnable> tasks = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean onFx = new AtomicBoolean();
        Executor later = tasks::add;
        Thumbnails thumbs = new Thumbnails(40, later);
        ImageView view = new ImageView();
        WaitForAsyncUtils.asyncFx(() -> {
            thumbs.show(IMAGES.resolve("orient-6.jpg"), view); // a queue cell, then reused for another row
            thumbs.show(tall, view);
        }).get(10, TimeUnit.SECONDS);
        assertNull(view.getImage(), "nothing decoded on the FX thread");
        assertEquals(2, tasks.size());
        Thread worker = new Thread(() -> {
            for (int i = tasks.size() - 1; i >= 0; i--) {
                onFx.compareAndSet(false, Platform.isFxApplicationThread());
                tasks.get(i).run();
            }
        });
        worker.start();
        worker.join();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(false, onFx.get());
        Image shown = view.getImage();
        assertEquals(20, shown.getWidth(), "the tall image, not the late landscape one");
        assertEquals(40, shown.getHeight());

        // kept: shown at once, without another decode
        ImageView other = new ImageView();
        WaitForAsyncUtils.asyncFx(() -> thumbs.show(IMAGES.resolve("orient-6.jpg"), other)).get(10, TimeUnit.SECONDS);
        assertEquals(2, tasks.size());
        assertEquals(40, other.getImage().getWidth());
        assertArrayEquals(pixels(ImageLoader.thumbnail(IMAGES.resolve("orient-6.jpg"), 40)), pixels(other.getImage()));
    }
}
