package org.attentionworkbench.compute.zoo.cost;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.figure.LinePlot;
import org.attentionworkbench.compute.figure.Series;
import org.attentionworkbench.compute.figure.Table;
import org.attentionworkbench.compute.labs.LabProgress;
import org.attentionworkbench.compute.tensor.Backend;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;
import org.attentionworkbench.compute.zoo.Mixer;
import org.attentionworkbench.compute.zoo.ZooInput;
import org.attentionworkbench.compute.zoo.ZooInputs;
import org.attentionworkbench.compute.zoo.mechanisms.Mechanisms;

/**
 * Cost of each mechanism's forward as N grows (issue 17, "cost as N grows"): synthetic tokens on a
 * near-square grid, d channels, the Java reference forward of every mechanism, and softmax also through
 * the engine's fused {@code Ops.attention} (and {@code Ops.sigmoidAttention} for sigmoid) on the Java and OpenCL devices. Per point: median wall time
 * after warm-up, analytic FLOPs ({@link Mixer#flops}), logical bytes moved and memory (see
 * {@link #BYTES_MODEL}, {@link #MEMORY_MODEL}). A point is skipped, with the reason, when the time or
 * memory predicted from the previous N (scaled by the FLOP ratio) exceeds the budget.
 */
public final class ZooCostBench {
    /** How "bytes moved" is counted (analytic, not measured). */
    public static final String BYTES_MODEL = "logical bytes: q, k, v read once and the output written once "
            + "(16·N·d B in float32); plus 16·N² B when the reference forward forms the N×N scores in double "
            + "(FLOPs growing faster than N^1.5); the engine's fused attention adds K and V streamed once per "
            + "64-query tile (8·N·d·⌈N/64⌉ B) and never stores the scores";
    /** How "memory" is obtained. */
    public static final String MEMORY_MODEL = "Java reference forwards: bytes allocated by one forward on the "
            + "measuring thread (ThreadMXBean; an upper bound on its extra heap); engine rows: the device "
            + "tensors q, k, v, out (16·N·d B), analytic";

    public record Options(int[] sizes, int d, double budgetSeconds, long budgetBytes, int runs, List<String> mechanisms,
                          List<String> devices, long seed) {
        public Options {
            if (sizes.length == 0 || Arrays.stream(sizes).anyMatch(n -> n < 4)) {
                throw new IllegalArgumentException("--sizes: at least one N, each ≥ 4 (got " + Arrays.toString(sizes) + ")");
            }
            if (d < 1 || runs < 1 || budgetSeconds <= 0 || budgetBytes <= 0) {
                throw new IllegalArgumentException("d, runs, the time and the memory budget must be positive");
            }
            sizes = sizes.clone();
            Arrays.sort(sizes);
            mechanisms = List.copyOf(mechanisms);
            devices = List.copyOf(devices);
        }

        /** N = 128 … 16384, d = 64, 2 s per point, a quarter of the heap, 5 runs, every mechanism, both backends. */
        public static Options defaults() {
            return new Options(new int[] {128, 256, 512, 1024, 2048, 4096, 8192, 16384}, 64, 2.0,
                    Runtime.getRuntime().maxMemory() / 4, 5, List.of("all"), List.of("java", "opencl"), 7);
        }
    }

    /** One (series, N) cell; {@code skipped} is null when measured. */
    public record Point(String series, int n, double seconds, double flops, double bytes, double memory, String skipped) {}

    public record Result(List<Point> points, Map<String, Double> timeExponents, FigureSet figures) {}

    private ZooCostBench() {}

    public static Result run(Options o, PrintStream log) {
        return run(o, log, LabProgress.NONE);
    }

