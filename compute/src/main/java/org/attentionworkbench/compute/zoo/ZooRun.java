package org.attentionworkbench.compute.zoo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.figure.HeatmapFigure;
import org.attentionworkbench.compute.figure.LinePlot;
import org.attentionworkbench.compute.figure.Series;
import org.attentionworkbench.compute.figure.Table;
import org.attentionworkbench.compute.labs.LabProgress;

/**
 * Several mechanisms on one input: per mechanism its mixing matrix, its output, the comparison with
 * softmax on the same Q, K, V, what its learned parts are, and how long it took. A mechanism that
 * fails (or cannot run on this input) gets an entry with its error; the others still run.
 *
 * <p>Values: mechanisms linear in V (V-probe) mix the head's V; the others mix the tokens x (as
 * {@link Mixer#forward} documents). Each output is compared with softmax's mixing of the same values.
 */
public final class ZooRun {
    /** Heatmaps in the figure set are block-averaged down to at most this many rows (matrix.npy keeps all). */
    public static final int MAX_FIGURE_SIDE = 256;

    private ZooRun() {}

    /**
     * One mechanism's result; {@code error} is null when it ran, and then the other fields are set.
     *
     * @param millis wall time of the matrix and the forward together
     */
    public record Entry(Mixer mixer, MixingMatrix matrix, float[] output, Comparison comparison, String learnedParts,
                        double millis, double flops, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /** The run: the input, softmax's matrix (the reference) and one entry per mechanism asked for, in order. */
    public record Result(ZooInput input, MixingMatrix reference, List<Entry> entries) {
        public Result {
            entries = List.copyOf(entries);
        }

        /** Matrices as heatmaps, mass by distance, the row-sum histogram and the table of errors and costs. */
        public FigureSet figures() {
            return ZooRun.figures(this);
        }
    }

    /**
     * Runs the mixers on the input; progress per mechanism; cancel between mechanisms. The reference
     * is softmax ({@code Mechanisms.softmax()}; passed in so that this package does not depend on
     * the mechanisms').
     */
    public static Result run(ZooInput in, Mixer reference, List<Mixer> mixers, LabProgress progress) {
        progress.update(reference.id() + " (the reference)", 0);
        MixingMatrix referenceMatrix = reference.matrix(in);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < mixers.size(); i++) {
            progress.checkCancelled();
            Mixer m = mixers.get(i);
            progress.update(m.title() + " (" + (i + 1) + "/" + mixers.size() + ")", i / (double) mixers.size());
            entries.add(runOne(in, m, referenceMatrix));
        }
        progress.update("done", 1);
        return new Result(in, referenceMatrix, entries);
    }

    static Entry runOne(ZooInput in, Mixer m, MixingMatrix reference) {
        String parts;
        try {
            parts = m.learnedParts(in);
        } catch (RuntimeException e) {
            parts = "";
        }
        double flops = Double.NaN;
        try {
            flops = m.flops(in.n(), in.d());
            String why = m.unsupported(in);
            if (why != null) {
                return new Entry(m, null, null, null, parts, Double.NaN, flops, "not run on this input: " + why);
            }
            boolean onV = m.probe() == Mixer.Probe.V_PROBE;
            float[] values = onV ? in.v() : in.x();
            int dv = onV ? in.d() : in.c();
            long t0 = System.nanoTime();
            MixingMatrix matrix = m.matrix(in);
            float[] out = m.forward(in, values, dv);
            double ms = (System.nanoTime() - t0) / 1e6;
            Comparison c = Comparison.of(in, matrix, out, reference, reference.apply(values, dv));
            return new Entry(m, matrix, out, c, parts, ms, flops, null);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Entry(m, null, null, null, parts, Double.NaN, flops, msg);
        }
    }

