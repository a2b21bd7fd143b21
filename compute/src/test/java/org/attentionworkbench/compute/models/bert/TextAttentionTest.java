package org.attentionworkbench.compute.models.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.util.List;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TextAttentionTest {
    private static TextAttention service;

    @BeforeAll
    static void open() {
        service = new TextAttention();
    }

    @AfterAll
    static void close() {
        service.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void pairGivesTokensTypesAttentionAndEmbeddingMatchingOnnxRuntime(String kind) throws IOException, OrtException {
        OrtReference ort = OrtReference.get();
        Device d = TestDevices.device(kind);
        long t0 = System.nanoTime();
        TextAttention.Result r = service.run(d, "The cat sat.", "It was tired!");
        System.out.printf("TextAttention on %s: first call (load + upload + forward) %.0f ms%n",
                d.info().backend(), (System.nanoTime() - t0) / 1e6);

        assertEquals(List.of("[CLS]", "the", "cat", "sat", ".", "[SEP]", "it", "was", "tired", "!", "[SEP]"),
                r.tokens());
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, r.typeIds());
        int n = r.length();
        assertEquals(6, r.layers());
        assertEquals(12, r.heads());
        assertEquals(6 * 12 * n * n, r.attention().length);
        assertEquals(n * 384, r.finalTokens().length);
        assertEquals(384, r.embedding().length);

        // the same numbers ORT gives for the same ids, addressed through the [L, H, N, N] layout
        WordPieceTokenizer.Encoding e = MiniLM.tokenizer().encode("The cat sat.", "It was tired!");
        OrtReference.Result ref = ort.run(e.ids(), e.typeIds());
        double worst = 0;
        for (int l = 0; l < 6; l++) {
            for (int h = 0; h < 12; h++) {
                for (int q = 0; q < n; q++) {
                    double row = 0;
                    for (int k = 0; k < n; k++) {
                        row += r.attention(l, h, q, k);
                        worst = Math.max(worst, Math.abs(r.attention(l, h, q, k) - ref.attention()[l][h][q][k]));
                    }
                    assertEquals(1.0, row, 1e-4);
                }
            }
        }
        assertTrue(worst < 1e-4, "attention off by " + worst);
        for (int t = 0; t < n; t++) {
            for (int c = 0; c < 384; c++) {
                assertEquals(ref.tokens()[t][c], r.finalTokens()[t * 384 + c], 1e-4);
            }
        }
        assertArrayEquals(ref.embedding(), r.embedding(), 1e-4f);
    }

    @Test
    void cachesTheModelPerDeviceUntilClosed() throws IOException {
        Device d = TestDevices.java();
        try (TextAttention own = new TextAttention()) {
            assertFalse(own.isLoaded(d));
            TextAttention.Result first = own.run(d, "Hello world");
            assertTrue(own.isLoaded(d));
            long t0 = System.nanoTime();
            TextAttention.Result again = own.run(d, "Hello world");
            System.out.printf("TextAttention, cached model: %.1f ms for 4 tokens%n", (System.nanoTime() - t0) / 1e6);
            assertEquals(List.of("[CLS]", "hello", "world", "[SEP]"), again.tokens());
            assertArrayEquals(new int[4], again.typeIds());
            assertArrayEquals(first.attention(), again.attention());
            own.close();
            assertFalse(own.isLoaded(d));
        }
    }

    @Test
    void rejectsMissingText() {
        assertThrows(IllegalArgumentException.class, () -> service.run(TestDevices.java(), null));
    }
}
