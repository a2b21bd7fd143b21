package org.attentionworkbench.app.cli;

import static org.attentionworkbench.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionworkbench.compute.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sample-room writes a panorama with exact depth; panorama-eval with the simulated model recovers it. */
class PanoramaEvalCliTest {
    private static Path room(Path dir) {
        CliRun r = run("sample-room", "--out", dir.toString(), "--seed", "4", "--width", "192");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("room.png")) && Files.isRegularFile(dir.resolve("room.npy")), r.out());
        return dir;
    }

    @Test
    void simulatedModelScoresWellAndWritesDepth(@TempDir Path dir) throws Exception {
        room(dir);
        Path out = dir.resolve("metrics.json");
        Path depth = dir.resolve("pred.npy");
        CliRun r = run("panorama-eval", "--image", dir.resolve("room.png").toString(), "--depth",
                dir.resolve("room.npy").toString(), "--model", "simulated", "--layout", "18", "--seed", "2",
                "--alignment", "affine", "--blend", "frustum", "--out", out.toString(), "--save-depth", depth.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("patch 18/18"), r.err());
        JsonObject m = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertTrue(m.get("AbsRel").getAsDouble() <= 0.02, m.toString());
        assertEquals("MEDIAN", m.get("alignment").getAsString());
        assertEquals("frustum", m.get("blend").getAsString());
        assertEquals(18, m.get("patches").getAsInt());
        assertEquals(1.0, m.get("covered_fraction").getAsDouble(), 1e-9);
        assertTrue(m.get("patch_mismatch_after").getAsDouble() < m.get("patch_mismatch_before").getAsDouble());
        assertEquals(96 * 192, Npy.read(depth).size());
        // no alignment: the same run must score badly, or the check above proves nothing
        CliRun none = run("panorama-eval", "--image", dir.resolve("room.png").toString(), "--depth",
                dir.resolve("room.npy").toString(), "--model", "simulated", "--alignment", "none", "--blend", "mean",
                "--out", out.toString());
        assertEquals(0, none.code(), none.err());
        assertTrue(JsonParser.parseString(Files.readString(out)).getAsJsonObject().get("AbsRel").getAsDouble() > 0.1);
    }

    @Test
    void badInputNamesTheFile(@TempDir Path dir) throws Exception {
        room(dir);
        String png = dir.resolve("room.png").toString();
        Path small = dir.resolve("small.npy");
        Npy.writeFloat32(small, new float[12], 3, 4);
        CliRun r = run("panorama-eval", "--image", png, "--depth", small.toString(), "--model", "simulated", "--out",
                dir.resolve("m.json").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("small.npy") && r.err().contains("[3, 4]"), r.err());
        Path junk = dir.resolve("junk.npy");
        Files.writeString(junk, "not numpy");
        r = run("panorama-eval", "--image", png, "--depth", junk.toString(), "--model", "simulated", "--out",
                dir.resolve("m.json").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("junk.npy"), r.err());
        r = run("panorama-eval", "--image", png, "--depth", dir.resolve("room.npy").toString(), "--model",
                dir.resolve("depth_anything_v2_vits.pth").toString(), "--out", dir.resolve("m.json").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("depth_anything_v2_vits.pth"), r.err());
        assertFalse(Files.exists(dir.resolve("m.json")), "no metrics file after a failure");
        r = run("panorama-eval", "--image", png, "--depth", dir.resolve("room.npy").toString(), "--model", "simulated",
                "--layout", "17", "--out", dir.resolve("m.json").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--layout"), r.err());
    }

    /** A (tiny, random-weight) Depth Anything checkpoint runs on every tangent patch; OmniFusion on the whole ERP. */
    @Test
    void checkpointModelsRunThroughThePipeline(@TempDir Path dir) throws Exception {
        room(dir);
        String png = dir.resolve("room.png").toString();
        String gt = dir.resolve("room.npy").toString();
        Path goldens = Path.of("..", "compute", "src", "test", "resources", "goldens");
        Path out = dir.resolve("da.json");
        CliRun r = run("panorama-eval", "--image", png, "--depth", gt, "--model",
                goldens.resolve("depthanything/hf").toString(), "--layout", "10", "--alignment", "affine", "--blend",
                "mean", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonObject m = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertEquals(10, m.get("patches").getAsInt());
        assertEquals("median", m.get("score_alignment").getAsString(), "a relative model is scored after a median scale");
        assertTrue(Double.isFinite(m.get("AbsRel").getAsDouble()), m.toString());
        assertTrue(r.err().contains("patch 10/10"), r.err());

        out = dir.resolve("omni.json");
        r = run("panorama-eval", "--image", png, "--depth", gt, "--model",
                goldens.resolve("omnifusion/omnifusion_w16.pth").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        m = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertEquals("omnifusion", m.get("network").getAsString());
        assertEquals(18, m.get("patches").getAsInt());
        assertEquals("none", m.get("score_alignment").getAsString(), "OmniFusion predicts metres: no alignment");
        assertEquals(1.0, m.get("covered_fraction").getAsDouble());
    }

    @Test
    void completionKnowsTheCommandsAndLayouts() {
        CliRun r = run("completion");
        assertEquals(0, r.code(), r.err());
        for (String word : new String[] {"panorama-eval", "sample-room", "ico20", "--save-depth"}) {
            assertTrue(r.out().contains(word), "completion knows " + word);
        }
    }
}
