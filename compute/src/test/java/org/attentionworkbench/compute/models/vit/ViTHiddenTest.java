package org.attentionworkbench.compute.models.vit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.BitSet;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.checkpoint.Checkpoint;
import org.attentionworkbench.compute.checkpoint.Checkpoints;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** forwardHidden keeps the asked blocks' tokens on the device: equal to what capture downloads. */
class ViTHiddenTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void hiddenStatesEqualCapturedTokens(String kind) throws Exception {
        Path root = Path.of(ViTHiddenTest.class.getResource("/goldens/manifest.json").toURI()).getParent();
        ViTLoader.Loaded loaded;
        try (Checkpoint c = Checkpoints.open(root.resolve("models/timm_vit/model.safetensors"))) {
            loaded = ViTLoader.load(c, ViTOptions.defaults().withHeads(4));
        }
        var input = Npy.read(root.resolve("cases/timm_vit_32/input.npy"));
        Device d = TestDevices.device(kind);
        try (ViT vit = new ViT(d, loaded); Tensor x = d.upload(input.toFloats(), input.shape())) {
            int depth = loaded.config().depth();
            BitSet all = new BitSet();
            all.set(0, depth);
            ViT.Output full = vit.forward(x, new CaptureRequest(all, false, true));
            ViT.Hidden h = vit.forwardHidden(x, CaptureRequest.none(), 0, depth - 1);
            try {
                assertEquals(2, h.states().size());
                assertArrayEquals(full.layers().get(0).tokens().data(), d.download(h.states().get(0)), 1e-6f);
                assertArrayEquals(full.layers().get(depth - 1).tokens().data(), d.download(h.states().get(1)), 1e-6f);
            } finally {
                h.states().forEach(Tensor::close);
            }
            assertThrows(IllegalArgumentException.class, () -> vit.forwardHidden(x, CaptureRequest.none(), 1, 0));
        }
    }
}
