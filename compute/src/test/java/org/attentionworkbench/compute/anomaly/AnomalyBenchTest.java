package org.attentionworkbench.compute.anomaly;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.bench.PeerPython;
import org.junit.jupiter.api.Test;

/**
 * {@code bench anomaly} end to end on the real MobileNetV2 (a couple of images): a row per scorer and stage,
 * and where python3 with torch exists the peer's alternating runs, its image score checked against ours
 * (the bench throws otherwise) and a ratio in every row.
 */
class AnomalyBenchTest {

    @Test
    void printsOursAndTheRatioToPyTorchPerScorerAndStage() throws Exception {
        Path shared = TestDevices.shared();
        assumeTrue(shared != null && Files.isRegularFile(shared.resolve("models/mobilenet_v2_imagenet.safetensors")),
                TestDevices.sharedHint());
        boolean torch = PeerPython.findPython("torch") != null;
        String home = System.getProperty("workbench.home");
        PrintStream stdout = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setProperty("workbench.home", Path.of("..").toAbsolutePath().normalize().toString()); // tools/
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            AnomalyBench.main(new String[] {"--shared", shared.toString(), "--runs", "2", "--warmup", "1", "--devices",
                "java", "--peer", Boolean.toString(torch)});
        } finally {
            System.setOut(stdout);
            if (home == null) {
                System.clearProperty("workbench.home");
            } else {
                System.setProperty("workbench.home", home);
            }
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        String ratio = torch ? "\\d+\\.\\d\\d" : "–";
        for (String scorer : new String[] {"reconstruction", "knn3"}) { // the defaults: the CLI's scorer among them
            for (String stage : new String[] {"features", "scoring \\+ map"}) {
                Pattern row = Pattern.compile("\\| " + scorer + " \\| " + stage + " \\| Java backend, \\d+ threads \\| "
                        + "[\\d.]+ \\| [^|]+ \\| " + ratio + " \\|");
                assertTrue(row.matcher(out).find(), scorer + " / " + stage + " row missing in:\n" + out);
            }
        }
        if (torch) {
            assertTrue(out.contains("pytorch, alternating"), out);
        }
    }

    @Test
    void unknownScorerIsRejectedBeforeAnythingRuns() {
        assertThrows(IllegalArgumentException.class, () -> AnomalyBench.main(new String[] {"--scorers", "fod"}));
    }
}