    /**
     * The bench with progress (one step per (series, N) cell) and cancel (checked between calls of a
     * warm-up or a timing loop: a {@link java.util.concurrent.CancellationException} ends the run).
     */
    public static Result run(Options o, PrintStream log, LabProgress progress) {
        List<Point> points = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Mixer> mixers = Mechanisms.byIds(o.mechanisms());
        // the mechanisms the engine has fused kernels for, on each device
        List<String> engineKinds = mixers.stream().map(Mixer::id).filter(ENGINE_KINDS::contains).toList();
        Cells cells = new Cells(progress, (mixers.size() + engineKinds.size() * o.devices().size()) * o.sizes().length);
        for (Mixer m : mixers) {
            points.addAll(measureMixer(m, o, log, cells));
        }
        for (String kind : engineKinds) {
            for (String dev : o.devices()) {
                points.addAll(measureEngine(dev, kind, o, log, cells, notes));
            }
        }
        progress.update("done", 1);
        Map<String, Double> exps = new LinkedHashMap<>();
        for (String s : seriesNames(points)) {
            exps.put(s, exponent(points, s));
        }
        return new Result(points, exps, figures(points, exps, o, notes));
    }

    /** Counts finished cells for the progress bar. */
    private static final class Cells {
        final LabProgress progress;
        final int total;
        int done;

        Cells(LabProgress progress, int total) {
            this.progress = progress;
            this.total = Math.max(1, total);
        }

        void start(String series, int n) {
            progress.checkCancelled();
            progress.update(series + ", N = " + n, done / (double) total);
        }

        void finish() {
            done++;
        }
    }

    /** A rows × cols grid with rows·cols = n, as square as n allows. */
    static int[] grid(int n) {
        int rows = (int) Math.floor(Math.sqrt(n));
        while (n % rows != 0) {
            rows--;
        }
        return new int[] {rows, n / rows};
    }

    private static List<Point> measureMixer(Mixer m, Options o, PrintStream log, Cells cells) {
        List<Point> out = new ArrayList<>();
        String series = m.id();
        Point prev = null;
        for (int n : o.sizes()) {
            cells.start(series, n);
            cells.finish();
            int[] g = grid(n);
            ZooInput in = ZooInputs.synthetic(g[0], g[1], o.d(), o.seed());
            double flops = m.flops(n, o.d());
            double bytes = 16.0 * n * o.d() + (quadratic(m, n, o.d()) ? 16.0 * n * n : 0);
            String skip = m.unsupported(in);
            if (skip == null) {
                skip = overBudget(prev, flops, o);
            }
            if (skip != null) {
                out.add(new Point(series, n, Double.NaN, flops, bytes, Double.NaN, skip));
                log.printf(Locale.ROOT, "  %-22s N=%-6d skipped: %s%n", series, n, skip);
                continue;
            }
            try {
                double[] t = time(() -> m.forward(in, in.v(), in.d()), o, cells.progress, 0);
                prev = new Point(series, n, t[0], flops, bytes, t[1], null);
                out.add(prev);
                log.printf(Locale.ROOT, "  %-22s N=%-6d %10.3f ms%n", series, n, t[0] * 1e3);
            } catch (java.util.concurrent.CancellationException e) {
                throw e;
            } catch (RuntimeException | OutOfMemoryError e) {
                out.add(new Point(series, n, Double.NaN, flops, bytes, Double.NaN, "failed: " + e));
                prev = new Point(series, n, Double.POSITIVE_INFINITY, flops, bytes, Double.POSITIVE_INFINITY, null);
            }
        }
        return out;
    }

    /** Mechanisms with a fused engine kernel: softmax ({@code Ops.attention}) and sigmoid ({@code Ops.sigmoidAttention}). */
    static final List<String> ENGINE_KINDS = List.of("softmax", "sigmoid");

