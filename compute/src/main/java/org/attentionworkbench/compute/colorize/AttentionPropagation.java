package org.attentionworkbench.compute.colorize;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attentionworkbench.compute.parallel.Parallel;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * Training-free attention propagation, the core idea of iColoriT: every pixel is a query, every
 * hint a key/value token; a pixel's ab is the attention-weighted mean of the hints' ab, with
 * weights softmax(q·k/τ) from features of the grey image ({@link Features}). The kernel is a
 * Gaussian in feature space: logit = -½|f_p - f_h|²/τ = (f_p·f_h - ½|f_h|²)/τ + (row constant),
 * i.e. a plain dot product of q_p = [f_p, 1] and k_h = [f_h, -½|f_h|²].
 *
 * <p>Runs at working resolution and reaches full resolution by guided upsampling
 * ({@link WorkingGrid#upsample}). Two backends, same answer (to float rounding):
 * <ul>
 *   <li>{@link Backend#DEVICE}: logits = gemm(Q, Kᵀ)/τ, softmaxRows, ab = gemm(attention, V) on a
 *       {@link Device}, all hints every call;</li>
 *   <li>{@link Backend#INCREMENTAL}: on the host, caching per image the features and per hint its
 *       logit column, with per-pixel running max, softmax denominator and numerators: a hint edit
 *       touches only its own column (O(P·D) plus P exponentials), whatever the number of hints.</li>
 * </ul>
 *
 * <p>Legend: P working pixels, H hints, D = {@link Features#DIM}.
 */
public final class AttentionPropagation implements ColorizationMethod {
    public enum Backend { DEVICE, INCREMENTAL }

    /** Full rebuild of the running sums after this many incremental edits (bounds rounding drift). */
    private static final int REBUILD_EVERY = 256;

    private final Backend backend;
    private final Device device;

    // per-image cache
    private LabImage image;
    private Settings cachedSettings;
    private WorkingGrid grid;
    private Features features;
    private Tensor queries; // DEVICE: [P, D+1]

    // INCREMENTAL state
    private final Map<Integer, Hint> hintsNow = new LinkedHashMap<>();
    private final Map<Integer, float[]> columns = new HashMap<>();
    private float[] rowMax;
    private double[] den, numA, numB;
    private int editsSinceRebuild;

    /** The incremental host backend. */
    public AttentionPropagation() {
        this.backend = Backend.INCREMENTAL;
        this.device = null;
    }

    /** The device backend (gemm + softmaxRows on {@code device}). */
    public AttentionPropagation(Device device) {
        this.backend = Backend.DEVICE;
        this.device = device;
    }

    @Override
    public String name() {
        return "attention";
    }

    public Backend backend() {
        return backend;
    }

    @Override
    public Result colorize(LabImage grey, List<Hint> allHints, Settings s, ProgressListener progress) {
        long t0 = System.nanoTime();
        List<Hint> hints = WorkingGrid.inside(allHints, grey.width(), grey.height());
        Map<String, Number> stats = new LinkedHashMap<>();
        // per-image work: working grid and features, cached while the image and settings stay
        if (grey != image || !s.equals(cachedSettings)) {
            reset();
            image = grey;
            cachedSettings = s;
            grid = new WorkingGrid(grey, s.workingSize());
            features = new Features(grid, s.spatialScale());
            stats.put("featuresMs", (System.nanoTime() - t0) / 1e6);
        }
        check(progress, 0.2, "attention");
        long t1 = System.nanoTime();
        float[][] ab = backend == Backend.DEVICE ? attendOnDevice(hints, s) : attendIncrementally(hints, s, stats);
        stats.put("attentionMs", (System.nanoTime() - t1) / 1e6);
        check(progress, 0.7, "upsample");
        long t2 = System.nanoTime();
        float[][] full = grid.upsample(ab[0], ab[1], s.guidedRadius(), s.guidedEps());
        stats.put("upsampleMs", (System.nanoTime() - t2) / 1e6);
        stats.put("workingW", grid.w);
        stats.put("workingH", grid.h);
        stats.put("totalMs", (System.nanoTime() - t0) / 1e6);
        progress.progress(1, "done");
        return new Result(grey.width(), grey.height(), full[0], full[1], stats);
    }

    private void check(ProgressListener p, double fraction, String stage) {
        if (p.cancelled()) {
            throw new ColorizationCancelledException(name());
        }
        p.progress(fraction, stage);
    }

    /** Key of a hint: the features under its centre, with the -½|k|² column. */
    private float[] key(Hint hint) {
        int cell = grid.cellOf(hint);
        int dim = Features.DIM;
        float[] k = new float[dim + 1];
        float n2 = 0;
        for (int d = 0; d < dim; d++) {
            k[d] = features.f[cell * dim + d];
            n2 += k[d] * k[d];
        }
        k[dim] = -0.5f * n2;
        return k;
    }

    // ---------------------------------------------------------------- device backend

    private float[][] attendOnDevice(List<Hint> hints, Settings s) {
        int n = grid.size(), dim = Features.DIM, hn = hints.size();
        if (hn == 0) {
            return new float[][] {new float[n], new float[n]};
        }
        if (queries == null) {
            // Q = [f_p, 1]: uploaded once per image
            float[] q = new float[n * (dim + 1)];
            for (int i = 0; i < n; i++) {
                System.arraycopy(features.f, i * dim, q, i * (dim + 1), dim);
                q[i * (dim + 1) + dim] = 1f;
            }
            queries = device.upload(q, n, dim + 1);
        }
        float[] k = new float[hn * (dim + 1)], v = new float[hn * 2];
        for (int j = 0; j < hn; j++) {
            System.arraycopy(key(hints.get(j)), 0, k, j * (dim + 1), dim + 1);
            v[2 * j] = hints.get(j).a();
            v[2 * j + 1] = hints.get(j).b();
        }
        try (Tensor keys = device.upload(k, hn, dim + 1); Tensor values = device.upload(v, hn, 2);
                Tensor logits = device.allocate(n, hn); Tensor out = device.allocate(n, 2)) {
            // logits = Q·Kᵀ/τ; attention = softmax over hints; ab = attention·V
            device.gemm(logits, queries, false, keys, true, null, (float) (1.0 / s.temperature()));
            device.softmaxRows(logits, logits);
            device.gemm(out, logits, false, values, false, null, 1f);
            float[] abInterleaved = device.download(out);
            float[] a = new float[n], b = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = abInterleaved[2 * i];
                b[i] = abInterleaved[2 * i + 1];
            }
            return new float[][] {a, b};
        }
    }

    // ---------------------------------------------------------------- incremental backend

    private float[][] attendIncrementally(List<Hint> hints, Settings s, Map<String, Number> stats) {
        int n = grid.size();
        Map<Integer, Hint> next = new LinkedHashMap<>();
        for (Hint h : hints) {
            next.put(h.id(), h);
        }
        int changes = 0;
        for (Hint h : hints) {
            changes += h.equals(hintsNow.get(h.id())) ? 0 : 1;
        }
        for (Integer id : hintsNow.keySet()) {
            changes += next.containsKey(id) ? 0 : 1;
        }
        boolean rebuild = rowMax == null || editsSinceRebuild + changes > REBUILD_EVERY
                || changes > Math.max(4, hints.size() / 2);
        if (rebuild) {
            hintsNow.clear();
            columns.clear();
            rowMax = new float[n];
            den = new double[n];
            numA = new double[n];
            numB = new double[n];
            for (Hint h : hints) {
                hintsNow.put(h.id(), h);
                columns.put(h.id(), column(h, s));
            }
            recomputeRows(0, n);
            editsSinceRebuild = 0;
            stats.put("rebuilt", 1);
        } else {
            // removed hints, then edited ones, then new ones: each touches its own column only
            for (Integer id : List.copyOf(hintsNow.keySet())) {
                if (!next.containsKey(id)) {
                    removeColumn(id);
                }
            }
            for (Hint h : hints) {
                Hint old = hintsNow.get(h.id());
                if (old == null || old.equals(h)) {
                    continue;
                }
                if (old.samePlace(h)) {
                    recolour(old, h);
                } else {
                    removeColumn(h.id());
                    addColumn(h, s);
                }
            }
            for (Hint h : hints) {
                if (!hintsNow.containsKey(h.id())) {
                    addColumn(h, s);
                }
            }
            editsSinceRebuild += changes;
            stats.put("rebuilt", 0);
        }
        stats.put("changedHints", changes);
        float[] a = new float[n], b = new float[n];
        Parallel.forRange(0, n, 4096, (from, to) -> {
            for (int i = from; i < to; i++) {
                if (den[i] > 0) {
                    a[i] = (float) (numA[i] / den[i]);
                    b[i] = (float) (numB[i] / den[i]);
                }
            }
        });
        return new float[][] {a, b};
    }

    /** Logits of every pixel against one hint: -½|f_p - k|²/τ (≤ 0). */
    private float[] column(Hint h, Settings s) {
        float[] k = key(h);
        int n = grid.size(), dim = Features.DIM;
        float[] f = features.f, n2 = features.norm2;
        float invT = (float) (1.0 / s.temperature());
        float[] col = new float[n];
        Parallel.forRange(0, n, 4096, (from, to) -> {
            for (int i = from; i < to; i++) {
                float dot = k[dim];
                int o = i * dim;
                for (int d = 0; d < dim; d++) {
                    dot += f[o + d] * k[d];
                }
                col[i] = Math.min(0f, dot - 0.5f * n2[i]) * invT;
            }
        });
        return col;
    }

    /** Rows [from, to) from scratch over every column: max, then the shifted exponential sums. */
    private void recomputeRows(int from, int to) {
        float[][] cols = new float[hintsNow.size()][];
        float[] va = new float[cols.length], vb = new float[cols.length];
        int j = 0;
        for (Hint h : hintsNow.values()) {
            cols[j] = columns.get(h.id());
            va[j] = h.a();
            vb[j++] = h.b();
        }
        Parallel.forRange(from, to, 2048, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                recomputeRow(i, cols, va, vb);
            }
        });
    }

    private void recomputeRow(int i, float[][] cols, float[] va, float[] vb) {
        float m = Float.NEGATIVE_INFINITY;
        for (float[] c : cols) {
            m = Math.max(m, c[i]);
        }
        double d = 0, sa = 0, sb = 0;
        for (int j = 0; j < cols.length; j++) {
            double e = Math.exp(cols[j][i] - m);
            d += e;
            sa += e * va[j];
            sb += e * vb[j];
        }
        rowMax[i] = m;
        den[i] = d;
        numA[i] = sa;
        numB[i] = sb;
    }

    private void addColumn(Hint h, Settings s) {
        float[] col = column(h, s);
        hintsNow.put(h.id(), h);
        columns.put(h.id(), col);
        float a = h.a(), b = h.b();
        boolean first = hintsNow.size() == 1;
        Parallel.forRange(0, grid.size(), 4096, (from, to) -> {
            for (int i = from; i < to; i++) {
                float x = col[i];
                if (first || x > rowMax[i]) {
                    // the new column is the row's maximum: rescale the sums to the new shift
                    double r = first ? 0 : Math.exp(rowMax[i] - x);
                    den[i] = den[i] * r + 1;
                    numA[i] = numA[i] * r + a;
                    numB[i] = numB[i] * r + b;
                    rowMax[i] = x;
                } else {
                    double e = Math.exp(x - rowMax[i]);
                    den[i] += e;
                    numA[i] += e * a;
                    numB[i] += e * b;
                }
            }
        });
    }

    private void removeColumn(int id) {
        Hint h = hintsNow.remove(id);
        float[] col = columns.remove(id);
        if (hintsNow.isEmpty()) {
            java.util.Arrays.fill(den, 0);
            java.util.Arrays.fill(numA, 0);
            java.util.Arrays.fill(numB, 0);
            java.util.Arrays.fill(rowMax, Float.NEGATIVE_INFINITY);
            return;
        }
        float[][] cols = new float[hintsNow.size()][];
        float[] va = new float[cols.length], vb = new float[cols.length];
        int j = 0;
        for (Hint o : hintsNow.values()) {
            cols[j] = columns.get(o.id());
            va[j] = o.a();
            vb[j++] = o.b();
        }
        float a = h.a(), b = h.b();
        Parallel.forRange(0, grid.size(), 4096, (from, to) -> {
            for (int i = from; i < to; i++) {
                if (col[i] >= rowMax[i]) {
                    // it held the row's maximum: subtracting would cancel, so redo the row
                    recomputeRow(i, cols, va, vb);
                } else {
                    double e = Math.exp(col[i] - rowMax[i]);
                    den[i] -= e;
                    numA[i] -= e * a;
                    numB[i] -= e * b;
                }
            }
        });
    }

    /** Same place, new colour: the weights stay, only the numerators change. */
    private void recolour(Hint old, Hint h) {
        float[] col = columns.get(h.id());
        hintsNow.put(h.id(), h);
        float da = h.a() - old.a(), db = h.b() - old.b();
        Parallel.forRange(0, grid.size(), 4096, (from, to) -> {
            for (int i = from; i < to; i++) {
                double e = Math.exp(col[i] - rowMax[i]);
                numA[i] += e * da;
                numB[i] += e * db;
            }
        });
    }

    private void reset() {
        if (queries != null) {
            queries.close();
            queries = null;
        }
        hintsNow.clear();
        columns.clear();
        rowMax = null;
        den = numA = numB = null;
        image = null;
        grid = null;
        features = null;
    }

    @Override
    public void close() {
        reset();
    }
}
