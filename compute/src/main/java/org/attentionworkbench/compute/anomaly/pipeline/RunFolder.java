package org.attentionworkbench.compute.anomaly.pipeline;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.attentionworkbench.compute.io.AtomicFiles;

/**
 * An output folder that a run replaces as one unit, without touching anything else in it.
 *
 * <ul>
 *   <li>{@link #prepare} checks the folder before any work: it creates it and a staging folder inside it
 *       (the same disk, so the final moves are renames); a folder that is a file or not writable fails
 *       here, with its name.</li>
 *   <li>The run writes everything into the staging folder ({@code .anomaly-partial-PID-*}, a temp name
 *       with the id of the process that made it: a run killed there leaves only that, visibly partial,
 *       and the next {@link #prepare} into the same folder removes it once that process is gone).</li>
 *   <li>{@link #commit} swaps the run in: {@value #MANIFEST} is first rewritten with {@code "complete":
 *       false} listing the old and the new files, then the previous run's files (as its manifest lists
 *       them, and only those: files the user put there stay) are deleted, the new files moved in
 *       (scores.csv and metrics.json last), and the manifest rewritten with {@code "complete": true}.</li>
 *   <li>{@link #close} without a commit (cancelled, failed) deletes the staging folder: the folder is
 *       left as the previous run left it (or not there, when this run made it).</li>
 * </ul>
 */
public final class RunFolder implements AutoCloseable {
    public static final String MANIFEST = "run.json";
    /** Moved in last, in this order: a reader that sees metrics.json sees the run's scores. */
    private static final List<String> LAST = List.of("scores.csv", "metrics.json");
    /** Staging folders: {@code .anomaly-partial-<pid>-<random digits>} (the random part from createTempDirectory). */
    private static final String STAGING_PREFIX = ".anomaly-partial-";
    private static final Pattern STAGING = Pattern.compile(Pattern.quote(STAGING_PREFIX) + "(\\d{1,19})-\\d+");

    private final Path out;
    private final Path staging;
    /** The run made {@code out}: an uncommitted run removes it again (when still empty). */
    private final boolean created;
    private boolean committed;

    private RunFolder(Path out, Path staging, boolean created) {
        this.out = out;
        this.staging = staging;
        this.created = created;
    }

