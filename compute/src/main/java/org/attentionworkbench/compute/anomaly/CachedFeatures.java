package org.attentionworkbench.compute.anomaly;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.tensor.Device;

/**
 * A feature extractor that remembers the features of every image it has seen, keyed by the pixels
 * themselves (so the same file read twice hits, and an edited one does not). For runs that score the same
 * images with many scorers (the anomaly protocol): the features are what the wrapped extractor returns, so
 * no number changes. Memory grows with the images seen: one per feature setting, then {@link #close}.
 */
public final class CachedFeatures implements FeatureExtractor {
    private record Key(int width, int height, int hash, long sum) {}

    private final FeatureExtractor inner;
    private final Map<Key, Entry> cache = new HashMap<>();
    private int hits;

    private record Entry(int[] rgb, PatchFeatures features) {}

    public CachedFeatures(FeatureExtractor inner) {
        this.inner = inner;
    }

    @Override
    public PatchFeatures extract(RgbImage image) {
        int[] rgb = image.rgb();
        long sum = 0;
        for (int i = 0; i < rgb.length; i++) {
            sum = sum * 31 + (rgb[i] ^ i);
        }
        Key key = new Key(image.width(), image.height(), Arrays.hashCode(rgb), sum);
        Entry e = cache.get(key);
        if (e != null && Arrays.equals(e.rgb(), rgb)) {
            hits++;
            return e.features();
        }
        PatchFeatures f = inner.extract(image);
        cache.put(key, new Entry(rgb.clone(), f));
        return f;
    }

    /** Extractions answered from the cache. */
    public int hits() {
        return hits;
    }

    /** Images whose features are kept. */
    public int size() {
        return cache.size();
    }

    @Override
    public int inputSize() {
        return inner.inputSize();
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public Device device() {
        return inner.device();
    }

    @Override
    public void close() {
        cache.clear();
        inner.close();
    }
}
