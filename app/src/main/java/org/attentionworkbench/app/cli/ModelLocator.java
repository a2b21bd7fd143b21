package org.attentionworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves {@code --model}: a checkpoint file, a model card (.json), or a catalog name — a card in
 * samples/models of the installation ({@code workbench.home}), e.g. {@code vit4mnist}.
 */
final class ModelLocator {
    private ModelLocator() {}

    static Path resolve(String model) throws UsageException {
        Path p = Path.of(model);
        if (Files.exists(p)) {
            return p;
        }
        Path catalog = Path.of(System.getProperty("workbench.home", ".")).resolve("samples").resolve("models");
        Path card = catalog.resolve(model + ".json");
        if (Files.isRegularFile(card)) {
            return card;
        }
        throw new UsageException("--model " + model + ": no such file, and no catalog card " + card);
    }
}
