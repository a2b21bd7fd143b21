package org.attentionworkbench.compute.depth.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.attentionworkbench.compute.io.Npy;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every metric and alignment against the numpy reference (tools/depth/make_metric_goldens.py). */
class DepthMetricsGoldenTest {
    private static final double REL = 1e-5;

    @TestFactory
    Stream<DynamicTest> matchesNumpy() throws Exception {
        Path dir = Path.of(DepthMetricsGoldenTest.class.getResource("/goldens/depth/metrics.json").toURI())
                .getParent();
        JsonObject root = JsonParser.parseString(Files.readString(dir.resolve("metrics.json"))).getAsJsonObject();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement e : root.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            JsonObject files = c.getAsJsonObject("files");
            float[] pred = Npy.read(dir.resolve(files.get("pred").getAsString())).toFloats();
            float[] gt = Npy.read(dir.resolve(files.get("gt").getAsString())).toFloats();
            boolean[] mask = null;
            if (files.has("mask")) {
                int[] m = Npy.read(dir.resolve(files.get("mask").getAsString())).toInts();
                mask = new boolean[m.length];
                for (int i = 0; i < m.length; i++) {
                    mask[i] = m[i] != 0;
                }
            }
            ValidRange range = new ValidRange(c.get("min_depth").getAsDouble(),
                    c.get("max_depth").isJsonNull() ? Double.POSITIVE_INFINITY : c.get("max_depth").getAsDouble());
            JsonObject want = c.getAsJsonObject("expected");
            Alignment alignment = Alignment.valueOf(want.get("alignment").getAsString());
            boolean[] finalMask = mask;
            tests.add(DynamicTest.dynamicTest(c.get("name").getAsString(), () -> {
                JsonObject got = DepthMetricsJson.toJson(DepthMetrics.evaluate(pred, gt, finalMask, range, alignment));
                assertEquals(want.keySet(), got.keySet());
                assertEquals(want.get("valid_pixels").getAsInt(), got.get("valid_pixels").getAsInt());
                assertEquals(want.get("alignment"), got.get("alignment"));
                for (String key : List.of("AbsRel", "SqRel", "RMSE", "RMSE_log", "delta1", "delta2", "delta3",
                        "scale", "shift")) {
                    double w = want.get(key).getAsDouble();
                    assertEquals(w, got.get(key).getAsDouble(), REL * Math.max(Math.abs(w), 1e-12), key);
                }
            }));
        }
        return tests.stream();
    }
}
