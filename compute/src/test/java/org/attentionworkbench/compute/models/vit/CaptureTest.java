package org.attentionworkbench.compute.models.vit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.BitSet;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.checkpoint.Checkpoint;
import org.attentionworkbench.compute.checkpoint.Checkpoints;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.nn.Captured;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.HostTensor;
import org.attentionworkbench.compute.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Capture is per request: only the asked layers, and q/k/v/tokens consistent with the maps. */
class CaptureTest {

    private static Path golden(String rel) throws Exception {
        return Path.of(CaptureTest.class.getResource("/goldens/manifest.json").toURI()).getParent().resolve(rel);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void capturesOnlyRequestedLayersAndConsistentQkv(String kind) throws Exception {
        ViTLoader.Loaded loaded;
        try (Checkpoint c = Checkpoints.open(golden("models/timm_vit/model.safetensors"))) {
            loaded = ViTLoader.load(c, ViTOptions.defaults().withHeads(4));
        }
        var input = Npy.read(golden("cases/timm_vit_32/input.npy"));
        Device d = TestDevices.device(kind);
        try (ViT vit = new ViT(d, loaded); Tensor x = d.upload(input.toFloats(), input.shape())) {
            BitSet layers = new BitSet();
            layers.set(1);
            ViT.Output out = vit.forward(x, new CaptureRequest(layers, true, true));
            assertNull(out.layers().get(0), "layer 0 was not asked for");
            Captured c = out.layers().get(1);
            int n = 17, dh = 8, heads = 4;
            assertArrayEquals(new int[] {1, heads, n, dh}, c.q().shape());
            assertArrayEquals(new int[] {1, n, 32}, c.tokens().shape());
            // softmax(scale · q·kᵀ) from the captured q and k reproduces the captured map
            float scale = loaded.config().attnScale();
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < n; i++) {
                    double[] row = new double[n];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int e = 0; e < dh; e++) {
                            s += c.q().data()[((h * n) + i) * dh + e] * c.k().data()[((h * n) + j) * dh + e];
                        }
                        row[j] = s * scale;
                        max = Math.max(max, row[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < n; j++) {
                        row[j] = Math.exp(row[j] - max);
                        sum += row[j];
                    }
                    for (int j = 0; j < n; j++) {
                        assertEquals(row[j] / sum, c.attention().data()[((h * n) + i) * n + j], 1e-5,
                                d.info().id() + " head " + h + " row " + i);
                    }
                }
            }
            // without a request nothing is kept, and the result is the same
            ViT.Output plain = vit.forward(x, CaptureRequest.none());
            assertNull(plain.layers().get(1));
            HostTensor a = out.tokens();
            assertArrayEquals(a.data(), plain.tokens().data(), 1e-5f);
        }
    }

    /** Pixels past the last whole patch are dropped, as a stride-P convolution drops them (timm, HF). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void ignoresPixelsPastTheLastWholePatch(String kind) throws Exception {
        ViTLoader.Loaded loaded;
        try (Checkpoint c = Checkpoints.open(golden("models/timm_vit/model.safetensors"))) {
            loaded = ViTLoader.load(c, ViTOptions.defaults().withHeads(4));
        }
        var input = Npy.read(golden("cases/timm_vit_32/input.npy")); // (1, 3, 32, 32), patch 8
        int ch = input.shape()[1], h = 32, w = 32, bigH = h + 5, bigW = w + 7;
        float[] big = new float[ch * bigH * bigW];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) r.nextGaussian() * 5f; // junk the model must not see
        }
        float[] px = input.toFloats();
        for (int c = 0; c < ch; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(px, (c * h + y) * w, big, (c * bigH + y) * bigW, w);
            }
        }
        Device d = TestDevices.device(kind);
        try (ViT vit = new ViT(d, loaded); Tensor x = d.upload(px, input.shape());
                Tensor xBig = d.upload(big, 1, ch, bigH, bigW)) {
            ViT.Output want = vit.forward(x, CaptureRequest.none());
            ViT.Output got = vit.forward(xBig, CaptureRequest.none());
            assertArrayEquals(want.tokens().shape(), got.tokens().shape(), d.info().id());
            assertArrayEquals(want.tokens().data(), got.tokens().data(), 1e-5f, d.info().id());
            assertArrayEquals(want.logits().data(), got.logits().data(), 1e-5f, d.info().id());
            // and the whole-grid input again after the cropped one: the arena's roles follow the shape
            assertArrayEquals(want.tokens().data(), vit.forward(x, CaptureRequest.none()).tokens().data(),
                    1e-6f, d.info().id());
        }
    }
}
