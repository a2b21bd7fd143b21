package org.attentionworkbench.compute.models.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attentionworkbench.compute.io.AtomicFiles;
import org.attentionworkbench.compute.models.catalog.DownloadException.Kind;
import org.attentionworkbench.compute.models.catalog.ModelCatalog.Entry;
import org.attentionworkbench.compute.models.catalog.ModelCatalog.FileSpec;

/**
 * Downloads catalog models into the cache: {@code <cache>/models/<id>/<file>}, through a {@code .part} file
 * that survives a cancel or a broken connection and is resumed with an HTTP Range request; the sha256 is
 * checked before the atomic rename, and a model card is written beside the files.
 */
public final class ModelDownloader {
    /** Progress of one file: bytes on disk so far and the total (-1 while unknown). */
    @FunctionalInterface
    public interface Progress {
        void update(String fileName, long bytes, long total);

        Progress NONE = (f, b, t) -> { };
    }

    /** How far a file's checksum could be checked. */
    public enum Verification {
        /** The full sha256 from the catalog's public source matched. */
        VERIFIED,
        /** Only the leading digits named in the file name matched (torch.hub convention). */
        PREFIX_ONLY,
        /** No published checksum: the sha256 of this first download was recorded (trust on first use). */
        UNVERIFIED_FIRST_USE
    }

    public record FileResult(Path file, String sha256, Verification verification) {}

    /** An installed catalog model: its card and what was checked. */
    public record Result(Path card, List<FileResult> files) {
        /** True only when every file matched a full published checksum. */
        public boolean fullyVerified() {
            return files.stream().allMatch(f -> f.verification() == Verification.VERIFIED);
        }

        /** For the user: how far the files were checked, with "UNVERIFIED" said plainly where it applies. */
        public String checkSummary() {
            if (fullyVerified()) {
                return "sha256 verified against the published checksum";
            }
            List<String> notes = new ArrayList<>();
            for (FileResult f : files) {
                if (f.verification() != Verification.VERIFIED) {
                    notes.add(f.file().getFileName() + (f.verification() == Verification.PREFIX_ONLY
                            ? " matched only the sha256 prefix in its published file name"
                            : " has no published checksum (sha256 " + f.sha256() + " recorded on this download)"));
                }
            }
            return "UNVERIFIED: " + String.join("; ", notes);
        }
    }

