package org.attentionworkbench.compute.zoo.kernels;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntFunction;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.device.opencl.OpenClDevice;
import org.attentionworkbench.compute.device.opencl.OpenClRuntime;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.figure.LinePlot;
import org.attentionworkbench.compute.figure.Series;
import org.attentionworkbench.compute.figure.Table;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.DeviceInfo;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * {@code workbench bench zoo-kernels}: the kernels the zoo's papers are about, measured in one run.
 * (1) FlashSigmoid vs the fused softmax kernel on each backend at several N (self-attention, Nq = Nk);
 * (2) Lean Attention (stream-K) vs a fixed split (FlashDecoding) vs no split for one decode query
 * against caches of up to 1M keys; (3) the bytes our tiled kernel moves vs the naive count and the
 * paper's N²d²/M (counted, not timed). Times are medians of interleaved runs, so the ratios within a
 * run are fairer than the absolute times on a shared machine.
 */
public final class KernelBench {
    private KernelBench() {}

    /**
     * What to measure. {@code n}: self-attention sizes for the sigmoid/softmax pair; {@code dh} and
     * {@code heads} their head width and count; {@code leanN}, {@code leanDh}, {@code leanHeads}: the
     * decode caches; {@code runs}: timed runs per case (after one warm-up); {@code opencl}: also the
     * first OpenCL device when there is one.
     */
    public record Options(int[] n, int dh, int heads, int[] leanN, int leanDh, int leanHeads, int runs, boolean opencl) {
        public Options {
            n = n.clone();
            leanN = leanN.clone();
            for (int x : n) {
                require(x > 0, "--n sizes must be positive, got " + x);
            }
            for (int x : leanN) {
                require(x > 0, "--lean-n sizes must be positive, got " + x);
            }
            require(dh > 0 && heads > 0 && leanDh > 0 && leanHeads > 0, "head widths and head counts must be positive");
            require(runs > 0, "--runs must be positive, got " + runs);
            require((long) leanHeads * leanDh * Arrays.stream(leanN).max().orElse(1) <= Integer.MAX_VALUE,
                    "a decode cache of H·N·Dh floats must fit one Java array (2³¹−1)");
        }

        /** About half a minute on 2 shared cores. */
        public static Options quick() {
            return new Options(new int[] {256, 512, 1024, 2048}, 64, 2, new int[] {4096, 65_536, 1_048_576}, 64, 1, 5,
                    true);
        }
    }

    /** Runs everything, logging progress and the tables to {@code log}; returns the figures. */
    public static FigureSet run(Options o, PrintStream log) {
        FigureSet.Builder fig = new FigureSet.Builder("Zoo kernels: FlashSigmoid, Lean Attention, FlashAttention I/O");
        sigmoidVsSoftmax(o, log, fig);
        lean(o, log, fig);
        bytes(o, log, fig);
        fig.note("Machine: " + Runtime.getRuntime().availableProcessors() + " cores as seen by the JVM; times are medians of "
                + o.runs() + " interleaved runs. Bytes are logical global-memory traffic (AttentionTraffic), not "
                + "hardware counters: no GPU profiler was run.");
        return fig.build();
    }

    // ---------------------------------------------------------------------------------------- sigmoid

