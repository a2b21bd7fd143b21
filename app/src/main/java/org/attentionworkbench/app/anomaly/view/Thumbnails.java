package org.attentionworkbench.app.anomaly.view;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import org.attentionworkbench.app.services.ImageLoader;

/**
 * Small images for the queue and the prompt strip, decoded by the workbench's one decoder (so a
 * rotated or CMYK JPEG looks as the scorer sees it) on a background thread, the last few hundred kept.
 * Used on the FX thread only.
 */
final class Thumbnails {
    private static final int KEEP = 400;
    /** One decoder thread for every thumbnail: full-size decodes one at a time, off the FX thread. */
    private static final Executor DECODER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "anomaly-thumbnails");
        t.setDaemon(true);
        return t;
    });
    /** The file an image view is to show, in its properties: a reused queue cell ignores a late load. */
    private static final Object WANTS = new Object();

    private final int size;
    private final Executor decoder;
    /** Empty for a file that could not be read (shown blank, not retried while kept). */
    private final Map<Path, Optional<Image>> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Optional<Image>> eldest) {
            return size() > KEEP;
        }
    };
    /** Files being decoded and the views waiting for them. */
    private final Map<Path, List<ImageView>> pending = new HashMap<>();

    Thumbnails(int size) {
        this(size, DECODER);
    }

    Thumbnails(int size, Executor decoder) {
        this.size = size;
        this.decoder = decoder;
    }

    /** Shows {@code file}'s thumbnail in {@code view}: at once when kept, else when decoded; null clears it. */
    void show(Path file, ImageView view) {
        view.getProperties().put(WANTS, file);
        Optional<Image> kept = file == null ? Optional.empty() : cache.get(file);
        if (file == null || kept != null) {
            view.setImage(kept == null ? null : kept.orElse(null));
            return;
        }
        view.setImage(null);
        List<ImageView> waiting = pending.get(file);
        if (waiting != null) {
            waiting.add(view);
            return;
        }
        pending.put(file, new ArrayList<>(List.of(view)));
        decoder.execute(() -> {
            Image thumb;
            try {
                thumb = ImageLoader.thumbnail(file, size);
            } catch (RuntimeException e) {
                thumb = null; // shown blank; never left pending
            }
            Image done = thumb;
            Platform.runLater(() -> {
                cache.put(file, Optional.ofNullable(done));
                for (ImageView v : pending.remove(file)) {
                    if (file.equals(v.getProperties().get(WANTS))) {
                        v.setImage(done);
                    }
                }
            });
        });
    }
}
