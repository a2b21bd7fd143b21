package org.attentionworkbench.compute.anomaly.refiner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.FeatureExtractor;
import org.attentionworkbench.compute.anomaly.PatchFeatures;
import org.attentionworkbench.compute.autograd.ParameterFile;
import org.attentionworkbench.compute.autograd.Var;
import org.attentionworkbench.compute.checkpoint.CheckpointException;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refiner on a stand-in backbone (no weights): synthesis, training, the inspector hook, its file. */
class RefinerTest {
    private static final int SIZE = 32;
    private static final int GRID = 8;
    private final Device device = TestDevices.java();

    /** Each patch: the mean colour of its 4×4 cell plus a constant, L2-normalised. */
    private final class CellColours implements FeatureExtractor {
        @Override
        public PatchFeatures extract(RgbImage image) {
            float[] f = new float[GRID * GRID * 4];
            int cell = image.width() / GRID;
            for (int gy = 0; gy < GRID; gy++) {
                for (int gx = 0; gx < GRID; gx++) {
                    int at = (gy * GRID + gx) * 4;
                    for (int y = gy * cell; y < (gy + 1) * cell; y++) {
                        for (int x = gx * cell; x < (gx + 1) * cell; x++) {
                            f[at] += image.red(x, y) / 255f / (cell * cell);
                            f[at + 1] += image.green(x, y) / 255f / (cell * cell);
                            f[at + 2] += image.blue(x, y) / 255f / (cell * cell);
                        }
                    }
                    f[at + 3] = 0.3f;
                    double n = Math.sqrt(f[at] * f[at] + f[at + 1] * f[at + 1] + f[at + 2] * f[at + 2] + 0.09);
                    for (int k = 0; k < 4; k++) {
                        f[at + k] /= (float) n;
                    }
                }
            }
            return new PatchFeatures(GRID, GRID, 4, f);
        }

        @Override
        public int inputSize() {
            return SIZE;
        }

        @Override
        public String describe() {
            return "cell colours";
        }

        @Override
        public Device device() {
            return device;
        }

        @Override
        public void close() {}
    }

    /** Grey noise around 120: a normal image. */
    private static RgbImage normal(long seed) {
        Random r = new Random(seed);
        int[] px = new int[SIZE * SIZE];
        for (int i = 0; i < px.length; i++) {
            int g = Math.clamp(120 + (int) (r.nextGaussian() * 12), 0, 255);
            px[i] = g << 16 | g << 8 | g;
        }
        return new RgbImage(SIZE, SIZE, px);
    }

    /**
     * The scorer these tests were written and measured with (the softmax reconstruction, the one-prompt
     * default then). With the k-NN default (k = 3) on this 8×8 toy the trained refiner ranks the planted
     * square just below the worst normal patch; BENCHMARKS "Refiner" has both scorers on real data.
     */
    private static final AnomalyInspector.Settings SCORER =
            AnomalyInspector.Settings.defaults().withMethod(AnomalyInspector.Method.RECONSTRUCTION);

    private static final RefinerTraining.Listener QUIET = new RefinerTraining.Listener() {
        @Override
        public void synthesized(int done, int total) {}

        @Override
        public void epoch(int epoch, int epochs, double meanLoss) {}
    };