    private static void sigmoidVsSoftmax(Options o, PrintStream log, FigureSet.Builder fig) {
        List<Series> series = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<Device> devices = new ArrayList<>();
        devices.add(new JavaDevice());
        DeviceInfo clInfo = o.opencl() ? OpenClRuntime.firstDevice() : null;
        if (clInfo != null) {
            devices.add(OpenClRuntime.open(clInfo));
        } else if (o.opencl()) {
            fig.note("OpenCL: no device (" + OpenClRuntime.discover().problem() + "); the Java backend only.");
        }
        try {
            for (Device d : devices) {
                String name = d instanceof OpenClDevice ? "opencl" : "java";
                jitWarmUp(d, o.heads(), o.dh());
                double[] xs = new double[o.n().length], soft = new double[xs.length], sig = new double[xs.length];
                for (int i = 0; i < xs.length; i++) {
                    int n = o.n()[i];
                    log.printf(Locale.ROOT, "sigmoid vs softmax: %s N = %d%n", name, n);
                    double[] ms = timePair(d, o.heads(), n, o.dh(), o.runs());
                    xs[i] = n;
                    soft[i] = ms[0];
                    sig[i] = ms[1];
                    rows.add(List.of(name, Integer.toString(n), fmt(ms[0]), fmt(ms[1]), fmt(ms[0] / ms[1])));
                    fig.scalar("sigmoid." + name + "." + n + ".speedup", ms[0] / ms[1]);
                }
                series.add(new Series(name + " softmax (slope " + fmt(AttentionTraffic.logLogSlope(xs, soft)) + ")", xs, soft));
                series.add(new Series(name + " sigmoid (slope " + fmt(AttentionTraffic.logLogSlope(xs, sig)) + ")", xs, sig));
            }
        } finally {
            devices.forEach(Device::close);
        }
        fig.plot(LinePlot.lines("sigmoid-vs-softmax", "FlashSigmoid vs fused softmax, " + o.heads() + " heads, Dh = "
                + o.dh(), "N (queries = keys)", "ms per call", series).withLogAxes(true, true)
                .withStyle(LinePlot.Style.LINES_AND_POINTS));
        Table t = new Table("sigmoid-vs-softmax-table", "Fused softmax vs FlashSigmoid (ms, median)",
                List.of("backend", "N", "softmax ms", "sigmoid ms", "softmax/sigmoid"), rows);
        fig.table(t);
        print(t, log);
        fig.note("OpenCL: both sides are the fused attention.cl kernels (OpenClDevice.fusedAttention and "
                + "sigmoidAttention); on CPU drivers the engine's attention op itself composes GEMM, softmax and GEMM.");
    }

    /** Median ms of softmax attention and of sigmoid attention on q, k, v [1, H, N, Dh], runs interleaved. */
    private static double[] timePair(Device d, int heads, int n, int dh, int runs) {
        Random r = new Random(n);
        float scale = (float) (1 / Math.sqrt(dh)), bias = (float) -Math.log(n);
        try (Tensor q = d.upload(random(r, heads * n * dh), 1, heads, n, dh);
                Tensor k = d.upload(random(r, heads * n * dh), 1, heads, n, dh);
                Tensor v = d.upload(random(r, heads * n * dh), 1, heads, n, dh); Tensor out = d.allocate(1, heads, n, dh)) {
            Runnable soft = d instanceof OpenClDevice cl ? () -> cl.fusedAttention(out, null, q, k, v, scale)
                    : () -> d.attention(out, q, k, v, scale);
            Runnable sig = () -> d.sigmoidAttention(out, null, q, k, v, scale, bias);
            return timeInterleaved(d::finish, runs, soft, sig);
        }
    }

    /**
     * Both kernels 60 times at N = 64 before anything is timed: under load the Java backend's kernels
     * took ~20 calls (~10 s at N = 256) to leave the interpreter and C1, longer than any per-case warm-up.
     */
    private static void jitWarmUp(Device d, int heads, int dh) {
        int n = 64;
        Random r = new Random(1);
        try (Tensor q = d.upload(random(r, heads * n * dh), 1, heads, n, dh);
                Tensor k = d.upload(random(r, heads * n * dh), 1, heads, n, dh);
                Tensor v = d.upload(random(r, heads * n * dh), 1, heads, n, dh); Tensor out = d.allocate(1, heads, n, dh)) {
            for (int i = 0; i < 60; i++) {
                if (d instanceof OpenClDevice cl) {
                    cl.fusedAttention(out, null, q, k, v, 0.125f);
                } else {
                    d.attention(out, q, k, v, 0.125f);
                }
                d.sigmoidAttention(out, null, q, k, v, 0.125f, -4f);
            }
            d.finish();
        }
    }

    // ------------------------------------------------------------------------------------------- lean

