package org.attentionworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionworkbench.compute.models.catalog.ModelCache;

/**
 * Resolves {@code --model}: a checkpoint file, a model card (.json), or a name — a model installed
 * in the user's cache by the model manager (e.g. {@code dino-vits16}), or a card in samples/models of
 * the installation ({@code workbench.home}, e.g. {@code vit4mnist}).
 */
final class ModelLocator {
    private ModelLocator() {}

    static Path resolve(String model) throws UsageException {
        Path p = Path.of(model);
        if (Files.exists(p)) {
            return p;
        }
        Path installed = ModelCache.modelDir(ModelCache.defaultDir(), model).resolve(ModelCache.CARD);
        if (Files.isRegularFile(installed)) {
            return installed;
        }
        Path catalog = Path.of(System.getProperty("workbench.home", ".")).resolve("samples").resolve("models");
        Path card = catalog.resolve(model + ".json");
        if (Files.isRegularFile(card)) {
            return card;
        }
        throw new UsageException("--model " + model + ": no such file, no installed model " + installed
                + " (install it from the GUI's Models dialog) and no card " + card);
    }
}
