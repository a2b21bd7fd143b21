package org.attentionworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.attentionworkbench.compute.models.catalog.ModelCache;
import org.attentionworkbench.compute.models.catalog.ModelCatalog;
import org.attentionworkbench.compute.models.catalog.ModelDownloader;

/**
 * Resolves a depth {@code --model}: a checkpoint file or folder, or the id of a depth model of the
 * catalog ({@link ModelCatalog#depthEntries()}) installed in the user's cache (its folder holds the
 * HF files, which {@code DepthModels.open} reads).
 */
final class DepthModelLocator {
    private DepthModelLocator() {}

    static Path resolve(String model) throws UsageException {
        Path p = Path.of(model);
        if (Files.exists(p)) {
            return p;
        }
        Path cache = ModelCache.defaultDir();
        ModelCatalog catalog = ModelCatalog.builtIn();
        for (ModelCatalog.Entry e : catalog.depthEntries()) {
            if (e.id.equals(model)) {
                Path dir = ModelCache.modelDir(cache, e.id);
                if (ModelDownloader.isInstalled(cache, e) || Files.isRegularFile(dir.resolve("model.safetensors"))) {
                    return dir;
                }
                throw new UsageException("--model " + model + ": the catalog's " + e.name + " is not installed in "
                        + dir + "; run 'workbench models download " + e.id + "' (or download "
                        + e.files.stream().map(f -> f.url).collect(Collectors.joining(", "))
                        + " into that folder), or pass the path of a checkpoint");
            }
        }
        throw new UsageException("--model " + model + ": no such file or folder, and not a depth model of the catalog ("
                + catalog.depthEntries().stream().map(e -> e.id).collect(Collectors.joining(", ")) + ")");
    }
}
