package org.attentionworkbench.compute.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.models.VisionModel;
import org.attentionworkbench.compute.models.vit.ViT;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The explain tools on the real, trained vit4mnist (4×4 patches of 7 px plus a class token, 6 layers, 8 heads). */
class RealVit4mnistExplainTest {
    private static final Path CARD = Path.of("..", "samples", "models", "vit4mnist.json");

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void explainsARealDigit(String kind) throws Exception {
        assumeTrue(TestDevices.shared() != null, TestDevices.sharedHint());
        Path digit = Path.of(RealVit4mnistExplainTest.class.getResource("/goldens/digits/digit_7.png").toURI());
        Device d = TestDevices.device(kind);
        String on = " on " + d.info().id();
        try (VisionModel model = VisionModel.open(CARD, d)) {
            ViT.Output out = model.run(ImageFiles.read(digit), false, CaptureRequest.allAttention(6));
            AttentionMaps m = AttentionMaps.fromVit(out, model.network().config());
            assertEquals(6, m.layers());
            assertEquals(8, m.heads());
            assertEquals(17, m.tokens());
            assertEquals(1, m.prefix());
            assertEquals(4, m.gridH());
            assertEquals(4, m.gridW());
            int n = m.tokens();
            // attention rows are softmaxes
            for (int l = 0; l < 6; l++) {
                for (int h = 0; h < 8; h++) {
                    for (int q = 0; q < n; q++) {
                        assertEquals(1.0, sum(m.row(l, h, q)), 1e-4, "row " + l + "/" + h + "/" + q + on);
                    }
                }
                for (HeadFusion f : new HeadFusion[] {HeadFusion.MEAN}) {
                    assertEquals(1.0, sum(m.fusedRow(l, 0, f)), 1e-4);
                }
            }
            // statistics are finite and in range
            HeadStatistics s = HeadStatistics.compute(m, 7.0);
            double maxDist = 7.0 * Math.hypot(3, 3);
            for (int i = 0; i < 48; i++) {
                assertTrue(Double.isFinite(s.meanDistancePx()[i]) && s.meanDistancePx()[i] >= 0
                        && s.meanDistancePx()[i] <= maxDist, "distance " + s.meanDistancePx()[i] + on);
                assertTrue(s.entropy()[i] >= 0 && s.entropy()[i] <= Math.log(n) + 1e-6, "entropy" + on);
            }
            // rollout rows sum to 1 for every fusion and discard ratio
            for (HeadFusion f : HeadFusion.values()) {
                for (double ratio : new double[] {0.0, 0.9}) {
                    float[] r = Rollout.compute(m, f, ratio, 5);
                    for (int q = 0; q < n; q++) {
                        double rs = 0;
                        for (int k = 0; k < n; k++) {
                            rs += r[q * n + k];
                            assertTrue(r[q * n + k] >= 0);
                        }
                        assertEquals(1.0, rs, 1e-5, f + " " + ratio + " rollout row " + q + on);
                    }
                    float[] cls = Rollout.clsMap(m, f, ratio, 5);
                    boolean[] mask = MassMask.keep(cls, 0.6);
                    // min-fusion with a 0.9 discard can leave the class token no path to any patch on
                    // 17 tokens (vit-explain does the same); then the mask is rightly empty
                    boolean mass = sum(cls) > 0;
                    assertEquals(mass, MassMask.count(mask) >= 1, f + " " + ratio + " " + java.util.Arrays.toString(cls));
                    assertEquals(mass, !Contours.trace(mask, 4, 4).isEmpty());
                }
            }
            float[] tokens = out.tokens().data();
            Artifacts.find(tokens, n, tokens.length / n, m, 1).forEach(a ->
                    assertTrue(a.token() >= 1 && a.token() < n && a.score() > Artifacts.THRESHOLD));
        }
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }
}
