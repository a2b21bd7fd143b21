package org.attentionworkbench.compute.models.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.attentionworkbench.compute.checkpoint.Checkpoint;
import org.attentionworkbench.compute.checkpoint.CheckpointException;
import org.attentionworkbench.compute.checkpoint.Checkpoints;
import org.attentionworkbench.compute.checkpoint.HfConfig;
import org.attentionworkbench.compute.io.AtomicFiles;
import org.attentionworkbench.compute.models.ModelCard;
import org.attentionworkbench.compute.models.vit.ViTConfig;
import org.attentionworkbench.compute.models.vit.ViTLoader;
import org.attentionworkbench.compute.models.vit.ViTOptions;

/**
 * Adds a checkpoint the user already has (safetensors or .pth, with an HF config.json beside it when there
 * is one) to the installed models: the file is loaded once to detect its layout and shape, then copied into
 * the cache (or referenced where it is) with a generated card.
 */
public final class ModelImport {
    /** Copy the file into the cache, or leave it where it is and point the card at it. */
    public enum Mode { COPY, REFERENCE }

    /** The imported model: its card file, and what the loader found. */
    public record Imported(Path card, String id, String layout, ViTConfig config) {}

    private ModelImport() {}

    /**
     * Imports {@code file}. {@code heads} overrides the head count (0: from config.json, else width / 64);
     * {@code name} is the display name (null: the file name).
     */
    public static Imported importFile(Path cacheDir, Path file, Mode mode, int heads, String name) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file to import");
        }
        String fileName = file.getFileName().toString();
        if (fileName.toLowerCase(Locale.ROOT).endsWith(".json")) {
            throw new IOException(file + ": pick the checkpoint (.safetensors or .pth); a config.json beside it "
                    + "is taken along");
        }
        Path config = file.toAbsolutePath().getParent().resolve("config.json");
        HfConfig cfg = Files.isRegularFile(config) ? readConfig(config) : null;
        // 1. load once: layout, shapes, head count
        ViTConfig vit = probe(file, cfg, heads);
        // 2. the folder: stable per content, so importing the same file twice replaces, never duplicates
        String sha = Hashing.sha256(file);
        String stem = fileName.replaceFirst("\\.[^.]+$", "");
        String id = ModelCache.safeId("import-" + stem + "-" + sha.substring(0, 8));
        Path dir = ModelCache.modelDir(cacheDir, id);
        Files.createDirectories(dir);
        ModelCard card = new ModelCard();
        if (mode == Mode.COPY) {
            copy(file, dir.resolve(fileName));
            card.checkpoint = fileName;
            if (cfg != null) {
                copy(config, dir.resolve("config.json"));
                card.config = "config.json";
            }
        } else {
            card.checkpoint = file.toAbsolutePath().toString();
            card.config = cfg != null ? config.toString() : null;
        }
        // 3. the card: what the loader found, so opening it needs no guessing
        card.name = name != null && !name.isBlank() ? name : fileName;
        card.architecture = "vit";
        card.layout = vit.layout().id();
        card.heads = vit.heads();
        card.patch = vit.patch();
        card.channels = vit.channels();
        card.labels = cfg != null ? labelsFrom(cfg, vit.classes()) : null;
        card.sha256 = sha;
        card.trained = true;
        card.licence = "unknown (imported by the user)";
        card.source = "imported from " + file.toAbsolutePath();
        card.notes = vit.layout().id() + " layout, " + vit.depth() + " blocks, width " + vit.dim() + ", "
                + vit.heads() + " heads, patch " + vit.patch() + (vit.classes() > 0 ? ", " + vit.classes()
                + " classes" : ", no classifier") + (mode == Mode.REFERENCE ? "; the file stays where it is" : "");
        InstallRecord rec = new InstallRecord();
        rec.origin = "import";
        rec.installedAt = Instant.now().toString();
        InstallRecord.FileRecord f = new InstallRecord.FileRecord();
        f.fileName = fileName;
        f.url = file.toAbsolutePath().toUri().toString();
        f.sha256 = sha;
        rec.files.add(f);
        InstallRecord.writeJson(dir.resolve(InstallRecord.FILE), rec);
        Path cardFile = dir.resolve(ModelCache.CARD);
        InstallRecord.writeJson(cardFile, card);
        return new Imported(cardFile, id, vit.layout().id(), vit);
    }

    private static HfConfig readConfig(Path config) throws IOException {
        try {
            return HfConfig.read(config);
        } catch (RuntimeException e) {
            throw new IOException(config + ": not a readable config.json: " + e.getMessage(), e);
        }
    }

    private static ViTConfig probe(Path file, HfConfig cfg, int heads) throws IOException {
        try (Checkpoint ckpt = Checkpoints.open(file)) {
            ViTOptions opt = cfg != null ? ViTOptions.fromConfig(cfg, ViTOptions.defaults()) : ViTOptions.defaults();
            if (heads > 0) {
                opt = opt.withHeads(heads);
            }
            return ViTLoader.load(ckpt, opt).config();
        } catch (CheckpointException | IllegalArgumentException | IllegalStateException e) {
            throw new IOException(file + ": cannot import as an image ViT: " + e.getMessage(), e);
        }
    }

    /** HF id2label as a list in index order, when it covers every class. */
    private static List<String> labelsFrom(HfConfig cfg, int classes) {
        if (classes <= 0 || !cfg.has("id2label") || !(cfg.asMap().get("id2label") instanceof Map<?, ?> m)) {
            return null;
        }
        Map<Integer, String> byIndex = new TreeMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            try {
                byIndex.put(Integer.parseInt(String.valueOf(e.getKey())), String.valueOf(e.getValue()));
            } catch (NumberFormatException ignored) {
                return null;
            }
        }
        if (byIndex.size() != classes || !byIndex.containsKey(0) || !byIndex.containsKey(classes - 1)) {
            return null;
        }
        return List.copyOf(byIndex.values());
    }

    private static void copy(Path from, Path to) throws IOException {
        AtomicFiles.write(to, out -> Files.copy(from, out));
    }
}
