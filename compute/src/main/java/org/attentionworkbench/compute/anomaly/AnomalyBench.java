package org.attentionworkbench.compute.anomaly;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attentionworkbench.compute.bench.PeerPython;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.parallel.Parallel;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Backend;
import org.attentionworkbench.compute.tensor.Device;

/**
 * Per-image time of the scoring core with MobileNetV2, on each backend and in PyTorch in the same run,
 * in two stages: features (squash to S², forward to the taps, aggregation) and scoring + map (scoring
 * against one prompt, the upsampled σ-smoothed map and its max). The images are decoded once beforehand
 * (decoding is the same everywhere). Both one-prompt scorers are measured: the softmax reconstruction
 * (τ = 0.05) and the nearest neighbour (k = 1).
 *
 * <p>The peer is tools/anomaly/bench_anomaly_torch.py (Debian's python3-torch, as many threads as ours),
 * which does the same work stage by stage; its image score must match ours, so both did the same thing.
 *
 * <p>Usage: {@code AnomalyBench [--shared DIR] [--size 256] [--runs 15] [--warmup 10] [--devices java,opencl]
 * [--scorers reconstruction,knn] [--peer true|false]}; prints median and best ms per image per backend and
 * stage, and ours / PyTorch per stage.
 */
public final class AnomalyBench {
    /** |ours − PyTorch| allowed on the image score (the scores are ~0.1–1; float32 through 17 layers). */
    static final double SCORE_TOL = 2e-3;

    private AnomalyBench() {}

    /** Median and best of one stage, ms. */
    record Stage(double median, double best) {
        static Stage of(double[] ms) {
            double[] s = ms.clone();
            Arrays.sort(s);
            int n = s.length;
            return new Stage(n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2, s[0]);
        }
    }

    /** One implementation's figures for one scorer. */
    record Result(Stage features, Stage scoring, double imageScore) {}

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(System.getProperty("workbench.home", ".")).resolve("../shared").normalize();
        int size = 256;
        int runs = 15;
        int warmup = 10;
        boolean peer = true;
        List<String> devices = List.of("java", "opencl");
        List<String> scorers = List.of("reconstruction", "knn");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--shared" -> shared = Path.of(args[i + 1]);
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--devices" -> devices = List.of(args[i + 1].split(","));
                case "--scorers" -> scorers = List.of(args[i + 1].split(","));
                case "--peer" -> peer = Boolean.parseBoolean(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        for (String s : scorers) {
            method(s); // fails early on an unknown name
        }
        Path weights = shared.resolve("models/mobilenet_v2_imagenet.safetensors");
        Path data = shared.resolve("data/anomaly/hazelnut_toy");
        if (!Files.isRegularFile(weights)) {
            throw new IllegalArgumentException(weights + " not found (--shared DIR)");
        }
        Path promptFile = data.resolve("good.jpg");
        Path targetFile = data.resolve("crack.jpg");
        RgbImage prompt = ImageFiles.read(promptFile);
        RgbImage target = ImageFiles.read(targetFile);
        int threads = Parallel.threads();
        System.out.printf(Locale.ROOT, "anomaly bench: MobileNetV2 taps %s at %d², one prompt, %d threads, %d runs "
                + "(after %d warm-up), scorers %s%n", Arrays.toString(MobileNetFeatures.DEFAULT_TAPS), size, threads, runs,
                warmup, scorers);
        System.out.println("load average before: " + loadAverage());

        // 1. the peer, same work, same thread count
        Map<String, Result> torch = peer ? runPeer(weights, promptFile, targetFile, size, runs, warmup, threads,
                scorers) : Map.of();

        // 2. ours, per backend and scorer
        Map<String, Map<String, Result>> ours = new LinkedHashMap<>();
        for (String sel : devices) {
            Devices.Selection s = Devices.open(sel);
            try (Device d = s.device();
                    MobileNetFeatures fx = MobileNetFeatures.open(weights, d, Activation.RELU, size)) {
                if (!sel.equals("java") && d.info().backend() == Backend.JAVA) {
                    System.out.println(sel + ": not available (" + s.note() + ")");
                    continue;
                }
                // every scorer warmed up before any is timed: the JIT compiles the shared code (the
                // backbone, the map) while the first scorer runs, which would otherwise be timed
                for (String scorer : scorers) {
                    if (warmup > 0) {
                        measure(d, fx, prompt, target, scorer, size, warmup, 0);
                    }
                }
                Map<String, Result> byScorer = new LinkedHashMap<>();
                for (String scorer : scorers) {
                    Result r = measure(d, fx, prompt, target, scorer, size, runs, warmup);
                    byScorer.put(scorer, r);
                    System.out.printf(Locale.ROOT, "%-36s %-15s median %.1f ms/image: features %.1f (best %.1f), "
                            + "scoring+map %.1f (best %.1f), image score %.5f%n", d.info().label(), scorer,
                            r.features().median() + r.scoring().median(), r.features().median(), r.features().best(),
                            r.scoring().median(), r.scoring().best(), r.imageScore());
                }
                ours.put(d.info().label(), byScorer);
            }
        }
        System.out.println("load average after: " + loadAverage());

        // 3. the table: ours / PyTorch per stage
        System.out.printf(Locale.ROOT, "%n| scorer | stage | implementation | median ms | best ms | ours / PyTorch |%n"
                + "|---|---|---|---:|---:|---:|%n");
        for (String scorer : scorers) {
            Result t = torch.get(scorer);
            for (String stage : List.of("features", "scoring + map")) {
                if (t != null) {
                    Stage ts = pick(t, stage);
                    System.out.printf(Locale.ROOT, "| %s | %s | pytorch (CPU) | %.1f | %.1f | 1 |%n", scorer, stage,
                            ts.median(), ts.best());
                }
                for (Map.Entry<String, Map<String, Result>> e : ours.entrySet()) {
                    Stage os = pick(e.getValue().get(scorer), stage);
                    String ratio = t == null ? "–" : String.format(Locale.ROOT, "%.2f", os.median() / pick(t, stage).median());
                    System.out.printf(Locale.ROOT, "| %s | %s | ours: %s | %.1f | %.1f | %s |%n", scorer, stage,
                            e.getKey(), os.median(), os.best(), ratio);
                }
            }
        }
        // 4. the peer did the same work: its image score equals ours
        for (String scorer : scorers) {
            Result t = torch.get(scorer);
            if (t == null) {
                continue;
            }
            for (Map.Entry<String, Map<String, Result>> e : ours.entrySet()) {
                double diff = Math.abs(e.getValue().get(scorer).imageScore() - t.imageScore());
                System.out.printf(Locale.ROOT, "%s, %s: image score |ours − pytorch| = %.2g%n", e.getKey(), scorer, diff);
                if (!(diff <= SCORE_TOL)) {
                    throw new IllegalStateException(e.getKey() + " " + scorer + ": image score " + e.getValue().get(scorer)
                            .imageScore() + " differs from PyTorch's " + t.imageScore() + ": not the same work");
                }
            }
        }
    }

