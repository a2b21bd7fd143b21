package org.attentionworkbench.compute.models.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.models.ModelCard;
import org.attentionworkbench.compute.models.VisionModel;
import org.attentionworkbench.compute.models.catalog.DownloadException.Kind;
import org.attentionworkbench.compute.models.catalog.ModelDownloader.Verification;
import org.attentionworkbench.compute.models.vit.ViT;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against a loopback server serving the tiny timm ViT (dim 32, 4 heads, patch 8, 32 px). */
@Timeout(60)
class ModelDownloaderTest {
    /** The bound of a test entry without an exact size. */
    private static final long MAX_SIZE = 1 << 20;
    private static byte[] model;
    private static String sha;

    @TempDir
    Path cache;

    @BeforeAll
    static void readModel() throws Exception {
        Path p = Path.of(ModelDownloaderTest.class.getResource("/goldens/models/timm_vit/model.safetensors").toURI());
        model = Files.readAllBytes(p);
        sha = Hashing.sha256(p);
    }

    /** A one-file catalog entry for the served model. */
    private static ModelCatalog.Entry entry(String url, String sha256, Long size) throws Exception {
        String json = """
                {"models": [{"id": "tiny-timm", "name": "Tiny timm ViT", "layout": "timm", "heads": 4, "patch": 8,
                  "inputSize": 32, "licence": "test", "source": "goldens",
                  "preprocess": {"resize": 32, "squash": true, "crop": 0, "channels": 3,
                                 "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]},
                  "files": [{"role": "checkpoint", "fileName": "model.safetensors", "url": "%s",
                             "size": %s, "maxSize": %d, "sha256": %s, "checksumSource": "test"}]}]}
                """.formatted(url, size == null ? "null" : size, MAX_SIZE, sha256 == null ? "null" : "\"" + sha256 + "\"");
        return ModelCatalog.parse(json).byId("tiny-timm").orElseThrow();
    }

