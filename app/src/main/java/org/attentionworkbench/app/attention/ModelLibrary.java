package org.attentionworkbench.app.attention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.attentionworkbench.app.tasks.Work;
import org.attentionworkbench.compute.io.AtomicFiles;
import org.attentionworkbench.compute.models.ModelCard;
import org.attentionworkbench.compute.models.catalog.DownloadException;
import org.attentionworkbench.compute.models.catalog.InstalledModels;
import org.attentionworkbench.compute.models.catalog.ModelCatalog;
import org.attentionworkbench.compute.models.catalog.ModelDownloader;
import org.attentionworkbench.compute.models.catalog.ModelImport;
import org.attentionworkbench.samples.SampleModels;

/**
 * The image models the Attention page can use: what is installed in the user's cache (catalog
 * downloads, imports, the generated untrained sample), the cards shipped in
 * {@code samples/models} whose checkpoint is present (vit4mnist), the catalog to download from,
 * and file import. Blocking calls; run them off the FX thread.
 */
public final class ModelLibrary {
    private final Path cacheDir;
    private final ModelCatalog catalog = ModelCatalog.builtIn();

    public ModelLibrary(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    public Path cacheDir() {
        return cacheDir;
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /**
     * What can be picked.
     *
     * @param choices    installed models first, then the shipped cards, the untrained sample last
     * @param hasTrained whether the cache holds a trained image model (the shipped vit4mnist reads only
     *                   28×28 digits, so it does not count: the page still offers to get a real one)
     * @param preferred  the first trained installed model, else the sample
     */
    public record Models(List<ModelChoice> choices, boolean hasTrained, ModelChoice preferred) {}

    /** Lists the models, generating the untrained sample first if it is not there yet. */
    public Models list() throws IOException {
        SampleModels.ensureSampleVit(cacheDir, AtomicFiles::writeBytes);
        List<ModelChoice> trained = new ArrayList<>();
        List<ModelChoice> untrained = new ArrayList<>();
        InstalledModels.Listing listing = InstalledModels.list(cacheDir);
        for (InstalledModels.Installed m : listing.models()) {
            String name = m.card().name == null ? m.id() : m.card().name;
            ModelChoice c = new ModelChoice(m.id(), name, m.cardFile(), m.trained(),
                    m.origin().name().toLowerCase(Locale.ROOT));
            (c.trained() ? trained : untrained).add(c);
        }
        ModelChoice preferred = !trained.isEmpty() ? trained.get(0) : untrained.isEmpty() ? null : untrained.get(0);
        trained.addAll(bundled());
        List<ModelChoice> all = new ArrayList<>(trained);
        all.addAll(untrained);
        return new Models(List.copyOf(all), listing.hasTrainedModel(), preferred);
    }

    /** Cards in {@code samples/models} of the installation whose checkpoint exists (vit4mnist needs ../shared). */
    static List<ModelChoice> bundled() {
        List<ModelChoice> out = new ArrayList<>();
        for (Path dir : bundledDirs()) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    try {
                        ModelCard card = ModelCard.read(f);
                        if ("vit".equals(card.architecture) && Files.isRegularFile(card.resolve(card.checkpoint))) {
                            String id = f.getFileName().toString().replace(".json", "");
                            out.add(new ModelChoice(id, card.name == null ? id : card.name, f.toAbsolutePath().normalize(),
                                    card.trained, "bundled"));
                        }
                    } catch (IOException e) {
                        // a broken shipped card is not the user's problem: leave it out
                    }
                }
            } catch (IOException e) {
                // unreadable folder: nothing bundled
            }
            if (!out.isEmpty()) {
                break;
            }
        }
        return out;
    }

    private static List<Path> bundledDirs() {
        List<Path> dirs = new ArrayList<>();
        String home = System.getProperty("workbench.home");
        if (home != null) {
            dirs.add(Path.of(home, "samples", "models"));
        }
        dirs.add(Path.of("samples", "models"));
        dirs.add(Path.of("..", "samples", "models")); // tests run inside app/
        return dirs;
    }

    /** Imports a checkpoint (copied into the cache); {@code heads} 0 means "from config.json or width / 64". */
    public ModelChoice importFile(Path file, int heads) throws IOException {
        ModelImport.Imported imp = ModelImport.importFile(cacheDir, file, ModelImport.Mode.COPY, heads, null);
        ModelCard card = ModelCard.read(imp.card());
        return new ModelChoice(imp.id(), card.name == null ? imp.id() : card.name, imp.card(), card.trained, "import");
    }

    /** Downloads a catalog entry with progress and cancel (resumes a partial file). */
    public ModelDownloader.Result download(ModelCatalog.Entry entry, Work.Progress progress) throws DownloadException {
        long total = Math.max(1, entry.totalSize());
        return new ModelDownloader(cacheDir).install(entry, (file, bytes, size) -> {
            progress.message("Downloading " + file + " — " + megabytes(bytes)
                    + (size > 0 ? " of " + megabytes(size) : ""));
            progress.update(bytes, size > 0 ? size : total);
        }, progress::isCancelled);
    }

    public boolean isInstalled(ModelCatalog.Entry entry) {
        return ModelDownloader.isInstalled(cacheDir, entry);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
