package org.attentionworkbench.compute.labs.probes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.labs.LabOptions;
import org.attentionworkbench.compute.models.VisionModel;
import org.attentionworkbench.compute.models.vit.ViT;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The probe forward against ViT.forward on the real vit4mnist: with no hook they agree to float precision. */
class ProbeViTTest {
    static ProbeInputs inputs() throws Exception {
        assumeTrue(TestDevices.shared() != null, TestDevices.sharedHint());
        return ProbeInputs.open(LabOptions.of(new FusionLab(), Map.of()));
    }

    @Test
    void noHookEqualsViTForward() throws Exception {
        ProbeInputs in = inputs();
        assertEquals(10, in.images.size());
        try (VisionModel m = VisionModel.open(ProbeInputs.bundledCard(), TestDevices.java())) {
            for (ProbeInputs.Image img : in.images) {
                ProbeViT.Pass p = in.vit.forward(img.pixels(), img.h(), img.w(), ProbeViT.NONE);
                ViT.Output want;
                try (Tensor x = TestDevices.java().upload(img.pixels(), 1, 1, img.h(), img.w())) {
                    want = m.network().forward(x, CaptureRequest.allAttention(6));
                }
                assertArrayEquals(want.logits().data(), p.logits(), 2e-4f, img.name());
                float[] cls = java.util.Arrays.copyOf(want.tokens().data(), p.feature().length);
                assertArrayEquals(cls, p.feature(), 2e-4f, img.name());
                float[] maps = want.layers().get(5).attention().data();
                assertArrayEquals(maps, p.attention().get(5), 1e-4f, img.name() + " last layer's attention");
            }
        }
    }

    @Test
    void regroupingEveryTokenOntoItselfChangesNothing() throws Exception {
        ProbeInputs in = inputs();
        ProbeInputs.Image img = in.images.get(3);
        ProbeViT.Pass plain = in.vit.forward(img.pixels(), img.h(), img.w(), ProbeViT.NONE);
        ProbeViT.Pass same = in.vit.forward(img.pixels(), img.h(), img.w(), new ProbeViT.Hooks() {
            @Override
            public ProbeViT.Tokens afterAttention(int layer, ProbeViT.Tokens t, float[] probs, float[][] keys) {
                int[] dest = new int[t.n()];
                for (int i = 0; i < dest.length; i++) {
                    dest[i] = i;
                }
                return t.regroup(dest, t.n());
            }
        });
        assertArrayEquals(plain.logits(), same.logits(), 0f);
    }
}
