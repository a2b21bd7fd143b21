package org.attentionworkbench.app.colorize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.attentionworkbench.app.colorize.view.ColorizeWorkspace;
import org.attentionworkbench.app.colorize.view.HintCanvas;
import org.attentionworkbench.app.layout.MainWindow;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.colorize.Hint;
import org.attentionworkbench.compute.colorize.HintFiles;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.image.RgbImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Colorize page driven as a user would, headless (Monocle), on the Java device: the sample
 * colour photo (chelsea, 451×300) opens stripped to grey with its colours as the ground truth.
 */
@ExtendWith(ApplicationExtension.class)
class ColorizeWorkspaceTest {
    private static final AtomicInteger RUN = new AtomicInteger();
    /** A saturated green: far from the cat's browns and from grey. */
    private static final AbColour GREEN = new AbColour(-45f, 40f);

    @TempDir
    static Path temp;

    private Workbench workbench;
    private MainWindow window;
    private ColorizeWorkspace page;

    @BeforeAll
    static void javaDevice() {
        System.setProperty(Devices.PROPERTY, "java");
    }

    @AfterAll
    static void clear() {
        System.clearProperty(Devices.PROPERTY);
    }

    @Start
    void start(Stage stage) {
        int run = RUN.incrementAndGet();
        workbench = new Workbench(new SettingsStore(temp.resolve("config-" + run)));
        window = new MainWindow(workbench, stage);
        window.show();
        workbench.startUp();
        assertTrue(window.showPage(ColorizeWorkspace.ID));
        page = (ColorizeWorkspace) window.activeWorkspace();
    }