    /** One fused engine kernel (softmax or sigmoid attention) on one backend ("java" or "opencl"). */
    private static List<Point> measureEngine(String selector, String kind, Options o, PrintStream log, Cells cells,
                                             List<String> notes) {
        List<Point> out = new ArrayList<>();
        String series = kind + " engine " + selector;
        Devices.Selection sel;
        try {
            sel = Devices.open(selector);
        } catch (RuntimeException e) {
            for (int n : o.sizes()) {
                out.add(new Point(series, n, Double.NaN, 0, 0, 0, "no device: " + e.getMessage()));
                cells.finish();
            }
            return out;
        }
        try (Device dev = sel.device()) {
            boolean wrongBackend = selector.equals("opencl") && dev.info().backend() != Backend.OPENCL;
            Point prev = null;
            Mixer mixer = Mechanisms.byIds(List.of(kind)).get(0);
            if (!wrongBackend) {
                cells.start(series + " (warm-up)", o.sizes()[0]);
                Warm w = warmEngine(dev, kind, o, cells.progress);
                log.printf(Locale.ROOT, "  %-22s warm-up: %d calls, %.1f s, %s%n", series, w.calls(), w.seconds(),
                        w.settled() ? "settled" : "NOT settled");
                if (!w.settled()) {
                    notes.add(series + ": the JIT had not settled after " + w.calls() + " warm-up calls ("
                            + String.format(Locale.ROOT, "%.0f KB", w.lastAllocated() / 1024.0)
                            + " allocated per call, the Vector API not yet compiled): its times are upper bounds");
                }
            }
            for (int n : o.sizes()) {
                cells.start(series, n);
                cells.finish();
                int d = o.d();
                double flops = mixer.flops(n, d);
                double bytes = 16.0 * n * d + 8.0 * n * d * Math.ceil(n / 64.0);
                double memory = 16.0 * n * d;
                String skip = wrongBackend ? "no OpenCL device (" + sel.note() + ")" : overBudget(prev, flops, o);
                if (skip != null) {
                    out.add(new Point(series, n, Double.NaN, flops, bytes, memory, skip));
                    log.printf(Locale.ROOT, "  %-22s N=%-6d skipped: %s%n", series, n, skip);
                    continue;
                }
                int[] g = grid(n);
                ZooInput in = ZooInputs.synthetic(g[0], g[1], d, o.seed());
                try (Tensor q = dev.upload(in.q(), 1, 1, n, d); Tensor k = dev.upload(in.k(), 1, 1, n, d);
                     Tensor v = dev.upload(in.v(), 1, 1, n, d); Tensor r = dev.allocate(1, 1, n, d)) {
                    double[] t = time(() -> {
                        call(dev, kind, r, q, k, v, in.scale(), n);
                        dev.finish();
                        return null;
                    }, o, cells.progress, settledAllocation(n, d));
                    prev = new Point(series, n, t[0], flops, bytes, memory, null);
                    out.add(prev);
                    log.printf(Locale.ROOT, "  %-22s N=%-6d %10.3f ms%n", series, n, t[0] * 1e3);
                } catch (java.util.concurrent.CancellationException e) {
                    throw e;
                } catch (RuntimeException e) {
                    out.add(new Point(series, n, Double.NaN, flops, bytes, memory, "failed: " + e.getMessage()));
                    prev = new Point(series, n, Double.POSITIVE_INFINITY, flops, bytes, memory, null);
                }
            }
        }
        return out;
    }

    /** How an engine's warm-up ended. */
    record Warm(int calls, double seconds, boolean settled, long lastAllocated) {}

    /** The longest an engine's warm-up may take before its times are reported as upper bounds. */
    static final double WARM_CAP_SECONDS = 30;

    /**
     * Bytes a settled engine call may allocate on the heap, all threads together: less than its output
     * (4·N·d B) or 64 KB, whichever is larger. A settled Java call allocates ~5 KB (the parallel
     * dispatch); before C2 has compiled the Vector API kernels every vector op is a heap object,
     * ~50 MB per call at N = 128, d = 64.
     */
    static long settledAllocation(int n, int d) {
        return Math.max(64 * 1024, 4L * n * d);
    }

