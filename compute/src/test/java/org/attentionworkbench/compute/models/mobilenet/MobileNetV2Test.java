package org.attentionworkbench.compute.models.mobilenet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.Preprocess;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.io.NpyArray;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real ImageNet MobileNetV2 of ../shared: logits and a tap against PyTorch
 * (tools/anomaly/mobilenet_reference.py) on both backends, and top-1 on real photos.
 */
class MobileNetV2Test {
    private static final Path RES = Path.of("src/test/resources/anomaly");

    private static Path weights() {
        Path shared = TestDevices.shared();
        assumeTrue(shared != null, TestDevices.sharedHint());
        return shared.resolve("models/mobilenet_v2_imagenet.safetensors");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void logitsAndTapMatchPyTorch(String kind) throws IOException {
        Path w = weights();
        NpyArray input = Npy.read(RES.resolve("mobilenet_input_chelsea.npy"));
        float[] logits = Npy.read(RES.resolve("mobilenet_logits_chelsea.npy")).toFloats();
        float[] tap = Npy.read(RES.resolve("mobilenet_tap6_chelsea.npy")).toFloats();
        Device d = TestDevices.device(kind);
        try (MobileNetV2 net = MobileNetV2.load(w, d, Activation.RELU);
                Tensor x = d.upload(input.toFloats(), input.shape());
                MobileNetV2.Output o = net.forward(x, true, 6)) {
            assertArrayEquals(new int[] {1, 32, 28, 28}, o.taps().get(6).shape());
            assertClose(logits, o.logits().toArray(), 1e-3, d + " logits");
            assertClose(tap, o.taps().get(6).toArray(), 1e-3, d + " features.6");
        }
    }

    @Test
    void topOneOnRealPhotos() throws IOException {
        Path w = weights();
        List<String> labels;
        try (InputStream in = MobileNetV2.class.getResourceAsStream(
                "/org/attentionworkbench/compute/models/catalog/imagenet_classes.txt")) {
            labels = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        Path photos = TestDevices.shared().resolve("data/photos/skimage");
        Device d = TestDevices.java();
        try (MobileNetV2 net = MobileNetV2.load(w, d, Activation.RELU)) {
            assertEquals(1000, net.classes());
            assertTopIn(net, photos.resolve("chelsea.png"), Set.of(281, 282, 285), labels);
            assertTopIn(net, photos.resolve("coffee.png"), Set.of(967, 968, 504), labels); // espresso, cup, coffee mug
            // rocket.jpg is not asserted: this dequantised model (like PyTorch on the same weights) says 540
            // "drilling platform" there, a genuine miss of the model, not of the port
        }
    }

    private static void assertTopIn(MobileNetV2 net, Path photo, Set<Integer> ok, List<String> labels)
            throws IOException {
        Device d = net.device();
        int[] hw = new int[2];
        float[] px = Preprocess.apply(ImageFiles.read(photo), MobileNetV2.imagenetRecipe(), hw);
        try (Tensor x = d.upload(px, 1, 3, hw[0], hw[1]); MobileNetV2.Output o = net.forward(x, true)) {
            float[] l = o.logits().toArray();
            int best = 0;
            for (int i = 1; i < l.length; i++) {
                if (l[i] > l[best]) {
                    best = i;
                }
            }
            assertTrue(ok.contains(best), photo.getFileName() + ": top-1 " + best + " " + labels.get(best));
        }
    }

    static void assertClose(float[] want, float[] got, double tol, String what) {
        assertEquals(want.length, got.length, what);
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            worst = Math.max(worst, Math.abs(want[i] - got[i]));
        }
        assertTrue(worst <= tol, what + ": max |diff| " + worst);
    }
}
