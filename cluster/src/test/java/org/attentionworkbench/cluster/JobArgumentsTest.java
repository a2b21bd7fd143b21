package org.attentionworkbench.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.PromptAugmentation;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionRequest;
import org.junit.jupiter.api.Test;

/** The job's command line: the CLI's defaults and flag meanings, and clear usage errors. */
class JobArgumentsTest {

    @Test
    void defaultsAreTheClis() {
        JobArguments a = JobArguments.parse(new String[] {"--backbone", "m.safetensors", "--prompt", "p.jpg",
            "--input", "in/", "--out", "out/"});
        InspectionJob.Request r = a.request();
        assertNull(a.master());
        assertEquals(List.of("p.jpg"), r.prompts());
        assertEquals(List.of("in/"), r.inputs());
        assertTrue(r.calibrate().isEmpty());
        assertTrue(r.settings().heatmaps());
        InspectionRequest.Options cli = InspectionRequest.Options.defaults();
        InspectionRequest.Options ours = r.settings().options();
        assertEquals(cli.inputSize(), ours.inputSize());
        assertEquals(cli.settings(), ours.settings());
        assertEquals(cli.contamination(), ours.contamination());
        assertArrayEquals(cli.taps(), ours.taps());
        assertEquals(cli.aggregate(), ours.aggregate());
    }

    @Test
    void flagsMapToTheSettings() {
        JobArguments a = JobArguments.parse(new String[] {"--backbone", "m", "--prompt", "a.jpg", "--prompt",
            "b.jpg", "--input-list", "hdfs://nn/list.txt", "--out", "s3a://bucket/out", "--size", "320",
            "--scorer", "knn", "--k", "3", "--topk", "5", "--taps", "3, 6", "--relu6", "--contamination", "0.2",
            "--calibrate", "normals/", "--no-heatmaps", "--partitions", "8", "--master", "local[4]"});
        InspectionJob.Request r = a.request();
        JobSettings s = r.settings();
        assertEquals("local[4]", a.master());
        assertEquals(List.of("hdfs://nn/list.txt"), r.inputLists());
        assertEquals(320, s.inputSize());
        assertEquals(AnomalyInspector.Method.NEAREST_NEIGHBOURS, s.method());
        assertEquals(3, s.neighbours());
        assertEquals(5, s.topK());
        assertArrayEquals(new int[] {3, 6}, s.taps());
        assertTrue(s.relu6());
        assertEquals(0.2, s.contamination());
        assertFalse(s.heatmaps());
        assertEquals(8, r.partitions());
        assertEquals(List.of("normals/"), r.calibrate());
    }

    @Test
    void fodAndAggregationMapLikeTheClis() {
        JobSettings s = JobArguments.parse(new String[] {"--backbone", "m", "--prompt", "a.jpg", "--input", "i",
            "--out", "o", "--scorer", "fod", "--aggregate", "5", "--augment", "flips"}).request().settings();
        assertEquals(AnomalyInspector.Method.CORRELATION, s.method());
        assertEquals(5, s.options().aggregate());
        assertEquals(PromptAugmentation.FLIPS, s.options().settings().augmentation());
        assertTrue(message("--backbone", "m", "--prompt", "p", "--input", "i", "--out", "o", "--augment", "spin")
                .contains("--augment"));
        assertTrue(message("--backbone", "m", "--prompt", "p", "--input", "i", "--out", "o", "--aggregate", "4")
                .contains("aggregation window 4"));
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        assertTrue(message("--backbone", "m", "--prompt", "p", "--input", "i").contains("--out"));
        assertTrue(message("--backbone", "m", "--input", "i", "--out", "o").contains("prompt"));
        assertTrue(message("--backbone", "m", "--prompt", "p", "--out", "o").contains("no input"));
        assertTrue(message("--backbone", "m", "--prompt", "p", "--input", "i", "--out", "o", "--scorer", "x")
                .contains("--scorer"));
        assertTrue(message("--backbone", "m", "--prompt", "p", "--input", "i", "--out", "o", "--k", "0")
                .contains("--k"));
        assertTrue(message("--backbone", "m", "--prompt", "p", "--input", "i", "--out", "o", "--size", "big")
                .contains("--size"));
        assertTrue(message("--backbone", "m", "--prompt", "p", "--input", "i", "--out", "o", "--contamination",
            "1.5").contains("contamination"));
        assertTrue(message("--bogus", "1").contains("unknown option --bogus"));
        assertTrue(message("--out").contains("--out needs a value"));
        assertNull(JobArguments.parse(new String[] {"--help"}));
    }

    private static String message(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> JobArguments.parse(args)).getMessage();
    }
}