    /**
     * Calls the engine at the smallest N until it is JIT-compiled: {@link #SETTLED_CALLS} calls in a
     * row allocating under {@link #settledAllocation}, then at least 0.2 s more, or until
     * {@link #WARM_CAP_SECONDS}. A fixed count was not enough: C2 compiles the fused kernel's
     * Vector API methods only after 50-80 calls at N = 128 (a few seconds, longer when other
     * processes hold the cores); before that each call takes 20-300 ms instead of 0.1 ms, which is the
     * 149 ms the first version of this bench measured after 30 warm-up calls.
     */
    static Warm warmEngine(Device dev, Options o, LabProgress progress) {
        return warmEngine(dev, "softmax", o, progress);
    }

    /** One fused call: softmax, or sigmoid with the paper's bias −log N. */
    private static void call(Device dev, String kind, Tensor r, Tensor q, Tensor k, Tensor v, float scale, int n) {
        if (kind.equals("sigmoid")) {
            dev.sigmoidAttention(r, null, q, k, v, scale, (float) -Math.log(n));
        } else {
            dev.attention(r, q, k, v, scale);
        }
    }

    static Warm warmEngine(Device dev, String kind, Options o, LabProgress progress) {
        int n = o.sizes()[0];
        int d = o.d();
        int[] g = grid(n);
        ZooInput in = ZooInputs.synthetic(g[0], g[1], d, o.seed());
        try (Tensor q = dev.upload(in.q(), 1, 1, n, d); Tensor r = dev.allocate(1, 1, n, d)) {
            return warmUntilSettled(() -> {
                call(dev, kind, r, q, q, q, in.scale(), n);
                dev.finish();
            }, settledAllocation(n, d), WARM_CAP_SECONDS, progress);
        }
    }

    /** Consecutive low-allocation calls that count as settled. */
    static final int SETTLED_CALLS = 5;

    /** The warm-up loop of {@link #warmEngine}, for any call. */
    static Warm warmUntilSettled(Runnable call, long settledBytes, double capSeconds, LabProgress progress) {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long begin = System.nanoTime();
        long settledAt = -1;
        int calls = 0;
        int quiet = 0;
        long allocated = -1;
        while (true) {
            progress.checkCancelled();
            long a0 = bean.getTotalThreadAllocatedBytes();
            call.run();
            allocated = bean.getTotalThreadAllocatedBytes() - a0;
            calls++;
            long now = System.nanoTime();
            quiet = allocated < settledBytes ? quiet + 1 : 0;
            if (quiet >= SETTLED_CALLS && settledAt < 0) {
                settledAt = now;
            } else if (quiet == 0) {
                settledAt = -1;
            }
            if (settledAt >= 0 && now - settledAt > 200_000_000L) {
                return new Warm(calls, (now - begin) * 1e-9, true, allocated);
            }
            if ((now - begin) * 1e-9 > capSeconds) {
                return new Warm(calls, (now - begin) * 1e-9, false, allocated);
            }
        }
    }

    /** FLOPs growing faster than N^1.5 between N and 2N: the reference forms N×N scores. */
    private static boolean quadratic(Mixer m, int n, int d) {
        return m.flops(2 * n, d) / m.flops(n, d) > Math.pow(2, 1.5);
    }

    private static String overBudget(Point prev, double flops, Options o) {
        if (prev == null) {
            return null;
        }
        double ratio = flops / prev.flops();
        double t = prev.seconds() * ratio;
        if (t > o.budgetSeconds()) {
            return String.format(Locale.ROOT, "predicted %.1f s per forward > budget %.1f s", t, o.budgetSeconds());
        }
        double mem = prev.memory() * ratio;
        if (mem > o.budgetBytes()) {
            return String.format(Locale.ROOT, "predicted %.0f MB > memory budget %.0f MB", mem / 1e6, o.budgetBytes() / 1e6);
        }
        return null;
    }