    @Test
    void trainingOnNormalImagesLowersTheLossAndTheRefinerFindsAnUnseenDefect() {
        List<RgbImage> normals = List.of(normal(1), normal(2), normal(3), normal(4));
        RefinerTraining.Options o = new RefinerTraining.Options(64, 25, 8, 1e-2f, 8, 3);
        try (AnomalyInspector plain = new AnomalyInspector(new CellColours(), List.of(normals.get(0)),
                SCORER)) {
            RefinerTraining.Result r = RefinerTraining.train(plain, normals, o, QUIET, () -> false);
            double[] loss = r.epochLoss();
            assertTrue(loss[loss.length - 1] < 0.6 * loss[0], "loss " + loss[0] + " → " + loss[loss.length - 1]);

            // a 8×8 pixel green square (the patches of cells 2..3 × 5..6) on a normal image it never saw
            RgbImage test = normal(99);
            for (int y = 16; y < 24; y++) {
                for (int x = 8; x < 16; x++) {
                    test.rgb()[y * SIZE + x] = 40 << 16 | 200 << 8 | 60;
                }
            }
            OneNipRefiner refiner = new OneNipRefiner(r.net(), device, "test.safetensors", OneNipRefiner.Mode.REPLACE);
            try (AnomalyInspector refined = new AnomalyInspector(new CellColours(), List.of(normals.get(0)),
                    SCORER, refiner)) {
                float[] p = refined.score(test).patches();
                double inside = 1;
                double outside = 0;
                for (int gy = 0; gy < GRID; gy++) {
                    for (int gx = 0; gx < GRID; gx++) {
                        boolean in = gy >= 4 && gy < 6 && gx >= 2 && gx < 4;
                        if (in) {
                            inside = Math.min(inside, p[gy * GRID + gx]);
                        } else {
                            outside = Math.max(outside, p[gy * GRID + gx]);
                        }
                    }
                }
                // every defect patch above every normal one, by a margin (the probabilities are not calibrated:
                // most synthetic anomalies are small, so the refiner is cautious)
                assertTrue(inside > 2 * outside, "weakest defect patch " + inside + ", worst normal patch " + outside);
                assertTrue(refined.scoring().contains("refiner test.safetensors (replace)"), refined.scoring());
            }
        }
    }

    @Test
    void theHookAddsTheRefinerToTheScoresAndAWrongRefinerIsRefusedWithItsName() {
        RgbImage prompt = normal(1);
        RgbImage target = normal(2);
        RefinerNet net = new RefinerNet(4, 4, 7);
        try (AnomalyInspector plain = new AnomalyInspector(new CellColours(), List.of(prompt),
                SCORER);
                AnomalyInspector added = new AnomalyInspector(new CellColours(), List.of(prompt),
                        SCORER, new OneNipRefiner(net, device, "r.safetensors",
                                OneNipRefiner.Mode.ADD))) {
            PatchFeatures f = new CellColours().extract(target);
            float[] base = plain.score(f).patches();
            float[] sum = added.score(f).patches();
            float[] prob = net.predict(RefinerInputs.build(device, f, base, plain.promptFeatures()), GRID, GRID);
            for (int i = 0; i < base.length; i++) {
                assertEquals(base[i] + prob[i], sum[i], 1e-5);
            }
        }
        RefinerNet wide = new RefinerNet(152, 4, 7);
        CheckpointException e = assertThrows(CheckpointException.class, () -> new AnomalyInspector(new CellColours(),
                List.of(prompt), SCORER,
                new OneNipRefiner(wide, device, "wide.safetensors", OneNipRefiner.Mode.ADD)));
        assertTrue(e.getMessage().contains("wide.safetensors") && e.getMessage().contains("features of dim 152"),
                e.getMessage());
    }

