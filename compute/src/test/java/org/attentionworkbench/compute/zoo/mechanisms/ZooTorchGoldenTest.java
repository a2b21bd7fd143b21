package org.attentionworkbench.compute.zoo.mechanisms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.zoo.Mixer;
import org.attentionworkbench.compute.zoo.MixingMatrix;
import org.attentionworkbench.compute.zoo.ZooInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mixing matrices against PyTorch versions written the way each mechanism's reference code is
 * (tools/zoo/make_zoo_goldens.py: the same seeded float32 queries and keys, V = I, float64).
 */
class ZooTorchGoldenTest {
    static Stream<String> cases() {
        return Stream.of("sigmoid", "hilo-hifi", "hilo-lofi", "combiner-fixed", "combiner-fixed-causal", "soft",
                "autoformer", "axial-sum", "axial-stacked", "convit-gpsa", "combiner-axial", "ppma", "ppma-chunk",
                "routing", "sparsifiner", "gcvit-global", "linformer", "lean");
    }

    static Path folder(String name) throws Exception {
        return Path.of(ZooTorchGoldenTest.class.getResource("/zoo/goldens/" + name + "/meta.json").toURI()).getParent();
    }

    static Mixer mixer(String name, JsonObject p) {
        return switch (name) {
            case "sigmoid" -> new SigmoidAttention();
            case "hilo-hifi" -> new HiLo(HiLo.Branch.HI_FI, p.get("window").getAsInt());
            case "hilo-lofi" -> new HiLo(HiLo.Branch.LO_FI, p.get("window").getAsInt());
            case "combiner-fixed", "combiner-fixed-causal" ->
                    new CombinerFixed(p.get("segment").getAsInt(), p.get("causal").getAsBoolean());
            case "soft" -> new SoftNystrom(p.get("pool").getAsInt(), 20);
            case "autoformer" -> new AutoCorrelation(p.get("factor").getAsDouble());
            case "axial-sum" -> new AxialAttention(AxialAttention.Variant.SUM);
            case "axial-stacked" -> new AxialAttention(AxialAttention.Variant.STACKED);
            case "convit-gpsa" -> new ConvitGpsa(p.get("gate").getAsDouble(), p.get("centreX").getAsDouble(),
                    p.get("centreY").getAsDouble(), p.get("locality").getAsDouble());
            case "combiner-axial" -> new CombinerAxial(p.get("segment").getAsInt(), false);
            case "ppma" -> new Ppma(Ppma.Variant.FULL, p.get("decay").getAsDouble());
            case "ppma-chunk" -> new Ppma(Ppma.Variant.CHUNK, p.get("decay").getAsDouble());
            case "routing" -> new RoutingAttention(p.get("clusters").getAsInt(), p.get("iterations").getAsInt(),
                    p.get("seed").getAsLong());
            case "sparsifiner" -> new Sparsifiner(p.get("keep").getAsDouble());
            case "gcvit-global" -> new GcVitGlobalQuery(p.get("window").getAsInt());
            case "linformer" -> new Linformer();
            case "lean" -> new LeanAttention(p.get("tile").getAsInt(), p.get("workers").getAsInt());
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matrixMatchesTorch(String name) throws Exception {
        Path dir = folder(name);
        JsonObject meta = JsonParser.parseString(Files.readString(dir.resolve("meta.json"))).getAsJsonObject();
        int rows = meta.get("rows").getAsInt();
        int cols = meta.get("cols").getAsInt();
        int d = meta.get("d").getAsInt();
        int n = rows * cols;
        float[] q = Npy.read(dir.resolve("q.npy")).toFloats();
        float[] k = Npy.read(dir.resolve("k.npy")).toFloats();
        double[] expected = Npy.read(dir.resolve("m.npy")).toDoubles();
        ZooInput in = new ZooInput("golden " + name, n, d, d, rows, cols, q, q, k, q.clone(),
                ZooInput.gridLabels(rows, cols), false);
        Mixer mixer = mixer(name, meta.getAsJsonObject("params"));
        assertEquals(null, mixer.unsupported(in));
        MixingMatrix m = mixer.matrix(in);
        assertEquals(n * n, expected.length);
        double maxAbs = 0;
        double maxDiff = 0;
        for (int i = 0; i < expected.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
            maxDiff = Math.max(maxDiff, Math.abs(m.m()[i] - expected[i]));
        }
        assertTrue(maxDiff <= 2e-6 * Math.max(1, maxAbs), name + ": max |M − torch| = " + maxDiff);
    }

    /** The k-means step on its own: the same initial centroids (SplittableRandom ported) give the same clusters. */
    @org.junit.jupiter.api.Test
    void routingClustersMatchTorch() throws Exception {
        Path dir = folder("routing");
        JsonObject meta = JsonParser.parseString(Files.readString(dir.resolve("meta.json"))).getAsJsonObject();
        JsonObject p = meta.getAsJsonObject("params");
        int rows = meta.get("rows").getAsInt();
        int cols = meta.get("cols").getAsInt();
        int d = meta.get("d").getAsInt();
        float[] q = Npy.read(dir.resolve("q.npy")).toFloats();
        float[] k = Npy.read(dir.resolve("k.npy")).toFloats();
        double[] expected = Npy.read(dir.resolve("assign.npy")).toDoubles();
        ZooInput in = new ZooInput("golden routing", rows * cols, d, d, rows, cols, q, q, k, q.clone(),
                ZooInput.gridLabels(rows, cols), false);
        int[] got = new RoutingAttention(p.get("clusters").getAsInt(), p.get("iterations").getAsInt(),
                p.get("seed").getAsLong()).assign(in);
        int[] want = new int[expected.length];
        for (int i = 0; i < want.length; i++) {
            want[i] = (int) expected[i];
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(want, got);
        assertTrue(java.util.Arrays.stream(got).distinct().count() > 1, "more than one cluster in use");
    }
}
