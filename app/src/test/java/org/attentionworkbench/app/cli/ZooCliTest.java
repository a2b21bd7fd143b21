package org.attentionworkbench.app.cli;

import static org.attentionworkbench.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionworkbench.compute.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** workbench zoo as a script calls it: files per mechanism, metrics.json, figures, exit codes. */
class ZooCliTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path DIGIT = REPO.resolve("compute/src/test/resources/goldens/digits/digit_7.png");

    @Test
    void syntheticTokensEveryMechanism(@TempDir Path out) throws Exception {
        CliRun r = run("zoo", "--mechanism", "all", "--synthetic", "6x5", "--dim", "8", "--out", out.toString(),
                "--no-png");
        assertEquals(0, r.code(), r.err());
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertEquals(30, m.getAsJsonObject("input").get("tokens").getAsInt());
        JsonArray mechs = m.getAsJsonArray("mechanisms");
        assertTrue(mechs.size() >= 2);
        for (var e : mechs) {
            String id = e.getAsJsonObject().get("id").getAsString();
            assertArrayEquals(new int[] {30, 30}, Npy.read(out.resolve(id).resolve("matrix.npy")).shape(), id);
        }
        assertEquals("softmax", mechs.get(0).getAsJsonObject().get("id").getAsString());
        assertEquals(0, mechs.get(0).getAsJsonObject().get("rel_matrix_error").getAsDouble(), 1e-7);
        assertTrue(Files.isRegularFile(out.resolve("figures/figures.json")));
    }

    @Test
    void liveGateWritesTheTiedJacobianMap(@TempDir Path out) throws Exception {
        CliRun r = run("zoo", "--mechanism", "cas-vit", "--synthetic", "5x6", "--dim", "4", "--seed", "3", "--live-gate",
                "--out", out.toString(), "--no-png");
        assertEquals(0, r.code(), r.err());
        float[] written = Npy.read(out.resolve("cas-vit/matrix.npy")).toFloats();
        var in = org.attentionworkbench.compute.zoo.ZooInputs.synthetic(5, 6, 4, 3);
        assertArrayEquals(new org.attentionworkbench.compute.zoo.mechanisms.CasVitMixer().liveMatrix(in).m(), written);
        CliRun frozen = run("zoo", "--mechanism", "cas-vit", "--synthetic", "5x6", "--dim", "4", "--seed", "3",
                "--out", out.resolve("frozen").toString(), "--no-png");
        assertEquals(0, frozen.code(), frozen.err());
        float[] f = Npy.read(out.resolve("frozen/cas-vit/matrix.npy")).toFloats();
        assertEquals(0f, f[29], "frozen gate: token 0 does not reach token 29");
        assertTrue(written[29] > 0, "live gate: the channel average couples them");
    }

    @Test
    void aRealVitLayerWithPngFigures(@TempDir Path out) throws Exception {
        assumeTrue(Files.isRegularFile(REPO.resolve("../shared/models/vit4mnist.pth")), "../shared missing: skipped");
        System.setProperty("workbench.home", REPO.toString());
        CliRun r = run("--device", "java", "zoo", "--mechanism", "softmax,sigmoid", "--model", "vit4mnist", "--image",
                DIGIT.toString(), "--layer", "2", "--head", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        float[] soft = Npy.read(out.resolve("softmax/matrix.npy")).toFloats();
        assertEquals(16 * 16, soft.length, "the 4×4 patches, class token dropped");
        for (int i = 0; i < 16; i++) {
            double s = 0;
            for (int j = 0; j < 16; j++) {
                s += soft[i * 16 + j];
            }
            assertEquals(1, s, 1e-4);
        }
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertTrue(m.getAsJsonObject("input").get("from_model").getAsBoolean());
        assertTrue(m.getAsJsonObject("input").get("source").getAsString().contains("layer 2 head 3"));
        assertTrue(Files.isRegularFile(out.resolve("figures/matrix-sigmoid.png")));
        assertTrue(Files.isRegularFile(out.resolve("figures/mass-by-distance.png")));
        CliRun layer = run("--device", "java", "zoo", "--mechanism", "softmax", "--model", "vit4mnist", "--image",
                DIGIT.toString(), "--layer", "6", "--out", out.toString());
        assertEquals(2, layer.code());
        assertTrue(layer.err().contains("--layer 6"), layer.err());
    }

    @Test
    void textRunsOnMiniLm(@TempDir Path out) throws Exception {
        CliRun r = run("--device", "java", "zoo", "--mechanism", "sigmoid", "--text", "The cat sat.", "--layer", "1",
                "--head", "4", "--out", out.toString(), "--no-png");
        assertEquals(0, r.code(), r.err());
        JsonObject in = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject()
                .getAsJsonObject("input");
        assertEquals("[CLS]", in.getAsJsonArray("labels").get(0).getAsString());
        assertEquals(6, in.get("tokens").getAsInt());
        assertArrayEquals(new int[] {6, 6}, Npy.read(out.resolve("sigmoid/matrix.npy")).shape());
    }

    @Test
    void badInputIsNamed(@TempDir Path dir) throws Exception {
        CliRun unknown = run("zoo", "--mechanism", "softmax,nonesuch", "--synthetic", "16", "--out", dir.toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("nonesuch") && unknown.err().contains("softmax"), unknown.err());
        CliRun none = run("zoo", "--mechanism", "all", "--out", dir.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("--synthetic"), none.err());
        CliRun both = run("zoo", "--mechanism", "all", "--text", "a", "--synthetic", "4", "--out", dir.toString());
        assertEquals(2, both.code());
        CliRun grid = run("zoo", "--mechanism", "all", "--synthetic", "8y8", "--out", dir.toString());
        assertEquals(2, grid.code());
        assertTrue(grid.err().contains("8y8"), grid.err());
        CliRun noModel = run("zoo", "--mechanism", "all", "--image", DIGIT.toString(), "--out", dir.toString());
        assertEquals(2, noModel.code());
        assertTrue(noModel.err().contains("--model"), noModel.err());
        Path notImage = dir.resolve("scan.png");
        Files.writeString(notImage, "no pixels here");
        CliRun bad = run("zoo", "--mechanism", "softmax", "--model", REPO.resolve("samples/models/vit4mnist.json").toString(),
                "--image", notImage.toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("scan.png"), bad.err());
    }
}
