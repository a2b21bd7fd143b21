package org.attentionworkbench.compute.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Which normal images prompt and which calibrate: the held-out split. */
class NormalImagesTest {

    private static List<Path> frames(int n) {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Path.of("train/good", String.format(Locale.ROOT, "%03d.png", i)));
        }
        return out;
    }

    @Test
    void holdsOutTheLastFifthByNameAndPromptsFromTheRest() {
        List<Path> train = new ArrayList<>(frames(20));
        Collections.reverse(train); // the split sorts by name itself
        NormalImages n = NormalImages.choose(List.of(), List.of(), train, 1);
        assertEquals(frames(20).subList(16, 20), n.calibration(), "the last 4 of 20 by name, a contiguous block");
        assertEquals(List.of(Path.of("train/good/008.png")), n.prompts(), "the middle of the 16-image prompt block");
        assertTrue(n.calibrated());

        NormalImages four = NormalImages.choose(List.of(), List.of(), frames(20), 4);
        assertEquals(List.of(2, 6, 10, 14), four.prompts().stream()
                .map(p -> Integer.parseInt(p.getFileName().toString().substring(0, 3))).toList(), "spread evenly");
        for (Path p : four.prompts()) {
            assertFalse(four.calibration().contains(p), "a prompt never calibrates");
        }
        assertEquals(4, NormalImages.choose(List.of(), List.of(), frames(20), 99).calibration().size());
        assertEquals(16, NormalImages.choose(List.of(), List.of(), frames(20), 99).prompts().size(), "K > n: all");
    }

    @Test
    void explicitPromptsAreNeverCalibrationImages() {
        Path p = Path.of("train/good/019.png");
        NormalImages n = NormalImages.choose(List.of(Path.of("./train/good/../good/019.png")), List.of(), frames(20), 1);
        assertEquals(1, n.prompts().size());
        // the prompt leaves the pool first: 19 left, the last ⌈0.2·19⌉ = 4 of them calibrate
        assertEquals(frames(20).subList(15, 19), n.calibration());
        assertTrue(n.all().contains(NormalImages.key(p)));
    }

    @Test
    void explicitCalibrationImagesAreUsedAsGiven() {
        List<Path> cal = List.of(Path.of("cal/a.png"), Path.of("cal/b.png"));
        NormalImages n = NormalImages.choose(List.of(), cal, frames(5), 2);
        assertEquals(cal, n.calibration());
        assertEquals(List.of(Path.of("train/good/001.png"), Path.of("train/good/003.png")), n.prompts(),
                "all training images are prompt candidates");
    }

    @Test
    void noHeldOutImageMeansUncalibrated() {
        assertFalse(NormalImages.choose(List.of(Path.of("p.png")), List.of(), List.of(), 1).calibrated());
        // five near-duplicate --prompt frames and nothing else: not calibrated on themselves
        assertFalse(NormalImages.choose(frames(5), List.of(), List.of(), 1).calibrated());
        // one training image: it is the prompt, nothing is left to hold out
        NormalImages one = NormalImages.choose(List.of(), List.of(), frames(1), 1);
        assertFalse(one.calibrated());
        assertEquals(frames(1), one.prompts());
        assertThrows(IllegalArgumentException.class, () -> NormalImages.choose(List.of(), List.of(), List.of(), 1));
    }
}
