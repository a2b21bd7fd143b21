package org.attentionworkbench.app.cli;

import static org.attentionworkbench.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.PromptAugmentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** anomaly-protocol: its numbers are the anomaly command's, its two stages and its ranking by the mean. */
class AnomalyProtocolTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void aTinyGridAgreesWithTheAnomalyCommand(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(REPO.resolve("../shared/models/mobilenet_v2_imagenet.safetensors")),
                "../shared missing: skipped");
        System.setProperty("workbench.home", REPO.toString());
        Path out = dir.resolve("protocol");
        Files.createDirectories(dir.resolve("nodata"));
        CliRun r = run("--device", "java", "anomaly-protocol", "--data", dir.resolve("nodata").toString(), "--out",
                out.toString(), "--synthetic", "4,2", "--features", "64:3,64:1", "--scorers", "knn:1,fod:0.05",
                "--finalists", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("dobot1/dobot5 left out") && r.err().contains("hazelnut left out"), r.err());
        List<String> csv = Files.readAllLines(out.resolve("protocol.csv"));
        assertEquals(1 + 3, csv.size(), "stage 1: 2 scorers; stage 2: the 1 finalist on 64:1: " + csv);
        assertTrue(Files.readString(out.resolve("protocol.md")).contains("| 1 | "), "ranked table");

        // each protocol row equals the anomaly command with the same flags
        for (String row : csv.subList(1, csv.size())) {
            String[] c = row.split(",");
            String[] scorer = c[3].split(":");
            Path single = dir.resolve("single-" + c[1] + c[3].replace(':', '-'));
            CliRun a = run("--device", "java", "anomaly", "--backbone", "mobilenet", "--input",
                    out.resolve("synthetic").toString(), "--out", single.toString(), "--size", c[0], "--aggregate",
                    c[1], "--scorer", scorer[0], scorer[0].equals("knn") ? "--k" : "--temperature", scorer[1],
                    "--no-heatmaps");
            assertEquals(0, a.code(), a.err());
            JsonObject m = JsonParser.parseString(Files.readString(single.resolve("metrics.json"))).getAsJsonObject();
            assertEquals(m.get("image_auroc").getAsDouble(), Double.parseDouble(c[5]), 5e-5, row);
            assertEquals(m.get("pixel_auroc").getAsDouble(), Double.parseDouble(c[6]), 5e-5, row);
            assertEquals(m.get("aupro").getAsDouble(), Double.parseDouble(c[7]), 5e-5, row);
        }
    }

    @Test
    void settingsAreRankedByTheMeanNotByOneDataset() {
        AnomalyProtocolCommand.Features f = new AnomalyProtocolCommand.Features(256, 3, new int[0]);
        AnomalyProtocolCommand.Scorer a = new AnomalyProtocolCommand.Scorer("a", AnomalyInspector.Settings.defaults());
        AnomalyProtocolCommand.Scorer b = new AnomalyProtocolCommand.Scorer("b", AnomalyInspector.Settings.defaults());
        AnomalyProtocolCommand.Scorer c = new AnomalyProtocolCommand.Scorer("c", AnomalyInspector.Settings.defaults());
        List<AnomalyProtocolCommand.Row> rows = List.of(
                new AnomalyProtocolCommand.Row(f, a, "one", 1.0, null, null, 1),
                new AnomalyProtocolCommand.Row(f, a, "two", 0.70, null, null, 1),
                new AnomalyProtocolCommand.Row(f, b, "one", 0.90, null, null, 1),
                new AnomalyProtocolCommand.Row(f, b, "two", 0.90, null, null, 1),
                // c is best on "two" but has no number on "one": counted as 0, never a winner by omission
                new AnomalyProtocolCommand.Row(f, c, "two", 0.99, null, null, 1),
                // pixel AUROC stands in where no image AUROC is defined
                new AnomalyProtocolCommand.Row(f, c, "three", null, 0.95, null, 1));
        List<AnomalyProtocolCommand.Ranked> ranked = AnomalyProtocolCommand.rank(rows, List.of("one", "two"));
        assertEquals(List.of("b", "a", "c"), ranked.stream().map(x -> x.scorer().label()).toList());
        assertEquals(0.90, ranked.get(0).mean(), 1e-12);
        assertEquals(0.95, AnomalyProtocolCommand.rank(rows, List.of("three")).get(0).mean(), 1e-12);
    }

    @Test
    void theProtocolGridIsTheOneInBenchmarks() throws Exception {
        List<AnomalyProtocolCommand.Features> f = AnomalyProtocolCommand.parseFeatures("protocol");
        assertEquals(List.of("256/p3/3-6-13", "256/p1/3-6-13", "320/p3/3-6-13", "384/p3/3-6-13", "256/p3/6-13",
                "256/p3/3-6-13-16"), f.stream().map(AnomalyProtocolCommand.Features::label).toList());
        List<AnomalyProtocolCommand.Scorer> s = AnomalyProtocolCommand.parseScorers("protocol");
        assertEquals(8, s.size());
        assertEquals(AnomalyInspector.Method.CORRELATION, s.get(5).settings().method());
        assertEquals(0.05f, s.get(5).settings().temperature());
        assertEquals(3, s.get(4).settings().neighbours());
        assertEquals(1, s.get(7).settings().neighbours(), "the bank at k = 1 whatever the knn default");
        assertTrue(s.stream().allMatch(x -> x.settings().augmentation() == PromptAugmentation.NONE),
                "the first protocol had no augmentation, whatever the default");
        List<AnomalyProtocolCommand.Scorer> amended = AnomalyProtocolCommand.parseScorers("knn:3,knn:1+flips,"
                + "knn:3+rotations");
        assertEquals(List.of(PromptAugmentation.NONE, PromptAugmentation.FLIPS, PromptAugmentation.ROTATIONS),
                amended.stream().map(x -> x.settings().augmentation()).toList());
        assertEquals(1, amended.get(1).settings().neighbours());
    }

    @Test
    void badGridsAreUsageErrors(@TempDir Path dir) {
        for (String[] bad : new String[][] {{"--features", "256:2"}, {"--features", "250:3"},
            {"--scorers", "softmax"}, {"--scorers", "cosine:1"}, {"--scorers", "knn:3+spin"}, {"--finalists", "-1"}, {"--synthetic", "3"}}) {
            CliRun r = run("anomaly-protocol", "--out", dir.resolve("o").toString(), "--data", dir.toString(), bad[0],
                    bad[1]);
            assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.err());
            assertTrue(r.err().contains(bad[0]), r.err());
        }
        CliRun missing = run("anomaly-protocol", "--out", dir.resolve("o").toString(), "--data",
                dir.resolve("typo").toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("--data " + dir.resolve("typo") + ": not a folder"), missing.err());
    }
}
