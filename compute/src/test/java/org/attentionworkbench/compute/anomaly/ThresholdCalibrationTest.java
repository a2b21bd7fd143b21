package org.attentionworkbench.compute.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.Test;

/**
 * Thresholds from normal images on near-duplicate frames: normal frames come in bursts of five almost
 * identical captures (a camera on a line), bursts differ. A threshold fitted on frames that have a twin
 * among the prompts is far too low; the blocked held-out split is not.
 */
class ThresholdCalibrationTest {
    private static final int GRID = 8, DIM = 16, BURST = 5;

    /** Features from the frame number in the image's one pixel: scene of its burst + tiny frame noise. */
    private static final class Frames implements FeatureExtractor {
        private final Device device = TestDevices.java();

        @Override
        public PatchFeatures extract(RgbImage image) {
            int frame = image.rgb()[0];
            Random scene = new Random(1000 + frame / BURST);
            Random noise = new Random(frame);
            Random texture = new Random(7);
            float[] f = new float[GRID * GRID * DIM];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) (texture.nextGaussian() + 0.35 * scene.nextGaussian() + 0.02 * noise.nextGaussian());
            }
            PatchFeatures.normaliseRows(f, GRID * GRID, DIM);
            return new PatchFeatures(GRID, GRID, DIM, f);
        }

        @Override
        public int inputSize() {
            return 32;
        }

        @Override
        public String describe() {
            return "synthetic frames";
        }

        @Override
        public Device device() {
            return device;
        }

        @Override
        public void close() {}
    }

    private static RgbImage frame(int i) {
        return new RgbImage(1, 1, new int[] {i});
    }

    private static int number(Path p) {
        return Integer.parseInt(p.getFileName().toString().substring(0, 3));
    }

    /** Share of normal test frames (new bursts) above τ. */
    private static double falsePositiveRate(AnomalyInspector inspector, Normalizer n, int from, int to) {
        int fp = 0;
        for (int i = from; i < to; i++) {
            fp += n.flagged(inspector.score(frame(i)).score()) ? 1 : 0;
        }
        return (double) fp / (to - from);
    }

    private static Normalizer fit(AnomalyInspector inspector, List<Integer> frames) {
        List<AnomalyInspector.Scored> s = new ArrayList<>();
        for (int i : frames) {
            s.add(inspector.score(frame(i)));
        }
        return AnomalyInspector.fit(s, Normalizer.DEFAULT_QUANTILE, "test");
    }

    @Test
    void blockedHoldOutGivesAUsableThresholdWhereTwinFramesDoNot() {
        List<Path> train = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            train.add(Path.of(String.format(Locale.ROOT, "%03d.jpg", i)));
        }
        NormalImages plan = NormalImages.choose(List.of(), List.of(), train, 4);
        List<Integer> prompts = plan.prompts().stream().map(ThresholdCalibrationTest::number).toList();
        List<Integer> held = plan.calibration().stream().map(ThresholdCalibrationTest::number).toList();
        assertEquals(List.of(32, 33, 34, 35, 36, 37, 38, 39), held);

        try (Frames fx = new Frames();
                AnomalyInspector inspector = new AnomalyInspector(fx,
                        prompts.stream().map(ThresholdCalibrationTest::frame).toList(),
                        // the scorer this test was written with (the old default for several prompts): the
                        // memory bank, k = 1, so a twin frame scores ~0 against its prompt
                        AnomalyInspector.Settings.defaults().withMethod(AnomalyInspector.Method.MEMORY_BANK)
                                .withNeighbours(1).withCoreset(1))) {
            // held-out block: its bursts share no prompt → τ reflects burst-to-burst variation
            Normalizer blocked = fit(inspector, held);
            double fprBlocked = falsePositiveRate(inspector, blocked, 100, 200);
            // the twins of the prompts (another frame of each prompt's burst): what leave-one-out over
            // consecutive frames, or an interleaved split, calibrates on
            Normalizer twins = fit(inspector, prompts.stream().map(p -> p % BURST == BURST - 1 ? p - 1 : p + 1).toList());
            double fprTwins = falsePositiveRate(inspector, twins, 100, 200);

            assertTrue(twins.threshold() < 0.5 * blocked.threshold(), "twin τ " + twins.threshold() + " vs held-out "
                    + blocked.threshold());
            assertTrue(fprTwins > 0.9, "twin-calibrated τ flags nearly every good frame: " + fprTwins);
            assertTrue(fprBlocked < 0.2, "held-out τ flags few good frames: " + fprBlocked);
            assertTrue(blocked.calibrated());
        }
    }

    @Test
    void uncalibratedFallbackFlagsTheTopShareOfTheBatch() {
        // two clusters of good scores and a third of defects slightly above: median + 3·MAD of the batch
        // (the old fallback) flags nothing here; the contamination quantile flags the top tenth
        Random r = new Random(3);
        int n = 120;
        float[] s = new float[n];
        List<AnomalyMap> maps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s[i] = i < 40 ? 0.28f + 0.02f * (float) r.nextGaussian()
                    : i < 80 ? 0.43f + 0.02f * (float) r.nextGaussian() : 0.55f + 0.03f * (float) r.nextGaussian();
            maps.add(new AnomalyMap(2, 2, new float[] {s[i] * 0.5f, s[i] * 0.5f, s[i] * 0.5f, s[i]}));
        }
        Normalizer u = Normalizer.uncalibrated(maps, s, Normalizer.DEFAULT_CONTAMINATION);
        assertFalse(u.calibrated());
        assertTrue(u.source().startsWith("UNCALIBRATED"), u.source());
        int flagged = 0, flaggedDefects = 0;
        for (int i = 0; i < n; i++) {
            flagged += u.flagged(s[i]) ? 1 : 0;
            flaggedDefects += u.flagged(s[i]) && i >= 80 ? 1 : 0;
        }
        assertEquals(12, flagged, "10 % of 120");
        assertEquals(12, flaggedDefects, "the top of the batch is the defects");
    }
}
