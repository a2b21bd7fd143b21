package org.attentionworkbench.compute.models.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.attentionworkbench.compute.models.ModelCard;

/** The image models in the cache: downloaded catalog entries, imports and the generated sample. */
public final class InstalledModels {
    /** Where an installed model came from. */
    public enum Origin { CATALOG, IMPORT, SAMPLE }

    /** One installed model; {@code checksumVerified} is true only for a full published-checksum match. */
    public record Installed(String id, Path cardFile, ModelCard card, Origin origin, boolean checksumVerified) {
        public boolean trained() {
            return card.trained;
        }
    }

    /** The models found, and the folders that could not be read (with why). */
    public record Listing(List<Installed> models, List<String> problems) {
        /** True when at least one real (trained) image model is installed. */
        public boolean hasTrainedModel() {
            return models.stream().anyMatch(Installed::trained);
        }
    }

    private InstalledModels() {}

    /** Scans {@code <cache>/models/<id>/card.json}; unreadable cards are reported, not thrown. */
    public static Listing list(Path cacheDir) {
        Path root = ModelCache.modelsDir(cacheDir);
        List<Installed> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return new Listing(List.of(), List.of());
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted(Comparator.comparing(Path::toString)).toList()) {
                Path cardFile = dir.resolve(ModelCache.CARD);
                if (!Files.isRegularFile(cardFile)) {
                    continue; // a download in progress or abandoned: no card yet
                }
                try {
                    ModelCard card = ModelCard.read(cardFile);
                    if (!"vit".equals(card.architecture)) {
                        continue;
                    }
                    if (!Files.isRegularFile(card.resolve(card.checkpoint))) {
                        problems.add(cardFile + ": checkpoint missing: " + card.resolve(card.checkpoint));
                        continue;
                    }
                    InstallRecord rec = InstallRecord.read(dir);
                    Origin origin = !card.trained ? Origin.SAMPLE
                            : rec != null && "catalog".equals(rec.origin) ? Origin.CATALOG : Origin.IMPORT;
                    found.add(new Installed(dir.getFileName().toString(), cardFile, card, origin,
                            rec != null && rec.fullyVerified()));
                } catch (IOException e) {
                    problems.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            problems.add(root + ": cannot list: " + e.getMessage());
        }
        return new Listing(List.copyOf(found), List.copyOf(problems));
    }
}
