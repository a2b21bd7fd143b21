package org.attentionworkbench.compute.colorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both methods on synthetic images whose right answer is known. */
class MethodsTest {

    /** w×h grey image: L = left for x < edge, right otherwise (plus optional noise). */
    private static LabImage step(int w, int h, int edge, float left, float right, double noise) {
        Random r = new Random(3);
        float[] l = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                l[y * w + x] = (float) ((x < edge ? left : right) + noise * r.nextGaussian());
            }
        }
        return new LabImage(w, h, l, null, null);
    }

    @Test
    void attentionSingleHintColoursEverything() {
        LabImage img = step(300, 200, 123, 30, 80, 2);
        for (ColorizationMethod m : List.of(new AttentionPropagation(), new AttentionPropagation(new JavaDevice()))) {
            var r = m.colorize(img, List.of(new Hint(1, 10, 10, 40f, -20f, 3)), Settings.defaults().withWorkingSize(64),
                    ProgressListener.NONE);
            for (int i = 0; i < r.a().length; i += 97) {
                assertEquals(40f, r.a()[i], 0.05f);
                assertEquals(-20f, r.b()[i], 0.05f);
            }
        }
    }

    @Test
    void attentionTwoRegionsTakeTheirHints() {
        LabImage img = step(300, 200, 150, 25, 75, 1);
        List<Hint> hints = List.of(new Hint(1, 40, 100, 50f, 0f, 3), new Hint(2, 260, 100, -50f, 30f, 3));
        var r = new AttentionPropagation().colorize(img, hints, Settings.defaults().withWorkingSize(100),
                ProgressListener.NONE);
        // away from the edge: each side has its own hint's colour
        for (int y = 0; y < 200; y += 13) {
            for (int x = 0; x < 300; x += 7) {
                if (Math.abs(x - 150) > 6) { // the guided filter's window: 2 working px = 6 px
                    float want = x < 150 ? 50f : -50f;
                    assertEquals(want, r.a()[y * 300 + x], 1.5f, "(" + x + ", " + y + ")");
                }
            }
        }
    }

    @Test
    void guidedUpsamplingKeepsTheEdgeSharp() {
        // the edge at x = 157 is not on the working grid (factor 4): bilinear would smear it
        int w = 400, h = 80, edge = 157;
        LabImage img = step(w, h, edge, 30, 70, 0);
        List<Hint> hints = List.of(new Hint(1, 20, 40, 60f, 0f, 1), new Hint(2, 380, 40, -60f, 0f, 1));
        Settings s = Settings.defaults().withWorkingSize(100);
        var r = new AttentionPropagation().colorize(img, hints, s, ProgressListener.NONE);
        WorkingGrid g = new WorkingGrid(img, 100);
        // what plain bilinear upsampling of the same working-resolution result gives
        float[] lowA = Resample.downArea(r.a(), w, h, g.w, g.h);
        float[] bilinear = g.upsampleBilinear(lowA, lowA)[0];
        int y = 40;
        float guidedJump = r.a()[y * w + edge - 1] - r.a()[y * w + edge];
        float bilinearJump = bilinear[y * w + edge - 1] - bilinear[y * w + edge];
        assertTrue(guidedJump > 100, "guided jump " + guidedJump);
        assertTrue(guidedJump > 2 * bilinearJump, guidedJump + " vs bilinear " + bilinearJump);
        // the pixels beside the edge: most of the way to their side's colour (the coefficients are
        // interpolated between working pixels, so not all the way); the step falls between the right two pixels
        assertEquals(60f, r.a()[y * w + edge - 1], 15f);
        assertEquals(-60f, r.a()[y * w + edge], 15f);
        assertTrue(r.a()[y * w + edge - 1] > 40 && r.a()[y * w + edge] < -35);
    }

    @Test
    void incrementalEditsMatchAFullRecomputeOnTheDevice() {
        LabImage img = step(256, 192, 100, 20, 90, 8);
        Settings s = Settings.defaults().withWorkingSize(128);
        AttentionPropagation inc = new AttentionPropagation();
        AttentionPropagation dev = new AttentionPropagation(new JavaDevice());
        HintSet hs = new HintSet();
        Random r = new Random(11);
        for (int i = 0; i < 12; i++) {
            hs.add(r.nextInt(256), r.nextInt(192), r.nextFloat() * 100 - 50, r.nextFloat() * 100 - 50, 2);
        }
        inc.colorize(img, hs.snapshot(), s, ProgressListener.NONE);
        List<Runnable> edits = new ArrayList<>();
        edits.add(() -> hs.move(3, 5, 5));
        edits.add(() -> hs.recolour(4, 70f, -70f));
        edits.add(() -> hs.remove(5));
        edits.add(() -> hs.add(200, 100, 10f, 10f, 5));
        edits.add(hs::undo);
        edits.add(hs::undo);
        edits.add(hs::redo);
        for (Runnable e : edits) {
            e.run();
            var a = inc.colorize(img, hs.snapshot(), s, ProgressListener.NONE);
            var b = dev.colorize(img, hs.snapshot(), s, ProgressListener.NONE);
            assertEquals(0, a.stats().get("rebuilt").intValue(), "an edit is incremental");
            for (int i = 0; i < a.a().length; i++) {
                assertEquals(b.a()[i], a.a()[i], 0.02f);
                assertEquals(b.b()[i], a.b()[i], 0.02f);
            }
        }
    }

    @Test
    void cancellationStops() {
        LabImage img = step(64, 64, 30, 20, 60, 0);
        ProgressListener cancel = new ProgressListener() {
            @Override
            public void progress(double f, String stage) {}

            @Override
            public boolean cancelled() {
                return true;
            }
        };
        assertThrows(ColorizationCancelledException.class, () -> new AttentionPropagation().colorize(img,
                List.of(new Hint(1, 1, 1, 1, 1, 1)), Settings.defaults(), cancel));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("solvers")
    void levinConstantImageOneHintGivesAConstantColour(String kind) {
        LabImage img = step(120, 90, 0, 50, 50, 0);
        try (LevinColorization m = levin(kind)) {
            var r = m.colorize(img, List.of(new Hint(1, 60, 45, -30f, 25f, 3)),
                    Settings.defaults().withWorkingSize(0), ProgressListener.NONE);
            for (int i = 0; i < r.a().length; i++) {
                assertEquals(-30f, r.a()[i], 0.05f);
                assertEquals(25f, r.b()[i], 0.05f);
            }
        }
    }

    /** Levin on the host, then on each test device (an OpenCL run without a driver is reported skipped). */
    static Stream<String> solvers() {
        return Stream.concat(Stream.of(HOST), TestDevices.kinds());
    }

    private static final String HOST = "host";

    /** The device of a solver kind; null for the host solver. */
    private static Device device(String kind) {
        return HOST.equals(kind) ? null : TestDevices.device(kind);
    }

    private static LevinColorization levin(String kind) {
        Device d = device(kind);
        return d == null ? new LevinColorization() : new LevinColorization(d);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("solvers")
    void levinTwoRegionsAndAnEdge(String kind) {
        LabImage img = step(160, 100, 77, 25, 75, 0.5);
        List<Hint> hints = List.of(new Hint(1, 20, 50, 50f, 0f, 3), new Hint(2, 140, 50, -50f, 30f, 3));
        try (LevinColorization m = levin(kind)) {
            var r = m.colorize(img, hints, Settings.defaults().withWorkingSize(0), ProgressListener.NONE);
            // each side leans to its hint and the edge stops the mixing (Levin's affinities leak a
            // little across a 3x3 hint patch's whole region: not the exact hint colour)
            float left = r.a()[50 * 160 + 70], right = r.a()[50 * 160 + 84];
            assertTrue(left > 30 && right < -30, left + " / " + right);
            assertTrue(r.a()[50 * 160 + 76] - r.a()[50 * 160 + 77] > 0.6 * (left - right), "jump at the edge");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("solvers")
    void pcgResidualDecreasesAndWarmStartIsFaster(String kind) {
        pcgResidualDecreasesAndWarmStartIsFaster(device(kind));
    }

    /** The same solve, on the host (d null) and on each device: the residual falls, warm start is faster. */
    private static void pcgResidualDecreasesAndWarmStartIsFaster(Device d) {
        LabImage img = step(96, 96, 40, 30, 60, 3);
        List<Hint> hints = List.of(new Hint(1, 10, 10, 40f, 0f, 1), new Hint(2, 80, 80, -40f, 0f, 1));
        float[] cold = new float[96 * 96];
        LevinColorization.Solve s = LevinColorization.solveForTest(d, img, hints, cold, 5000, 1e-4);
        double[] hist = s.residualHistory();
        assertTrue(hist[hist.length - 1] <= 1e-4, "converged: " + hist[hist.length - 1]);
        assertTrue(hist[hist.length - 1] < hist[0] * 1e-3);
        // CG's residual is not monotone step by step; its minimum over each block of 100 steps must fall
        double prev = Double.MAX_VALUE;
        for (int i = 0; i + 100 <= hist.length; i += 100) {
            double m = Double.MAX_VALUE;
            for (int j = i; j < i + 100; j++) {
                m = Math.min(m, hist[j]);
            }
            assertTrue(m < prev, "block at " + i);
            prev = m;
        }
        // move one hint by 2 px: from the previous solution it takes fewer iterations than from zero
        List<Hint> moved = List.of(new Hint(1, 12, 10, 40f, 0f, 1), hints.get(1));
        LevinColorization.Solve warm = LevinColorization.solveForTest(d, img, moved, cold.clone(), 5000, 1e-4);
        LevinColorization.Solve fresh = LevinColorization.solveForTest(d, img, moved, new float[96 * 96], 5000, 1e-4);
        assertTrue(warm.iterations() < fresh.iterations(), warm.iterations() + " vs " + fresh.iterations());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void devicePcgMatchesHostPcg(String kind) {
        // noisy two-region image, three hints: the host solution is the reference
        LabImage img = step(97, 61, 40, 30, 60, 3);
        List<Hint> hints = List.of(new Hint(1, 10, 10, 40f, 0f, 1), new Hint(2, 80, 50, -40f, 0f, 1),
                new Hint(3, 45, 30, 10f, 0f, 3));
        float[] host = new float[97 * 61];
        LevinColorization.Solve hs = LevinColorization.solveForTest(img, hints, host, 5000, 1e-5);
        assertTrue(hs.relativeResidual() <= 1e-5, "host converged: " + hs.relativeResidual());
        Device d = TestDevices.device(kind);
        float[] dev = new float[host.length];
        LevinColorization.Solve ds = LevinColorization.solveForTest(d, img, hints, dev, 5000, 1e-5);
        String id = d.info().id();
        assertTrue(ds.relativeResidual() <= 1e-5, id + " converged: " + ds.relativeResidual());
        // both stop at 1e-5 relative residual; the solutions (a in [-40, 40]) agree within 0.05
        float worst = 0;
        for (int i = 0; i < host.length; i++) {
            worst = Math.max(worst, Math.abs(host[i] - dev[i]));
        }
        assertTrue(worst < 0.05f, id + ": max |device - host| = " + worst);
        // float rounding of the dot products may shift the stop by a few iterations, not more
        assertTrue(Math.abs(ds.iterations() - hs.iterations()) <= Math.max(5, hs.iterations() / 10),
                id + ": " + ds.iterations() + " vs host " + hs.iterations() + " iterations");
    }
}
