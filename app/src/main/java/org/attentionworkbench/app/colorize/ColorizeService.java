package org.attentionworkbench.app.colorize;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.attentionworkbench.compute.colorize.ColorizationMethod;
import org.attentionworkbench.compute.colorize.ColorizationMethods;
import org.attentionworkbench.compute.colorize.Hint;
import org.attentionworkbench.compute.colorize.LabImage;
import org.attentionworkbench.compute.colorize.Metrics;
import org.attentionworkbench.compute.colorize.ProgressListener;
import org.attentionworkbench.compute.colorize.Settings;
import org.attentionworkbench.compute.image.RgbImage;

/**
 * Runs {@link ColorizeRequest}s: no UI, one instance per worker thread. Keeps one method instance per
 * name so the methods' per-image caches (features, the previous solution) survive from one hint
 * edit to the next; "attention" is the incremental host backend, whose cost per edit does not grow
 * with the number of hints.
 */
public final class ColorizeService implements AutoCloseable {
    private final Map<String, ColorizationMethod> methods = new HashMap<>();
    private final Settings settings;

    public ColorizeService() {
        this(Settings.defaults());
    }

    public ColorizeService(Settings settings) {
        this.settings = settings;
    }

    /** Colorizes on the request's grid, converts to pixels and, at full resolution, scores against the truth. */
    public ColorizeResult run(ColorizeRequest q, BooleanSupplier cancelled) {
        PreparedImage img = q.image();
        boolean full = q.fullResolution() || !img.large();
        LabImage grey = full ? img.grey() : img.previewGrey();
        List<Hint> hints = full ? q.hints() : img.toPreview(q.hints());
        long t0 = System.nanoTime();
        ColorizationMethod.Result r = method(q.method()).colorize(grey, hints, settings, new ProgressListener() {
            @Override
            public void progress(double fraction, String stage) {}

            @Override
            public boolean cancelled() {
                return cancelled.getAsBoolean();
            }
        });
        RgbImage rgb = r.toRgb(grey);
        double psnr = full && img.hasTruth() ? Metrics.psnr(img.truth(), rgb) : Double.NaN;
        int[] argb = PreparedImage.opaque(rgb.rgb());
        double ms = (System.nanoTime() - t0) / 1e6;
        ColorizeRequest asRun = full == q.fullResolution() ? q
                : new ColorizeRequest(q.generation(), img, q.hints(), q.method(), true);
        return new ColorizeResult(asRun, r.width(), r.height(), argb, r.a(), r.b(), psnr, ms, r.stats());
    }

    private ColorizationMethod method(String name) {
        return methods.computeIfAbsent(name, n -> ColorizationMethods.create(n, null));
    }

    @Override
    public void close() {
        methods.values().forEach(ColorizationMethod::close);
        methods.clear();
    }
}
