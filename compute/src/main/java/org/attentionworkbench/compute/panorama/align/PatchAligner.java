package org.attentionworkbench.compute.panorama.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.attentionworkbench.compute.panorama.TangentLayout;
import org.attentionworkbench.compute.panorama.TangentPatch;
import org.attentionworkbench.compute.panorama.solve.SparseLeastSquares;

/**
 * Aligns per-patch relative inverse depth across the overlaps of a {@link TangentLayout}, in disparity
 * space as 360MonoDepth does (shared research depth360.md §2).
 *
 * <p>A perspective model gives each patch d = a/z + b with its own unknown a, b (z planar depth). The
 * aligned planar inverse depth s·d + o, divided by f = √(1 + x² + y²), is inverse <em>radial</em>
 * depth, which two patches must agree on where they see the same ray: for a pixel of patch A reprojected
 * into patch B (gnomonic, bilinear), (s_A·d_A + o_A)/f_A − (s_B·d_B + o_B)/f_B = 0. These rows are linear
 * in s and o; with exact input they hold when every s·a is the same and every s·b + o is 0, so the
 * solution is the true inverse depth up to one global scale. That scale is fixed by a gauge row (the
 * mean scale is 1, the linear counterpart of 360MonoDepth's Σ 1/s guard: no patch is special and s
 * cannot collapse to 0). Each patch is first normalised (median, mean absolute deviation) so every
 * unknown is of order 1.
 *
 * <p>GRID then replaces each patch's (s, o) by a bilinear grid of nodes (corners and edges included)
 * started from the AFFINE answer, with a smoothness term on neighbouring nodes.
 */
public final class PatchAligner {
    /** Relative tolerance of the CG solves. */
    static final double TOLERANCE = 1e-9;
    static final int MAX_ITERATIONS = 5000;
    /** Weight of the gauge row (mean scale = 1) against the mean squared residual. */
    static final double GAUGE_WEIGHT = 1;

    private PatchAligner() {}

