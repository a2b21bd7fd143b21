package org.attentionworkbench.compute.models;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.attentionworkbench.compute.image.Preprocess;
import org.attentionworkbench.compute.io.JsonText;
import org.attentionworkbench.compute.models.vit.ViTLayout;
import org.attentionworkbench.compute.models.vit.ViTOptions;

/**
 * What a model is, in a small JSON file beside or pointing at its checkpoint: architecture, layout,
 * what the shapes cannot tell (heads, eps), the preprocessing, labels, licence and source.
 * Paths are relative to the card's folder. {@link #read} checks every field before anything uses it.
 */
public final class ModelCard {
    /** A card is a flat object with one nested object and a few lists; deeper JSON is refused. */
    static final int MAX_DEPTH = 8;
    /** Largest resize or crop a card may ask for; ViTs are trained at 224-518 px. */
    public static final int MAX_SIDE = 4096;
    /** Largest label list (ImageNet-22k has 21,843 classes). */
    public static final int MAX_LABELS = 100_000;
    /** A card with that many labels is a few MiB; a bigger file is not read into memory. */
    static final long MAX_BYTES = 16L << 20;
    private static final Set<String> ARCHITECTURES = Set.of("vit", "bert", "depth");

    public String name;
    /** "vit" (image), "bert" (text) or "depth" (a catalog depth model, opened by compute.models.depth.DepthModels). */
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

        /** The first field no preprocessing could use, or null. */
        String problem() {
            if (resize < 0 || resize > MAX_SIDE || crop < 0 || crop > MAX_SIDE) {
                return "preprocess resize " + resize + " / crop " + crop + " must be 0 (none) to " + MAX_SIDE + " px";
            }
            if (resize > 0 && crop > resize && squash) {
                return "preprocess crop " + crop + " is larger than the squashed size " + resize;
            }
            if (channels != 1 && channels != 3) {
                return "preprocess channels must be 1 or 3, not " + channels;
            }
            if (mean == null || std == null || mean.length != channels || std.length != channels) {
                return "preprocess mean and std need one value per channel (" + channels + ")";
            }
            for (int c = 0; c < channels; c++) {
                if (!Float.isFinite(mean[c]) || !(std[c] > 0) || !Float.isFinite(std[c])) {
                    return "preprocess mean must be finite and std finite and positive";
                }
            }
            return null;
        }

        /** The preprocessing recipe these fields describe. */
        public Preprocess.Recipe recipe() {
            return new Preprocess.Recipe(resize, squash, crop, channels, mean.clone(), std.clone());
        }
    }

    private transient Path folder;

    public Path folder() {
        return folder;
    }

    public Path resolve(String relative) {
        Path p = Path.of(relative);
        return p.isAbsolute() || folder == null ? p : folder.resolve(p).normalize();
    }

    /** Reads and checks a card; an IOException naming the file and the field for anything wrong. */
    public static ModelCard read(Path file) throws IOException {
        String text;
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IOException(file + ": model card of " + size + " bytes exceeds the limit of " + MAX_BYTES);
        }
        try {
            text = Files.readString(file);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + ": not a valid model card: not UTF-8 text", e);
        }
        try {
            ModelCard card = JsonText.fromJson(new Gson(), text, ModelCard.class, MAX_DEPTH);
            if (card == null || card.checkpoint == null) {
                throw new IOException(file + ": a model card needs at least \"checkpoint\"");
            }
            String problem = card.problem();
            if (problem != null) {
                throw new IOException(file + ": not a valid model card: " + problem);
            }
            card.folder = file.toAbsolutePath().getParent();
            return card;
        } catch (JsonParseException e) {
            throw new IOException(file + ": not a valid model card: " + e.getMessage(), e);
        }
    }

    /** The first field that no model could have, or null when every field is usable. */
    String problem() {
        if (checkpoint.isBlank() || checkpoint.indexOf('\0') >= 0) {
            return "\"checkpoint\" must name a file";
        }
        if (config != null && (config.isBlank() || config.indexOf('\0') >= 0)) {
            return "\"config\" must name a file";
        }
        if (architecture == null || !ARCHITECTURES.contains(architecture)) {
            return "\"architecture\" is " + quoted(architecture) + "; known: " + ARCHITECTURES;
        }
        if (layout != null && !"depth".equals(architecture)) { // depth layouts are DepthModels' business
            try {
                ViTLayout.fromId(layout);
            } catch (IllegalArgumentException e) {
                return "\"layout\": " + e.getMessage();
            }
        }
        if (eps != null && eps.isNaN()) {
            return "\"eps\" must be a number";
        }
        try { // heads, eps, channels, patch: the same ranges as options from any other source
            new ViTOptions(null, heads, eps == null ? Float.NaN : eps, scaleByWidth, channels, patch, null);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (labels != null && (labels.size() > MAX_LABELS || labels.contains(null))) {
            return "\"labels\" must be at most " + MAX_LABELS + " strings";
        }
        if (sha256 != null && !sha256.matches("[0-9a-fA-F]{64}")) {
            return "\"sha256\" must be 64 hexadecimal digits";
        }
        return preprocess == null ? null : preprocess.problem();
    }

    private static String quoted(String s) {
        return s == null ? "missing" : "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
    }

    /**
     * A vit-pytorch checkpoint's weights do not tell its heads, its attention scale or the normalisation it
     * was trained with; without a card that gives all three it is refused rather than run on guesses.
     */
    void requireForVitPytorch() throws IOException {
        List<String> unknown = new java.util.ArrayList<>();
        if (heads <= 0) {
            unknown.add("heads");
        }
        if (scaleByWidth == null) {
            unknown.add("scaleByWidth");
        }
        if (preprocess == null) {
            unknown.add("preprocess (resize, mean, std)");
        }
        if (!unknown.isEmpty()) {
            throw new IOException(checkpoint + ": a vit-pytorch checkpoint does not record " + String.join(", ", unknown)
                    + "; give a model card that states them (see samples/models/vit4mnist.json)");
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
