package org.attentionworkbench.app.cli;

import static org.attentionworkbench.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionworkbench.compute.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** attention and text-attention as a script would call them: exit codes, files, their shapes. */
class AttentionCliTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path DIGIT = REPO.resolve("compute/src/test/resources/goldens/digits/digit_7.png");

    @Test
    void attentionOnTheRealMnistViT(@TempDir Path out) throws Exception {
        assumeTrue(Files.isRegularFile(REPO.resolve("../shared/models/vit4mnist.pth")), "../shared missing: skipped");
        System.setProperty("workbench.home", REPO.toString());
        CliRun r = run("--device", "java", "attention", "--model", "vit4mnist", "--image", DIGIT.toString(), "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("top-1: 7"), r.out());
        assertArrayEquals(new int[] {6, 8, 17, 17}, Npy.read(out.resolve("attention.npy")).shape());
        assertArrayEquals(new int[] {1, 10}, Npy.read(out.resolve("logits.npy")).shape());
        JsonObject meta = JsonParser.parseString(Files.readString(out.resolve("tokens.json"))).getAsJsonObject();
        assertEquals(4, meta.getAsJsonArray("grid").get(0).getAsInt());
    }

    @Test
    void attentionReportsBadInputByName(@TempDir Path dir) throws Exception {
        Path notImage = dir.resolve("scan.png");
        Files.writeString(notImage, "no pixels here");
        Path card = REPO.resolve("samples/models/vit4mnist.json");
        CliRun r = run("attention", "--model", card.toString(), "--image", notImage.toString(), "--out",
                dir.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("scan.png"), r.err());
        CliRun missing = run("attention", "--model", "no-such-model", "--image", DIGIT.toString(), "--out", dir.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no-such-model"), missing.err());
    }

    @Test
    void textAttentionWritesMapsTokensAndEmbedding(@TempDir Path out) throws Exception {
        CliRun r = run("--device", "java", "text-attention", "--text", "The cat sat on the mat.", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("[CLS] the cat sat on the mat . [SEP]", r.out().trim());
        assertArrayEquals(new int[] {6, 12, 9, 9}, Npy.read(out.resolve("attention.npy")).shape());
        float[] e = Npy.read(out.resolve("embedding.npy")).toFloats();
        double norm = 0;
        for (float v : e) {
            norm += v * v;
        }
        assertEquals(384, e.length);
        assertEquals(1.0, norm, 1e-4);
        JsonObject meta = JsonParser.parseString(Files.readString(out.resolve("tokens.json"))).getAsJsonObject();
        assertEquals("cat", meta.getAsJsonArray("tokens").get(2).getAsString());
    }
}
