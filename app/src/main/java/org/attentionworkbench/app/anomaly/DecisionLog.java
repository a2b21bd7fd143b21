package org.attentionworkbench.app.anomaly;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import org.attentionworkbench.compute.io.AtomicFiles;

/**
 * The decisions of one inspected folder on disk, written as they are made so that killing the app loses
 * nothing: every decision is appended to {@code decisions.csv} (the journal, flushed to the disk) and
 * {@code decisions.json} (the latest decision per image) is rewritten through a temp file and an atomic
 * rename, so a reader never sees half a file.
 *
 * <p>Reopening replays the CSV (the last line per image wins); the JSON is the fallback when the CSV is
 * gone. Reopening is tolerant: a torn last line (a crash mid-append) or a line with bytes that are not
 * UTF-8 is skipped and counted ({@link #skippedLines}, logged once), every other record is kept, and
 * the next decision starts on a line of its own. Not thread-safe: the workspace writes on the FX thread (a decision is one short line).
 */
public final class DecisionLog {
    public static final String CSV = "decisions.csv";
    public static final String JSON = "decisions.json";
    static final String HEADER = "time,file,decision,defect_class,score,threshold";

    private static final Logger LOG = Logger.getLogger(DecisionLog.class.getName());

    private final Path dir;
    private final Path folder;
    private int skipped;
    private final Map<String, Decision> latest = new LinkedHashMap<>();
    private final Gson gson = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    private DecisionLog(Path dir, Path folder) {
        this.dir = dir;
        this.folder = folder;
    }

    /**
     * The log of {@code folder}: in the folder itself when it is writable, else in {@code fallback}
     * (a folder of the user's cache, or one the user chose). Existing decisions are read back.
     */
    public static DecisionLog open(Path folder, Path fallback) throws IOException {
        Path dir = Files.isWritable(folder) ? folder : fallback;
        Files.createDirectories(dir);
        DecisionLog log = new DecisionLog(dir, folder);
        log.reload();
        return log;
    }

    /** Where the files are written. */
    public Path dir() {
        return dir;
    }

    public Path csvFile() {
        return dir.resolve(CSV);
    }

    public Path jsonFile() {
        return dir.resolve(JSON);
    }

    /** The latest decision per image (relative path), in the order first decided. */
    public Map<String, Decision> decisions() {
        return java.util.Collections.unmodifiableMap(latest);
    }

    /** Appends to the CSV (flushed), then rewrites the JSON atomically. */
    public void record(Decision d) throws IOException {
        boolean fresh = !Files.exists(csvFile()) || Files.size(csvFile()) == 0;
        // after a torn last line, start a new one: the torn bytes stay one skipped line, this record is whole
        String line = (fresh ? HEADER + "\n" : endsTorn() ? "\n" : "") + csvLine(d) + "\n";
        try (FileChannel ch = FileChannel.open(csvFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false); // on the disk, not only in the page cache: a power cut loses nothing either
        }
        latest.remove(d.file()); // the latest decision goes last
        latest.put(d.file(), d);
        writeJson();
    }

    /**
     * Lines of the CSV that could not be read back on opening: a last line a crash cut short (it has no
     * line end), or a line with bytes that are not UTF-8 or fields that do not parse. Each is skipped;
     * every other record is kept.
     */
    public int skippedLines() {
        return skipped;
    }

    private void reload() throws IOException {
        latest.clear();
        skipped = 0;
        if (Files.isRegularFile(csvFile())) {
            byte[] bytes = Files.readAllBytes(csvFile());
            int start = 0;
            while (start < bytes.length) {
                int end = start;
                while (end < bytes.length && bytes[end] != '\n') {
                    end++;
                }
                boolean terminated = end < bytes.length;
                String l = decodeLine(bytes, start, end);
                start = end + 1;
                if (l == null || !terminated) {
                    // a torn line: bad bytes, or the last line without its line end (a crash while appending)
                    skipped++;
                    continue;
                }
                if (l.isBlank() || l.startsWith("time,")) {
                    continue;
                }
                Decision d = parseCsv(l);
                if (d == null) {
                    skipped++;
                    continue;
                }
                latest.remove(d.file());
                latest.put(d.file(), d);
            }
            if (skipped > 0) {
                LOG.warning(csvFile() + ": " + skipped + " damaged line(s) skipped on opening; "
                        + latest.size() + " decisions read");
            }
        } else if (Files.isRegularFile(jsonFile())) {
            try {
                JsonObject root = JsonParser.parseString(Files.readString(jsonFile(), StandardCharsets.UTF_8))
                        .getAsJsonObject();
                for (JsonElement e : root.getAsJsonArray("decisions")) {
                    JsonObject o = e.getAsJsonObject();
                    Decision d = new Decision(o.get("file").getAsString(),
                            Verdict.fromWord(o.get("decision").getAsString()),
                            o.has("defect_class") && !o.get("defect_class").isJsonNull()
                                    ? o.get("defect_class").getAsString() : null,
                            number(o, "score"), number(o, "threshold"), Instant.parse(o.get("time").getAsString()));
                    latest.put(d.file(), d);
                }
            } catch (IOException | RuntimeException e) {
                skipped++;
                LOG.warning(jsonFile() + ": unreadable (" + e.getMessage() + "); starting without its decisions");
            }
        }
    }

    /** One line as UTF-8 (a CR before the LF dropped); null when its bytes are not UTF-8. */
    private static String decodeLine(byte[] bytes, int start, int end) {
        int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, stop - start)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Whether the CSV's last byte is not a line end (a torn last line): the next record starts on a new line. */
    private boolean endsTorn() throws IOException {
        try (FileChannel ch = FileChannel.open(csvFile(), StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.read(last, size - 1);
            return last.get(0) != '\n';
        }
    }

    private static double number(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }

    private void writeJson() throws IOException {
        JsonObject root = new JsonObject();
        root.addProperty("folder", folder.toAbsolutePath().toString());
        JsonArray arr = new JsonArray();
        for (Decision d : latest.values()) {
            JsonObject o = new JsonObject();
            o.addProperty("file", d.file());
            o.addProperty("decision", d.verdict().word());
            o.addProperty("defect_class", d.defectClass());
            o.addProperty("score", d.score());
            o.addProperty("threshold", d.threshold());
            o.addProperty("time", d.time().toString());
            arr.add(o);
        }
        root.add("decisions", arr);
        AtomicFiles.writeString(jsonFile(), gson.toJson(root));
    }

    static String csvLine(Decision d) {
        return String.join(",", d.time().toString(), quote(d.file()), d.verdict().word(),
                d.defectClass() == null ? "" : quote(d.defectClass()),
                Double.isNaN(d.score()) ? "" : String.format(Locale.ROOT, "%.6f", d.score()),
                Double.isNaN(d.threshold()) ? "" : String.format(Locale.ROOT, "%.6f", d.threshold()));
    }

    /** One CSV line back into a decision; null for a line that a crash cut short. */
    static Decision parseCsv(String line) {
        List<String> f = split(line);
        if (f.size() < 6) {
            return null;
        }
        try {
            return new Decision(f.get(1), Verdict.fromWord(f.get(2)), f.get(3).isEmpty() ? null : f.get(3),
                    f.get(4).isEmpty() ? Double.NaN : Double.parseDouble(f.get(4)),
                    f.get(5).isEmpty() ? Double.NaN : Double.parseDouble(f.get(5)), Instant.parse(f.get(0)));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** RFC 4180 fields of one line. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
