package org.attentionworkbench.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.attentionworkbench.compute.bench.PeerPython;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.device.opencl.OpenClRuntime;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.models.depth.DepthModel;
import org.attentionworkbench.compute.models.depth.DepthModels;
import org.attentionworkbench.compute.parallel.Parallel;
import org.attentionworkbench.compute.tensor.Backend;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.DeviceInfo;

/**
 * One 518² forward of a Depth-Anything-V2-Small-shaped model (random weights) on our backends against
 * PyTorch CPU in the same run: {@code ./workbench bench depth [--runs N] [--warmup N] [--devices all|java|opencl]}.
 *
 * <p>tools/bench/depth_anything_torch.py writes the seeded weights once in the HF layout (model.safetensors +
 * config.json, ~99 MB, cached) and a seeded normalised input [3, 518, 518]; PyTorch (the goldens'
 * re-implementation of the HF model) writes its depth and times itself; then every device of ours loads
 * the same folder with {@link DepthModels#open}, must agree with PyTorch's depth (max abs diff ≤ 1e-3 of
 * the depth's range) and is timed with {@link DepthModel#predictTensor} (no resizing, as PyTorch's
 * forward). Median and best of {@code runs} after {@code warmup}; sequential, not interleaved: the load
 * average is printed before and after so a busy machine shows.
 */
public final class DepthBench {
    private static final long SEED = 20240613L;
    private static final int SIZE = 518;
    private static final double TOL = 1e-3;

    private DepthBench() {}

    record Row(String impl, double medianMs, double bestMs) {}

    public static void main(String[] args) throws Exception {
        int runs = 3;
        int warmup = 1;
        String which = "all";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "depth" -> { }
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--devices" -> which = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (bench depth [--runs N] [--warmup N] [--devices all|java|opencl])");
            }
        }
        int threads = Parallel.threads();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "workbench-bench", "depth-anything-v2-small-" + SEED);
        System.out.printf(Locale.ROOT, "== Depth Anything V2 Small shape, one %d² forward, %d threads, cache %s%n",
                SIZE, threads, dir);
        System.out.println("load average before: " + loadAverage());
        String py = PeerPython.findPython("torch");
        if (py == null) {
            throw new IllegalStateException("python3 with torch not found (apt-get install python3-torch): "
                    + "the bench needs PyTorch's depth to check ours");
        }
        Path script = Path.of(System.getProperty("workbench.home", "."), "tools", "bench", "depth_anything_torch.py");
        List<Row> rows = new ArrayList<>();
        List<String> common = List.of(script.toString(), "--seed", Long.toString(SEED), "--runs", Integer.toString(runs),
                "--warmup", Integer.toString(warmup), "--threads", Integer.toString(threads));
        List<String> argv = new ArrayList<>(common);
        if (!Files.isRegularFile(dir.resolve("model.safetensors"))) {
            argv.addAll(List.of("--make", dir.toString()));
        }
        argv.addAll(List.of("--time", dir.toString()));
        String launcher = "import sys, runpy; sys.argv = " + ViTBench.pyList(argv) + "; runpy.run_path(sys.argv[0], run_name='__main__')";
        for (String line : PeerPython.run(py, launcher, threads)) {
            if (line.startsWith("{\"impl\"")) {
                rows.add(new Row("pytorch (CPU)", Double.parseDouble(ViTBench.field(line, "median_ms")),
                        Double.parseDouble(ViTBench.field(line, "best_ms"))));
            }
            System.out.println("pytorch: " + line + (line.startsWith("{\"info\"") ? ", " + PeerPython.blasNote() : ""));
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("the PyTorch peer printed no timing");
        }
        float[] input = Npy.read(dir.resolve("input.npy")).toFloats();
        float[] expected = Npy.read(dir.resolve("depth_torch.npy")).toFloats();
        double range = 0;
        for (float v : expected) {
            range = Math.max(range, Math.abs(v));
        }
        List<DeviceInfo> devices = new ArrayList<>();
        if (!which.equals("opencl")) {
            devices.add(JavaDevice.info(0));
        }
        if (!which.equals("java")) {
            devices.addAll(OpenClRuntime.discover().devices());
        }
        for (DeviceInfo info : devices) {
            String name = info.backend() == Backend.JAVA ? "ours: java" : "ours: opencl " + info.name();
            try (Device d = info.backend() == Backend.JAVA ? new JavaDevice() : OpenClRuntime.open(info);
                    DepthModel m = DepthModels.open(dir, d)) {
                float[] got = m.predictTensor(input, SIZE, SIZE).values();
                double diff = 0;
                for (int i = 0; i < got.length; i++) {
                    diff = Math.max(diff, Math.abs(got[i] - expected[i]));
                }
                System.out.printf(Locale.ROOT, "%s: max |ours − pytorch| = %.3g (depth up to %.3g)%n", name, diff, range);
                if (!(diff <= TOL * Math.max(1, range))) {
                    throw new IllegalStateException(name + " disagrees with PyTorch: max abs diff " + diff);
                }
                for (int i = 0; i < warmup; i++) {
                    m.predictTensor(input, SIZE, SIZE);
                }
                double[] ms = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long t = System.nanoTime();
                    m.predictTensor(input, SIZE, SIZE);
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
                double[] sorted = ms.clone();
                Arrays.sort(sorted);
                double median = runs % 2 == 1 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
                rows.add(new Row(name, median, sorted[0]));
            }
        }
        System.out.println("load average after: " + loadAverage());
        double torch = rows.get(0).medianMs();
        System.out.printf(Locale.ROOT, "%n| implementation | median ms | best ms | ours / PyTorch |%n|---|---:|---:|---:|%n");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %s |%n", r.impl(), r.medianMs(), r.bestMs(),
                    r.impl().startsWith("pytorch") ? "1" : String.format(Locale.ROOT, "%.2f", r.medianMs() / torch));
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