    @Test
    void aRefinerTrainedOnOtherFeaturesOrAnotherScorerIsWarnedAboutNotRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.safetensors");
        new RefinerNet(4, 4, 7).save(file, Map.of("kind", "anomaly-refiner", "features", "cell colours",
                "scorer", "prompt reconstruction (τ=0.05, 9 prompt patches)"));
        OneNipRefiner r = OneNipRefiner.load(file, device, OneNipRefiner.Mode.ADD);
        assertEquals("cell colours", r.net().metadata().get("features"));
        // the same features and scorer kind (another prompt count) match
        assertEquals(List.of(), r.mismatches("cell colours", "prompt reconstruction (τ=0.05, 25 prompt patches)"));
        List<String> w = r.mismatches("cell colours at 256px", "nearest neighbours (k=3, 1 − cosine, 9 prompt patches)");
        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(0).contains("r.safetensors") && w.get(0).contains("'cell colours'"), w.get(0));
        assertTrue(w.get(1).contains("nearest neighbours"), w.get(1));
        // the inspector runs and carries the warnings (the pipeline hands them to its listener)
        try (AnomalyInspector same = new AnomalyInspector(new CellColours(), List.of(normal(1)), SCORER, r);
                AnomalyInspector other = new AnomalyInspector(new CellColours(), List.of(normal(1)),
                        AnomalyInspector.Settings.defaults().withMethod(AnomalyInspector.Method.NEAREST_NEIGHBOURS), r)) {
            assertEquals(List.of(), same.warnings());
            assertEquals(1, other.warnings().size(), other.warnings().toString());
            assertEquals(GRID * GRID, other.score(normal(2)).patches().length);
        }
        // a file without metadata (or a net made in memory) is not second-guessed
        assertEquals(List.of(), new OneNipRefiner(new RefinerNet(4, 4, 7), device, "mem", OneNipRefiner.Mode.ADD)
                .mismatches("x", "y"));
    }

    @Test
    void saveAndLoadGiveTheSameRefiner(@TempDir Path dir) throws Exception {
        RefinerNet net = new RefinerNet(4, 6, 11);
        Path file = dir.resolve("refiner.safetensors");
        net.save(file, Map.of("kind", "anomaly-refiner"));
        RefinerNet back = RefinerNet.load(file);
        assertEquals(4, back.featureDim());
        assertEquals(5, back.inChannels());
        assertEquals(6, back.width());
        float[] x = new float[5 * GRID * GRID];
        Random r = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        assertArrayEquals(net.predict(x, GRID, GRID), back.predict(x, GRID, GRID));
        assertNotEquals(net.predict(x, GRID, GRID)[0], new RefinerNet(4, 6, 12).predict(x, GRID, GRID)[0]);
    }

    @Test
    void aFileThatIsNoRefinerFailsWithItsName(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.safetensors");
        Files.write(junk, "not a refiner".getBytes());
        CheckpointException e = assertThrows(CheckpointException.class, () -> RefinerNet.load(junk));
        assertTrue(e.getMessage().contains("junk.safetensors"), e.getMessage());

        Path other = dir.resolve("other.safetensors");
        Map<String, Var> p = new LinkedHashMap<>();
        p.put("fc.weight", Var.param(new float[4], 2, 2));
        ParameterFile.save(other, p, Map.of());
        e = assertThrows(CheckpointException.class, () -> RefinerNet.load(other));
        assertTrue(e.getMessage().contains("other.safetensors") && e.getMessage().contains("not an anomaly refiner"),
                e.getMessage());

        Path missing = dir.resolve("half.safetensors");
        Map<String, Var> half = new LinkedHashMap<>();
        half.put("conv1.weight", Var.param(new float[40], 8, 5, 1, 1));
        half.put(RefinerNet.FEATURE_DIM, Var.param(new float[] {4}, 1));
        ParameterFile.save(missing, half, Map.of());
        e = assertThrows(CheckpointException.class, () -> RefinerNet.load(missing));
        assertTrue(e.getMessage().contains("half.safetensors") && e.getMessage().contains("missing"), e.getMessage());
        half.put(RefinerNet.FEATURE_DIM, Var.param(new float[] {152}, 1)); // 152-d features need 9 channels, not 5
        ParameterFile.save(missing, half, Map.of());
        e = assertThrows(CheckpointException.class, () -> RefinerNet.load(missing));
        assertTrue(e.getMessage().contains("does not fit conv1.weight"), e.getMessage());
    }

    @Test
    void synthesisMarksExactlyWhatItChanged() {
        Random r = new Random(5);
        List<RgbImage> normals = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            normals.add(normal(i));
        }
        int anomalous = 0;
        for (int k = 0; k < 40; k++) {
            RgbImage base = normals.get(k % 3);
            AnomalySynthesis.Sample s = k % 2 == 0 ? AnomalySynthesis.cutPaste(base, normals.get(2), r)
                    : AnomalySynthesis.perlinTexture(base, normals.get(1), r);
            int marked = 0;
            for (int i = 0; i < s.mask().length; i++) {
                if (s.mask()[i] == 0) {
                    assertEquals(base.rgb()[i], s.image().rgb()[i], "pixel " + i + " changed outside the mask");
                } else {
                    marked++;
                }
            }
            assertTrue(marked > 0, "sample " + k + " has an empty mask");
            anomalous++;
        }
        assertEquals(40, anomalous);
        float[] grid = AnomalySynthesis.toGrid(new float[] {1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 4, 2, 2);
        assertArrayEquals(new float[] {0.75f, 0, 0, 0}, grid);
    }

    @Test
    void trainingStopsWhenCancelled() {
        try (AnomalyInspector plain = new AnomalyInspector(new CellColours(), List.of(normal(1)),
                SCORER)) {
            int[] asked = {0};
            assertThrows(CancellationException.class, () -> RefinerTraining.train(plain, List.of(normal(1)),
                    RefinerTraining.Options.defaults(), QUIET, () -> ++asked[0] > 3));
            assertEquals(4, asked[0]);
        }
    }
}
