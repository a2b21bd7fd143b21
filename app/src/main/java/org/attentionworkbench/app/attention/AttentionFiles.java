package org.attentionworkbench.app.attention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attentionworkbench.compute.explain.Artifacts;
import org.attentionworkbench.compute.explain.AttentionMaps;
import org.attentionworkbench.compute.io.AtomicFiles;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.models.AttentionExport;

/**
 * The Attention page's exports in the CLI's formats: {@code attention.npy} (float32 [L, H, N, N]),
 * {@code tokens.json}, the shown map as {@code map.npy} [gridH, gridW], and the per-head statistics
 * as {@code stats.csv} and {@code stats.json}; text adds {@code embedding.npy}. Every file goes
 * through a temporary name and a rename. Blocking; run off the FX thread.
 */
public final class AttentionFiles {
    public static final String ATTENTION = "attention.npy";
    public static final String TOKENS = "tokens.json";
    public static final String MAP = "map.npy";
    public static final String STATS_CSV = "stats.csv";
    public static final String STATS_JSON = "stats.json";
    public static final String EMBEDDING = "embedding.npy";
    public static final String OVERLAY = "overlay.png";

    private AttentionFiles() {}

    /** Image mode: the raw maps, the shown map, token metadata and the statistics. Returns the files written. */
    public static List<Path> writeImage(Path dir, ImageRunResult r, float[] shownMap, String caption) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        AttentionMaps m = r.maps();
        written.add(npy(dir.resolve(ATTENTION), m.data(), m.layers(), m.heads(), m.tokens(), m.tokens()));
        if (shownMap != null) {
            written.add(npy(dir.resolve(MAP), shownMap, m.gridH(), m.gridW()));
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("model", r.modelName());
        meta.put("trained", r.trained());
        meta.put("layout", r.layout());
        meta.put("image", r.imageName());
        meta.put("layers", m.layers());
        meta.put("heads", m.heads());
        meta.put("tokens", m.tokens());
        meta.put("prefix", m.prefix());
        meta.put("grid", new int[] {m.gridH(), m.gridW()});
        meta.put("patch", r.patch());
        meta.put("input_size", new int[] {r.inputH(), r.inputW()});
        meta.put("order", "special tokens first, then patches row-major over the grid");
        meta.put("map", caption);
        List<Map<String, Object>> arts = new ArrayList<>();
        for (Artifacts.Artifact a : r.artifacts()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("token", a.token());
            e.put("kind", a.kind().name().toLowerCase(java.util.Locale.ROOT));
            e.put("score", a.score());
            arts.add(e);
        }
        meta.put("artifacts", arts);
        if (!r.top().isEmpty()) {
            List<Map<String, Object>> top = new ArrayList<>();
            for (Prediction p : r.top()) {
                top.add(Map.of("index", p.index(), "label", p.label(), "probability", p.probability()));
            }
            meta.put("top", top);
        }
        written.add(json(dir.resolve(TOKENS), meta));
        written.addAll(stats(dir, r.stats().toCsv(), r.stats().toJson()));
        return written;
    }

    /** Text mode: attention, word pieces, the sentence embedding and the statistics. */
    public static List<Path> writeText(Path dir, TextRunResult r) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        AttentionMaps m = r.maps();
        written.add(npy(dir.resolve(ATTENTION), m.data(), m.layers(), m.heads(), m.tokens(), m.tokens()));
        written.add(npy(dir.resolve(EMBEDDING), r.embedding(), r.embedding().length));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("model", "all-MiniLM-L6-v2");
        meta.put("text", r.text());
        if (r.second() != null) {
            meta.put("second", r.second());
        }
        meta.put("layers", m.layers());
        meta.put("heads", m.heads());
        meta.put("tokens", r.tokens());
        meta.put("type_ids", r.typeIds());
        written.add(json(dir.resolve(TOKENS), meta));
        written.addAll(stats(dir, r.stats().toCsv(), r.stats().toJson()));
        return written;
    }

    private static List<Path> stats(Path dir, String csv, String json) throws IOException {
        return List.of(text(dir.resolve(STATS_CSV), csv), text(dir.resolve(STATS_JSON), json));
    }

    private static Path npy(Path file, float[] data, int... shape) throws IOException {
        Npy.writeFloat32(file, data, shape); // itself written to a temporary name and renamed
        return file;
    }

    private static Path json(Path file, Object value) throws IOException {
        AttentionExport.writeJson(file, value);
        return file;
    }

    private static Path text(Path file, String content) throws IOException {
        AtomicFiles.writeString(file, content);
        return file;
    }
}
