package org.attentionworkbench.compute.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.models.VisionModel;
import org.attentionworkbench.compute.models.bert.Bert;
import org.attentionworkbench.compute.models.bert.MiniLM;
import org.attentionworkbench.compute.models.bert.TextAttention;
import org.attentionworkbench.compute.models.bert.WordPieceTokenizer;
import org.attentionworkbench.compute.zoo.mechanisms.Mechanisms;
import org.junit.jupiter.api.Test;

/**
 * Zoo inputs from real layers: softmax on the captured Q and K of a head gives back the model's own
 * attention of that head (renormalised over the patches when the class token is dropped).
 */
class ModelLayerTest {
    private static final Path CARD = Path.of("..", "samples", "models", "vit4mnist.json");

    @Test
    void vit4mnistSoftmaxOnCapturedQkIsTheModelsAttentionOverThePatches() throws Exception {
        assumeTrue(TestDevices.shared() != null, TestDevices.sharedHint());
        Path digit = Path.of(ModelLayerTest.class.getResource("/goldens/digits/digit_7.png").toURI());
        try (VisionModel model = VisionModel.open(CARD, TestDevices.java())) {
            for (int layer : new int[] {0, 3, 5}) {
                ModelLayer ml = ModelLayer.fromVit(model, "vit4mnist", ImageFiles.read(digit), false, layer);
                assertEquals(16, ml.n());
                assertEquals(4, ml.rows());
                assertEquals(4, ml.cols());
                assertEquals(8, ml.heads());
                assertEquals(1, ml.dropped());
                for (int h = 0; h < ml.heads(); h++) {
                    ZooInput in = ml.head(h);
                    assertTrue(in.fromModel());
                    assertEquals(in.d(), in.c());
                    float[] m = Mechanisms.softmax().matrix(in).m();
                    float[] own = ml.attention(h);
                    for (int i = 0; i < m.length; i++) {
                        assertEquals(own[i], m[i], 2e-5, "layer " + layer + " head " + h + " entry " + i);
                    }
                }
            }
            // layer 0's input tokens are the embeddings, layer 1's are layer 0's output
            ModelLayer l1 = ModelLayer.fromVit(model, "vit4mnist", ImageFiles.read(digit), false, 1);
            ModelLayer l0 = ModelLayer.fromVit(model, "vit4mnist", ImageFiles.read(digit), false, 0);
            assertTrue(maxAbsDiff(l0.input(), l1.input()) > 1e-3, "layers 0 and 1 see different tokens");
            assertThrows(IllegalArgumentException.class,
                    () -> ModelLayer.fromVit(model, "vit4mnist", ImageFiles.read(digit), false, 6));
            assertThrows(IllegalArgumentException.class, () -> l1.head(8));
        }
    }

    @Test
    void miniLmSoftmaxOnCapturedQkIsTheModelsAttentionOnEveryWordPiece() throws Exception {
        String text = "The cat sat on the mat.";
        WordPieceTokenizer tok = MiniLM.tokenizer();
        try (Bert bert = MiniLM.model(TestDevices.java()); TextAttention ta = new TextAttention()) {
            TextAttention.Result ref = ta.run(TestDevices.java(), text);
            int layer = 2;
            ModelLayer ml = ModelLayer.fromBert(bert, tok, "MiniLM", text, layer);
            assertEquals(ref.tokens(), ml.labels());
            assertEquals(1, ml.rows());
            assertEquals(0, ml.dropped());
            int n = ml.n();
            for (int h = 0; h < ml.heads(); h++) {
                float[] m = Mechanisms.softmax().matrix(ml.head(h)).m();
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        assertEquals(ref.attention(layer, h, i, j), m[i * n + j], 2e-5, "head " + h);
                    }
                }
            }
            assertThrows(IllegalArgumentException.class, () -> ModelLayer.fromBert(bert, tok, "MiniLM", " ", 0));
        }
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
