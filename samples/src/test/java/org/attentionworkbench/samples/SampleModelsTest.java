package org.attentionworkbench.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.io.AtomicFiles;
import org.attentionworkbench.compute.models.ModelCard;
import org.attentionworkbench.compute.models.VisionModel;
import org.attentionworkbench.compute.models.catalog.InstalledModels;
import org.attentionworkbench.compute.models.vit.ViT;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.tensor.HostTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The generated sample ViT: labelled untrained, opens in the engine, and its maps have the intended structure. */
@Timeout(120)
class SampleModelsTest {
    private static final int N = 1 + SampleModels.GRID * SampleModels.GRID;

    @Test
    void cardSaysUntrainedAndIsStableAcrossCalls(@TempDir Path cache) throws Exception {
        Path card = SampleModels.ensureSampleVit(cache, AtomicFiles::writeBytes);
        ModelCard c = ModelCard.read(card);
        assertFalse(c.trained);
        assertEquals("Sample ViT (untrained)", c.name);
        assertTrue(c.notes.startsWith("UNTRAINED"));
        byte[] first = Files.readAllBytes(card.resolveSibling("model.safetensors"));
        Files.delete(card); // forces a rewrite
        SampleModels.ensureSampleVit(cache, AtomicFiles::writeBytes);
        assertArrayEquals(first, Files.readAllBytes(card.resolveSibling("model.safetensors")), "deterministic");
        InstalledModels.Listing list = InstalledModels.list(cache);
        assertEquals(InstalledModels.Origin.SAMPLE, list.models().get(0).origin());
        assertFalse(list.hasTrainedModel(), "the sample does not count as a real image model");
    }

    @Test
    void runsOnASamplePhotoWithLocalAndContentHeads(@TempDir Path cache) throws Exception {
        Path card = SampleModels.ensureSampleVit(cache, AtomicFiles::writeBytes);
        RgbImage photo;
        try (InputStream in = Samples.firstStart().open()) {
            photo = ImageFiles.decode(in, "chelsea", ImageFiles.Workload.VIEW, ImageFiles.Progress.NONE).rgb();
        }
        BitSet layers = new BitSet();
        layers.set(0);
        layers.set(SampleModels.DEPTH - 1);
        try (VisionModel m = VisionModel.open(card, new JavaDevice())) {
            assertEquals(SampleModels.HEADS, m.network().config().heads());
            ViT.Output out = m.run(photo, false, new CaptureRequest(layers, false, false));
            assertEquals(SampleModels.GRID, out.gridH());
            for (int layer : new int[] {0, SampleModels.DEPTH - 1}) {
                HostTensor a = out.layers().get(layer).attention();
                assertArrayEquals(new int[] {1, SampleModels.HEADS, N, N}, a.shape());
                System.out.printf("layer %d spread (patches) head0 %.2f head1 %.2f head2 %.2f; local head0 %.2f%n", layer,
                        spread(a, 0), spread(a, 1), spread(a, 2), localFraction(a, 0));
                // head 0: each patch attends mostly within one patch of itself
                assertTrue(localFraction(a, 0) > 0.9, "layer " + layer + " head 0 local: " + localFraction(a, 0));
                // head 1 (content) reaches further than head 0, and is far from uniform
                assertTrue(spread(a, 1) > spread(a, 0), "head 1 wider than head 0");
                assertTrue(peakiness(a, 1) > 3, "layer " + layer + " head 1 peak/mean " + peakiness(a, 1));
                // head 2: wider than head 0
                assertTrue(spread(a, 2) > 1.3 * spread(a, 0), "layer " + layer + " head 2 wider: " + spread(a, 2) + " vs " + spread(a, 0));
            }
        }
    }

    @Test
    void contentHeadFollowsColourNotDistance(@TempDir Path cache) throws Exception {
        // left half red, right half blue, square so nothing is cropped away
        int side = 256;
        int[] rgb = new int[side * side];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = i % side < side / 2 ? 0xd02020 : 0x2040d0;
        }
        BitSet first = new BitSet();
        first.set(0);
        try (VisionModel m = VisionModel.open(SampleModels.ensureSampleVit(cache, AtomicFiles::writeBytes), new JavaDevice())) {
            HostTensor a = m.run(new RgbImage(side, side, rgb), false, new CaptureRequest(first, false, false))
                    .layers().get(0).attention();
            int g = SampleModels.GRID;
            int query = 1 + (g / 2) * g; // left edge, middle row
            double sameColour = 0;
            double farSameColour = 0;
            for (int k = 1; k < N; k++) {
                int col = (k - 1) % g;
                if (col < g / 2) {
                    sameColour += at(a, 1, query, k);
                    farSameColour += col >= 3 ? at(a, 1, query, k) : 0;
                }
            }
            assertTrue(sameColour > 0.9, "head 1 mass on the same colour: " + sameColour);
            assertTrue(farSameColour > 0.3, "head 1 reaches same-colour patches away from the query: " + farSameColour);
        }
    }

    private static float at(HostTensor a, int head, int q, int k) {
        return a.data()[(head * N + q) * N + k];
    }

    /** Fraction of patch queries whose strongest patch key lies within one patch (Chebyshev) of the query. */
    private static double localFraction(HostTensor a, int head) {
        int near = 0;
        for (int q = 1; q < N; q++) {
            int best = 1;
            for (int k = 2; k < N; k++) {
                best = at(a, head, q, k) > at(a, head, q, best) ? k : best;
            }
            int g = SampleModels.GRID;
            int dr = Math.abs((q - 1) / g - (best - 1) / g);
            int dc = Math.abs((q - 1) % g - (best - 1) % g);
            near += Math.max(dr, dc) <= 1 ? 1 : 0;
        }
        return near / (double) (N - 1);
    }

    /** Mean over patch queries of max / mean attention. */
    private static double peakiness(HostTensor a, int head) {
        double sum = 0;
        for (int q = 1; q < N; q++) {
            double max = 0;
            for (int k = 0; k < N; k++) {
                max = Math.max(max, at(a, head, q, k));
            }
            sum += max * N; // the mean of a row is 1 / N
        }
        return sum / (N - 1);
    }

    /** Mean attention-weighted distance (in patches) from each patch query to the patch keys. */
    private static double spread(HostTensor a, int head) {
        int g = SampleModels.GRID;
        double sum = 0;
        for (int q = 1; q < N; q++) {
            for (int k = 1; k < N; k++) {
                double d = Math.hypot((q - 1) / g - (k - 1) / g, (q - 1) % g - (k - 1) % g);
                sum += at(a, head, q, k) * d;
            }
        }
        return sum / (N - 1);
    }
}
