package org.attentionworkbench.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.attentionworkbench.compute.bench.GemmBench;
import org.attentionworkbench.compute.bench.PeerPython;
import org.attentionworkbench.compute.checkpoint.Checkpoint;
import org.attentionworkbench.compute.checkpoint.Checkpoints;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.device.opencl.OpenClRuntime;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.models.vit.ViT;
import org.attentionworkbench.compute.models.vit.ViTLoader;
import org.attentionworkbench.compute.models.vit.ViTOptions;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.parallel.Parallel;
import org.attentionworkbench.compute.tensor.Backend;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.DeviceInfo;
import org.attentionworkbench.compute.tensor.HostTensor;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * ViT forward time of every backend against PyTorch CPU and ONNX Runtime (Java) in the same run, on
 * identical random weights. Not a test: {@code ./workbench bench vit [--model s16|b16|all]
 * [--batch 1,8] [--runs N]}; {@code ./workbench bench gemm ...} runs {@link GemmBench}.
 *
 * <p>Steps per model: write seeded random weights once as a timm safetensors file and seeded inputs
 * as .npy (cache dir); run tools/bench/vit_torch.py (PyTorch logits, timings, ONNX export); load the
 * same file with {@link Checkpoints#open} + {@link ViTLoader} on every device, and ONNX Runtime on
 * the exported graph; check every implementation's logits against PyTorch's (max abs diff ≤ 1e-3)
 * before timing; then time ours (with and without capturing every attention map) and ONNX Runtime
 * in interleaved rounds, so that load from other processes falls on all of them alike, each call
 * starting once the previous implementation's threads have gone quiet ({@link #measure}).
 */
public final class ViTBench {
    private static final double TOL = 1e-3;
    private static final long SEED = 20240611L;
    /** Least and most sleep before each timed call; in between, until the JVM's threads are quiet. */
    private static final long SETTLE_MS = 50;
    private static final long MAX_SETTLE_MS = 1000;
    /**
     * Diagnostics (-D via WORKBENCH_JAVA_OPTS), never for reported figures: bench.diag=true prints
     * each call's time and the CPU other threads used meanwhile; bench.ort=false leaves ONNX
     * Runtime out; bench.torch=false skips PyTorch (its logits from an earlier run must be in the
     * cache); bench.ortSpin=0 sets ORT's session.intra_op.allow_spinning (not its default).
     */
    private static final boolean DIAG = Boolean.getBoolean("bench.diag");
    private static final boolean DIAG_ORT = !"false".equals(System.getProperty("bench.ort"));
    private static final boolean DIAG_TORCH = !"false".equals(System.getProperty("bench.torch"));

    /** A ViT size at 224² with patch 16 and 1000 classes. */
    record Model(String id, String name, int dim, int depth, int heads, int mlp) {}

    static final List<Model> MODELS = List.of(
            new Model("s16", "ViT-S/16", 384, 12, 6, 1536),
            new Model("b16", "ViT-B/16", 768, 12, 12, 3072));

    /** One timed cell: median and best ms per forward. */
    record Row(String model, int batch, String impl, boolean maps, double medianMs, double bestMs) {}

    private ViTBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("depth")) {
            DepthBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("gemm")) {
            GemmBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length == 0 || !args[0].equals("vit")) {
            System.err.println("usage: bench vit [--model s16|b16|all] [--batch 1,8] [--runs N] [--warmup N] [--devices all|java|opencl]\n"
                    + "       bench depth [--runs N] [--warmup N] [--devices all|java|opencl]\n"
                    + "       bench gemm [--sizes 256,1024,2048] [--seconds S]");
            return;
        }
        List<Model> models = MODELS.subList(0, 1);
        int[] batches = {1, 8};
        int runs = 10;
        int warmup = 20;
        String devices = "all";
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> {
                    String m = args[++i];
                    models = m.equals("all") ? MODELS : MODELS.stream().filter(x -> x.id().equals(m)).toList();
                    if (models.isEmpty()) {
                        throw new IllegalArgumentException("unknown model " + m + " (s16, b16, all)");
                    }
                }
                case "--batch" -> batches = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--devices" -> devices = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Model m : models) {
            rows.addAll(benchModel(m, batches, runs, warmup, devices));
        }
        print(rows);
    }

    static List<Row> benchModel(Model m, int[] batches, int runs, int warmup, String which) throws Exception {
        int threads = Parallel.threads();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "workbench-bench", "vit-" + m.id() + "-" + SEED);
        Files.createDirectories(dir);
        Path weights = dir.resolve("weights.safetensors");
        Path onnx = dir.resolve("model.onnx");
        System.out.printf(Locale.ROOT, "%n== %s (D %d, depth %d, heads %d, mlp %d), cache %s%n", m.name(), m.dim(),
                m.depth(), m.heads(), m.mlp(), dir);
        // 1. identical inputs for everyone: weights once, pixels per batch size
        if (!Files.isRegularFile(weights)) {
            SafetensorsWriter.write(weights, randomTimmWeights(m));
        }
        for (int b : batches) {
            Npy.writeFloat32(dir.resolve("pixels_b" + b + ".npy"), gaussian(new Random(SEED + b), b * 3 * 224 * 224, 1f),
                    b, 3, 224, 224);
        }
        // 2. PyTorch: logits, timings, ONNX export
        List<Row> rows = new ArrayList<>(DIAG_TORCH ? torch(m, dir, weights, onnx, batches, runs, warmup, threads)
                : List.of());
        // 3. ours on every device and ONNX Runtime, each checked against PyTorch, then timed in
        //    interleaved rounds so that load from other processes falls on all of them alike
        List<DeviceInfo> devices = new ArrayList<>();
        if (!which.equals("opencl")) {
            devices.add(JavaDevice.info(0));
        }
        if (!which.equals("java")) {
            devices.addAll(OpenClRuntime.discover().devices());
        }
        List<AutoCloseable> open = new ArrayList<>();
        try {
            List<ViT> models = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (DeviceInfo info : devices) {
                Device d = info.backend() == Backend.JAVA ? new JavaDevice() : OpenClRuntime.open(info);
                open.add(d);
                try (Checkpoint ckpt = Checkpoints.open(weights)) {
                    ViT vit = new ViT(d, ViTLoader.load(ckpt, ViTOptions.defaults().withHeads(m.heads())));
                    open.add(0, vit);
                    models.add(vit);
                }
                names.add(info.backend() == Backend.JAVA ? "ours: java" : "ours: opencl " + info.name());
            }
            OrtEnvironment env = DIAG_ORT ? OrtEnvironment.getEnvironment() : null;
            OrtSession session = null;
            if (DIAG_ORT) {
                OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
                open.add(opts);
                opts.setIntraOpNumThreads(threads);
                opts.setInterOpNumThreads(1);
                opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                if (System.getProperty("bench.ortSpin") != null) {
                    opts.addConfigEntry("session.intra_op.allow_spinning", System.getProperty("bench.ortSpin"));
                }
                session = env.createSession(onnx.toString(), opts);
                open.add(0, session);
            }
            final OrtSession ort = session;
            String ortName = DIAG_ORT ? "onnxruntime " + env.getVersion() : "onnxruntime";
            for (int b : batches) {
                HostTensor pixels = pixels(dir, b);
                float[] expected = torchLogits(dir, b);
                List<Timed> timed = new ArrayList<>();
                List<AutoCloseable> inputs = new ArrayList<>();
                try {
                    for (int i = 0; i < models.size(); i++) {
                        ViT vit = models.get(i);
                        Tensor px = vit.device().upload(pixels.data(), pixels.shape());
                        inputs.add(px);
                        check(names.get(i), b, vit.forward(px, CaptureRequest.none()).logits().data(), expected);
                        CaptureRequest all = CaptureRequest.allAttention(m.depth());
                        timed.add(new Timed(names.get(i), false, () -> vit.forward(px, CaptureRequest.none())));
                        timed.add(new Timed(names.get(i), true, () -> vit.forward(px, all)));
                    }
                    if (ort != null) {
                        OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels.data()),
                                new long[] {b, 3, 224, 224});
                        inputs.add(in);
                        Map<String, OnnxTensor> feed = Map.of("pixels", in);
                        try (OrtSession.Result r = ort.run(feed)) {
                            check(ortName, b, ((OnnxTensor) r.get(0)).getFloatBuffer().array(), expected);
                        }
                        timed.add(new Timed(ortName, false, () -> {
                            try (OrtSession.Result r = ort.run(feed)) {
                                r.get(0);
                            }
                        }));
                    }
                    measure(timed, runs, warmup);
                    for (Timed t : timed) {
                        double[] ms = t.results();
                        rows.add(new Row(m.name(), b, t.impl, t.maps, ms[0], ms[1]));
                        System.out.printf(Locale.ROOT, "%s b%d %s maps=%s: median %.1f ms, best %.1f ms%n", m.name(),
                                b, t.impl, t.maps, ms[0], ms[1]);
                    }
                } finally {
                    for (AutoCloseable c : inputs) {
                        c.close();
                    }
                }
            }
        } finally {
            for (AutoCloseable c : open) {
                c.close();
            }
        }
        return rows;
    }

    /** One implementation under test, with its times once {@link #measure} ran. */
    static final class Timed {
        final String impl;
        final boolean maps;
        final Body body;
        double[] ms;
        double[] settleMs;
        double[] othersCpuMs;

        Timed(String impl, boolean maps, Body body) {
            this.impl = impl;
            this.maps = maps;
            this.body = body;
        }

        /** {median, best} ms. */
        double[] results() {
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new double[] {median, sorted[0]};
        }
    }

    /**
     * Warms every implementation up, collects the garbage of loading, then times them in {@code runs}
     * rounds of one call each. Before every timed call the JVM's threads must have gone quiet
     * ({@link ThreadCpu#settle}): ONNX Runtime's workers spin for ~30 ms after a call by default
     * and would otherwise share the 2 cores with whatever runs next.
     */
    /** Warm-up rounds (each implementation once) continue until QUIET_ROUNDS in a row compile less than this. */
    private static final long QUIET_JIT_MS = 10;
    private static final int QUIET_ROUNDS = 3;
    private static final int MAX_EXTRA_WARMUP_ROUNDS = 60;
    private static final long MAX_EXTRA_WARMUP_SECONDS = 30;

    static void measure(List<Timed> timed, int runs, int warmup) throws Exception {
        for (Timed t : timed) {
            t.ms = new double[runs];
            t.settleMs = new double[runs];
            t.othersCpuMs = new double[runs];
            for (int i = 0; i < warmup; i++) {
                t.body.run();
            }
        }
        // Then whole rounds until the JIT has settled: code one implementation runs (the OpenCL
        // host path above all) is still being compiled after its fixed warm-up, and the compiler
        // threads take CPU from whatever call is being timed on this 2-core machine.
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        int extra = 0;
        long warmEnd = System.nanoTime() + MAX_EXTRA_WARMUP_SECONDS * 1_000_000_000L;
        for (int quiet = 0; quiet < QUIET_ROUNDS && extra < MAX_EXTRA_WARMUP_ROUNDS && System.nanoTime() < warmEnd;
                extra++) {
            long before = jit.getTotalCompilationTime();
            for (Timed t : timed) {
                ThreadCpu.settle(SETTLE_MS, MAX_SETTLE_MS); // as in the timed rounds, so its code is compiled too
                t.body.run();
            }
            quiet = jit.getTotalCompilationTime() - before < QUIET_JIT_MS ? quiet + 1 : 0;
        }
        System.out.printf(Locale.ROOT, "warm-up: %d calls each, then %d rounds (until %d in a row compiled < %d ms"
                + " each, at most %d rounds or %d s)%n", warmup, extra, QUIET_ROUNDS, QUIET_JIT_MS,
                MAX_EXTRA_WARMUP_ROUNDS, MAX_EXTRA_WARMUP_SECONDS);
        // the loaded weights are still young: without this the first young collection, which
        // copies them, falls into some implementation's timed call
        System.gc();
        long jit0 = jit.getTotalCompilationTime();
        long[] gc0 = gcTotals();
        for (int r = 0; r < runs; r++) {
            for (Timed t : timed) {
                t.settleMs[r] = ThreadCpu.settle(SETTLE_MS, MAX_SETTLE_MS);
                long others0 = DIAG ? ThreadCpu.othersNanos() : 0;
                long t0 = System.nanoTime();
                t.body.run();
                t.ms[r] = (System.nanoTime() - t0) / 1e6;
                if (DIAG) {
                    t.othersCpuMs[r] = (ThreadCpu.othersNanos() - others0) / 1e6;
                }
            }
        }
        long[] gc1 = gcTotals();
        System.out.printf(Locale.ROOT, "during the timed rounds: JIT %d ms, GC %d collections, %d ms%n",
                jit.getTotalCompilationTime() - jit0, gc1[0] - gc0[0], gc1[1] - gc0[1]);
        for (Timed t : timed) {
            System.out.printf(Locale.ROOT, "%s maps=%s: settle before each call median %.0f ms, max %.0f ms%s%n",
                    t.impl, t.maps, median(t.settleMs), max(t.settleMs), !DIAG ? "" : String.format(Locale.ROOT,
                    "; CPU of the JVM's other threads during the call median %.1f ms, max %.1f ms; runs %s",
                    median(t.othersCpuMs), max(t.othersCpuMs), Arrays.toString(t.ms)));
        }
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double max(double[] a) {
        return Arrays.stream(a).max().orElse(0);
    }

    /** {collections, ms} of all collectors so far. */
    private static long[] gcTotals() {
        long n = 0, ms = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            n += gc.getCollectionCount();
            ms += gc.getCollectionTime();
        }
        return new long[] {n, ms};
    }

    /** timm vit_*_patch16_224 names and shapes; N(0, 0.02) weights, norms near 1, seeded. */
    static Map<String, HostTensor> randomTimmWeights(Model m) {
        Random r = new Random(SEED);
        int d = m.dim();
        Map<String, HostTensor> w = SafetensorsWriter.ordered();
        w.put("cls_token", t(gaussian(r, d, 0.02f), 1, 1, d));
        w.put("pos_embed", t(gaussian(r, 197 * d, 0.02f), 1, 197, d));
        w.put("patch_embed.proj.weight", t(gaussian(r, d * 3 * 16 * 16, 0.02f), d, 3, 16, 16));
        w.put("patch_embed.proj.bias", t(gaussian(r, d, 0.02f), d));
        for (int i = 0; i < m.depth(); i++) {
            String b = "blocks." + i + ".";
            norm(w, r, b + "norm1", d);
            linear(w, r, b + "attn.qkv", 3 * d, d);
            linear(w, r, b + "attn.proj", d, d);
            norm(w, r, b + "norm2", d);
            linear(w, r, b + "mlp.fc1", m.mlp(), d);
            linear(w, r, b + "mlp.fc2", d, m.mlp());
        }
        norm(w, r, "norm", d);
        linear(w, r, "head", 1000, d);
        return w;
    }

    private static void norm(Map<String, HostTensor> w, Random r, String name, int d) {
        float[] g = gaussian(r, d, 0.1f);
        for (int i = 0; i < d; i++) {
            g[i] += 1f;
        }
        w.put(name + ".weight", t(g, d));
        w.put(name + ".bias", t(gaussian(r, d, 0.02f), d));
    }

    private static void linear(Map<String, HostTensor> w, Random r, String name, int out, int in) {
        w.put(name + ".weight", t(gaussian(r, out * in, 0.02f), out, in));
        w.put(name + ".bias", t(gaussian(r, out, 0.02f), out));
    }

    private static HostTensor t(float[] data, int... shape) {
        return new HostTensor(shape, data);
    }

    private static float[] gaussian(Random r, int n, float std) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian() * std;
        }
        return a;
    }

    private static HostTensor pixels(Path dir, int b) throws IOException {
        return new HostTensor(new int[] {b, 3, 224, 224}, Npy.read(dir.resolve("pixels_b" + b + ".npy")).toFloats());
    }

    private static float[] torchLogits(Path dir, int b) throws IOException {
        return Npy.read(dir.resolve("logits_b" + b + ".npy")).toFloats();
    }

    /** Fails the bench when an implementation's logits differ from PyTorch's by more than 1e-3. */
    private static void check(String impl, int batch, float[] got, float[] expected) {
        if (got.length != expected.length) {
            throw new IllegalStateException(impl + ": " + got.length + " logits, PyTorch gave " + expected.length);
        }
        double max = 0;
        for (int i = 0; i < got.length; i++) {
            max = Math.max(max, Math.abs(got[i] - expected[i]));
        }
        System.out.printf(Locale.ROOT, "%s b%d: logits max |diff| vs PyTorch = %.2e%n", impl, batch, max);
        if (!(max <= TOL)) {
            throw new IllegalStateException(impl + " b" + batch + ": logits differ from PyTorch by " + max
                    + " > " + TOL + "; timings would compare different computations");
        }
    }

    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    private static List<Row> torch(Model m, Path dir, Path weights, Path onnx, int[] batches, int runs, int warmup,
            int threads) throws Exception {
        String py = PeerPython.findPython("torch");
        if (py == null) {
            throw new IllegalStateException("python3 with torch not found (apt-get install python3-torch): "
                    + "the bench needs PyTorch's logits to check ours");
        }
        Path script = Path.of(System.getProperty("workbench.home", "."), "tools", "bench", "vit_torch.py");
        String batchList = String.join(",", Arrays.stream(batches).mapToObj(Integer::toString).toList());
        // PeerPython runs "python -c script": exec the file with its arguments in sys.argv
        String launcher = "import sys, runpy; sys.argv = " + pyList(List.of(script.toString(), "--weights",
                weights.toString(), "--dir", dir.toString(), "--model", m.name(), "--dim", "" + m.dim(), "--depth",
                "" + m.depth(), "--heads", "" + m.heads(), "--mlp", "" + m.mlp(), "--batches", batchList, "--runs",
                "" + runs, "--warmup", "" + warmup, "--threads", "" + threads, "--onnx", onnx.toString()))
                + "; runpy.run_path(sys.argv[0], run_name='__main__')";
        List<Row> rows = new ArrayList<>();
        for (String line : PeerPython.run(py, launcher, threads)) {
            if (line.startsWith("{\"info\"")) {
                System.out.println("pytorch: " + py + " " + line + ", " + PeerPython.blasNote());
                continue;
            }
            if (!line.startsWith("{\"impl\"")) {
                System.out.println("pytorch: " + line);
                continue;
            }
            int b = Integer.parseInt(field(line, "batch"));
            boolean maps = Boolean.parseBoolean(field(line, "maps"));
            double med = Double.parseDouble(field(line, "median_ms"));
            double best = Double.parseDouble(field(line, "best_ms"));
            rows.add(new Row(m.name(), b, "pytorch", maps, med, best));
            System.out.printf(Locale.ROOT, "%s b%d pytorch maps=%s: median %.1f ms, best %.1f ms%n", m.name(), b,
                    maps, med, best);
        }
        return rows;
    }

    /** A Python list literal of the strings (for a {@code python3 -c} launcher line). */
    static String pyList(List<String> items) {
        StringBuilder s = new StringBuilder("[");
        for (String it : items) {
            s.append('\'').append(it.replace("\\", "\\\\").replace("'", "\\'")).append("',");
        }
        return s.append(']').toString();
    }

    /** A scalar field of a flat JSON object line (the script prints nothing nested in result lines). */
    static String field(String json, String name) {
        int i = json.indexOf("\"" + name + "\":");
        if (i < 0) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        int start = i + name.length() + 3;
        int end = start;
        while (end < json.length() && json.charAt(end) != ',' && json.charAt(end) != '}') {
            end++;
        }
        return json.substring(start, end).trim();
    }

    /** The table: ratios are ours/peer of medians (below 1 = faster); ORT has no maps, so its no-map time. */
    static void print(List<Row> rows) {
        System.out.println();
        System.out.printf(Locale.ROOT, "ViT forward, 224², ms per forward (median / best of runs), %d threads, "
                + "auto device on CPU: %s%n", Parallel.threads(), Devices.CPU_DEFAULT);
        System.out.println("| model | batch | implementation | attention maps | median ms | best ms | vs ORT | vs PyTorch |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            Row ort = find(rows, r, "onnxruntime", false);
            Row torch = find(rows, r, "pytorch", r.maps());
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %.1f | %.1f | %s | %s |%n", r.model(), r.batch(),
                    r.impl(), r.maps() ? "all kept" : "none", r.medianMs(), r.bestMs(), ratio(r, ort),
                    ratio(r, torch));
        }
        System.out.println("vs X = our median / X's median (below 1 = faster); ORT is always its no-maps time, "
                + "PyTorch the same maps setting.");
    }

    private static Row find(List<Row> rows, Row like, String implPrefix, boolean maps) {
        return rows.stream().filter(x -> x.model().equals(like.model()) && x.batch() == like.batch()
                && x.impl().startsWith(implPrefix) && x.maps() == maps).findFirst().orElse(null);
    }

    private static String ratio(Row r, Row peer) {
        return peer == null ? "-" : String.format(Locale.ROOT, "%.2f", r.medianMs() / peer.medianMs());
    }
}
