package org.attentionworkbench.compute.panorama.depth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.models.depth.DepthKind;
import org.attentionworkbench.compute.models.depth.DepthMap;
import org.attentionworkbench.compute.models.depth.DepthModels;
import org.attentionworkbench.compute.panorama.TangentLayout;
import org.attentionworkbench.compute.panorama.TangentPatch;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.Test;

/** A perspective checkpoint on a tangent patch gives what the model gives on the patch as a picture. */
class ModelPatchEstimatorTest {
    private static final Path HF = Path.of("src/test/resources/goldens/depthanything/hf");

    @Test
    void patchBecomesAnEightBitPicture() {
        float[] chw = {0f, 1f, 0.5f, -0.2f, /* g */ 0.25f, 0.75f, 1.3f, Float.NaN, /* b */ 1f, 0f, 0.001f, 0.999f};
        RgbImage img = ModelPatchEstimator.toImage(chw, 2, 2);
        assertEquals(0x0040FF, img.rgb()[0]);
        assertEquals(0xFFBF00, img.rgb()[1]);
        assertEquals(0x80FF00, img.rgb()[2]);
        assertEquals(0x0000FF, img.rgb()[3]);
    }

    @Test
    void runsTheModelOnEachPatchAtThePatchSize() throws Exception {
        TangentLayout layout = TangentLayout.omnifusion(4, 80, 40);
        TangentPatch patch = layout.patch(3);
        float[] chw = new float[3 * 40 * 40];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = (i * 37 % 101) / 100f;
        }
        try (Device device = new JavaDevice();
                ModelPatchEstimator est = PatchDepthEstimators.open(HF, device)) {
            PatchDepth d = est.estimate(3, patch, chw);
            assertEquals(40, d.width());
            assertEquals(40, d.height());
            assertEquals(DepthKind.RELATIVE_INVERSE, d.kind());
            DepthMap direct = est.model().predict(ModelPatchEstimator.toImage(chw, 40, 40));
            for (int i = 0; i < d.values().length; i++) {
                assertEquals(direct.values()[i], d.values()[i], 0f);
                assertTrue(Float.isFinite(d.values()[i]));
            }
        }
    }
}