    private static Stage pick(Result r, String stage) {
        return stage.equals("features") ? r.features() : r.scoring();
    }

    static AnomalyInspector.Method method(String scorer) {
        return switch (scorer) {
            case "reconstruction" -> AnomalyInspector.Method.RECONSTRUCTION;
            case "knn" -> AnomalyInspector.Method.NEAREST_NEIGHBOURS;
            default -> throw new IllegalArgumentException("unknown scorer " + scorer + " (reconstruction, knn)");
        };
    }

    private static Result measure(Device d, MobileNetFeatures fx, RgbImage prompt, RgbImage target, String scorer,
            int size, int runs, int warmup) {
        AnomalyInspector.Settings settings = AnomalyInspector.Settings.defaults().withMethod(method(scorer))
                .withNeighbours(1);
        try (AnomalyInspector insp = new AnomalyInspector(fx, List.of(prompt), settings)) {
            double[] feat = new double[runs];
            double[] score = new double[runs];
            float image = 0;
            for (int r = -warmup; r < runs; r++) {
                long t0 = System.nanoTime();
                PatchFeatures f = fx.extract(target);
                long t1 = System.nanoTime();
                float[] p = insp.scorer().score(f);
                AnomalyMap m = AnomalyMap.fromPatches(d, p, f.gridH(), f.gridW(), size, AnomalyMap.SIGMA);
                image = m.imageScore(1);
                long t2 = System.nanoTime();
                if (r >= 0) {
                    feat[r] = (t1 - t0) / 1e6;
                    score[r] = (t2 - t1) / 1e6;
                }
            }
            return new Result(Stage.of(feat), Stage.of(score), image);
        }
    }

    /** tools/anomaly/bench_anomaly_torch.py; empty when python3 with torch is missing (said on stdout). */
    private static Map<String, Result> runPeer(Path weights, Path prompt, Path target, int size, int runs, int warmup,
            int threads, List<String> scorers) throws Exception {
        String py = PeerPython.findPython("torch");
        if (py == null) {
            System.out.println("pytorch: not available (python3 with torch not found: apt-get install python3-torch); "
                    + "no ratios");
            return Map.of();
        }
        Path script = Path.of(System.getProperty("workbench.home", "."), "tools", "anomaly", "bench_anomaly_torch.py");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException(script + " not found (run from a source checkout, or set -Dworkbench.home)");
        }
        List<String> argv = List.of(script.toString(), "--weights", weights.toString(), "--prompt", prompt.toString(),
                "--target", target.toString(), "--size", Integer.toString(size), "--runs", Integer.toString(runs),
                "--warmup", Integer.toString(warmup), "--threads", Integer.toString(threads), "--scorers",
                String.join(",", scorers));
        String launcher = "import sys, runpy; sys.argv = " + pyList(argv)
                + "; runpy.run_path(sys.argv[0], run_name='__main__')";
        Map<String, Result> out = new LinkedHashMap<>();
        for (String line : PeerPython.run(py, launcher, threads)) {
            System.out.println("pytorch: " + line + (line.startsWith("{\"info\"") ? ", " + PeerPython.blasNote() : ""));
            if (line.startsWith("{\"scorer\"")) {
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                out.put(o.get("scorer").getAsString(), new Result(
                        new Stage(o.get("features_ms").getAsDouble(), o.get("features_best_ms").getAsDouble()),
                        new Stage(o.get("scoring_ms").getAsDouble(), o.get("scoring_best_ms").getAsDouble()),
                        o.get("image_score").getAsDouble()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("the PyTorch peer printed no timing");
        }
        return out;
    }

    private static String pyList(List<String> items) {
        StringBuilder s = new StringBuilder("[");
        for (String it : items) {
            s.append('\'').append(it.replace("\\", "\\\\").replace("'", "\\'")).append("',");
        }
        return s.append(']').toString();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "(unknown)";
        }
    }
}
