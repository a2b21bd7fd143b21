package org.attentionworkbench.app.cli;

import static org.attentionworkbench.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionworkbench.samples.defects.DefectDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** anomaly-refiner trains from a dataset's normal images; anomaly --refiner applies it or names a bad file. */
class AnomalyRefinerCliTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void trainsOnNormalImagesAndTheAnomalyRunRecordsTheRefiner(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(REPO.resolve("../shared/models/mobilenet_v2_imagenet.safetensors")),
                "../shared missing: skipped");
        System.setProperty("workbench.home", REPO.toString());
        Path data = dir.resolve("metal");
        DefectDataset.writeDataset(data, 4, 1, 3);
        Path refiner = dir.resolve("refiner.safetensors");
        CliRun t = run("--device", "java", "anomaly-refiner", "--train", data.toString(), "--out", refiner.toString(),
                "--size", "64", "--samples", "8", "--epochs", "3", "--seed", "2");
        assertEquals(0, t.code(), t.err() + t.out());
        assertTrue(t.out().contains("4 normal training image(s)"), t.out()); // train/good only, never test/
        assertTrue(t.out().contains("epoch 3/3 loss"), t.out());
        assertTrue(Files.size(refiner) > 1000);

        Path out = dir.resolve("out");
        CliRun a = run("--device", "java", "anomaly", "--backbone", "mobilenet", "--input", data.toString(), "--out",
                out.toString(), "--size", "64", "--no-heatmaps", "--refiner", refiner.toString());
        assertEquals(0, a.code(), a.err());
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertTrue(m.get("scorer").getAsString().contains("refiner refiner.safetensors (add)"), m.toString());

        // a bad mode is a usage error
        CliRun mode = run("anomaly", "--backbone", "mobilenet", "--input", data.toString(), "--out",
                dir.resolve("o2").toString(), "--refiner", refiner.toString(), "--refiner-mode", "blend");
        assertEquals(2, mode.code(), mode.err());
        assertTrue(mode.err().contains("--refiner-mode"), mode.err());
    }

    @Test
    void aBadRefinerFileIsRefusedWithItsName(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(REPO.resolve("../shared/models/mobilenet_v2_imagenet.safetensors")),
                "../shared missing: skipped");
        System.setProperty("workbench.home", REPO.toString());
        Path data = dir.resolve("metal");
        DefectDataset.writeDataset(data, 3, 1, 3);
        Path bad = dir.resolve("broken-refiner.safetensors");
        Files.writeString(bad, "this is no safetensors file");
        Path out = dir.resolve("out");
        CliRun r = run("--device", "java", "anomaly", "--backbone", "mobilenet", "--input", data.toString(), "--out",
                out.toString(), "--size", "64", "--refiner", bad.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("--refiner") && r.err().contains("broken-refiner.safetensors"), r.err());
        assertTrue(!Files.exists(out.resolve("metrics.json")), "nothing scored");

        CliRun missing = run("--device", "java", "anomaly", "--backbone", "mobilenet", "--input", data.toString(),
                "--out", out.toString(), "--size", "64", "--refiner", dir.resolve("nope.safetensors").toString());
        assertEquals(1, missing.code(), missing.err());
        assertTrue(missing.err().contains("nope.safetensors"), missing.err());
    }

    @Test
    void aDatasetWithoutTrainingImagesCannotTrainTheRefiner(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("flat");
        DefectDataset.writeDataset(data, 2, 1, 3);
        // only its test/ folder: good and defect images, no train/
        CliRun r = run("anomaly-refiner", "--train", data.resolve("test").toString(), "--out",
                dir.resolve("r.safetensors").toString(), "--backbone", "mobilenet");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--train " + data.resolve("test")) && r.err().contains("normal images only"),
                r.err());
    }
}
