package org.attentionworkbench.app.cli;

import static org.attentionworkbench.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** models list / download: the catalog from the command line, then the downloaded depth model runs in 'depth'. */
class ModelsCliTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path TINY_HF = REPO.resolve("compute/src/test/resources/goldens/depthanything/hf");

    @Test
    void listsTheBuiltInCatalogWithItsDepthModel(@TempDir Path cache) {
        CliRun r = run("models", "list", "--cache", cache.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("depth-anything-v2-small-hf") && l.contains(" depth ")
                && l.contains("Apache-2.0") && l.endsWith("-")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains(" image ")), r.out());
    }

    @Test
    void downloadsIntoTheCacheThenDepthUsesItById(@TempDir Path dir) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] body = Files.readAllBytes(TINY_HF.resolve(ex.getRequestURI().getPath().substring(1)));
            ex.sendResponseHeaders(200, body.length);
            try (var o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            StringBuilder files = new StringBuilder();
            for (String[] f : new String[][] {{"checkpoint", "model.safetensors"}, {"config", "config.json"},
                {"preprocessor", "preprocessor_config.json"}}) {
                byte[] bytes = Files.readAllBytes(TINY_HF.resolve(f[1]));
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
                files.append(files.isEmpty() ? "" : ",").append("""
                        {"role": "%s", "fileName": "%s", "url": "%s/%s", "size": %d, "sha256": "%s", "checksumSource": "t"}
                        """.formatted(f[0], f[1], base, f[1], bytes.length, sha));
            }
            Path catalog = dir.resolve("catalog.json");
            Files.writeString(catalog, """
                    {"models": [], "depthModels": [{"id": "tiny-depth", "name": "Tiny depth", "layout": "depth-anything-hf",
                      "licence": "test", "source": "goldens", "files": [%s]}]}""".formatted(files));
            Path cache = dir.resolve("cache");
            CliRun r = run("models", "download", "tiny-depth", "--cache", cache.toString(), "--catalog", catalog.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.err().contains("sha256 verified"), r.err());
            Path installed = Path.of(r.out().strip());
            assertTrue(Files.isRegularFile(installed.resolve("model.safetensors")), installed.toString());
            r = run("models", "list", "--cache", cache.toString(), "--catalog", catalog.toString());
            assertTrue(r.out().contains("installed"), r.out());
            r = run("models", "download", "tiny-depth", "--cache", cache.toString(), "--catalog", catalog.toString());
            assertEquals(0, r.code());
            assertTrue(r.err().contains("already installed"), r.err());
            r = run("models", "download", "no-such-model", "--cache", cache.toString(), "--catalog", catalog.toString());
            assertEquals(2, r.code());
            assertTrue(r.err().contains("no-such-model") && r.err().contains("tiny-depth"), r.err());

            // the installed folder is a checkpoint the depth command takes
            Path out = dir.resolve("out");
            r = run("--device", "java", "depth", "--model", installed.toString(), "--image",
                    REPO.resolve("compute/src/test/resources/goldens/depthanything/image_45x33.png").toString(),
                    "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.isRegularFile(out.resolve("depth.npy")));
        } finally {
            server.stop(0);
        }
    }
}