    /**
     * {median seconds, bytes the first timed run allocated on this thread}: warm-up runs (at least 3, more until 0.5 s has passed: the Vector API and C2 need
     * many calls; with {@code settledBytes} > 0 also until a call allocates under it, all threads together,
     * see {@link #settledAllocation}), then at least {@code runs} timed runs, more until 0.2 s, all within
     * the time budget.
     */
    private static double[] time(java.util.function.Supplier<?> f, Options o, LabProgress progress, long settledBytes) {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long begin = System.nanoTime();
        int warm = 0;
        long lastAllocated = Long.MAX_VALUE;
        while (warm < 3 || (System.nanoTime() - begin < 500_000_000L && warm < 200)
                || (settledBytes > 0 && lastAllocated >= settledBytes)) {
            progress.checkCancelled();
            long a0 = settledBytes > 0 ? bean.getTotalThreadAllocatedBytes() : 0;
            f.get();
            if (settledBytes > 0) {
                lastAllocated = bean.getTotalThreadAllocatedBytes() - a0;
            }
            warm++;
            if ((System.nanoTime() - begin) * 1e-9 > o.budgetSeconds()) {
                break;
            }
        }
        List<Double> t = new ArrayList<>();
        long id = Thread.currentThread().threadId();
        long allocated = -1;
        long start = System.nanoTime();
        while (t.size() < o.runs() || (System.nanoTime() - start < 200_000_000L && t.size() < 1000)) {
            progress.checkCancelled();
            long a0 = bean.getThreadAllocatedBytes(id);
            long t0 = System.nanoTime();
            f.get();
            t.add((System.nanoTime() - t0) * 1e-9);
            if (allocated < 0) {
                allocated = bean.getThreadAllocatedBytes(id) - a0;
            }
            if ((System.nanoTime() - start) * 1e-9 > o.budgetSeconds()) {
                break;
            }
        }
        double[] measured = t.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new double[] {measured[measured.length / 2], allocated};
    }

    private static List<String> seriesNames(List<Point> points) {
        return points.stream().map(Point::series).distinct().toList();
    }

    /** Points used in the fit: the largest measured ones (fixed per-call costs dominate at small N). */
    public static final int FIT_POINTS = 4;

    /**
     * Least-squares slope of log(time) on log(N) over the {@link #FIT_POINTS} largest measured N of a
     * series; NaN below two.
     */
    public static double exponent(List<Point> points, String series) {
        List<double[]> xy = points.stream().filter(p -> p.series().equals(series) && p.skipped() == null
                        && p.seconds() > 0 && Double.isFinite(p.seconds()))
                .map(p -> new double[] {Math.log(p.n()), Math.log(p.seconds())}).toList();
        return slope(xy.subList(Math.max(0, xy.size() - FIT_POINTS), xy.size()));
    }

    /** The same fit for the analytic FLOPs over the points the time fit used. */
    public static double flopsExponent(List<Point> points, String series) {
        List<double[]> xy = points.stream().filter(p -> p.series().equals(series) && p.skipped() == null
                        && p.seconds() > 0 && Double.isFinite(p.seconds()))
                .map(p -> new double[] {Math.log(p.n()), Math.log(p.flops())}).toList();
        return slope(xy.subList(Math.max(0, xy.size() - FIT_POINTS), xy.size()));
    }

    static double slope(List<double[]> xy) {
        if (xy.size() < 2) {
            return Double.NaN;
        }
        double mx = xy.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double my = xy.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (double[] p : xy) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return sxy / sxx;
    }

