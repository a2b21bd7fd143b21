package org.attentionworkbench.app.anomaly.view;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.image.Image;

/** Small images for the queue and the prompt strip, loaded in the background, the last few hundred kept. */
final class Thumbnails {
    private static final int KEEP = 400;
    private final int size;
    private final Map<Path, Image> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Image> eldest) {
            return size() > KEEP;
        }
    };

    Thumbnails(int size) {
        this.size = size;
    }

    Image get(Path file) {
        return cache.computeIfAbsent(file, f -> new Image(f.toUri().toString(), size, size, true, true, true));
    }
}
