package org.attentionworkbench.viewers.heatmap;

import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * Micro benchmark of a hover update: a new 28x28 grid rendered (a) at 1024x1024 on the CPU (what
 * export does and the worst case of "render at display resolution") and (b) as the overlay's
 * texture, 8 px per cell (224x224) plus the pixel upload into the reused WritableImage, which is
 * what {@link HeatmapOverlaySkin} does per hover. Best of N after warm-up, in microseconds.
 *
 * <p>Run: see the report (exec with the test classpath).
 */
public final class HeatmapRenderBenchmark {
    private static final int GRID = 28;
    private static final int OUT = 1024;

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        float[] grid = new float[GRID * GRID];
        Random r = new Random(1);
        for (int i = 0; i < grid.length; i++) {
            grid[i] = r.nextFloat();
        }
        int[] out = new int[OUT * OUT];
        for (Interpolation interp : Interpolation.values()) {
            HeatmapStyle style = new HeatmapStyle(Colormap.VIRIDIS, null, 0.6, interp);
            long best = bestOf(reps, () -> HeatmapRenderer.renderInto(out, grid, GRID, GRID, style, OUT, OUT));
            System.out.printf(Locale.ROOT, "render %dx%d -> %dx%d %-8s best %8.1f us%n", GRID, GRID, OUT, OUT, interp, best / 1e3);
        }
        // The overlay's own path needs the FX toolkit for the WritableImage.
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        int k = HeatmapOverlaySkin.BILINEAR_CELL_PIXELS;
        int tw = GRID * k;
        int[] texels = new int[tw * tw];
        WritableImage texture = new WritableImage(tw, tw);
        HeatmapStyle style = new HeatmapStyle(Colormap.VIRIDIS, null, 0.6, Interpolation.BILINEAR);
        long best = bestOf(reps, () -> {
            HeatmapRenderer.renderInto(texels, grid, GRID, GRID, style, tw, tw);
            texture.getPixelWriter().setPixels(0, 0, tw, tw, PixelFormat.getIntArgbInstance(), texels, 0, tw);
        });
        System.out.printf(Locale.ROOT, "overlay texture %dx%d -> %dx%d BILINEAR + upload best %8.1f us%n", GRID, GRID, tw, tw, best / 1e3);
        Platform.exit();
    }

    private static long bestOf(int reps, Runnable task) {
        for (int i = 0; i < reps / 4 + 10; i++) {
            task.run();
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            task.run();
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }
}
