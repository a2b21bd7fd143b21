package org.attentionworkbench.app.colorize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.colorize.Hint;
import org.attentionworkbench.compute.colorize.HintSampler;
import org.attentionworkbench.compute.colorize.LabImage;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.Preprocess;
import org.attentionworkbench.compute.image.RgbImage;

/**
 * What the user waits for: one hint moved on the FX thread (a committed drag, an undoable command)
 * → request → live lane → colorize at full resolution + pixels + PSNR → result applied on the FX
 * thread and written into the JavaFX image the canvas draws. 512² with 10 hints (attention, host
 * incremental), then a 2048² image (preview first, full resolution behind it). Median and best of
 * many rounds after a warm-up (the machine is shared).
 *
 * <p>Run (after {@code mvn -B -q -o -pl compute,viewers,samples,app -am test-compile} and
 * {@code mvn -B -q -o -pl app dependency:build-classpath -Dmdep.outputFile=cp.txt}):
 * {@code java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -cp
 * app/target/test-classes:app/target/classes:$(cat app/cp.txt) org.attentionworkbench.app.colorize.LiveUpdateBenchmark [IMAGE]}
 */
public final class LiveUpdateBenchmark {
    private static final int WARMUP = 30, ROUNDS = 60;

    private LiveUpdateBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "../shared/data/photos/skimage/astronaut.png");
        RgbImage photo = ImageFiles.read(file);
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        Path config = Files.createTempDirectory("colorize-bench");
        Workbench wb = onFx(() -> new Workbench(new SettingsStore(config)));
        for (String method : List.of("attention", "levin")) {
            run(wb, method, Preprocess.resize(photo, 512, 512), method.equals("levin") ? 3 : WARMUP,
                    method.equals("levin") ? 5 : ROUNDS);
        }
        run(wb, "attention", Preprocess.resize(photo, 2048, 2048), 5, 10);
        Platform.exit();
        System.exit(0);
    }

    private static void run(Workbench wb, String method, RgbImage rgb, int warmup, int rounds) throws Exception {
        ColorizeModel model = new ColorizeModel();
        ColorizeController c = onFx(() -> new ColorizeController(wb, model));
        PreparedImage img = PreparedImage.of(rgb, "bench", "bench.png");
        List<Hint> start = HintSampler.sample(LabImage.fromRgb(rgb), 10, 1234, "bench");
        AtomicReference<WritableImage> shown = new AtomicReference<>();
        // what the canvas does with each result: its pixels into the displayed image
        AtomicReference<CountDownLatch> preview = new AtomicReference<>(), full = new AtomicReference<>();
        // a round ends with the result of its own edit, not a late one of the set-up
        AtomicReference<List<Hint>> expected = new AtomicReference<>(List.of());
        AtomicReference<Long> previewAt = new AtomicReference<>(), fullAt = new AtomicReference<>();
        onFx(() -> {
            model.methodProperty().set(method);
            model.resultProperty().addListener((obs, o, r) -> {
                if (r == null || !r.request().hints().equals(expected.get())) {
                    return;
                }
                WritableImage wi = shown.get() != null && shown.get().getWidth() == r.width()
                        && shown.get().getHeight() == r.height() ? shown.get() : new WritableImage(r.width(), r.height());
                wi.getPixelWriter().setPixels(0, 0, r.width(), r.height(), PixelFormat.getIntArgbInstance(), r.argb(), 0,
                        r.width());
                shown.set(wi);
                if (r.preview()) {
                    previewAt.set(System.nanoTime());
                    preview.get().countDown();
                } else {
                    fullAt.set(System.nanoTime());
                    preview.get().countDown();
                    full.get().countDown();
                }
            });
            c.applyImage(img);
            for (Hint h : start) {
                c.addHint(h.x(), h.y(), h.a(), h.b(), h.size());
            }
            return null;
        });
        List<Double> firstMs = new ArrayList<>(), fullMs = new ArrayList<>();
        int id = start.get(0).id();
        for (int r = 0; r < warmup + rounds; r++) {
            preview.set(new CountDownLatch(1));
            full.set(new CountDownLatch(1));
            long[] t0 = new long[1];
            onFx(() -> {
                Hint h = model.hints().stream().filter(x -> x.id() == id).findFirst().orElseThrow();
                t0[0] = System.nanoTime();
                c.endDrag(id, (h.x() + 37) % rgb.width(), (h.y() + 23) % rgb.height());
                expected.set(List.copyOf(model.hints()));
                return null;
            });
            if (!full.get().await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no result");
            }
            if (r >= warmup) {
                Long p = previewAt.get();
                firstMs.add(((img.large() ? p : fullAt.get()) - t0[0]) / 1e6);
                fullMs.add((fullAt.get() - t0[0]) / 1e6);
            }
            previewAt.set(null);
        }
        double[] f = sorted(firstMs), g = sorted(fullMs);
        System.out.printf(Locale.ROOT, "%-9s %4dx%-4d 10 hints, one moved: first result on screen median %6.1f ms, best %6.1f;"
                        + " full resolution median %7.1f ms, best %7.1f  (%d rounds)%n", method, rgb.width(), rgb.height(),
                f[f.length / 2], f[0], g[g.length / 2], g[0], g.length);
        onFx(() -> {
            c.close();
            return null;
        });
    }

    private static double[] sorted(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private interface FxCall<T> {
        T call() throws Exception;
    }

    private static <T> T onFx(FxCall<T> call) throws Exception {
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Exception> err = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                out.set(call.call());
            } catch (Exception e) {
                err.set(e);
            } finally {
                done.countDown();
            }
        });
        done.await();
        if (err.get() != null) {
            throw err.get();
        }
        return out.get();
    }
}
