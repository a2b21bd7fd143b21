package org.attentionworkbench.compute.models.catalog;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** Where downloaded, imported and generated models live: {@code <cache>/models/<id>/}. */
public final class ModelCache {
    /** System property that overrides the cache folder (tests, portable installs). */
    public static final String PROPERTY = "workbench.cache.dir";
    public static final String CARD = "card.json";
    private static final Pattern UNSAFE = Pattern.compile("[^a-z0-9._-]+");

    private ModelCache() {}

    /** workbench.cache.dir, else $XDG_CACHE_HOME/attention-workbench, else ~/.cache/attention-workbench. */
    public static Path defaultDir() {
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "attention-workbench");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "attention-workbench");
    }

    public static Path modelsDir(Path cacheDir) {
        return cacheDir.resolve("models");
    }

    /** The folder of one installed model. */
    public static Path modelDir(Path cacheDir, String id) {
        return modelsDir(cacheDir).resolve(safeId(id));
    }

    /** Lower case letters, digits, dot, dash and underscore only: an id that is always a safe folder name. */
    public static String safeId(String raw) {
        String s = UNSAFE.matcher(raw.toLowerCase(Locale.ROOT)).replaceAll("-").replaceAll("^[-.]+|[-.]+$", "");
        return s.isEmpty() ? "model" : s;
    }
}