    private static void lean(Options o, PrintStream log, FigureSet.Builder fig) {
        int threads = Runtime.getRuntime().availableProcessors();
        ForkJoinPool pool = new ForkJoinPool(threads);
        int splits = threads, workers = 2 * threads, tile = o.leanDh() <= 64 ? 256 : 128; // Lean's block_n
        List<List<String>> rows = new ArrayList<>();
        int m = o.leanN().length;
        double[] xs = new double[m], none = new double[m], fixed = new double[m], lean = new double[m];
        try {
            for (int i = 0; i < m; i++) {
                int n = o.leanN()[i], h = o.leanHeads(), dh = o.leanDh();
                log.printf(Locale.ROOT, "lean attention: N = %d%n", n);
                Random r = new Random(n);
                float[] q = random(r, h * dh), k = random(r, h * n * dh), v = random(r, h * n * dh);
                float scale = (float) (1 / Math.sqrt(dh));
                float[][] res = new float[3][];
                double[] ms = timeInterleaved(() -> {}, o.runs(),
                        () -> res[0] = LeanAttention.noSplit(q, k, v, h, n, dh, scale, pool),
                        () -> res[1] = LeanAttention.fixedSplit(q, k, v, h, n, dh, scale, splits, pool),
                        () -> res[2] = LeanAttention.lean(q, k, v, h, n, dh, scale, tile, workers, pool));
                double diff = Math.max(maxAbsDiff(res[0], res[1]), maxAbsDiff(res[0], res[2]));
                xs[i] = n;
                none[i] = ms[0];
                fixed[i] = ms[1];
                lean[i] = ms[2];
                rows.add(List.of(Integer.toString(n), fmt(ms[0]), fmt(ms[1]), fmt(ms[2]), fmt(ms[0] / ms[2]),
                        fmt(ms[1] / ms[2]), String.format(Locale.ROOT, "%.1e", diff)));
                fig.scalar("lean." + n + ".maxAbsDiff", diff);
                fig.scalar("lean." + n + ".speedupOverNoSplit", ms[0] / ms[2]);
            }
        } finally {
            pool.shutdown();
        }
        List<Series> series = List.of(
                new Series("no split (slope " + fmt(AttentionTraffic.logLogSlope(xs, none)) + ")", xs, none),
                new Series("fixed split ×" + splits + " (slope " + fmt(AttentionTraffic.logLogSlope(xs, fixed)) + ")", xs, fixed),
                new Series("lean stream-K, " + workers + " workers (slope " + fmt(AttentionTraffic.logLogSlope(xs, lean)) + ")",
                        xs, lean));
        fig.plot(LinePlot.lines("lean", "Decode: one query, " + o.leanHeads() + " head(s), Dh = " + o.leanDh(),
                "N (keys in the cache)", "ms per decode step", series).withLogAxes(true, true)
                .withStyle(LinePlot.Style.LINES_AND_POINTS));
        Table t = new Table("lean-table", "Decode attention (ms, median): no split, fixed split, Lean stream-K (tile "
                + tile + ")", List.of("N", "no split", "fixed", "lean", "none/lean", "fixed/lean", "max |Δ|"), rows);
        fig.table(t);
        print(t, log);
    }

    // ------------------------------------------------------------------------------------------ bytes

