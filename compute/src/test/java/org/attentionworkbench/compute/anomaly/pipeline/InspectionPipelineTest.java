package org.attentionworkbench.compute.anomaly.pipeline;

import static org.attentionworkbench.compute.anomaly.pipeline.PipelineFixtures.corrupt;
import static org.attentionworkbench.compute.anomaly.pipeline.PipelineFixtures.image;
import static org.attentionworkbench.compute.anomaly.pipeline.PipelineFixtures.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.anomaly.Normalizer;
import org.attentionworkbench.compute.anomaly.data.AnomalyLabel;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared pipeline with a stand-in backbone: failures go on, cancel stops, calibration, metrics. */
class InspectionPipelineTest {
    private final Device device = TestDevices.java();

    private static InspectionRequest request(Path dir, List<Path> calibration, List<InspectionTarget> targets)
            throws IOException {
        return new InspectionRequest(dir.resolve("stand-in"), List.of(image(dir.resolve("prompt.png"), false, "png")),
                calibration, targets, InspectionRequest.Options.defaults().withInputSize(32));
    }

    /** Records what the listener hears. */
    private static final class Heard implements InspectionListener {
        final List<Integer> scored = new ArrayList<>();
        final List<ImageFailure> failed = new ArrayList<>();
        final List<Normalizer> normalizers = new ArrayList<>();
        PromptSet prompts;

        @Override
        public void prompts(PromptSet p) {
            prompts = p;
        }

        @Override
        public void scored(int index, ImageResult result) {
            scored.add(index);
        }

        @Override
        public void failed(ImageFailure failure) {
            failed.add(failure);
        }

        @Override
        public void normalizer(Normalizer n, boolean provisional) {
            normalizers.add(n);
        }
    }

    @Test
    void aCorruptImageIsListedAndTheBatchGoesOn(@TempDir Path dir) throws Exception {
        List<InspectionTarget> targets = List.of(
                target(image(dir.resolve("good1.png"), false, "png"), "good1.png", AnomalyLabel.GOOD),
                target(corrupt(dir.resolve("broken.png")), "broken.png", AnomalyLabel.GOOD),
                target(image(dir.resolve("bad1.png"), true, "png"), "bad1.png", AnomalyLabel.DEFECT),
                target(image(dir.resolve("good2.png"), false, "png"), "good2.png", AnomalyLabel.GOOD));
        List<Path> calibration = List.of(image(dir.resolve("cal1.png"), false, "png"), corrupt(dir.resolve("cal2.png")));
        Heard heard = new Heard();
        RunResult r = InspectionPipeline.run(request(dir, calibration, targets), new ColourPatches(device, 4, 32),
                heard, () -> false);

        assertFalse(r.cancelled());
        assertEquals(List.of(0, 2, 3), heard.scored, "every readable image is scored, after the broken one too");
        assertEquals(3, r.scoredCount());
        assertNull(r.results().get(1));
        assertEquals(1, r.targetFailures().size());
        ImageFailure f = r.targetFailures().get(0);
        assertEquals(1, f.index());
        assertEquals("broken.png", f.name());
        assertTrue(f.reason().contains("broken.png"), "the reason names the file: " + f.reason());
        // the broken calibration image is skipped, the threshold still comes from the other one
        assertEquals(2, r.failures().size());
        assertEquals(ImageFailure.Role.CALIBRATION, r.failures().get(0).role());
        assertTrue(r.normalizer().calibrated(), r.normalizer().source());
        assertEquals(2, heard.failed.size());
        // the defect scores above the good parts, and the metrics use the scored images only
        assertTrue(r.results().get(2).score() > r.results().get(0).score());
        assertNotNull(r.report());
        assertEquals(2, r.report().overall().good());
        assertEquals(1, r.report().overall().defect());
        assertEquals(1.0, r.report().overall().imageAuroc(), 1e-9);
        assertNotNull(heard.prompts);
        assertFalse(heard.prompts.reconstruction(), "the default (AUTO) is nearest neighbours, no attention row");
    }

    @Test
    void cancelStopsBeforeTheNextImageAndSaysSo(@TempDir Path dir) throws Exception {
        List<InspectionTarget> targets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            targets.add(target(image(dir.resolve("p" + i + ".png"), i % 2 == 1, "png"), "p" + i + ".png",
                    AnomalyLabel.UNKNOWN));
        }
        Heard heard = new Heard();
        ColourPatches fx = new ColourPatches(device, 4, 32);
        RunResult r = InspectionPipeline.run(request(dir, List.of(), targets), fx, heard, () -> heard.scored.size() >= 2);

        assertTrue(r.cancelled());
        assertEquals(2, r.scoredCount());
        assertEquals(List.of(0, 1), heard.scored);
        assertNull(r.results().get(2));
        assertNull(r.report(), "no metrics for a partial run");
        assertEquals(1 + 2, fx.extracted, "the prompt and two targets, nothing after the cancel");
    }

    @Test
    void withoutHeldOutImagesTheThresholdIsUncalibratedAndProvisionalFitsAreReported(@TempDir Path dir)
            throws Exception {
        List<InspectionTarget> targets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            targets.add(target(image(dir.resolve("p" + i + ".png"), i == 4, "png"), "p" + i + ".png",
                    AnomalyLabel.UNKNOWN));
        }
        Heard heard = new Heard();
        RunResult r = InspectionPipeline.run(request(dir, List.of(), targets), new ColourPatches(device, 4, 32), heard,
                () -> false);
        assertFalse(r.normalizer().calibrated());
        assertEquals(4, heard.normalizers.size(), "after 1, 2 and 4 images, then the final one");
        assertNull(r.report(), "no labels, no metrics");
        assertEquals(1, r.flaggedCount(), "the top 10 % of five images: the red one");
    }

    @Test
    void anUnreadablePromptStopsTheRunNamingTheFile(@TempDir Path dir) throws Exception {
        Path bad = corrupt(dir.resolve("prompt.png"));
        InspectionRequest req = new InspectionRequest(dir.resolve("stand-in"), List.of(bad), List.of(),
                List.of(target(image(dir.resolve("a.png"), false, "png"), "a.png", AnomalyLabel.UNKNOWN)),
                InspectionRequest.Options.defaults().withInputSize(32));
        IOException e = assertThrows(IOException.class, () -> InspectionPipeline.run(req,
                new ColourPatches(device, 4, 32), new InspectionListener() {}, () -> false));
        assertTrue(e.getMessage().contains("prompt.png"), e.getMessage());
    }
}
