package org.attentionworkbench.compute.models;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a model is, in a small JSON file beside or pointing at its checkpoint: architecture, layout,
 * what the shapes cannot tell (heads, eps), the preprocessing, labels, licence and source.
 * Paths are relative to the card's folder.
 */
public final class ModelCard {
    public String name;
    /** "vit" (image) or "bert" (text). */
    public String architecture = "vit";
    /** ViT layout id: timm, dino, dinov2, hf, vit-pytorch (null: detect from key names). */
    public String layout;
    public String checkpoint;
    /** HF config.json, if any (relative path). */
    public String config;
    public int heads;
    public Float eps;
    public Boolean scaleByWidth;
    public int channels;
    public int patch;
    public Preprocessing preprocess;
    public List<String> labels;
    public String licence;
    public String source;
    public String sha256;
    /** False for the generated sample model: the UI labels its maps as untrained. */
    public boolean trained = true;
    public String notes;

    /** Input preparation; {@code resize}/{@code crop} 0 mean none. */
    public static final class Preprocessing {
        public int resize;
        public boolean squash;
        public int crop;
        public int channels = 3;
        public float[] mean = {0.485f, 0.456f, 0.406f};
        public float[] std = {0.229f, 0.224f, 0.225f};
    }

    private transient Path folder;

    public Path folder() {
        return folder;
    }

    public Path resolve(String relative) {
        Path p = Path.of(relative);
        return p.isAbsolute() || folder == null ? p : folder.resolve(p).normalize();
    }

    public static ModelCard read(Path file) throws IOException {
        try {
            ModelCard card = new Gson().fromJson(Files.readString(file), ModelCard.class);
            if (card == null || card.checkpoint == null) {
                throw new IOException(file + ": a model card needs at least \"checkpoint\"");
            }
            card.folder = file.toAbsolutePath().getParent();
            return card;
        } catch (JsonParseException e) {
            throw new IOException(file + ": not a valid model card: " + e.getMessage(), e);
        }
    }

    /** A card for a bare checkpoint (no JSON): everything inferred. */
    public static ModelCard forCheckpoint(Path checkpoint) {
        ModelCard card = new ModelCard();
        card.name = checkpoint.getFileName().toString();
        card.checkpoint = checkpoint.toAbsolutePath().toString();
        card.folder = checkpoint.toAbsolutePath().getParent();
        Path cfg = card.folder.resolve("config.json");
        if (Files.isRegularFile(cfg)) {
            card.config = cfg.toString();
        }
        return card;
    }
}