    static FigureSet figures(Result r) {
        ZooInput in = r.input();
        FigureSet.Builder b = new FigureSet.Builder("Attention zoo on " + in.source() + " (N = " + in.n()
                + ", d = " + in.d() + ")");
        List<String> labels = in.n() <= MAX_FIGURE_SIDE ? in.labels() : List.of();
        List<Series> mass = new ArrayList<>();
        List<Series> sums = new ArrayList<>();
        double[] ref = null;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Entry e : r.entries()) {
            if (e.ok()) {
                for (double s : e.comparison().rowSums()) {
                    lo = Math.min(lo, s);
                    hi = Math.max(hi, s);
                }
            }
        }
        int bins = 20;
        for (Entry e : r.entries()) {
            Mixer m = e.mixer();
            if (!e.ok()) {
                b.note(m.id() + ": " + e.error());
                continue;
            }
            Comparison c = e.comparison();
            int side = Math.min(in.n(), MAX_FIGURE_SIDE);
            b.heatmap(new HeatmapFigure("matrix-" + m.id(), m.title() + " — " + e.matrix().kind().description(),
                    side, side, blockMean(e.matrix().m(), in.n(), side), labels, labels, hasNegative(e.matrix().m())));
            mass.add(new Series(m.id(), index(c.massByDistance().length), c.massByDistance()));
            ref = c.referenceMassByDistance();
            sums.add(histogram(m.id(), c.rowSums(), lo, hi, bins));
            b.scalar("rel_matrix_error." + m.id(), c.relMatrixError());
            b.scalar("rel_output_error." + m.id(), c.relOutputError());
            b.note(m.id() + " learned parts: " + e.learnedParts());
        }
        if (ref != null) {
            mass.add(0, new Series("softmax (reference)", index(ref.length), ref));
        }
        b.plot(LinePlot.lines("mass-by-distance", "Attention mass by distance",
                in.isGrid() ? "distance on the grid (tokens)" : "|i − j| (tokens)", "mean share of |M| per row",
                mass).withStyle(LinePlot.Style.LINES_AND_POINTS));
        b.plot(LinePlot.lines("row-sums", "Row sums (softmax: all 1)", "row sum", "rows", sums));
        b.table(table(r));
        return b.build();
    }

    /** The table of errors and costs, one row per mechanism (failed ones with their error). */
    public static Table table(Result r) {
        List<List<String>> rows = new ArrayList<>();
        for (Entry e : r.entries()) {
            Comparison c = e.comparison();
            rows.add(List.of(e.mixer().id(), e.ok() ? e.matrix().kind().name().toLowerCase(Locale.ROOT) : "",
                    e.ok() ? f(c.relMatrixError()) : "", e.ok() ? f(c.relOutputError()) : "",
                    e.ok() ? f(c.rowSumMin()) + " / " + f(c.rowSumMean()) + " / " + f(c.rowSumMax()) : "",
                    e.ok() ? f(c.meanTotalVariation()) : "", e.ok() ? f(c.effectiveRank()) : "",
                    e.ok() ? f(c.density()) : "", f(e.flops() / 1e6), e.ok() ? String.format(Locale.ROOT, "%.1f", e.millis()) : "",
                    e.ok() ? "" : e.error()));
        }
        return new Table("errors-and-costs", "Errors against softmax and costs",
                List.of("mechanism", "matrix", "rel ‖ΔM‖", "rel ‖Δout‖", "row sum min/mean/max", "mean TV",
                        "eff. rank", "density", "MFLOP", "ms", "error"), rows);
    }

    static String f(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return Math.abs(v) >= 1e4 || (v != 0 && Math.abs(v) < 1e-3)
                ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.4g", v);
    }

    private static boolean hasNegative(float[] a) {
        for (float v : a) {
            if (v < 0) {
                return true;
            }
        }
        return false;
    }

    private static double[] index(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    private static Series histogram(String name, double[] values, double lo, double hi, int bins) {
        double width = hi > lo ? (hi - lo) / bins : 1;
        double[] x = new double[bins];
        double[] y = new double[bins];
        for (int i = 0; i < bins; i++) {
            x[i] = lo + (i + 0.5) * width;
        }
        for (double v : values) {
            int bin = hi > lo ? (int) Math.min(bins - 1, Math.floor((v - lo) / width)) : bins / 2;
            y[Math.max(0, bin)]++;
        }
        return new Series(name, x, y);
    }

    /** n×n → side×side by averaging blocks (side ≤ n). */
    static float[] blockMean(float[] m, int n, int side) {
        if (side == n) {
            return m.clone();
        }
        float[] out = new float[side * side];
        int[] count = new int[side * side];
        for (int i = 0; i < n; i++) {
            int r = (int) ((long) i * side / n);
            for (int j = 0; j < n; j++) {
                int c = (int) ((long) j * side / n);
                out[r * side + c] += m[i * n + j];
                count[r * side + c]++;
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= Math.max(1, count[i]);
        }
        return out;
    }
}