    private static FigureSet figures(List<Point> points, Map<String, Double> exps, Options o, List<String> notes) {
        FigureSet.Builder b = new FigureSet.Builder("Zoo cost curves (d = " + o.d() + ")");
        b.plot(plot("time", "Forward wall time (median)", "seconds", points, exps, Point::seconds));
        b.plot(plot("flops", "Analytic FLOPs", "FLOP", points, null, Point::flops));
        b.plot(plot("bytes", "Logical bytes moved (model)", "bytes", points, null, Point::bytes));
        b.plot(plot("memory", "Memory (allocated per forward / device tensors)", "bytes", points, null, Point::memory));
        List<List<String>> rows = new ArrayList<>();
        for (Point p : points) {
            rows.add(List.of(p.series(), Integer.toString(p.n()), p.skipped() == null ? fmt(p.seconds() * 1e3) : "—",
                    fmt(p.flops() / 1e9), fmt(p.bytes() / 1e6), p.skipped() == null ? fmt(p.memory() / 1e6) : "—",
                    p.skipped() == null ? "" : p.skipped()));
        }
        b.table(new Table("points", "Every point", List.of("series", "N", "ms", "GFLOP", "MB moved", "MB memory", "skipped"),
                rows));
        List<List<String>> exRows = new ArrayList<>();
        for (var e : exps.entrySet()) {
            double kf = flopsExponent(points, e.getKey());
            exRows.add(List.of(e.getKey(), fmt(e.getValue()), fmt(kf)));
            b.scalar("exponent.time." + e.getKey(), e.getValue());
            b.scalar("exponent.flops." + e.getKey(), kf);
        }
        b.table(new Table("exponents", "Fitted exponent k of time ∝ N^k (least squares on log-log, the " + FIT_POINTS
                + " largest measured N) beside the analytic FLOPs' exponent over the same N",
                List.of("series", "k (time)", "k (FLOPs)"), exRows));
        b.note(BYTES_MODEL);
        b.note(MEMORY_MODEL);
        b.note("synthetic tokens on a near-square grid, d = " + o.d() + ", seed " + o.seed()
                + "; the Java rows are the zoo's reference forwards (double accumulation, one thread)");
        notes.forEach(b::note);
        return b.build();
    }

    private static LinePlot plot(String id, String title, String y, List<Point> points, Map<String, Double> exps,
                                 java.util.function.ToDoubleFunction<Point> f) {
        List<Series> series = new ArrayList<>();
        for (String s : seriesNames(points)) {
            List<Point> ps = points.stream().filter(p -> p.series().equals(s)).toList();
            double[] x = ps.stream().mapToDouble(Point::n).toArray();
            double[] v = ps.stream().mapToDouble(p -> p.skipped() == null || id.equals("flops") || id.equals("bytes")
                    ? f.applyAsDouble(p) : Double.NaN).toArray();
            String name = exps == null ? s : s + String.format(Locale.ROOT, " (N^%.2f)", exps.get(s));
            series.add(new Series(name, x, v));
        }
        return LinePlot.lines(id, title, "N (tokens)", y, series).withLogAxes(true, true)
                .withStyle(LinePlot.Style.LINES_AND_POINTS);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 1 ? "%.2f" : "%.4g", v);
    }

    /** The printed table: one row per series, one column per N (ms), and the fitted exponent. */
    public static String table(Result r, int[] sizes) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-24s", "series \\ N (ms)"));
        for (int n : sizes) {
            s.append(String.format(Locale.ROOT, "%10d", n));
        }
        s.append(String.format(Locale.ROOT, "%10s%10s%n", "k time", "k FLOPs"));
        for (var e : r.timeExponents().entrySet()) {
            s.append(String.format(Locale.ROOT, "%-24s", e.getKey()));
            for (int n : sizes) {
                Point p = r.points().stream().filter(q -> q.series().equals(e.getKey()) && q.n() == n).findFirst()
                        .orElse(null);
                s.append(String.format(Locale.ROOT, "%10s", p == null || p.skipped() != null ? "skip"
                        : String.format(Locale.ROOT, "%.3f", p.seconds() * 1e3)));
            }
            s.append(String.format(Locale.ROOT, "%10.2f%10.2f%n", e.getValue(), flopsExponent(r.points(), e.getKey())));
        }
        return s.toString();
    }
}