    @Stop
    void stop() {
        page.close();
        workbench.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private ColorizeModel model() {
        return page.model();
    }

    /** Waits for a full-resolution result made from {@code hints} hints, newer than {@code after}. */
    private ColorizeResult awaitResult(ColorizeResult after, int hints) throws Exception {
        waitUntil(() -> {
            ColorizeResult r = model().getResult();
            return r != null && r != after && !r.preview() && r.request().hints().size() == hints
                    && r.request().hints().equals(model().hints());
        });
        return model().getResult();
    }

    @Test
    void clickHintUndoRedoDragWheelAndExport(FxRobot robot) throws Exception {
        // the sample photo: stripped to grey, its colours kept as the ground truth, a grey result
        waitUntil(() -> model().getImage() != null);
        PreparedImage img = model().getImage();
        assertEquals(451, img.width());
        assertEquals(300, img.height());
        assertTrue(img.hasTruth());
        ColorizeResult none = awaitResult(null, 0);
        int x = 120, y = 200;
        AbColour before = none.abAt(x, y);
        assertTrue(Math.hypot(before.a(), before.b()) < 1, "no hints: no colour");
        assertTrue(robot.lookup(n -> n instanceof Label l && l.getText() != null
                && l.getText().startsWith("Ground truth")).tryQuery().isPresent());

        // choose a colour (the picker's model) and a size, click the input: the result turns green there
        robot.interact(() -> {
            model().colourProperty().set(GREEN);
            model().hintSizeProperty().set(5);
        });
        HintCanvas canvas = page.canvas();
        Point2D at = canvas.localToScreen(canvas.viewPoint(HintCanvas.Kind.INPUT, x, y));
        robot.clickOn(at, MouseButton.PRIMARY);
        ColorizeResult one = awaitResult(none, 1);
        Hint hint = model().hints().get(0);
        assertEquals(x, hint.x(), 3, "where the click landed (screen pixels are rounded)");
        assertEquals(y, hint.y(), 3);
        assertEquals(5, hint.size());
        assertEquals(hint.id(), model().selectedProperty().get());
        AbColour after = one.abAt(x, y);
        assertTrue(after.a() < -25 && after.b() > 20, "the hinted pixel takes the hint's colour: " + after);
        AbColour near = one.abAt(x + 6, y - 6);
        assertTrue(near.a() < -10 && near.b() > 8, "and so does its neighbourhood: " + near);
        assertTrue(Double.isFinite(one.psnr()), "PSNR against the ground truth");
        assertFalse(model().suggested().isEmpty(), "suggested colours from the result");
        assertTrue(model().recent().get(0).near(GREEN));

        // Ctrl+Z: back to the grey result; Ctrl+Y: the green again
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        ColorizeResult undone = awaitResult(one, 0);
        assertArrayEquals(none.argb(), undone.argb(), "undo restores the previous result");
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        ColorizeResult redone = awaitResult(undone, 1);
        assertTrue(maxChannelDiff(one.argb(), redone.argb()) <= 1, "redo brings the same result back");

        // drag the hint: one move, one undo step
        Point2D to = canvas.localToScreen(canvas.viewPoint(HintCanvas.Kind.INPUT, x + 60, y - 40));
        robot.drag(at, MouseButton.PRIMARY).dropTo(to);
        waitUntil(() -> model().hints().get(0).x() > x + 40);
        awaitResult(redone, 1);
        assertTrue(model().getResult().abAt(x + 60, y - 40).a() < -25);
        robot.interact(() -> assertTrue(page.controller().undo()));
        waitUntil(() -> model().hints().get(0).x() == hint.x());

        // the wheel over the hint resizes it
        robot.moveTo(at).scroll(2, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotEquals(5, model().hints().get(0).size(), "wheel resizes the hint under the pointer");

        // export: a PNG of the input's size and a hints file that loads back
        ColorizeResult last = awaitResult(null, 1);
        Path png = temp.resolve("out/chelsea-colorized.png");
        Path json = temp.resolve("out/chelsea-hints.json");
        AtomicReference<Path> written = new AtomicReference<>();
        robot.interact(() -> {
            try {
                page.export(png, json, written::set);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        waitUntil(() -> written.get() != null);
        BufferedImage out = ImageIO.read(png.toFile());
        assertEquals(451, out.getWidth());
        assertEquals(300, out.getHeight());
        assertEquals(last.argb()[y * 451 + x] & 0xFFFFFF, out.getRGB(x, y) & 0xFFFFFF);
        HintFiles.Loaded loaded = HintFiles.load(json);
        assertEquals(451, loaded.width());
        assertEquals(model().hints(), loaded.hints());

        // right-click deletes; loading the file brings the hint back
        robot.clickOn(at, MouseButton.SECONDARY);
        waitUntil(() -> model().hints().isEmpty());
        robot.interact(() -> {
            try {
                page.controller().loadHints(json);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(loaded.hints(), model().hints());
        assertTrue(Files.size(png) > 1000);
    }

    /**
     * Loading hints reads them as the CLI does (HintFiles.load with the image's size): scaled from the
     * file's image size, out-of-gamut colours moved onto sRGB and said so in the status line, and a hint
     * outside the image of a file without a size refused.
     */
    @Test
    void loadedHintsAreReadAsTheCliReadsThem(FxRobot robot) throws Exception {
        waitUntil(() -> model().getImage() != null);
        awaitResult(null, 0);
        Path json = temp.resolve("double-size-hints.json");
        Files.writeString(json, "{\"format\": \"" + HintFiles.FORMAT + "\", \"version\": 1, \"width\": 902,"
                + " \"height\": 600, \"hints\": [{\"id\": 1, \"x\": 240, \"y\": 400, \"a\": -45, \"b\": 40},"
                + " {\"id\": 2, \"x\": 800, \"y\": 100, \"a\": 120, \"b\": -120}]}");
        HintFiles.Loaded cli = HintFiles.load(json, 451, 300);
        assertEquals(1, cli.clamped(), "the second colour lies outside sRGB");
        robot.interact(() -> {
            try {
                page.controller().loadHints(json);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(cli.hints(), model().hints(), "the same hints as the CLI's");
        assertEquals(120, model().hints().get(0).x());
        assertTrue(model().statusProperty().get().contains("1 of 2 loaded hints moved onto the sRGB gamut"),
                model().statusProperty().get());
        awaitResult(null, 2);
        assertTrue(model().statusProperty().get().contains("1 of 2 loaded hints moved onto the sRGB gamut"),
                "still said with the result: " + model().statusProperty().get());

        Path unsized = temp.resolve("unsized-hints.json");
        Files.writeString(unsized, "{\"format\": \"" + HintFiles.FORMAT + "\", \"version\": 1,"
                + " \"hints\": [{\"id\": 1, \"x\": 600, \"y\": 10, \"a\": 10, \"b\": 10}]}");
        AtomicReference<Exception> refused = new AtomicReference<>();
        robot.interact(() -> {
            try {
                page.controller().loadHints(unsized);
            } catch (Exception e) {
                refused.set(e);
            }
        });
        assertNotNull(refused.get(), "a hint outside the image is refused, as by the CLI");
        assertTrue(refused.get().getMessage().contains("outside the 451×300 image"), refused.get().getMessage());
        assertEquals(cli.hints(), model().hints(), "the hints on screen stay");
    }

    @Test
    void largeImageShowsAPreviewThenFullResolution(FxRobot robot) throws Exception {
        waitUntil(() -> model().getImage() != null);
        int w = 1600, h = 1000;
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            int x = i % w, y = i / w;
            int v = x < w / 2 ? 70 + (y % 97) : 190 - (x % 61); // two regions of different texture
            px[i] = v << 16 | v << 8 | v;
        }
        PreparedImage big = PreparedImage.of(new RgbImage(w, h, px), "synthetic", "synthetic.png");
        assertTrue(big.large());
        assertFalse(big.hasTruth(), "a grey file has no ground truth");
        robot.interact(() -> {
            page.controller().applyImage(big);
            page.controller().addHint(400, 500, GREEN.a(), GREEN.b(), 7);
        });
        AtomicReference<Boolean> sawPreview = new AtomicReference<>(false);
        model().resultProperty().addListener((obs, o, r) -> {
            if (r != null && r.preview()) {
                sawPreview.set(true);
            }
        });
        if (model().getResult() != null && model().getResult().preview()) {
            sawPreview.set(true);
        }
        robot.interact(() -> page.controller().addHint(1200, 500, 40f, 50f, 7));
        ColorizeResult full = awaitResult(null, 2);
        assertTrue(sawPreview.get(), "a preview came first");
        assertEquals(w, full.width());
        assertFalse(model().fullResolutionPendingProperty().get());
        assertTrue(full.abAt(400, 500).a() < -20);
        assertTrue(full.abAt(1200, 500).a() > 20);
    }

    private static int maxChannelDiff(int[] p, int[] q) {
        int m = 0;
        for (int i = 0; i < p.length; i++) {
            for (int s = 0; s <= 16; s += 8) {
                m = Math.max(m, Math.abs(((p[i] >> s) & 0xFF) - ((q[i] >> s) & 0xFF)));
            }
        }
        return m;
    }
}
