package org.attentionworkbench.compute.models.omnifusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.checkpoint.CheckpointException;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OmniFusion against tools/depth/make_omnifusion_goldens.py (PyTorch 1.13): the width/16 checkpoint with
 * the real structure (18 patches of 128², ResNet-34 blocks, 6 transformer blocks of 4 heads) on a 32×64
 * ERP, 1 and 2 iterations, with and without the confidence merge, on both backends. Depth is around
 * 0.5–1 (m); tolerance 1e-4 absolute (measured: max 1.8e-6 on Java and POCL, median ~1e-7).
 */
class OmniFusionGoldenTest {
    private static final double TOL = 1e-4;

    static Path golden(String name) throws URISyntaxException {
        return Path.of(OmniFusionGoldenTest.class.getResource("/goldens/omnifusion/" + name).toURI());
    }

    private static float[] npy(String name) throws Exception {
        return Npy.read(golden(name)).toFloats();
    }

    @ParameterizedTest
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void matchesPyTorchForOneAndTwoIterationsWithAndWithoutConfidence(String kind) throws Exception {
        Device device = TestDevices.device(kind);
        float[] erp = npy("erp_rgb.npy");
        for (boolean confidence : new boolean[] {false, true}) {
            OmniFusionOptions options = OmniFusionOptions.DEFAULT.withConfidence(confidence);
            try (OmniFusion model = OmniFusion.open(golden("omnifusion_w16.pth"), device, options)) {
                OmniFusionConfig c = model.config();
                assertEquals(new OmniFusionConfig(4, 18, 128, 80, 2, confidence), c, "read from the shapes");
                List<String> stages = new ArrayList<>();
                ErpDepth out = model.predict(erp, 32, 64, (f, s) -> stages.add(s));
                assertEquals(2, out.iterations().size());
                String tag = confidence ? "depth_conf" : "depth";
                close(kind + " " + tag + " iter 1", npy(tag + "_iter1.npy"), out.iterations().get(0));
                close(kind + " " + tag + " iter 2", npy(tag + "_iter2.npy"), out.depth());
                assertEquals(confidence, out.confidence() != null);
                assertTrue(stages.contains("merge 2") && stages.get(stages.size() - 1).equals("done"), stages.toString());
            }
        }
        try (OmniFusion one = OmniFusion.open(golden("omnifusion_w16.pth"), device, OmniFusionOptions.DEFAULT.withIterations(1))) {
            ErpDepth out = one.predict(erp, 32, 64, OmniFusionProgress.NONE);
            assertEquals(1, out.iterations().size());
            assertNull(out.confidence());
            close(kind + " iterations=1", npy("depth_iter1.npy"), out.depth());
        }
    }

    private static void close(String what, float[] want, float[] got) {
        assertEquals(want.length, got.length, what);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < want.length; i++) {
            double e = Math.abs(want[i] - got[i]);
            if (!(e <= worst)) {
                worst = e;
                at = i;
            }
        }
        assertTrue(worst <= TOL, what + ": max |diff| " + worst + " at " + at + " (want " + (at < 0 ? 0 : want[at])
                + ", got " + (at < 0 ? 0 : got[at]) + ")");
    }

    @Test
    void cancellingStopsBeforeTheNextStage() throws Exception {
        try (OmniFusion model = OmniFusion.open(golden("omnifusion_w16.pth"), TestDevices.java())) {
            OmniFusionProgress cancel = new OmniFusionProgress() {
                @Override
                public void progress(double fraction, String stage) {}

                @Override
                public boolean cancelled() {
                    return true;
                }
            };
            assertThrows(CancellationException.class, () -> model.predict(npy("erp_rgb.npy"), 32, 64, cancel));
            assertThrows(IllegalArgumentException.class, () -> model.predict(new float[10], 32, 64, OmniFusionProgress.NONE));
        }
    }

    @Test
    void aWrappedFileWithAnUnknownPatchCountIsRefusedNamingFileAndKey() throws Exception {
        Path bad = golden("bad_npatches_wrapped.pth");
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> OmniFusion.open(bad, TestDevices.java()));
        assertTrue(e.getMessage().contains("transformer.pos_emb") && e.getMessage().contains("17")
                && e.getMessage().contains(bad.toString()), e.getMessage());
    }

    @Test
    void aCheckpointOfAnotherModelIsNotOmniFusion() throws Exception {
        Path vit = golden("omnifusion_w16.pth").resolveSibling("../models/timm_vit/model.safetensors").normalize();
        CheckpointException e = assertThrows(CheckpointException.class, () -> OmniFusion.open(vit, TestDevices.java()));
        assertTrue(e.getMessage().contains("not an OmniFusion checkpoint"), e.getMessage());
    }

    @Test
    void aTruncatedFileFailsAsACheckpointError(@TempDir Path dir) throws IOException, URISyntaxException {
        byte[] all = Files.readAllBytes(golden("omnifusion_w16.pth"));
        Path cut = dir.resolve("cut.pth");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        CheckpointException e = assertThrows(CheckpointException.class, () -> OmniFusion.open(cut, TestDevices.java()));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    }

    @Test
    void inputIsBgrInZeroOneWithAreaAveraging() {
        // 4×2 image: left half pure red, right half pure blue → 2×1 by area: one red, one blue pixel
        int red = 0xff0000, blue = 0x0000ff;
        var img = new org.attentionworkbench.compute.image.RgbImage(4, 2,
                new int[] {red, red, blue, blue, red, red, blue, blue});
        float[] x = OmniFusion.input(img, 2, 2);
        // channel 0 is blue
        assertEquals(0f, x[0]);
        assertEquals(1f, x[1]);
        assertEquals(1f, x[2 * 4 + 0], "channel 2 is red");
        // 3 → 2 shrink: the middle source pixel is split half and half
        var grey = new org.attentionworkbench.compute.image.RgbImage(3, 2, new int[] {0, 0x808080, 0xffffff, 0, 0x808080, 0xffffff});
        float[] g = OmniFusion.input(grey, 2, 2);
        assertEquals(Math.rint((0 + 0.5 * 128) / 1.5) / 255, g[0], 1e-6);
        assertEquals(Math.rint((0.5 * 128 + 255) / 1.5) / 255, g[1], 1e-6);
        assertNotNull(g);
    }
}