    private ModelDownloader downloader(int retries) {
        return new ModelDownloader(cache, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10), retries);
    }

    private Path target() {
        return ModelCache.modelDir(cache, "tiny-timm").resolve("model.safetensors");
    }

    private Path part() {
        return target().resolveSibling("model.safetensors.part");
    }

    @Test
    void fullDownloadIsVerifiedAndItsCardOpens() throws Exception {
        try (LoopbackServer srv = new LoopbackServer(model)) {
            AtomicLong last = new AtomicLong();
            ModelDownloader.Result r = downloader(0).install(entry(srv.url("/model.bin"), sha, (long) model.length),
                    (f, b, t) -> last.set(b), () -> false);
            assertTrue(r.fullyVerified());
            assertEquals("sha256 verified against the published checksum", r.checkSummary());
            assertEquals(model.length, last.get(), "progress reached the end");
            assertEquals(sha, Hashing.sha256(target()));
            assertFalse(Files.exists(part()));
            ModelCard card = ModelCard.read(r.card());
            assertEquals(sha, card.sha256);
            assertEquals("timm", card.layout);
            try (VisionModel m = VisionModel.open(r.card(), new JavaDevice())) {
                RgbImage img = gradient(48, 40);
                ViT.Output out = m.run(img, false, CaptureRequest.allAttention(2));
                assertEquals(4, out.gridH());
                assertEquals(1, srv.ranges.size());
            }
            InstalledModels.Listing list = InstalledModels.list(cache);
            assertEquals(1, list.models().size());
            assertEquals(InstalledModels.Origin.CATALOG, list.models().get(0).origin());
            assertTrue(list.models().get(0).checksumVerified());
            assertTrue(ModelDownloader.isInstalled(cache, entry(srv.url("/model.bin"), sha, null)));
        }
    }

    /** A depth model from the catalog installs like any other but is not offered as an image-attention model. */
    @Test
    void aDepthModelIsNotListedAmongImageModels() throws Exception {
        try (LoopbackServer srv = new LoopbackServer(model)) {
            String json = """
                    {"models": [], "depthModels": [{"id": "tiny-depth", "name": "Tiny depth", "layout": "depth-anything-hf",
                      "licence": "test", "source": "goldens",
                      "files": [{"role": "checkpoint", "fileName": "model.safetensors", "url": "%s",
                                 "maxSize": %d, "sha256": "%s", "checksumSource": "test"}]}]}
                    """.formatted(srv.url("/model.bin"), MAX_SIZE, sha);
            ModelCatalog.Entry depth = ModelCatalog.parse(json).depthEntries().get(0);
            assertTrue(depth.isDepth());
            ModelDownloader.Result r = downloader(0).install(depth, (f, b, t) -> { }, () -> false);
            assertEquals("depth", ModelCard.read(r.card()).architecture);
            assertTrue(ModelDownloader.isInstalled(cache, depth));
            assertEquals(0, InstalledModels.list(cache).models().size(), "the Attention page does not list it");
        }
    }

    @Test
    void brokenTransferResumesWithRange() throws Exception {
        try (LoopbackServer srv = new LoopbackServer(model)) {
            srv.closeFirstAfter = 50_000;
            ModelDownloader.FileResult r = downloader(2).download(entry(srv.url("/model.bin"), sha, null).checkpoint(),
                    target(), ModelDownloader.Progress.NONE, () -> false);
            assertEquals(Verification.VERIFIED, r.verification());
            assertEquals(sha, Hashing.sha256(target()));
            assertEquals(List.of("", "bytes=50000-"), srv.ranges);
        }
    }

    @Test
    void brokenTransferWithoutRetriesKeepsThePartForALaterResume() throws Exception {
        try (LoopbackServer srv = new LoopbackServer(model)) {
            srv.closeFirstAfter = 40_000;
            ModelCatalog.Entry e = entry(srv.url("/model.bin"), sha, (long) model.length);
            DownloadException ex = assertThrows(DownloadException.class,
                    () -> downloader(0).install(e, ModelDownloader.Progress.NONE, () -> false));
            assertEquals(Kind.INTERRUPTED, ex.kind(), ex.getMessage());
            assertEquals(40_000, Files.size(part()));
            assertFalse(Files.exists(target()));
            downloader(0).install(e, ModelDownloader.Progress.NONE, () -> false);
            assertEquals(sha, Hashing.sha256(target()));
            assertEquals("bytes=40000-", srv.ranges.get(1));
        }
    }

    @Test
    void serverIgnoringRangeRestartsFromZero() throws Exception {
        try (LoopbackServer srv = new LoopbackServer(model)) {
            srv.ignoreRange = true;
            Files.createDirectories(part().getParent());
            Files.write(part(), new byte[12_345]); // stale bytes that must not survive
            downloader(0).download(entry(srv.url("/model.bin"), sha, null).checkpoint(), target(),
                    ModelDownloader.Progress.NONE, () -> false);
            assertEquals(List.of("bytes=12345-"), srv.ranges);
            assertEquals(sha, Hashing.sha256(target()));
        }
    }

    @Test
    void completePartAnswered416IsAccepted() throws Exception {
        try (LoopbackServer srv = new LoopbackServer(model)) {
            Files.createDirectories(part().getParent());
            Files.write(part(), model);
            ModelDownloader.FileResult r = downloader(0).download(entry(srv.url("/model.bin"), sha, null).checkpoint(),
                    target(), ModelDownloader.Progress.NONE, () -> false);
            assertEquals(Verification.VERIFIED, r.verification());
            assertEquals(List.of("bytes=" + model.length + "-"), srv.ranges);
        }
    }

    @Test
    void checksumMismatchDeletesAndNamesBothHashes() throws Exception {
        String wrong = "0".repeat(64);
        try (LoopbackServer srv = new LoopbackServer(model)) {
            DownloadException ex = assertThrows(DownloadException.class, () -> downloader(0).install(
                    entry(srv.url("/model.bin"), wrong, null), ModelDownloader.Progress.NONE, () -> false));
            assertEquals(Kind.CHECKSUM, ex.kind());
            assertTrue(ex.getMessage().contains("model.safetensors"), ex.getMessage());
            assertTrue(ex.getMessage().contains(wrong) && ex.getMessage().contains(sha), ex.getMessage());
            assertFalse(Files.exists(target()));
            assertFalse(Files.exists(part()));
            assertFalse(Files.exists(target().resolveSibling(ModelCache.CARD)));
        }
    }

    @Test
    void prefixFromTheFileNameIsChecked() throws Exception {
        try (LoopbackServer srv = new LoopbackServer(model)) {
            ModelCatalog.FileSpec spec = entry(srv.url("/model.bin"), null, null).checkpoint();
            spec.sha256Prefix = sha.substring(0, 8);
            assertEquals(Verification.PREFIX_ONLY, downloader(0).download(spec, target(),
                    ModelDownloader.Progress.NONE, () -> false).verification());
            Files.delete(target());
            spec.sha256Prefix = sha.startsWith("ff") ? "00ff00ff" : "ffffffff";
            DownloadException ex = assertThrows(DownloadException.class, () -> downloader(0).download(spec,
                    target(), ModelDownloader.Progress.NONE, () -> false));
            assertEquals(Kind.CHECKSUM, ex.kind());
        }
    }

    @Test
    void noPublishedChecksumRecordsTheFirstDownloadAsUnverified() throws Exception {
        try (LoopbackServer srv = new LoopbackServer(model)) {
            ModelDownloader.Result r = downloader(0).install(entry(srv.url("/moved"), null, null),
                    ModelDownloader.Progress.NONE, () -> false); // through a redirect, too
            assertEquals(Verification.UNVERIFIED_FIRST_USE, r.files().get(0).verification());
            assertFalse(r.fullyVerified());
            assertTrue(r.checkSummary().startsWith("UNVERIFIED: model.safetensors has no published checksum")
                    && r.checkSummary().contains(sha), r.checkSummary());
            ModelCard card = ModelCard.read(r.card());
            assertEquals(sha, card.sha256);
            assertTrue(card.notes.contains("unverified"), card.notes);
            assertFalse(InstalledModels.list(cache).models().get(0).checksumVerified());
        }
    }

    @Test
    void notFoundNamesTheUrl() throws Exception {
        try (LoopbackServer srv = new LoopbackServer(model)) {
            String url = srv.url("/no/such/model.pth");
            DownloadException ex = assertThrows(DownloadException.class, () -> downloader(2).install(
                    entry(url, sha, null), ModelDownloader.Progress.NONE, () -> false));
            assertEquals(Kind.HTTP, ex.kind());
            assertTrue(ex.getMessage().contains("404") && ex.getMessage().contains(url), ex.getMessage());
        }
    }

    @Test
    void connectionRefusedSaysOfflineAndOffersImport() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        DownloadException ex = assertThrows(DownloadException.class, () -> downloader(2).install(
                entry("http://127.0.0.1:" + port + "/model.bin", sha, null), ModelDownloader.Progress.NONE,
                () -> false));
        assertTrue(ex.isOffline(), ex.kind() + ": " + ex.getMessage());
        assertTrue(ex.getMessage().contains("offline?") && ex.getMessage().contains("import a file instead"),
                ex.getMessage());
    }

    @Test
    void cancelKeepsThePartAndALaterCallResumes() throws Exception {
        try (LoopbackServer srv = new LoopbackServer(model)) {
            srv.chunkDelayMs = 20;
            AtomicBoolean cancel = new AtomicBoolean();
            ModelCatalog.Entry e = entry(srv.url("/model.bin"), sha, null);
            DownloadException ex = assertThrows(DownloadException.class, () -> downloader(3).install(e,
                    (f, b, t) -> cancel.compareAndSet(false, b >= 30_000), cancel::get));
            assertEquals(Kind.CANCELLED, ex.kind(), ex.getMessage());
            long kept = Files.size(part());
            assertTrue(kept >= 30_000 && kept < model.length, "kept " + kept);
            assertEquals(1, srv.ranges.size(), "a cancel is not retried");
            srv.chunkDelayMs = 0;
            downloader(0).install(e, ModelDownloader.Progress.NONE, () -> false);
            assertEquals(sha, Hashing.sha256(target()));
            assertEquals("bytes=" + kept + "-", srv.ranges.get(1));
        }
    }

    @Test
    void aServerThatDoesNotStopIsCutOffAtTheCatalogBound() throws Exception {
        try (LoopbackServer srv = new LoopbackServer(model)) {
            srv.declaredLength = 0; // chunked: no Content-Length to refuse up front
            srv.repeat = 2000; // about 260 MB if nobody stopped it
            ModelCatalog.FileSpec spec = entry(srv.url("/model.bin"), null, null).checkpoint();
            DownloadException ex = assertThrows(DownloadException.class, () -> downloader(3).download(spec, target(),
                    ModelDownloader.Progress.NONE, () -> false));
            assertEquals(Kind.TOO_LARGE, ex.kind(), ex.getMessage());
            assertTrue(ex.getMessage().contains("sent more than that") && ex.getMessage().contains(MAX_SIZE + " bytes")
                    && ex.getMessage().contains("model.safetensors"), ex.getMessage());
            assertFalse(Files.exists(part()), "nothing kept");
            assertFalse(Files.exists(target()));
            assertEquals(1, srv.ranges.size(), "not retried");
            assertTrue(srv.sent.get() < 100L * model.length, "the client stopped reading: " + srv.sent.get());
        }
    }

    @Test
    void aContentLengthAboveTheBoundIsRefusedBeforeTheBody() throws Exception {
        try (LoopbackServer srv = new LoopbackServer(model)) {
            srv.declaredLength = MAX_SIZE + 1;
            AtomicLong progressed = new AtomicLong(-1);
            DownloadException ex = assertThrows(DownloadException.class, () -> downloader(0).download(
                    entry(srv.url("/model.bin"), sha, null).checkpoint(), target(),
                    (f, b, t) -> progressed.set(b), () -> false));
            assertEquals(Kind.TOO_LARGE, ex.kind(), ex.getMessage());
            assertTrue(ex.getMessage().contains("offers " + (MAX_SIZE + 1) + " bytes"), ex.getMessage());
            assertEquals(-1, progressed.get(), "no body byte was read");
            assertFalse(Files.exists(part()));
        }
    }

    @Test
    void aResumeWhoseContentRangeTotalPassesTheExactSizeIsRefused() throws Exception {
        try (LoopbackServer srv = new LoopbackServer(model)) {
            srv.claimedTotal = model.length + 1L;
            Files.createDirectories(part().getParent());
            Files.write(part(), java.util.Arrays.copyOf(model, 1000));
            DownloadException ex = assertThrows(DownloadException.class, () -> downloader(0).download(
                    entry(srv.url("/model.bin"), sha, (long) model.length).checkpoint(), target(),
                    ModelDownloader.Progress.NONE, () -> false));
            assertEquals(Kind.TOO_LARGE, ex.kind(), ex.getMessage());
            assertTrue(ex.getMessage().contains("its size, " + model.length + " bytes"), ex.getMessage());
            assertFalse(Files.exists(part()), "a partial file from a misbehaving server is not kept");
        }
    }

    @Test
    void aLyingContentLengthNeverInstallsAShortFile() throws Exception {
        try (LoopbackServer srv = new LoopbackServer(model)) {
            srv.declaredLength = model.length - 1000; // then tries to send the whole file
            // with the exact size in the catalog: refused before the body
            DownloadException ex = assertThrows(DownloadException.class, () -> downloader(0).download(
                    entry(srv.url("/model.bin"), sha, (long) model.length).checkpoint(), target(),
                    ModelDownloader.Progress.NONE, () -> false));
            assertEquals(Kind.CHECKSUM, ex.kind(), ex.getMessage());
            assertTrue(ex.getMessage().contains("offers " + (model.length - 1000)), ex.getMessage());
            // with only a bound and the sha256: the short body fails its checksum
            ex = assertThrows(DownloadException.class, () -> downloader(0).download(
                    entry(srv.url("/model.bin"), sha, null).checkpoint(), target(),
                    ModelDownloader.Progress.NONE, () -> false));
            assertEquals(Kind.CHECKSUM, ex.kind(), ex.getMessage());
            assertTrue(ex.getMessage().contains("expected " + sha), ex.getMessage());
            assertFalse(Files.exists(target()));
            assertFalse(Files.exists(part()));
        }
    }

    @Test
    void aRedirectToAnotherSchemeIsNotFollowed() throws Exception {
        try (LoopbackServer srv = new LoopbackServer(model)) {
            DownloadException ex = assertThrows(DownloadException.class, () -> downloader(0).download(
                    entry(srv.url("/to-file"), null, null).checkpoint(), target(), ModelDownloader.Progress.NONE,
                    () -> false));
            assertEquals(Kind.HTTP, ex.kind(), ex.getMessage());
            assertTrue(ex.getMessage().contains("HTTP 302") && ex.getMessage().contains("file:///etc/passwd is not followed"),
                    ex.getMessage());
            assertFalse(Files.exists(target()));
        }
    }

    @Test
    void catalogFilesNeedABoundAndAChecksumOrAReason() {
        String base = """
                {"models": [{"id": "m", "files": [{"fileName": "w.pth", "url": "%s" %s}]}]}""";
        String[][] cases = {
            {"https://example.org/w.pth", "", "needs a positive \"size\""},
            {"https://example.org/w.pth", ", \"size\": -3, \"checksumSource\": \"x\"", "needs a positive"},
            {"https://example.org/w.pth", ", \"maxSize\": 10", "no sha256 and no \"checksumSource\""},
            {"https://example.org/w.pth", ", \"size\": 20, \"maxSize\": 10, \"checksumSource\": \"x\"", "above its maxSize"},
            {"https://example.org/w.pth", ", \"maxSize\": 10, \"sha256\": \"abc\"", "not 64 hex digits"},
            {"file:///etc/passwd", ", \"maxSize\": 10, \"checksumSource\": \"x\"", "is not http(s)"},
        };
        for (String[] c : cases) {
            java.io.IOException e = assertThrows(java.io.IOException.class,
                    () -> ModelCatalog.parse(base.formatted(c[0], c[1])), c[1]);
            assertTrue(e.getMessage().contains(c[2]) && e.getMessage().contains("m"), e.getMessage());
        }
    }

    private static RgbImage gradient(int w, int h) {
        int[] rgb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                rgb[y * w + x] = (x * 5 & 255) << 16 | (y * 6 & 255) << 8 | ((x + y) * 3 & 255);
            }
        }
        return new RgbImage(w, h, rgb);
    }
}