    private static final int CHUNK = 64 * 1024;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)");

    private final Path cacheDir;
    private final HttpClient client;
    private final Duration headerTimeout;
    private final Duration stallTimeout;
    private final int retries;

    /** Defaults: 20 s to connect, 60 s for the response headers, 60 s without a byte counts as a stall, 3 retries. */
    public ModelDownloader(Path cacheDir) {
        this(cacheDir, Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(60), 3);
    }

    public ModelDownloader(Path cacheDir, Duration connectTimeout, Duration headerTimeout, Duration stallTimeout,
            int retries) {
        this.cacheDir = cacheDir;
        this.headerTimeout = headerTimeout;
        this.stallTimeout = stallTimeout;
        this.retries = retries;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL) // HF "resolve" URLs redirect to a CDN
                .proxy(ProxySelector.getDefault())
                .build();
    }

    /** True when the entry's files and card are already in the cache. */
    public static boolean isInstalled(Path cacheDir, Entry entry) {
        Path dir = ModelCache.modelDir(cacheDir, entry.id);
        return Files.isRegularFile(dir.resolve(ModelCache.CARD))
                && entry.files.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f.fileName)));
    }

    /**
     * Downloads every file of the entry (skipping those already complete), then writes the card.
     * {@code cancelled} (and the thread's interrupt flag) is checked between chunks.
     */
    public Result install(Entry entry, Progress progress, BooleanSupplier cancelled) throws DownloadException {
        Path dir = ModelCache.modelDir(cacheDir, entry.id);
        List<FileResult> results = new ArrayList<>();
        for (FileSpec spec : entry.files) {
            results.add(download(spec, dir.resolve(spec.fileName), progress, cancelled));
        }
        try {
            Path card = InstallRecord.write(dir, entry, results);
            return new Result(card, results);
        } catch (IOException e) {
            throw new DownloadException(Kind.STORAGE, "cannot write the model card in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** One file: resume or start, verify, rename into place. An existing complete file is re-verified only. */
    public FileResult download(FileSpec spec, Path target, Progress progress, BooleanSupplier cancelled)
            throws DownloadException {
        URI uri = URI.create(spec.url);
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new DownloadException(Kind.STORAGE, "cannot create " + target.getParent() + ": " + e.getMessage(), e);
        }
        if (Files.isRegularFile(target)) {
            return verified(spec, target, target, uri);
        }
        DownloadException last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            try {
                if (fetch(uri, spec, part, progress, cancelled)) {
                    last = null;
                    break;
                }
                last = new DownloadException(Kind.INTERRUPTED, "download of " + uri + " had to restart from zero");
            } catch (DownloadException e) {
                if (e.kind() != Kind.INTERRUPTED) {
                    throw e;
                }
                last = e;
            }
        }
        if (last != null) {
            throw new DownloadException(Kind.INTERRUPTED, last.getMessage() + " (gave up after " + (retries + 1)
                    + " attempts; the partial file " + part + " is kept: download again to resume)", last);
        }
        FileResult r = verified(spec, part, target, uri);
        try {
            AtomicFiles.commit(part, target);
        } catch (IOException e) {
            throw new DownloadException(Kind.STORAGE, "cannot move " + part + " to " + target + ": " + e.getMessage(), e);
        }
        return new FileResult(target, r.sha256(), r.verification());
    }

    /** One HTTP exchange. True when the .part file now holds the whole body; false to try again. */
    private boolean fetch(URI uri, FileSpec spec, Path part, Progress progress, BooleanSupplier cancelled)
            throws DownloadException {
        long have = partSize(part);
        long limit = spec.limit();
        if (have > limit) { // not ours, or the file changed upstream
            have = restart(part);
        }
        if (spec.size != null && have == spec.size && have > 0) {
            return true;
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(headerTimeout).GET()
                .header("User-Agent", "attention-workbench");
        if (have > 0) {
            req.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> resp = send(req.build(), uri, cancelled);
        try (InputStream body = resp.body()) {
            int status = resp.statusCode();
            long total;
            boolean append;
            if (status == 206) {
                String cr = resp.headers().firstValue("Content-Range").orElse("");
                Matcher m = CONTENT_RANGE.matcher(cr);
                if (!m.find() || Long.parseLong(m.group(1)) != have) {
                    restart(part); // a range we did not ask for: start clean
                    return false;
                }
                append = true;
                total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            } else if (status == 200) {
                append = false; // the server ignored the Range header (or we asked none): whole body from byte 0
                have = 0;
                total = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
            } else if (status == 416) {
                Matcher m = UNSATISFIED_RANGE.matcher(resp.headers().firstValue("Content-Range").orElse(""));
                if (m.find() && Long.parseLong(m.group(1)) == have) {
                    return true; // the part file was already complete
                }
                restart(part);
                return false;
            } else if (status >= 300 && status < 400) { // a redirect the client would not follow
                throw new DownloadException(Kind.HTTP, "HTTP " + status + " from " + uri + ": a redirect to "
                        + resp.headers().firstValue("Location").orElse("nowhere") + " is not followed (only to "
                        + "http or https, never from https to http)");
            } else if (status >= 500) {
                throw new DownloadException(Kind.INTERRUPTED, "HTTP " + status + " from " + uri);
            } else {
                throw new DownloadException(Kind.HTTP, "HTTP " + status + " from " + uri
                        + (status == 404 ? " (not found: the catalog URL may be out of date; import a file instead)" : ""));
            }
            if (total > limit) {
                restart(part);
                throw tooLarge(spec, uri, "offers " + total + " bytes");
            }
            if (spec.size != null && total >= 0 && total != spec.size) {
                throw new DownloadException(Kind.CHECKSUM, "the server offers " + total + " bytes for " + spec.fileName
                        + " but the catalog expects " + spec.size + " (" + uri + ")");
            }
            if (!copy(body, part, append, have, total, limit, spec.fileName, progress, cancelled, uri)) {
                restart(part);
                throw tooLarge(spec, uri, "sent more than that");
            }
            long now = partSize(part);
            if (total >= 0 && now < total) {
                throw new DownloadException(Kind.INTERRUPTED, "download of " + uri + " broke off after " + now
                        + " of " + total + " bytes");
            }
            return true;
        } catch (IOException e) {
            if (e instanceof DownloadException d) {
                throw d;
            }
            throw new DownloadException(Kind.INTERRUPTED, "download of " + uri + " broke off after "
                    + partSize(part) + " bytes: " + e.getMessage(), e);
        }
    }

    private HttpResponse<InputStream> send(HttpRequest req, URI uri, BooleanSupplier cancelled)
            throws DownloadException {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new DownloadException(Kind.CANCELLED, "download of " + uri + " cancelled");
        }
        try {
            return client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException(Kind.CANCELLED, "download of " + uri + " cancelled", e);
        } catch (IOException e) {
            String why = unreachable(e);
            if (why != null) {
                throw new DownloadException(Kind.OFFLINE, "cannot reach " + uri.getHost() + (uri.getPort() > 0
                        ? ":" + uri.getPort() : "") + " (" + why + "): offline? Connect and try again, "
                        + "or import a file instead (a .safetensors or .pth checkpoint you already have).", e);
            }
            throw new DownloadException(Kind.INTERRUPTED, "no answer from " + uri + ": " + e, e);
        }
    }

    /** A reason when the failure means "no connection at all", else null. */
    private static String unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "host name not found";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "connection timed out";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof ConnectException) {
                return t.getMessage() == null ? "connection refused" : t.getMessage().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static DownloadException tooLarge(FileSpec spec, URI uri, String what) {
        String figure = spec.size != null ? "its size, " + spec.size + " bytes" : "its limit, " + spec.maxSize + " bytes";
        return new DownloadException(Kind.TOO_LARGE, "the server " + what + " for " + spec.fileName + ", above "
                + figure + " in the model catalog (" + uri + "). The download was stopped and nothing was kept; "
                + "the file may have changed upstream or the server is misbehaving.");
    }

    /**
     * Copies the body into the part file, checking cancel between chunks; a watchdog closes a stalled stream.
     * False, with the body left unread, as soon as the part file would pass {@code limit} bytes.
     */
    private boolean copy(InputStream body, Path part, boolean append, long start, long total, long limit, String name,
            Progress progress, BooleanSupplier cancelled, URI uri) throws IOException {
        AtomicLong lastByte = new AtomicLong(System.nanoTime());
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "download-watchdog");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10, stallTimeout.toMillis() / 4);
        ScheduledFuture<?> check = watch.scheduleAtFixedRate(() -> {
            boolean stalled = System.nanoTime() - lastByte.get() > stallTimeout.toNanos();
            if (stalled || cancelled.getAsBoolean()) {
                try {
                    body.close(); // unblocks the read below
                } catch (IOException ignored) {
                    // the read reports the failure
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
        StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        long done = start;
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
            byte[] buf = new byte[CHUNK];
            progress.update(name, done, total);
            while (true) {
                if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    throw new DownloadException(Kind.CANCELLED, "download of " + uri + " cancelled after " + done
                            + " bytes; the partial file is kept for a resume");
                }
                int n;
                try {
                    n = body.read(buf);
                } catch (IOException e) {
                    out.flush();
                    if (cancelled.getAsBoolean()) {
                        throw new DownloadException(Kind.CANCELLED, "download of " + uri + " cancelled after " + done
                                + " bytes; the partial file is kept for a resume", e);
                    }
                    boolean stalled = System.nanoTime() - lastByte.get() > stallTimeout.toNanos();
                    throw new DownloadException(Kind.INTERRUPTED, "download of " + uri + " broke off after " + done
                            + " bytes" + (stalled ? " (no data for " + stallTimeout.toSeconds() + " s)" : ": " + e), e);
                }
                if (n < 0) {
                    break;
                }
                if (done + n > limit) {
                    return false;
                }
                out.write(buf, 0, n);
                done += n;
                lastByte.set(System.nanoTime());
                progress.update(name, done, total);
            }
        } finally {
            check.cancel(false);
            watch.shutdownNow();
        }
        return true;
    }

    /** Size and sha256 of the complete file against the catalog; a mismatch deletes the file. */
    private static FileResult verified(FileSpec spec, Path file, Path target, URI uri) throws DownloadException {
        String actual;
        long size;
        try {
            size = Files.size(file);
            actual = Hashing.sha256(file);
        } catch (IOException e) {
            throw new DownloadException(Kind.STORAGE, "cannot read " + file + ": " + e.getMessage(), e);
        }
        String problem = null;
        if (spec.size != null && size != spec.size) {
            problem = "size " + size + " bytes, expected " + spec.size;
        } else if (spec.sha256 != null && !spec.sha256.equalsIgnoreCase(actual)) {
            problem = "sha256 " + actual + ", expected " + spec.sha256.toLowerCase(Locale.ROOT);
        } else if (spec.sha256 == null && spec.sha256Prefix != null
                && !actual.startsWith(spec.sha256Prefix.toLowerCase(Locale.ROOT))) {
            problem = "sha256 " + actual + ", expected one starting with " + spec.sha256Prefix;
        }
        if (problem != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the message below still names the bad file
            }
            throw new DownloadException(Kind.CHECKSUM, target.getFileName() + " from " + uri + " failed its check: "
                    + problem + ". The file was deleted; try again, and if it keeps failing the download is "
                    + "corrupted or the file changed upstream.");
        }
        Verification v = spec.sha256 != null ? Verification.VERIFIED
                : spec.sha256Prefix != null ? Verification.PREFIX_ONLY : Verification.UNVERIFIED_FIRST_USE;
        return new FileResult(file, actual, v);
    }

    private static long partSize(Path part) {
        try {
            return Files.isRegularFile(part) ? Files.size(part) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static long restart(Path part) throws DownloadException {
        try {
            Files.deleteIfExists(part);
            return 0;
        } catch (IOException e) {
            throw new DownloadException(Kind.STORAGE, "cannot delete " + part + ": " + e.getMessage(), e);
        }
    }
}
