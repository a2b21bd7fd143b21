package org.attentionworkbench.compute.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.Test;

class PromptAugmentationTest {
    private static final int RED = 0xFF0000, BLUE = 0x0000FF;

    /** 3 wide, 2 high: 1 2 3 / 4 5 6. */
    private static RgbImage small() {
        return new RgbImage(3, 2, new int[] {1, 2, 3, 4, 5, 6});
    }

    @Test
    void aQuarterTurnIsClockwiseAndSwapsTheSides() {
        RgbImage r = PromptAugmentation.rotate90(small());
        assertEquals(2, r.width());
        assertEquals(3, r.height());
        assertArrayEquals(new int[] {4, 1, 5, 2, 6, 3}, r.rgb()); // 4 1 / 5 2 / 6 3
        assertArrayEquals(new int[] {3, 2, 1, 6, 5, 4}, PromptAugmentation.mirror(small()).rgb());
        assertArrayEquals(new int[] {6, 5, 4, 3, 2, 1}, PromptAugmentation.rotate180(small()).rgb());
        RgbImage back = small();
        for (int i = 0; i < 4; i++) {
            back = PromptAugmentation.rotate90(back);
        }
        assertArrayEquals(small().rgb(), back.rgb());
    }

    @Test
    void eachAugmentationGivesItsCopiesAllDifferentPromptFirst() {
        for (PromptAugmentation a : PromptAugmentation.values()) {
            List<RgbImage> copies = a.apply(small());
            assertEquals(a.copies(), copies.size(), a.word());
            assertArrayEquals(small().rgb(), copies.get(0).rgb());
            Set<String> distinct = new HashSet<>();
            for (RgbImage c : copies) {
                distinct.add(c.width() + "x" + c.height() + java.util.Arrays.toString(c.rgb()));
            }
            assertEquals(a.copies(), distinct.size(), a.word() + ": the copies of an asymmetric image all differ");
        }
        assertEquals(PromptAugmentation.ROTATIONS, PromptAugmentation.parse(" Rotations"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PromptAugmentation.parse("spin"));
        assertTrue(e.getMessage().contains("'spin'"), e.getMessage());
    }

    /**
     * A stand-in backbone that sees orientation: each patch is its centre colour and the colour two rows
     * below, so horizontal bands (colour changes downwards) and vertical bands give different patches.
     */
    private static final class Pairs implements FeatureExtractor {
        private final Device device = TestDevices.java();

        @Override
        public PatchFeatures extract(RgbImage im) {
            int grid = 8;
            int step = im.width() / grid;
            float[] f = new float[grid * grid * 6];
            for (int gy = 0; gy < grid; gy++) {
                for (int gx = 0; gx < grid; gx++) {
                    int x = gx * step + step / 2;
                    int y = gy * step + step / 2;
                    int at = (gy * grid + gx) * 6;
                    put(f, at, im.rgb()[y * im.width() + x]);
                    put(f, at + 3, im.rgb()[(y + 2) * im.width() + x]);
                }
            }
            PatchFeatures.normaliseRows(f, grid * grid, 6);
            return new PatchFeatures(grid, grid, 6, f);
        }

        private static void put(float[] f, int at, int rgb) {
            f[at] = (rgb >> 16 & 0xFF) / 255f + 0.1f;
            f[at + 1] = (rgb >> 8 & 0xFF) / 255f + 0.1f;
            f[at + 2] = (rgb & 0xFF) / 255f + 0.1f;
        }

        @Override
        public int inputSize() {
            return 64;
        }

        @Override
        public String describe() {
            return "colour pairs";
        }

        @Override
        public Device device() {
            return device;
        }

        @Override
        public void close() {}
    }

    /** 64×64, bands two pixels high, red and blue. */
    private static RgbImage horizontalBands() {
        int[] px = new int[64 * 64];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                px[y * 64 + x] = (y / 2) % 2 == 0 ? RED : BLUE;
            }
        }
        return new RgbImage(64, 64, px);
    }

    private static float score(PromptAugmentation a, RgbImage target) {
        AnomalyInspector.Settings s = AnomalyInspector.Settings.defaults()
                .withMethod(AnomalyInspector.Method.NEAREST_NEIGHBOURS).withNeighbours(1).withAugmentation(a);
        try (AnomalyInspector inspector = new AnomalyInspector(new Pairs(), List.of(horizontalBands()), s)) {
            assertEquals(1, inspector.promptFeatures().size(), "the prompt view sees the prompt itself only");
            return inspector.score(target).score();
        }
    }

    @Test
    void aPartTurnedByAQuarterMatchesOnlyWhenThePromptIsTurnedToo() {
        RgbImage turned = PromptAugmentation.rotate90(horizontalBands()); // vertical bands
        float none = score(PromptAugmentation.NONE, turned);
        float flips = score(PromptAugmentation.FLIPS, turned);
        float rotations = score(PromptAugmentation.ROTATIONS, turned);
        assertTrue(none > 0.1f, "unaugmented, the turned part is anomalous: " + none);
        assertTrue(flips > 0.1f, "mirrors keep bands horizontal: " + flips);
        assertTrue(rotations < 1e-3f, "a turned copy of the prompt matches it: " + rotations);
        assertTrue(score(PromptAugmentation.NONE, horizontalBands()) < 1e-3f, "the prompt itself is normal");
    }

    @Test
    void theScoringDescriptionNamesTheAugmentation() {
        AnomalyInspector.Settings s = AnomalyInspector.Settings.defaults()
                .withAugmentation(PromptAugmentation.FLIPS);
        try (AnomalyInspector inspector = new AnomalyInspector(new Pairs(), List.of(horizontalBands()), s)) {
            assertTrue(inspector.scoring().contains("flips ×4"), inspector.scoring());
        }
        assertThrows(IllegalArgumentException.class, () -> s.withAugmentation(null));
    }
}