    private static void bytes(Options o, PrintStream log, FigureSet.Builder fig) {
        int dh = o.dh();
        int[] ns = {256, 512, 1024, 2048, 4096, 8192, 16_384};
        int[] wgs = {8, 32, 256};
        double[] xs = Arrays.stream(ns).asDoubleStream().toArray();
        List<Series> series = new ArrayList<>();
        series.add(powerSeries("naive GEMM·softmax·GEMM, 4Nd + 4N²", xs,
                n -> AttentionTraffic.naive(1, n, n, dh).bytes()));
        series.add(powerSeries("paper Nd + N²", xs, n -> 4 * AttentionTraffic.paperNaive(n, dh)));
        for (int wg : wgs) {
            long mFloats = AttentionTraffic.localFloats(wg, dh);
            series.add(powerSeries("tiled, WG = " + wg + " (M = " + mFloats * 4 / 1024 + " KiB)", xs,
                    n -> AttentionTraffic.tiled(1, n, n, dh, wg, false).bytes()));
            series.add(powerSeries("paper N²d²/M, M = " + mFloats * 4 / 1024 + " KiB", xs,
                    n -> 4 * AttentionTraffic.paperTiled(n, dh, mFloats)));
        }
        Series counted = o.opencl() ? countedOnOpenCl(dh, log, fig) : null;
        if (counted != null) {
            series.add(counted);
        }
        fig.plot(LinePlot.lines("bytes-vs-n", "Global bytes of one head's attention, Dh = " + dh, "N (queries = keys)",
                "bytes", series).withLogAxes(true, true).withStyle(LinePlot.Style.LINES_AND_POINTS));

        int n = 4096;
        int[] tiles = {1, 2, 4, 8, 16, 32, 64, 128, 256};
        double[] ms = Arrays.stream(tiles).mapToDouble(wg -> 4.0 * AttentionTraffic.localFloats(wg, dh)).toArray();
        double[] tb = Arrays.stream(tiles).mapToDouble(wg -> AttentionTraffic.tiled(1, n, n, dh, wg, false).bytes()).toArray();
        double[] pb = Arrays.stream(tiles)
                .mapToDouble(wg -> 4 * AttentionTraffic.paperTiled(n, dh, AttentionTraffic.localFloats(wg, dh))).toArray();
        double naive = AttentionTraffic.naive(1, n, n, dh).bytes();
        double[] nb = new double[tiles.length];
        Arrays.fill(nb, naive);
        double slope = AttentionTraffic.logLogSlope(ms, tb);
        fig.plot(LinePlot.lines("bytes-vs-m", "Bytes vs local-memory budget M, N = " + n + ", Dh = " + dh,
                "M (bytes of local memory: 2·WG·Dh floats)", "bytes", List.of(
                        new Series("tiled (slope " + fmt(slope) + ")", ms, tb),
                        new Series("paper N²d²/M (slope " + fmt(AttentionTraffic.logLogSlope(ms, pb)) + ")", ms, pb),
                        new Series("naive 4Nd + 4N²", ms, nb))).withLogAxes(true, true)
                .withStyle(LinePlot.Style.LINES_AND_POINTS));
        fig.scalar("bytes.slopeVsM", slope);

        List<List<String>> rows = new ArrayList<>();
        for (int x : ns) {
            rows.add(List.of(Integer.toString(x), mib(AttentionTraffic.naive(1, x, x, dh).bytes()),
                    mib(AttentionTraffic.tiled(1, x, x, dh, 8, false).bytes()),
                    mib(AttentionTraffic.tiled(1, x, x, dh, 32, false).bytes()),
                    mib(AttentionTraffic.tiled(1, x, x, dh, 256, false).bytes()),
                    mib((long) (4 * AttentionTraffic.paperTiled(x, dh, AttentionTraffic.localFloats(256, dh))))));
        }
        Table t = new Table("bytes-table", "Global traffic of one head (MiB), Dh = " + dh,
                List.of("N", "naive", "tiled WG=8", "tiled WG=32", "tiled WG=256", "N²d²/M, WG=256"), rows);
        fig.table(t);
        print(t, log);
        log.printf(Locale.ROOT, "bytes vs M at N = %d: fitted exponent %.3f (the paper: -1)%n", n, slope);
        fig.note("Tiled traffic is 2·⌈N/WG⌉·N·Dh floats of K and V (+ 2·N·Dh for q and out) = 4·N²·Dh²/M with "
                + "M = 2·WG·Dh: below the naive 4Nd + 4N² only when M > Dh² floats, i.e. WG > Dh/2 (the OpenCL "
                + "device's WG = 32 at Dh = 64 moves about as much as the naive path).");
    }