    /** Creates {@code out} when needed and a staging folder in it; fails at once when it cannot. */
    public static RunFolder prepare(Path out) throws OutputFolderException {
        Path dir = out.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new OutputFolderException(out + ": exists and is not a folder", null);
        }
        try {
            boolean created = !Files.exists(dir);
            Files.createDirectories(dir);
            removeStale(dir);
            Path staging = Files.createTempDirectory(dir, STAGING_PREFIX + ProcessHandle.current().pid() + "-");
            Files.deleteIfExists(Files.createTempFile(staging, ".probe", ".tmp")); // writable inside as well
            return new RunFolder(dir, staging, created);
        } catch (IOException | SecurityException e) {
            throw new OutputFolderException(out + ": cannot write there (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /**
     * Deletes the staging folders of earlier runs into {@code dir} whose process is gone (killed hard, so
     * its {@link #close} never ran). Only folders with the exact staging name are touched; one whose
     * process still runs is another run in progress and stays. A pid reused by a process started after
     * the folder was last written is not its owner. What cannot be deleted is left for the next run.
     */
    static void removeStale(Path dir) {
        List<Path> candidates;
        try (Stream<Path> s = Files.list(dir)) {
            candidates = s.filter(p -> STAGING.matcher(p.getFileName().toString()).matches()).toList();
        } catch (IOException e) {
            return;
        }
        for (Path p : candidates) {
            Matcher m = STAGING.matcher(p.getFileName().toString());
            try {
                if (!m.matches() || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) || ownerRuns(
                        Long.parseLong(m.group(1)), Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant())) {
                    continue;
                }
                deleteTree(p);
            } catch (IOException | NumberFormatException e) {
                // in use or not ours to delete: left for the next run
            }
        }
    }

    /** Whether process {@code pid} is alive and may have written the folder (it started before {@code written}). */
    private static boolean ownerRuns(long pid, Instant written) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        Optional<Instant> started = p.get().info().startInstant();
        return started.isEmpty() || !started.get().isAfter(written);
    }

    public Path dir() {
        return out;
    }

    /** Where the run writes {@code relative} ('/' separated); its parent folders are created. */
    public Path file(String relative) throws IOException {
        Path f = staging.resolve(relative).normalize();
        if (!f.startsWith(staging)) {
            throw new IOException(relative + ": outside the output folder");
        }
        Files.createDirectories(f.getParent());
        return f;
    }

    /** The files the previous complete or interrupted run recorded (relative, '/' separated). */
    public List<String> previousFiles() {
        Path m = out.resolve(MANIFEST);
        if (!Files.isRegularFile(m)) {
            return List.of();
        }
        try {
            JsonElement root = JsonParser.parseString(Files.readString(m, StandardCharsets.UTF_8));
            List<String> files = new ArrayList<>();
            if (root.isJsonObject() && root.getAsJsonObject().has("files")) {
                for (JsonElement e : root.getAsJsonObject().getAsJsonArray("files")) {
                    files.add(e.getAsString());
                }
            }
            return files;
        } catch (IOException | RuntimeException e) {
            return List.of(); // not ours or damaged: delete nothing on its word
        }
    }

    /**
     * Swaps the staged run in; {@code summary}'s properties go into the manifest beside "complete" and
     * "files".
     */
    public void commit(JsonObject summary) throws IOException {
        List<String> fresh = staged();
        List<String> old = previousFiles();
        Set<String> both = new LinkedHashSet<>(old);
        both.addAll(fresh);
        writeManifest(false, List.copyOf(both), summary);
        for (String f : old) {
            Path p = out.resolve(f).normalize();
            if (p.startsWith(out) && !p.equals(out.resolve(MANIFEST)) && !p.startsWith(staging)
                    && Files.isRegularFile(p)) {
                Files.delete(p);
                pruneEmptyParents(p.getParent());
            }
        }
        List<String> order = new ArrayList<>(fresh.stream().filter(f -> !LAST.contains(f)).toList());
        LAST.stream().filter(fresh::contains).forEach(order::add);
        for (String f : order) {
            Path target = out.resolve(f);
            Files.createDirectories(target.getParent());
            AtomicFiles.moveIntoPlace(staging.resolve(f), target);
        }
        writeManifest(true, fresh, summary);
        committed = true;
        deleteTree(staging);
    }

    /** Without a commit: deletes the staging folder, leaving the output folder as it was. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            deleteTree(staging);
            if (created) {
                try {
                    Files.deleteIfExists(out);
                } catch (DirectoryNotEmptyException e) {
                    // something else was written there meanwhile: leave it
                }
            }
        }
    }

    private List<String> staged() throws IOException {
        try (Stream<Path> s = Files.walk(staging)) {
            return s.filter(Files::isRegularFile).map(p -> staging.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    private void writeManifest(boolean complete, List<String> files, JsonObject summary) throws IOException {
        JsonObject m = new JsonObject();
        m.addProperty("complete", complete);
        for (var e : summary.entrySet()) {
            m.add(e.getKey(), e.getValue());
        }
        JsonArray arr = new JsonArray();
        files.forEach(arr::add);
        m.add("files", arr);
        AtomicFiles.writeString(out.resolve(MANIFEST),
                new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(m));
    }

    /** Removes folders the old run's files leave empty (heatmaps/defect/), never {@code out} itself. */
    private void pruneEmptyParents(Path dir) throws IOException {
        for (Path d = dir; d != null && d.startsWith(out) && !d.equals(out); d = d.getParent()) {
            try {
                Files.delete(d);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
