package org.attentionworkbench.compute.models.catalog;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.compute.io.AtomicFiles;
import org.attentionworkbench.compute.models.ModelCard;
import org.attentionworkbench.compute.models.catalog.ModelCatalog.Entry;
import org.attentionworkbench.compute.models.catalog.ModelCatalog.FileSpec;
import org.attentionworkbench.compute.models.catalog.ModelDownloader.FileResult;
import org.attentionworkbench.compute.models.catalog.ModelDownloader.Verification;

/**
 * What sits beside an installed model: its {@code card.json} (what {@code VisionModel.open} reads) and
 * {@code install.json} (where each file came from, its sha256 and how far that was checked).
 */
public final class InstallRecord {
    public static final String FILE = "install.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** "catalog", "import" or "sample". */
    public String origin;
    public String catalogId;
    public String installedAt;
    public List<FileRecord> files = new ArrayList<>();

    public static final class FileRecord {
        public String fileName;
        public String url;
        public String sha256;
        public Verification verification;
    }

    /** True when every file matched a full published checksum. */
    public boolean fullyVerified() {
        return !files.isEmpty() && files.stream().allMatch(f -> f.verification == Verification.VERIFIED);
    }

    /** Writes the card and the install record of a downloaded catalog entry; returns the card's path. */
    static Path write(Path dir, Entry entry, List<FileResult> results) throws IOException {
        ModelCard card = new ModelCard();
        card.name = entry.name;
        // depth models are not image-attention models: the Attention page lists only "vit" cards
        card.architecture = entry.isDepth() ? "depth" : "vit";
        card.layout = entry.layout;
        card.checkpoint = entry.checkpoint().fileName;
        card.config = entry.config().map(f -> f.fileName).orElse(null);
        card.heads = entry.heads;
        card.patch = entry.patch;
        card.preprocess = entry.preprocess;
        List<String> labels = ModelCatalog.labels(entry);
        card.labels = labels.isEmpty() ? null : labels;
        card.licence = entry.licence;
        card.source = entry.source;
        card.trained = true;
        InstallRecord rec = new InstallRecord();
        rec.origin = "catalog";
        rec.catalogId = entry.id;
        rec.installedAt = Instant.now().toString();
        StringBuilder check = new StringBuilder();
        for (int i = 0; i < entry.files.size(); i++) {
            FileSpec spec = entry.files.get(i);
            FileResult r = results.get(i);
            FileRecord f = new FileRecord();
            f.fileName = spec.fileName;
            f.url = spec.url;
            f.sha256 = r.sha256();
            f.verification = r.verification();
            rec.files.add(f);
            if (spec == entry.checkpoint()) {
                card.sha256 = r.sha256();
            }
            check.append(spec.fileName).append(": ").append(describe(r.verification())).append(". ");
        }
        card.notes = (entry.description == null ? "" : entry.description + " ") + check.toString().trim();
        writeJson(dir.resolve(FILE), rec);
        Path cardFile = dir.resolve(ModelCache.CARD);
        writeJson(cardFile, card);
        return cardFile;
    }

    /** The install record in a model folder, or null when there is none. */
    public static InstallRecord read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return GSON.fromJson(Files.readString(f), InstallRecord.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String describe(Verification v) {
        return switch (v) {
            case VERIFIED -> "sha256 matches the published checksum";
            case PREFIX_ONLY -> "sha256 matches the prefix in the published file name (partial check)";
            case UNVERIFIED_FIRST_USE -> "no published checksum: sha256 recorded on first download, unverified";
        };
    }

    /** Writes through a temporary file and a rename, so a reader never sees half a file. */
    static void writeJson(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, GSON.toJson(value));
    }
}
