package org.attentionworkbench.compute.models.catalog;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.attentionworkbench.compute.models.ModelCard;

/**
 * The models the app offers to download: a JSON resource listing, for each, where its files are, how big,
 * their checksums (where a public source gives one), licence, source page and how to run it.
 */
public final class ModelCatalog {
    private static final String RESOURCE = "catalog.json";

    /** One downloadable model. */
    public static final class Entry {
        public String id;
        public String name;
        public String description;
        /** ViT layout id (timm, dino, dinov2, hf, vit-pytorch), or a depth layout (depth-anything-hf). */
        public String layout;

        /** Set by {@link #parse} for the entries listed under "depthModels" (not read from the JSON). */
        private transient boolean depth;

        /** Whether this is a depth model (listed under the catalog's "depthModels"). */
        public boolean isDepth() {
            return depth;
        }
        public int heads;
        public int patch;
        public int inputSize;
        public ModelCard.Preprocessing preprocess;
        /** Name of a labels resource beside catalog.json (one label a line), or null (no classifier). */
        public String labels;
        public String licence;
        public String source;
        public List<FileSpec> files = List.of();
        public String notes;

        /** The file that holds the weights. */
        public FileSpec checkpoint() {
            return files.stream().filter(f -> "checkpoint".equals(f.role)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(id + ": catalog entry without a checkpoint file"));
        }

        /** The HF config.json, if the entry has one. */
        public Optional<FileSpec> config() {
            return files.stream().filter(f -> "config".equals(f.role)).findFirst();
        }

        /** Sum of the known sizes, or -1 when any is unknown. */
        public long totalSize() {
            long sum = 0;
            for (FileSpec f : files) {
                if (f.size == null) {
                    return -1;
                }
                sum += f.size;
            }
            return sum;
        }
    }

    /** One file of an entry. */
    public static final class FileSpec {
        /** "checkpoint", "config" or "preprocessor" (HF preprocessor_config.json). */
        public String role = "checkpoint";
        public String fileName;
        public String url;
        /** Exact size in bytes, or null when no source gives it. */
        public Long size;
        /** Upper bound in bytes when the exact size is unknown; the download stops beyond it. */
        public Long maxSize;
        /** Where the size (or the bound) comes from. */
        public String sizeSource;
        /** A rounded size for the UI ("about 85 MB"). */
        public String sizeHint;
        /** Full sha256 (hex) from a named public source, or null (trust on first use). */
        public String sha256;
        /** Leading hex digits of the sha256 (torch.hub file-name convention), or null. */
        public String sha256Prefix;
        /** Where the checksum was read or, when there is none, why: shown to the user and in the report. */
        public String checksumSource;

        /** True when a full checksum from a public source will be checked. */
        public boolean fullyVerifiable() {
            return sha256 != null;
        }

        /** The most bytes a download of this file may bring: the exact size, else the recorded bound. */
        public long limit() {
            return size != null ? size : maxSize;
        }
    }

    private int version;
    private String notes;
    private List<Entry> models = new ArrayList<>();
    /** Depth models (compute.models.depth), apart from the ViTs the attention views list. */
    private List<Entry> depthModels = new ArrayList<>();

    private ModelCatalog() {}

    /** The catalog shipped with the app. */
    public static ModelCatalog builtIn() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("model catalog resource missing: " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the model catalog resource: " + e.getMessage(), e);
        }
    }

    /** A catalog from JSON text (tests, or a catalog the user points at). */
    public static ModelCatalog parse(String json) throws IOException {
        ModelCatalog c;
        try {
            c = new Gson().fromJson(json, ModelCatalog.class);
        } catch (JsonParseException e) {
            throw new IOException("model catalog is not valid JSON: " + e.getMessage(), e);
        }
        if (c == null || c.models == null) {
            throw new IOException("model catalog has no \"models\" list");
        }
        if (c.depthModels == null) {
            c.depthModels = new ArrayList<>();
        }
        for (Entry e : c.depthModels) {
            e.depth = true;
        }
        for (Entry e : concat(c.models, c.depthModels)) {
            if (e.id == null || e.files == null || e.files.isEmpty()) {
                throw new IOException("model catalog entry " + e.id + " needs an id and at least one file");
            }
            for (FileSpec f : e.files) {
                check(e, f);
            }
        }
        return c;
    }

    /** A file is downloadable only with a size limit and a checksum or a stated reason for having none. */
    private static void check(Entry e, FileSpec f) throws IOException {
        String where = "model catalog entry " + e.id + ", file " + f.fileName + ": ";
        if (f.url == null || f.fileName == null || f.fileName.isBlank() || f.fileName.contains("/")
                || f.fileName.contains("\\") || f.fileName.startsWith(".")) {
            throw new IOException("model catalog entry " + e.id + ": every file needs a url and a plain file name");
        }
        String scheme;
        try {
            scheme = URI.create(f.url).getScheme();
        } catch (IllegalArgumentException bad) {
            throw new IOException(where + "url " + f.url + " is not a valid URL: " + bad.getMessage(), bad);
        }
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
            throw new IOException(where + "url " + f.url + " is not http(s)");
        }
        if (f.size == null && f.maxSize == null || f.size != null && f.size <= 0 || f.maxSize != null && f.maxSize <= 0) {
            throw new IOException(where + "needs a positive \"size\" (exact bytes) or \"maxSize\" (a bound): "
                    + "without one a download has no limit");
        }
        if (f.size != null && f.maxSize != null && f.size > f.maxSize) {
            throw new IOException(where + "size " + f.size + " is above its maxSize " + f.maxSize);
        }
        if (f.sha256 != null && !f.sha256.matches("[0-9a-fA-F]{64}")) {
            throw new IOException(where + "sha256 \"" + f.sha256 + "\" is not 64 hex digits");
        }
        if (f.sha256 == null && (f.checksumSource == null || f.checksumSource.isBlank())) {
            throw new IOException(where + "has no sha256 and no \"checksumSource\" saying why");
        }
    }

    public List<Entry> entries() {
        return List.copyOf(models);
    }

    /** The depth models (their "layout" names the depth layout, e.g. depth-anything-hf). */
    public List<Entry> depthEntries() {
        return List.copyOf(depthModels);
    }

    private static List<Entry> concat(List<Entry> a, List<Entry> b) {
        List<Entry> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    public Optional<Entry> byId(String id) {
        return models.stream().filter(e -> e.id.equals(id)).findFirst();
    }

    public String notes() {
        return notes;
    }

    public int version() {
        return version;
    }

    /** The labels of an entry (one a line in the named resource), or an empty list. */
    public static List<String> labels(Entry entry) {
        if (entry.labels == null) {
            return List.of();
        }
        try (InputStream in = ModelCatalog.class.getResourceAsStream(entry.labels)) {
            if (in == null) {
                throw new IllegalStateException(entry.id + ": labels resource missing: " + entry.labels);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(entry.id + ": cannot read labels " + entry.labels, e);
        }
    }
}