    /**
     * The bytes the OpenCL kernel counts itself (its COUNT_IO build) at N = 256 … 2048, one head;
     * the scalar bytes.openclCountedEqualsFormula is 1 when every count equals {@link AttentionTraffic#tiled}.
     */
    private static Series countedOnOpenCl(int dh, PrintStream log, FigureSet.Builder fig) {
        DeviceInfo info = OpenClRuntime.firstDevice();
        if (info == null) {
            return null;
        }
        int[] ns = {256, 512, 1024, 2048};
        double[] xs = new double[ns.length], ys = new double[ns.length];
        boolean equal = true;
        int wg = 0;
        try (OpenClDevice cl = (OpenClDevice) OpenClRuntime.open(info)) {
            for (int i = 0; i < ns.length; i++) {
                int n = ns[i];
                Random r = new Random(n);
                try (Tensor q = cl.upload(random(r, n * dh), 1, 1, n, dh); Tensor k = cl.upload(random(r, n * dh), 1, 1, n, dh);
                        Tensor v = cl.upload(random(r, n * dh), 1, 1, n, dh); Tensor out = cl.allocate(1, 1, n, dh)) {
                    long[] io = cl.fusedAttentionTraffic(out, null, q, k, v, (float) (1 / Math.sqrt(dh)));
                    wg = (int) io[2];
                    AttentionTraffic.Count want = AttentionTraffic.tiled(1, n, n, dh, wg, false);
                    equal &= want.loads() == io[0] && want.stores() == io[1];
                    xs[i] = n;
                    ys[i] = 4.0 * (io[0] + io[1]);
                }
            }
        }
        fig.scalar("bytes.openclCountedEqualsFormula", equal ? 1 : 0);
        log.printf(Locale.ROOT, "OpenCL kernel's own count (COUNT_IO build, WG = %d) %s the formula at N = 256…2048%n",
                wg, equal ? "equals" : "DIFFERS FROM");
        return new Series("OpenCL kernel, counted by itself, WG = " + wg + " (slope "
                + fmt(AttentionTraffic.logLogSlope(xs, ys)) + ")", xs, ys);
    }

    private static Series powerSeries(String name, double[] xs, IntFunction<Number> f) {
        double[] ys = Arrays.stream(xs).map(x -> f.apply((int) x).doubleValue()).toArray();
        return new Series(name + " (slope " + fmt(AttentionTraffic.logLogSlope(xs, ys)) + ")", xs, ys);
    }

    // ---------------------------------------------------------------------------------------- helpers

    /**
     * Warm-up rounds (each body once per round) until there have been 3, 0.4 s have passed and a round
     * is no longer 30% faster than the one before (until C2 has compiled the Vector API kernels they
     * run boxed, ~100× slower), at most 200 rounds or 20 s; then {@code runs} timed rounds of each body
     * in turn; median ms per body.
     */
    static double[] timeInterleaved(Runnable finish, int runs, Runnable... bodies) {
        double[][] t = new double[bodies.length][runs];
        long start = System.nanoTime(), previous = Long.MAX_VALUE;
        for (int w = 0; w < 200 && System.nanoTime() - start < 20_000_000_000L; w++) {
            long r0 = System.nanoTime();
            for (Runnable b : bodies) {
                b.run();
                finish.run();
            }
            long round = System.nanoTime() - r0;
            if (w >= 2 && System.nanoTime() - start > 400_000_000L && round > 0.7 * previous) {
                break;
            }
            previous = round;
        }
        for (int r = 0; r < runs; r++) {
            for (int i = 0; i < bodies.length; i++) {
                long t0 = System.nanoTime();
                bodies[i].run();
                finish.run();
                t[i][r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        double[] med = new double[bodies.length];
        for (int i = 0; i < bodies.length; i++) {
            Arrays.sort(t[i]);
            med[i] = runs % 2 == 1 ? t[i][runs / 2] : (t[i][runs / 2 - 1] + t[i][runs / 2]) / 2;
        }
        return med;
    }

    /** The table as aligned text. */
    public static void print(Table t, PrintStream out) {
        int[] w = new int[t.header().size()];
        List<List<String>> all = new ArrayList<>();
        all.add(t.header());
        all.addAll(t.rows());
        for (List<String> row : all) {
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(w[i], row.get(i).length());
            }
        }
        out.println(t.title());
        for (List<String> row : all) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < w.length; i++) {
                b.append(i == 0 ? "" : "  ").append(" ".repeat(w[i] - row.get(i).length())).append(row.get(i));
            }
            out.println(b);
        }
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = 2 * r.nextFloat() - 1; // uniform: a 1M-key cache of Gaussians took seconds to draw
        }
        return a;
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, Math.abs(x) >= 100 ? "%.0f" : Math.abs(x) >= 10 ? "%.1f" : "%.2f", x);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.2f", bytes / 1048576.0);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("bench zoo-kernels: " + message);
        }
    }
}
