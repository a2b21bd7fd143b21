package org.attentionworkbench.compute.models.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.nn.Captured;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * all-MiniLM-L6-v2 on our engine against ONNX Runtime running the same file: last hidden state,
 * every layer's attention probabilities and the sentence embedding, on every test device.
 */
class MiniLmFidelityTest {
    private static final double TOL = 1e-4;

    private static OrtReference ort;
    private static WordPieceTokenizer tokenizer;
    private static BertLoader.Loaded weights;
    /** One model per device kind, loaded on first use. */
    private static final Map<String, Bert> models = new LinkedHashMap<>();
    /** Worst error per device and quantity, printed at the end. */
    private static final Map<String, Double> worst = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws IOException, OrtException {
        ort = OrtReference.get();
        tokenizer = MiniLM.tokenizer();
        weights = MiniLM.weights();
    }

    /** The model on a device kind (an OpenCL run without a driver is reported skipped). */
    private static synchronized Bert model(String kind) {
        Device d = TestDevices.device(kind);
        return models.computeIfAbsent(kind, k -> new Bert(d, weights));
    }

    @AfterAll
    static void close() {
        models.values().forEach(Bert::close);
        worst.forEach((k, v) -> System.out.printf("MiniLM vs ORT, max abs error %s: %.3g%n", k, v));
    }

    static Stream<Arguments> inputs() {
        return TestDevices.kinds().flatMap(kind -> Sentences.ALL.stream().map(in -> Arguments.of(in, kind)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("inputs")
    void matchesOnnxRuntime(Sentences.Input in, String kind) throws OrtException {
        WordPieceTokenizer.Encoding e = tokenizer.encode(in.a(), in.b());
        OrtReference.Result ref = ort.run(e.ids(), e.typeIds());
        int n = e.length();
        Bert bert = model(kind);
        Device device = TestDevices.device(kind);
        String dev = device.info().backend() + " (" + device.info().name() + ")";
        Bert.Output out = bert.forward(e.ids(), e.typeIds(), CaptureRequest.allAttention(bert.config().layers()));
        int d = bert.config().dim();
        assertArrayEquals(new int[] {1, n, d}, out.tokens().shape());
        assertEquals(ort.layers(), out.layers().size());

        double tokens = maxAbs(out.tokens().data(), flatten(ref.tokens()));
        double attention = 0;
        for (int l = 0; l < out.layers().size(); l++) {
            Captured c = out.layers().get(l);
            assertArrayEquals(new int[] {1, bert.config().heads(), n, n}, c.attention().shape());
            attention = Math.max(attention, maxAbs(c.attention().data(), flatten(ref.attention()[l])));
        }
        double embedding = maxAbs(out.embedding(), ref.embedding());
        record("hidden state " + dev, tokens);
        record("attention " + dev, attention);
        record("embedding " + dev, embedding);
        String label = in + " on " + dev + " (" + n + " tokens)";
        assertTrue(tokens < TOL, label + ": last hidden state off by " + tokens);
        assertTrue(attention < TOL, label + ": attention off by " + attention);
        assertTrue(embedding < TOL, label + ": embedding off by " + embedding);
    }

    /** Paraphrases sit closer than unrelated sentences, on every device. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")
    void paraphrasesAreCloserThanUnrelatedSentences(String kind) {
        Bert bert = model(kind);
        float[] guitar = embed(bert, "A man is playing a guitar.");
        float[] music = embed(bert, "Someone plays an instrument.");
        float[] stocks = embed(bert, "The stock market fell today.");
        float[] shares = embed(bert, "Share prices dropped this afternoon.");
        double para1 = dot(guitar, music);
        double para2 = dot(stocks, shares);
        double unrelated = Math.max(Math.max(dot(guitar, stocks), dot(guitar, shares)),
                Math.max(dot(music, stocks), dot(music, shares)));
        System.out.printf("%s: cos(guitar, instrument) %.3f, cos(stocks, shares) %.3f, best unrelated %.3f%n",
                kind, para1, para2, unrelated);
        assertTrue(para1 > unrelated + 0.2, "guitar/instrument " + para1 + " vs unrelated " + unrelated);
        assertTrue(para2 > unrelated + 0.2, "stocks/shares " + para2 + " vs unrelated " + unrelated);
        assertEquals(1.0, dot(guitar, guitar), 1e-5, "embeddings are unit vectors");
    }

    private static float[] embed(Bert bert, String text) {
        WordPieceTokenizer.Encoding e = tokenizer.encode(text);
        return bert.forward(e.ids(), e.typeIds(), CaptureRequest.none()).embedding();
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static synchronized void record(String key, double err) {
        worst.merge(key, err, Math::max);
    }

    private static double maxAbs(float[] a, float[] b) {
        assertEquals(b.length, a.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return Double.isNaN(m) ? Double.POSITIVE_INFINITY : m;
    }

    /** Nested float arrays from ORT, row-major into one array. */
    private static float[] flatten(Object nested) {
        List<float[]> rows = new ArrayList<>();
        rowsOf(nested, rows);
        float[] out = new float[rows.stream().mapToInt(r -> r.length).sum()];
        int at = 0;
        for (float[] r : rows) {
            System.arraycopy(r, 0, out, at, r.length);
            at += r.length;
        }
        return out;
    }

    private static void rowsOf(Object o, List<float[]> rows) {
        if (o instanceof float[] f) {
            rows.add(f);
        } else {
            for (Object x : (Object[]) o) {
                rowsOf(x, rows);
            }
        }
    }
}
