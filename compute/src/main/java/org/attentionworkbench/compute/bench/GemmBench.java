package org.attentionworkbench.compute.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.device.opencl.OpenClRuntime;
import org.attentionworkbench.compute.parallel.Parallel;
import org.attentionworkbench.compute.tensor.Backend;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.DeviceInfo;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * SGEMM throughput of every backend at square sizes, with numpy/OpenBLAS measured in the same run
 * (when python3-numpy is installed) and reported as a ratio. Not a test: run it with
 * {@code ./workbench bench gemm [--sizes 256,1024,2048] [--seconds S]}.
 */
public final class GemmBench {
    private GemmBench() {}

    /** One measured cell: best GFLOP/s over repeated timed runs. */
    public record Result(String backend, int n, double gflops) {}

    public static void main(String[] args) throws Exception {
        int[] sizes = {256, 1024, 2048};
        double seconds = 1.5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = java.util.Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --sizes 256,1024,2048 --seconds S)");
            }
        }
        List<Result> results = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<DeviceInfo> devices = new ArrayList<>();
        devices.add(JavaDevice.info(0));
        devices.addAll(OpenClRuntime.discover().devices());
        for (DeviceInfo info : devices) {
            String name = info.backend() == Backend.JAVA ? "java" : "opencl:" + info.name();
            names.add(name);
            try (Device d = info.backend() == Backend.JAVA ? new JavaDevice() : OpenClRuntime.open(info)) {
                for (int n : sizes) {
                    results.add(new Result(name, n, measure(d, n, seconds)));
                }
            }
        }
        Map<Integer, Double> numpy = numpy(sizes, seconds);
        print(names, sizes, results, numpy);
    }

    /** Best GFLOP/s of c = a·b (n×n) over runs filling about {@code seconds}. */
    public static double measure(Device d, int n, double seconds) {
        Random rnd = new Random(n);
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextFloat() - 0.5f;
            b[i] = rnd.nextFloat() - 0.5f;
        }
        try (Tensor ta = d.upload(a, n, n); Tensor tb = d.upload(b, n, n); Tensor tc = d.allocate(n, n)) {
            double flop = 2.0 * n * n * n;
            // warm-up: JIT / kernel build / auto-tuning
            long warmEnd = System.nanoTime() + (long) (seconds * 0.5e9);
            do {
                d.matmul(tc, ta, tb);
                d.finish();
            } while (System.nanoTime() < warmEnd);
            double best = 0;
            long end = System.nanoTime() + (long) (seconds * 1e9);
            int runs = 0;
            while (runs < 3 || System.nanoTime() < end) {
                long t0 = System.nanoTime();
                d.matmul(tc, ta, tb);
                d.finish();
                double s = (System.nanoTime() - t0) / 1e9;
                best = Math.max(best, flop / s / 1e9);
                runs++;
            }
            return best;
        }
    }

    /** numpy float32 matmul GFLOP/s per size, or an empty map when numpy is missing. */
    static Map<Integer, Double> numpy(int[] sizes, double seconds) {
        Map<Integer, Double> out = new LinkedHashMap<>();
        String py = PeerPython.findPython("numpy");
        if (py == null) {
            System.out.println("numpy: not found (apt-get install python3-numpy libopenblas0-openmp for the peer figure)");
            return out;
        }
        StringBuilder sizesPy = new StringBuilder();
        for (int n : sizes) {
            sizesPy.append(n).append(',');
        }
        String script = String.join("\n",
                "import numpy as np, time",
                "for n in [" + sizesPy + "]:",
                "    a = np.random.rand(n, n).astype(np.float32); b = np.random.rand(n, n).astype(np.float32)",
                "    c = a @ b; end = time.perf_counter() + " + (seconds * 0.5) + "",
                "    while time.perf_counter() < end: c = a @ b",
                "    best = 0.0; end = time.perf_counter() + " + seconds + "; runs = 0",
                "    while runs < 3 or time.perf_counter() < end:",
                "        t = time.perf_counter(); c = a @ b; t = time.perf_counter() - t",
                "        best = max(best, 2.0 * n ** 3 / t / 1e9); runs += 1",
                "    print(n, best)");
        try {
            for (String line : PeerPython.run(py, script, Parallel.threads())) {
                String[] f = line.split(" ");
                if (f.length == 2) {
                    out.put(Integer.parseInt(f[0]), Double.parseDouble(f[1]));
                }
            }
            System.out.println("numpy: " + py + ", " + PeerPython.blasNote() + ", " + Parallel.threads() + " threads");
        } catch (Exception e) {
            System.out.println("numpy: failed: " + e.getMessage());
        }
        return out;
    }

    private static void print(List<String> names, int[] sizes, List<Result> results, Map<Integer, Double> numpy) {
        System.out.println();
        System.out.printf(Locale.ROOT, "SGEMM GFLOP/s (best of repeated runs), %d threads, auto device on CPU: %s%n",
                Parallel.threads(), Devices.CPU_DEFAULT);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-44s", "backend"));
        for (int n : sizes) {
            head.append(String.format(Locale.ROOT, "%18s", n + "²"));
        }
        System.out.println(head);
        for (String name : names) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-44s", name));
            for (int n : sizes) {
                double g = results.stream().filter(r -> r.backend().equals(name) && r.n() == n)
                        .mapToDouble(Result::gflops).findFirst().orElse(Double.NaN);
                Double peer = numpy.get(n);
                String cell = peer == null ? String.format(Locale.ROOT, "%.1f", g)
                        : String.format(Locale.ROOT, "%.1f (%.2f×)", g, g / peer);
                row.append(String.format(Locale.ROOT, "%18s", cell));
            }
            System.out.println(row);
        }
        if (!numpy.isEmpty()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-44s", "numpy/OpenBLAS (peer)"));
            for (int n : sizes) {
                Double g = numpy.get(n);
                row.append(String.format(Locale.ROOT, "%18s", g == null ? "-" : String.format(Locale.ROOT, "%.1f", g)));
            }
            System.out.println(row);
            System.out.println("(×) = ours / numpy in this run; above 1 means faster than the peer.");
        }
    }
}
