package org.attentionworkbench.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attentionworkbench.compute.models.catalog.DownloadException;
import org.attentionworkbench.compute.models.catalog.ModelCache;
import org.attentionworkbench.compute.models.catalog.ModelCatalog;
import org.attentionworkbench.compute.models.catalog.ModelDownloader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workbench models list|download ID}: the model catalog from the command line, as the GUI's Models
 * dialog offers it (image and depth models; download with resume and checksum check into the model cache).
 */
@Command(name = "models", description = {"The model catalog: list it, download a model into the cache.",
        "Image models serve attention/anomaly; depth models serve depth, panorama-eval and the 360° page."},
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Download.class})
public final class ModelsCommand {
    private ModelsCommand() {}

    /** Where models go and which catalog: the user's cache and the built-in catalog unless told otherwise. */
    abstract static class CatalogOptions extends CliCommand {
        @Option(names = "--cache", paramLabel = "DIR", description = "Model cache (default: the application's).")
        Path cache;

        @Option(names = "--catalog", paramLabel = "FILE",
                description = "A catalog JSON to use instead of the built-in one (e.g. pointing at a mirror).")
        Path catalogFile;

        Path cacheDir() {
            return cache != null ? cache : ModelCache.defaultDir();
        }

        ModelCatalog catalog() throws IOException {
            return catalogFile == null ? ModelCatalog.builtIn() : ModelCatalog.parse(Files.readString(catalogFile));
        }

        static List<ModelCatalog.Entry> all(ModelCatalog c) {
            List<ModelCatalog.Entry> all = new ArrayList<>(c.entries());
            all.addAll(c.depthEntries());
            return all;
        }
    }

    @Command(name = "list", description = {"The catalog, one model a line: id, kind, size, licence, installed or not."})
    static final class ListModels extends CatalogOptions {
        @Override
        protected int run(CliContext context) throws Exception {
            Path dir = cacheDir();
            for (ModelCatalog.Entry e : all(catalog())) {
                context.out().printf(Locale.ROOT, "%-36s %-5s %-8s %-14s %s%n", e.id, e.isDepth() ? "depth" : "image",
                        e.checkpoint().sizeHint == null ? "?" : e.checkpoint().sizeHint, e.licence,
                        ModelDownloader.isInstalled(dir, e) ? "installed" : "-");
            }
            context.err().println("cache: " + dir);
            return 0;
        }
    }

    @Command(name = "download", description = {"Downloads a catalog model into the cache (resumes; checks sha256).",
            "Then pass its id as --model to depth, attention, anomaly or panorama-eval."})
    static final class Download extends CatalogOptions {
        @Parameters(paramLabel = "ID", description = "A catalog id ('workbench models list').")
        private String id;

        @Override
        protected int run(CliContext context) throws Exception {
            ModelCatalog c = catalog();
            ModelCatalog.Entry entry = all(c).stream().filter(e -> e.id.equals(id)).findFirst()
                    .orElseThrow(() -> new UsageException("no model '" + id + "' in the catalog; known: "
                            + String.join(", ", all(c).stream().map(e -> e.id).toList())));
            Path dir = cacheDir();
            if (ModelDownloader.isInstalled(dir, entry)) {
                context.err().println(entry.name + " is already installed in " + ModelCache.modelDir(dir, entry.id));
                return 0;
            }
            int[] lastTenth = {-1};
            String[] lastFile = {""};
            try {
                ModelDownloader.Result r = new ModelDownloader(dir).install(entry, (file, bytes, total) -> {
                    int tenth = total > 0 ? (int) (10 * bytes / total) : -1;
                    if (!file.equals(lastFile[0]) || tenth > lastTenth[0]) {
                        lastFile[0] = file;
                        lastTenth[0] = tenth;
                        context.err().printf(Locale.ROOT, "%s: %s%n", file,
                                tenth < 0 ? bytes + " bytes" : tenth * 10 + " %");
                    }
                }, () -> Thread.currentThread().isInterrupted());
                context.err().println(entry.name + " installed in " + r.card().getParent() + "; " + r.checkSummary());
                context.out().println(r.card().getParent());
                return 0;
            } catch (DownloadException e) {
                context.err().println("download failed: " + e.getMessage()
                        + (e.isOffline() ? " (offline? the files' URLs are listed in the catalog entry)" : ""));
                return 1;
            }
        }
    }
}
