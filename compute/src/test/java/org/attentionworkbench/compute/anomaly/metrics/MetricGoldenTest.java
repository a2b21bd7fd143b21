package org.attentionworkbench.compute.anomaly.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.io.NpyArray;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every metric against sklearn / the MVTec AUPRO definition (tools/anomaly/make_metric_goldens.py). */
class MetricGoldenTest {
    private static final double EXACT = 1e-9;

    private static Path dir() throws URISyntaxException {
        return Path.of(MetricGoldenTest.class.getResource("/anomaly/metrics/golden.json").toURI()).getParent();
    }

    private static JsonObject golden() throws IOException, URISyntaxException {
        return JsonParser.parseString(Files.readString(dir().resolve("golden.json"))).getAsJsonObject();
    }

    private static NpyArray npy(JsonElement name) throws IOException, URISyntaxException {
        return Npy.read(dir().resolve(name.getAsString()));
    }

    private static boolean[] bools(NpyArray a) {
        int[] v = a.toInts();
        boolean[] b = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = v[i] != 0;
        }
        return b;
    }

    @TestFactory
    Stream<DynamicTest> imageLevel() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement e : golden().getAsJsonArray("image")) {
            JsonObject c = e.getAsJsonObject();
            double[] scores = npy(c.get("scores")).toDoubles();
            boolean[] labels = bools(npy(c.get("labels")));
            String name = c.get("name").getAsString();
            tests.add(DynamicTest.dynamicTest(name + " auroc + roc", () -> {
                if (c.get("auroc").isJsonNull()) {
                    UndefinedMetricException x = assertThrows(UndefinedMetricException.class,
                            () -> BinaryMetrics.auroc(scores, labels));
                    assertTrue(x.getMessage().contains("only"), x.getMessage());
                    assertThrows(UndefinedMetricException.class, () -> BinaryMetrics.rocCurve(scores, labels));
                    return;
                }
                assertEquals(c.get("auroc").getAsDouble(), BinaryMetrics.auroc(scores, labels), EXACT);
                JsonObject roc = c.getAsJsonObject("roc");
                RocCurve curve = BinaryMetrics.rocCurve(scores, labels);
                assertArrayEquals(npy(roc.get("fpr")).toDoubles(), curve.fpr(), EXACT);
                assertArrayEquals(npy(roc.get("tpr")).toDoubles(), curve.tpr(), EXACT);
                assertArrayEquals(npy(roc.get("thresholds")).toDoubles(), curve.thresholds(), 0);
            }));
            tests.add(DynamicTest.dynamicTest(name + " f1max", () -> {
                if (c.get("f1max").isJsonNull()) {
                    assertThrows(UndefinedMetricException.class, () -> BinaryMetrics.f1Max(scores, labels));
                    return;
                }
                assertF1(c.getAsJsonObject("f1max"), BinaryMetrics.f1Max(scores, labels));
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> pixelLevel() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement e : golden().getAsJsonArray("pixel")) {
            JsonObject c = e.getAsJsonObject();
            List<ScoredMask> maps = maps(npy(c.get("maps")), npy(c.get("masks")));
            String name = c.get("name").getAsString();
            tests.add(DynamicTest.dynamicTest(name + " auroc", () ->
                    assertEquals(c.get("auroc").getAsDouble(), PixelMetrics.auroc(maps), EXACT)));
            tests.add(DynamicTest.dynamicTest(name + " f1max", () ->
                    assertF1(c.getAsJsonObject("f1max"), PixelMetrics.f1Max(maps))));
            tests.add(DynamicTest.dynamicTest(name + " regions (8-connected)", () -> {
                int regions = 0;
                for (ScoredMask m : maps) {
                    regions += ConnectedComponents.label(m.defect(), m.width(), m.height()).count();
                }
                assertEquals(c.get("regions").getAsInt(), regions);
            }));
            tests.add(DynamicTest.dynamicTest(name + " aupro", () -> {
                for (var lim : c.getAsJsonObject("aupro").entrySet()) {
                    double limit = Double.parseDouble(lim.getKey());
                    assertEquals(lim.getValue().getAsDouble(), Aupro.aupro(maps, limit), EXACT, "limit " + limit);
                }
                // the MVTec code itself keeps FPRs in float32
                assertEquals(c.get("aupro_mvtec_float32").getAsDouble(), Aupro.aupro(maps), 1e-6);
                Aupro.ProCurve curve = Aupro.curve(maps, 0.3);
                assertEquals(Aupro.aupro(maps), curve.aupro(), 0);
                assertEquals(0.3, curve.fpr()[curve.fpr().length - 1], 1e-15);
            }));
        }
        return tests.stream();
    }

    private static void assertF1(JsonObject want, F1Max got) {
        assertEquals(want.get("f1").getAsDouble(), got.f1(), EXACT);
        assertEquals(want.get("threshold").getAsDouble(), got.threshold(), 0);
        assertEquals(want.get("precision").getAsDouble(), got.precision(), EXACT);
        assertEquals(want.get("recall").getAsDouble(), got.recall(), EXACT);
    }

    private static List<ScoredMask> maps(NpyArray scores, NpyArray masks) {
        int[] shape = scores.shape();
        int n = shape[0], h = shape[1], w = shape[2];
        float[] s = scores.toFloats();
        boolean[] m = bools(masks);
        List<ScoredMask> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] si = new float[w * h];
            boolean[] mi = new boolean[w * h];
            System.arraycopy(s, i * w * h, si, 0, w * h);
            System.arraycopy(m, i * w * h, mi, 0, w * h);
            out.add(new ScoredMask(w, h, si, mi));
        }
        return out;
    }
}
