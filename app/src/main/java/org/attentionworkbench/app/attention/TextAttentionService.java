package org.attentionworkbench.app.attention;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attentionworkbench.app.tasks.Work;
import org.attentionworkbench.compute.explain.AttentionMaps;
import org.attentionworkbench.compute.explain.HeadStatistics;
import org.attentionworkbench.compute.models.bert.TextAttention;
import org.attentionworkbench.compute.tensor.Device;

/**
 * Text forward passes (all-MiniLM-L6-v2, built in) for the Attention page: one text or a pair in,
 * every layer's attention out, cached per text. Runs on a worker thread.
 */
public final class TextAttentionService implements AutoCloseable {
    private static final int CACHE_ENTRIES = 16;

    private record Key(String text, String second) {}

    private final TextAttention text = new TextAttention();
    private final Map<Key, TextRunResult> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, TextRunResult> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    public synchronized Optional<TextRunResult> cached(String first, String second) {
        return Optional.ofNullable(cache.get(new Key(first, blankToNull(second))));
    }

    public TextRunResult run(String first, String second, Device device, Work.Progress progress) throws IOException {
        String b = blankToNull(second);
        Optional<TextRunResult> hit = cached(first, b);
        if (hit.isPresent()) {
            return hit.get();
        }
        long t0 = System.nanoTime();
        TextAttention.Result r;
        synchronized (DeviceLock.of(device)) {
            // 1. MiniLM onto the device (the first time only), then the pass with every layer captured
            progress.message(text.isLoaded(device) ? "Running MiniLM" : "Loading MiniLM");
            progress.update(0.1, 1);
            r = text.run(device, first, b);
        }
        // 2. maps without a grid, and per-head statistics (distance in token positions)
        progress.update(0.8, 1);
        AttentionMaps maps = new AttentionMaps(r.attention(), r.layers(), r.heads(), r.length(), 0, 0, 0);
        HeadStatistics stats = HeadStatistics.compute(maps, 1.0);
        TextRunResult result = new TextRunResult(first, b, List.copyOf(r.tokens()), r.typeIds(), maps, stats,
                r.embedding(), (System.nanoTime() - t0) / 1_000_000);
        synchronized (this) {
            cache.put(new Key(first, b), result);
        }
        progress.update(1, 1);
        return result;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public void close() {
        text.close();
    }
}
