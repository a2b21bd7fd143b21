package org.attentionworkbench.compute.anomaly;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionRequest;
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
 * (decoding is the same everywhere). The one-prompt scorers measured: the softmax reconstruction
 * (τ = 0.05), the nearest neighbour (knn, k = 1) and the CLI's default k-NN with k = 3 (knn3); the size
 * defaults to the CLI's input size.
 *
 * <p>The peer is tools/anomaly/bench_anomaly_torch.py (Debian's python3-torch, as many threads as ours),
 * which does the same work stage by stage; its image score must match ours, so both did the same thing.
 * Each of our images is followed by one of the peer's (both under the same machine load; the ratio uses
 * these), and then the peer times as many images back to back while we wait (reported beside it: the
 * cost to the peer of alternating — caches, our background threads).
 *
 * <p>Usage: {@code AnomalyBench [--shared DIR] [--size 320] [--runs 15] [--warmup 10] [--devices java,opencl]
 * [--scorers reconstruction,knn3] [--peer true|false]}; prints median and best ms per image per backend and
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
        int size = InspectionRequest.Options.DEFAULT_INPUT_SIZE;
        int runs = 15;
        int warmup = 10;
        boolean peer = true;
        List<String> devices = List.of("java", "opencl");
        List<String> scorers = List.of("reconstruction", "knn3");
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

        // 1. the peer, same work, same thread count, waiting for one request at a time
        try (Peer torch = peer ? Peer.start(weights, promptFile, targetFile, size, threads) : null) {
            // 2. per backend and scorer, our runs alternating with the peer's: both under the same load
            List<String[]> table = new ArrayList<>();
            for (String sel : devices) {
                Devices.Selection s = Devices.open(sel);
                try (Device d = s.device();
                        MobileNetFeatures fx = MobileNetFeatures.open(weights, d, Activation.RELU, size)) {
                    if (!sel.equals("java") && d.info().backend() == Backend.JAVA) {
                        System.out.println(sel + ": not available (" + s.note() + ")");
                        continue;
                    }
                    String label = d.info().backend() == Backend.JAVA ? "Java backend, " + threads + " threads"
                            : d.info().label();
                    // every scorer warmed up before any is timed: the JIT compiles the shared code (the
                    // backbone, the map) while the first scorer runs, which would otherwise be timed
                    for (String scorer : scorers) {
                        measure(d, fx, prompt, target, scorer, size, warmup, torch);
                    }
                    for (String scorer : scorers) {
                        Result[] r = measure(d, fx, prompt, target, scorer, size, runs, torch);
                        System.out.printf(Locale.ROOT, "%-28s %-15s features %.1f ms (best %.1f), scoring+map %.1f ms "
                                + "(best %.1f), image score %.5f%n", label, scorer, r[0].features().median(),
                                r[0].features().best(), r[0].scoring().median(), r[0].scoring().best(), r[0].imageScore());
                        if (r[1] != null) {
                            System.out.printf(Locale.ROOT, "%-28s %-15s features %.1f ms (best %.1f), scoring+map %.1f ms "
                                    + "(best %.1f), image score %.5f%n", "  pytorch, alternating", scorer,
                                    r[1].features().median(), r[1].features().best(), r[1].scoring().median(),
                                    r[1].scoring().best(), r[1].imageScore());
                            double diff = Math.abs(r[0].imageScore() - r[1].imageScore());
                            if (!(diff <= SCORE_TOL)) {
                                throw new IllegalStateException(label + " " + scorer + ": image score " + r[0].imageScore()
                                        + " differs from PyTorch's " + r[1].imageScore() + ": not the same work");
                            }
                        }
                        // the peer again, back to back while we are idle: what alternating costs it
                        JsonObject alone = torch == null ? null : torch.alone(scorer, runs);
                        for (String stage : List.of("features", "scoring + map")) {
                            Stage o = pick(r[0], stage);
                            Stage t = r[1] == null ? null : pick(r[1], stage);
                            double a = alone == null ? Double.NaN
                                    : alone.get(stage.equals("features") ? "features_ms" : "scoring_ms").getAsDouble();
                            table.add(new String[] {scorer, stage, label, fmt(o.median()), t == null ? "–" : fmt(t.median()),
                                t == null ? "–" : String.format(Locale.ROOT, "%.2f", o.median() / t.median()),
                                alone == null ? "–" : fmt(a), alone == null ? "–" : String.format(Locale.ROOT, "%.2f",
                                        o.median() / a)});
                        }
                    }
                }
            }
            System.out.println("load average after: " + loadAverage());
            // 3. the table: ours / PyTorch per stage, medians of alternating runs
            System.out.printf(Locale.ROOT, "%n| scorer | stage | ours | ours ms | PyTorch ms (alternating) "
                    + "| ours / PyTorch | PyTorch ms (alone) | ours / PyTorch alone |%n|---|---|---|---:|---:|---:|---:|---:|%n");
            for (String[] row : table) {
                System.out.println("| " + String.join(" | ", row) + " |");
            }
        }
    }

    private static String fmt(double ms) {
        return String.format(Locale.ROOT, "%.1f", ms);
    }

    private static Stage pick(Result r, String stage) {
        return stage.equals("features") ? r.features() : r.scoring();
    }

    /** knn: PatchCore's k = 1; knn3: the CLI's default k = 3. */
    static int neighbours(String scorer) {
        return scorer.equals("knn3") ? 3 : 1;
    }

    static AnomalyInspector.Method method(String scorer) {
        return switch (scorer) {
            case "reconstruction" -> AnomalyInspector.Method.RECONSTRUCTION;
            case "knn", "knn3" -> AnomalyInspector.Method.NEAREST_NEIGHBOURS;
            default -> throw new IllegalArgumentException("unknown scorer " + scorer + " (reconstruction, knn, knn3)");
        };
    }

    /**
     * {ours, the peer's} over {@code runs} images, each of our runs followed by one of the peer's (null
     * without a peer).
     */
    private static Result[] measure(Device d, MobileNetFeatures fx, RgbImage prompt, RgbImage target, String scorer,
            int size, int runs, Peer peer) throws java.io.IOException {
        AnomalyInspector.Settings settings = AnomalyInspector.Settings.defaults().withMethod(method(scorer))
                .withNeighbours(neighbours(scorer));
        try (AnomalyInspector insp = new AnomalyInspector(fx, List.of(prompt), settings)) {
            double[][] ms = new double[4][runs];
            float image = 0;
            double peerImage = 0;
            for (int r = 0; r < runs; r++) {
                settle();
                long t0 = System.nanoTime();
                PatchFeatures f = fx.extract(target);
                long t1 = System.nanoTime();
                float[] p = insp.scorer().score(f);
                AnomalyMap m = AnomalyMap.fromPatches(d, p, f.gridH(), f.gridW(), size, AnomalyMap.SIGMA);
                image = m.imageScore(1);
                long t2 = System.nanoTime();
                ms[0][r] = (t1 - t0) / 1e6;
                ms[1][r] = (t2 - t1) / 1e6;
                if (peer != null) {
                    settle();
                    JsonObject o = peer.run(scorer);
                    ms[2][r] = o.get("features_ms").getAsDouble();
                    ms[3][r] = o.get("scoring_ms").getAsDouble();
                    peerImage = o.get("image_score").getAsDouble();
                }
            }
            if (runs == 0) {
                return new Result[2];
            }
            return new Result[] {new Result(Stage.of(ms[0]), Stage.of(ms[1]), image),
                peer == null ? null : new Result(Stage.of(ms[2]), Stage.of(ms[3]), peerImage)};
        }
    }

    /**
     * A pause before each side's image, so that the other side's threads that wait by spinning (ours
     * up to 1 ms, OpenMP's for a while) are asleep when it starts, and neither is timed against them.
     */
    private static void settle() {
        try {
            Thread.sleep(SETTLE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final long SETTLE_MS = 20;

    /** tools/anomaly/bench_anomaly_torch.py --serve: one image per request, timed by itself. */
    private static final class Peer implements AutoCloseable {
        private final Process process;
        private final java.io.BufferedReader out;
        private final java.io.Writer in;

        private Peer(Process process) {
            this.process = process;
            this.out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            this.in = new java.io.OutputStreamWriter(process.getOutputStream(), java.nio.charset.StandardCharsets.UTF_8);
        }

        /** Null (said on stdout) when python3 with torch is missing. */
        static Peer start(Path weights, Path prompt, Path target, int size, int threads) throws Exception {
            String py = PeerPython.findPython("torch");
            if (py == null) {
                System.out.println("pytorch: not available (python3 with torch not found: apt-get install "
                        + "python3-torch); no ratios");
                return null;
            }
            Path script = Path.of(System.getProperty("workbench.home", "."), "tools", "anomaly",
                    "bench_anomaly_torch.py");
            if (!Files.isRegularFile(script)) {
                throw new IllegalStateException(script + " not found (run from a source checkout, or set "
                        + "-Dworkbench.home)");
            }
            Peer p = new Peer(PeerPython.start(py, List.of(script.toString(), "--serve", "--weights", weights.toString(),
                    "--prompt", prompt.toString(), "--target", target.toString(), "--size", Integer.toString(size),
                    "--threads", Integer.toString(threads)), threads));
            for (String line; (line = p.out.readLine()) != null; ) {
                if (line.startsWith("{\"info\"")) {
                    System.out.println("pytorch: " + line + ", " + PeerPython.blasNote());
                } else if (line.startsWith("{\"ready\"")) {
                    return p;
                } else {
                    System.out.println("pytorch: " + line);
                }
            }
            p.close();
            throw new IllegalStateException("the PyTorch peer ended before it was ready (see its output above)");
        }

        /** RUNS images of the peer back to back while we wait: its medians, {features_ms, scoring_ms}. */
        JsonObject alone(String scorer, int runs) throws java.io.IOException {
            return run("alone " + scorer + " " + runs);
        }

        JsonObject run(String scorer) throws java.io.IOException {
            in.write(scorer + "\n");
            in.flush();
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("{\"scorer\"")) {
                    return JsonParser.parseString(line).getAsJsonObject();
                }
                System.out.println("pytorch: " + line);
            }
            throw new IllegalStateException("the PyTorch peer ended (exit " + exitCode() + ")");
        }

        private String exitCode() {
            try {
                return process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) ? Integer.toString(process.exitValue())
                        : "still running";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }

        @Override
        public void close() {
            try {
                in.write("quit\n");
                in.flush();
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.io.IOException e) {
                // already gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroy();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "(unknown)";
        }
    }
}