    /**
     * @param inverseDepth per patch of {@code layout}, h×w relative planar inverse depth (any finite
     *     values; NaN or ±∞ pixels are ignored and stay NaN)
     * @param cancelled polled between steps and CG iterations
     */
    public static AlignedPatches align(List<float[]> inverseDepth, TangentLayout layout, AlignmentSettings settings,
            BooleanSupplier cancelled) {
        int n = layout.size();
        if (inverseDepth.size() != n) {
            throw new IllegalArgumentException("got " + inverseDepth.size() + " patches for layout " + layout);
        }
        for (int p = 0; p < n; p++) {
            TangentPatch patch = layout.patch(p);
            if (inverseDepth.get(p).length != patch.width() * patch.height()) {
                throw new IllegalArgumentException("patch " + p + " has " + inverseDepth.get(p).length
                        + " values, expected " + patch.height() + "×" + patch.width());
            }
        }
        List<PatchAffine> identity = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            identity.add(new PatchAffine(1, 0));
        }
        if (settings.method() == AlignmentMethod.NONE || n == 1) {
            List<float[]> copy = inverseDepth.stream().map(float[]::clone).toList();
            return new AlignedPatches(copy, identity, 0, 0, Double.NaN, Double.NaN);
        }
        double[] median = new double[n];
        double[] spread = new double[n];
        List<float[]> normalised = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            float[] d = inverseDepth.get(p);
            double[] ms = medianAndDeviation(d, p);
            median[p] = ms[0];
            spread[p] = ms[1];
            float[] out = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (float) ((d[i] - ms[0]) / ms[1]);
            }
            normalised.add(out);
        }
        List<Correspondence> pairs = Correspondences.find(layout, normalised, settings.samplesPerPatch(), cancelled);
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("the patches of " + layout + " do not overlap: nothing to align on");
        }
        double before = mismatch(pairs, inverseDepth, layout);

        // AFFINE: one node per patch
        GridSize one = new GridSize(1, 1);
        SparseLeastSquares affine = system(layout, normalised, pairs, one, 0);
        double[] start = new double[2 * n];
        for (int p = 0; p < n; p++) {
            start[2 * p] = 1;
        }
        SparseLeastSquares.Solution sol = affine.solve(start, TOLERANCE, MAX_ITERATIONS, cancelled);
        double[] x = sol.x();
        List<PatchAffine> affines = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            double s = x[2 * p];
            double o = x[2 * p + 1];
            affines.add(new PatchAffine(s / spread[p], o - s * median[p] / spread[p]));
        }
        int iterations = sol.iterations();
        GridSize grid = one;
        double[] nodes = x;
        if (settings.method() == AlignmentMethod.GRID && settings.grid().nodes() > 1) {
            grid = settings.grid();
            int k = grid.nodes();
            double[] gridStart = new double[2 * n * k];
            for (int p = 0; p < n; p++) {
                for (int j = 0; j < k; j++) {
                    gridStart[2 * (p * k + j)] = x[2 * p];
                    gridStart[2 * (p * k + j) + 1] = x[2 * p + 1];
                }
            }
            SparseLeastSquares deform = system(layout, normalised, pairs, grid, settings.smoothness());
            sol = deform.solve(gridStart, TOLERANCE, MAX_ITERATIONS, cancelled);
            nodes = sol.x();
            iterations = sol.iterations();
        }
        List<float[]> aligned = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            aligned.add(apply(layout.patch(p), normalised.get(p), nodes, p, grid));
        }
        double after = mismatch(pairs, aligned, layout);
        return new AlignedPatches(aligned, affines, pairs.size(), iterations, before, after);
    }

    /** The least-squares rows for a grid of {@code grid} nodes per patch (2 unknowns per node: s, o). */
    private static SparseLeastSquares system(TangentLayout layout, List<float[]> d, List<Correspondence> pairs,
            GridSize grid, double smoothness) {
        int n = layout.size();
        int k = grid.nodes();
        SparseLeastSquares ls = new SparseLeastSquares(2 * n * k);
        int[] idx = new int[16];
        double[] coef = new double[16];
        double[] wa = new double[4];
        int[] na = new int[4];
        double[] wb = new double[4];
        int[] nb = new int[4];
        double dataWeight = 1.0 / pairs.size();
        for (Correspondence c : pairs) {
            int ca = nodeWeights(layout.patch(c.a()), grid, c.ua(), c.va(), na, wa);
            int cb = nodeWeights(layout.patch(c.b()), grid, c.ub(), c.vb(), nb, wb);
            int m = 0;
            for (int j = 0; j < ca; j++) {
                int node = c.a() * k + na[j];
                idx[m] = 2 * node;
                coef[m++] = wa[j] * c.da() * c.ga();
                idx[m] = 2 * node + 1;
                coef[m++] = wa[j] * c.ga();
            }
            for (int j = 0; j < cb; j++) {
                int node = c.b() * k + nb[j];
                idx[m] = 2 * node;
                coef[m++] = -wb[j] * c.db() * c.gb();
                idx[m] = 2 * node + 1;
                coef[m++] = -wb[j] * c.gb();
            }
            ls.addRow(idx, coef, m, 0, dataWeight);
        }
        if (k > 1 && smoothness > 0) {
            int edges = grid.rows() * (grid.columns() - 1) + grid.columns() * (grid.rows() - 1);
            double w = smoothness / (n * edges);
            for (int p = 0; p < n; p++) {
                for (int r = 0; r < grid.rows(); r++) {
                    for (int col = 0; col < grid.columns(); col++) {
                        int node = p * k + r * grid.columns() + col;
                        if (col + 1 < grid.columns()) {
                            smooth(ls, node, node + 1, w);
                        }
                        if (r + 1 < grid.rows()) {
                            smooth(ls, node, node + grid.columns(), w);
                        }
                    }
                }
            }
        }
        int[] all = new int[n * k];
        double[] mean = new double[n * k];
        for (int i = 0; i < n * k; i++) {
            all[i] = 2 * i;
            mean[i] = 1.0 / (n * k);
        }
        ls.addRow(all, mean, n * k, 1, GAUGE_WEIGHT);
        return ls;
    }

    private static void smooth(SparseLeastSquares ls, int a, int b, double w) {
        ls.addRow2(2 * a, 1, 2 * b, -1, 0, w);
        ls.addRow2(2 * a + 1, 1, 2 * b + 1, -1, 0, w);
    }

    /**
     * Bilinear weights of the grid nodes around fractional pixel (u, v) of {@code patch}: node indices into
     * {@code nodes}, weights into {@code weights}; returns how many (1, 2 or 4).
     */
    static int nodeWeights(TangentPatch patch, GridSize grid, double u, double v, int[] nodes, double[] weights) {
        double gx = grid.columns() == 1 ? 0 : u / (patch.width() - 1) * (grid.columns() - 1);
        double gy = grid.rows() == 1 ? 0 : v / (patch.height() - 1) * (grid.rows() - 1);
        int x0 = Math.min((int) Math.floor(gx), Math.max(0, grid.columns() - 2));
        int y0 = Math.min((int) Math.floor(gy), Math.max(0, grid.rows() - 2));
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        double fx = grid.columns() == 1 ? 0 : gx - x0;
        double fy = grid.rows() == 1 ? 0 : gy - y0;
        int m = 0;
        for (int dy = 0; dy <= (grid.rows() == 1 ? 0 : 1); dy++) {
            for (int dx = 0; dx <= (grid.columns() == 1 ? 0 : 1); dx++) {
                nodes[m] = (y0 + dy) * grid.columns() + x0 + dx;
                weights[m++] = (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy);
            }
        }
        return m;
    }

    /** s(u, v)·d + o(u, v) over the patch, from its grid nodes. */
    private static float[] apply(TangentPatch patch, float[] d, double[] x, int p, GridSize grid) {
        int w = patch.width();
        int h = patch.height();
        int k = grid.nodes();
        float[] out = new float[w * h];
        int[] nodes = new int[4];
        double[] weights = new double[4];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int m = nodeWeights(patch, grid, c, r, nodes, weights);
                double s = 0;
                double o = 0;
                for (int j = 0; j < m; j++) {
                    s += weights[j] * x[2 * (p * k + nodes[j])];
                    o += weights[j] * x[2 * (p * k + nodes[j]) + 1];
                }
                float v = d[r * w + c];
                out[r * w + c] = Float.isFinite(v) ? (float) (s * v + o) : Float.NaN;
            }
        }
        return out;
    }

    /** RMS difference of radial inverse depth over the correspondences, relative to the RMS value. */
    private static double mismatch(List<Correspondence> pairs, List<float[]> maps, TangentLayout layout) {
        double diff = 0;
        double value = 0;
        for (Correspondence c : pairs) {
            double a = c.ga() * Correspondences.bilinear(maps.get(c.a()), layout.patch(c.a()), c.ua(), c.va());
            double b = c.gb() * Correspondences.bilinear(maps.get(c.b()), layout.patch(c.b()), c.ub(), c.vb());
            diff += (a - b) * (a - b);
            value += 0.5 * (a * a + b * b);
        }
        return value > 0 ? Math.sqrt(diff / value) : Double.NaN;
    }

    private static double[] medianAndDeviation(float[] d, int patch) {
        double[] finite = new double[d.length];
        int m = 0;
        for (float v : d) {
            if (Float.isFinite(v)) {
                finite[m++] = v;
            }
        }
        if (m < 4) {
            throw new IllegalArgumentException("patch " + patch + " has fewer than 4 finite depth values");
        }
        double[] f = Arrays.copyOf(finite, m);
        Arrays.sort(f);
        double med = m % 2 == 1 ? f[m / 2] : 0.5 * (f[m / 2 - 1] + f[m / 2]);
        double dev = 0;
        for (double v : f) {
            dev += Math.abs(v - med);
        }
        dev /= m;
        if (!(dev > 0)) {
            dev = 1; // a flat patch: keep its units
        }
        return new double[] {med, dev};
    }
}
