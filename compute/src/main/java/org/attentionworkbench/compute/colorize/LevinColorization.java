package org.attentionworkbench.compute.colorize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attentionworkbench.compute.parallel.Parallel;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * Levin, Lischinski &amp; Weiss 2004, "Colorization using optimization": each pixel's colour should
 * be the affinity-weighted mean of its 3×3 neighbours', J(U) = Σ_r (U_r - Σ_s w_rs U_s)², with
 * w_rs ∝ exp(-(Y_r - Y_s)² / 2σ_r²) normalised over the 8 neighbours and σ_r² from the window's
 * variance (their getColorExact.m: 0.6·variance, at least what makes the closest neighbour weigh
 * 0.01, at least 2e-6; Y = L/100). Hinted pixels are hard constraints.
 *
 * <p>Levin's row-normalised affinities are not symmetric; we symmetrise them, w_sym = ½(w_rs + w_sr),
 * and minimise the graph-Laplacian form Σ_(r,s) w_sym (U_r - U_s)², whose system (D - W_sym) U = 0
 * on the free pixels is symmetric positive definite and keeps the maximum principle (colours stay
 * within the hints' range). A first version solved the normal equations (I-W)ᵀ(I-W) U = 0 of the
 * original energy: that squares the condition number (10–35 s per 256-px image, 2000 iterations
 * not converged) and overshoots (one photo fell to 11 dB). The system is solved for a and b by
 * Jacobi-preconditioned conjugate gradients, matrix-free (one 3×3 stencil per iteration): on the
 * {@link Device} given to the constructor through {@code stencil3x3}, {@code mul}, {@code dot},
 * {@code scale} and {@code add} ({@link DevicePcg}; the weights stay on the device per level, the
 * vectors during a solve, only the dot products come back per iteration), or without a device in
 * plain Java, multithreaded over rows through {@link Parallel} (the reference the device path is
 * tested against).
 *
 * <p>It runs at working resolution and reaches full resolution by the same guided upsampling as
 * the attention method ({@code workingSize ≤ 0}: full resolution). Cold solves are coarse-to-fine:
 * a pyramid of halvings down to ≤ 32 px, each level warm-started from the one below (cascadic
 * multigrid); when only hints changed, the previous solution warm-starts the finest level.
 *
 * <p>Legend: w×h grid, P = w·h, offsets k = 0..7 over the 8 neighbours (k9 = 0..8 over the 3×3
 * window, centre 4, in the device's stencil weights).
 */
public final class LevinColorization implements ColorizationMethod {
    private static final int[] DX = {-1, 0, 1, -1, 1, -1, 0, 1};
    private static final int[] DY = {-1, -1, -1, 0, 0, 1, 1, 1};
    private static final int COARSEST = 32;

    private LabImage image;
    private Settings cachedSettings;
    private List<Level> levels;
    private float[][] previous;
    private boolean warmStart = true;
    /** Where PCG runs; null: the host loops below. */
    private final Device device;

    /** Solves on the host (plain Java, multithreaded). */
    public LevinColorization() {
        this(null);
    }

    /** Solves on {@code device} (null: on the host). */
    public LevinColorization(Device device) {
        this.device = device;
    }

    /** One pyramid level: grid size, L, per-pixel neighbour weights [P, 8], Jacobi diagonal. */
    static final class Level implements AutoCloseable {
        final int w, h;
        final float[] l;
        final float[] wts;
        final float[] diag;
        /** On the device, uploaded on first use: the Laplacian as 3×3 stencil weights [h, w, 9], 1/diag [h, w]. */
        private Tensor stencil, invDiag;

        Level(int w, int h, float[] l) {
            this.w = w;
            this.h = h;
            this.l = l;
            this.wts = new float[w * h * 8];
            this.diag = new float[w * h];
            weights();
        }

        private void weights() {
            Parallel.forRange(0, h, 8, (y0, y1) -> {
                float[] g = new float[8];
                for (int y = y0; y < y1; y++) {
                    for (int x = 0; x < w; x++) {
                        int i = y * w + x;
                        double cur = l[i] / 100.0;
                        // window statistics over the pixel and its neighbours inside the image
                        int cnt = 0;
                        double sum = cur, sum2 = cur * cur, minD = Double.MAX_VALUE;
                        for (int k = 0; k < 8; k++) {
                            int nx = x + DX[k], ny = y + DY[k];
                            if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
                                g[k] = Float.NaN;
                                continue;
                            }
                            double v = l[ny * w + nx] / 100.0;
                            g[k] = (float) v;
                            sum += v;
                            sum2 += v * v;
                            minD = Math.min(minD, (v - cur) * (v - cur));
                            cnt++;
                        }
                        int o = i * 8;
                        if (cnt == 0) {
                            continue;
                        }
                        double mean = sum / (cnt + 1);
                        double var = sum2 / (cnt + 1) - mean * mean;
                        double csig = var * 0.6;
                        csig = Math.max(csig, -minD / Math.log(0.01));
                        csig = Math.max(csig, 2e-6);
                        double tot = 0;
                        for (int k = 0; k < 8; k++) {
                            if (!Float.isNaN(g[k])) {
                                double e = Math.exp(-(g[k] - cur) * (g[k] - cur) / csig);
                                wts[o + k] = (float) e;
                                tot += e;
                            }
                        }
                        for (int k = 0; k < 8; k++) {
                            wts[o + k] = (float) (wts[o + k] / tot);
                        }
                    }
                }
            });
            // symmetrise: w_sym(r, s) = ½ (w_r→s + w_s→r); diag = Σ_s w_sym(r, s)
            float[] sym = new float[w * h * 8];
            Parallel.forRange(0, h, 8, (y0, y1) -> {
                for (int y = y0; y < y1; y++) {
                    for (int x = 0; x < w; x++) {
                        int i = y * w + x;
                        double d = 0;
                        for (int k = 0; k < 8; k++) {
                            int nx = x + DX[k], ny = y + DY[k];
                            if (nx >= 0 && ny >= 0 && nx < w && ny < h) {
                                // the neighbour sees us at the opposite offset, 7 - k
                                float v = 0.5f * (wts[i * 8 + k] + wts[(ny * w + nx) * 8 + (7 - k)]);
                                sym[i * 8 + k] = v;
                                d += v;
                            }
                        }
                        diag[i] = (float) Math.max(d, 1e-12);
                    }
                }
            });
            System.arraycopy(sym, 0, wts, 0, sym.length);
        }

        /** The Laplacian's stencil weights [h, w, 9] (centre diag, neighbours -w_sym) on {@code d}, uploaded once. */
        Tensor stencil(Device d) {
            if (stencil == null) {
                int n = w * h;
                float[] w9 = new float[n * 9], inv = new float[n];
                for (int i = 0; i < n; i++) {
                    w9[i * 9 + 4] = diag[i];
                    for (int k = 0; k < 8; k++) {
                        // the 8-neighbour order skips the centre, which the 3×3 order puts at 4
                        w9[i * 9 + (k < 4 ? k : k + 1)] = -wts[i * 8 + k];
                    }
                    inv[i] = 1f / diag[i];
                }
                stencil = d.upload(w9, h, w, 9);
                invDiag = d.upload(inv, h, w);
            }
            return stencil;
        }

        Tensor invDiag(Device d) {
            stencil(d);
            return invDiag;
        }

        @Override
        public void close() {
            if (stencil != null) {
                stencil.close();
                invDiag.close();
                stencil = null;
                invDiag = null;
            }
        }

        /** y = (D - W_sym) x, the graph Laplacian; rows of fixed pixels zeroed. */
        void apply(float[] y, float[] x, float[] unused, boolean[] fixed) {
            Parallel.forRange(0, h, 8, (y0, y1) -> {
                for (int yy = y0; yy < y1; yy++) {
                    for (int xx = 0; xx < w; xx++) {
                        int i = yy * w + xx, o = i * 8;
                        if (fixed[i]) {
                            y[i] = 0f;
                            continue;
                        }
                        float s = diag[i] * x[i];
                        for (int k = 0; k < 8; k++) {
                            float wk = wts[o + k];
                            if (wk != 0f) {
                                s -= wk * x[i + DY[k] * w + DX[k]];
                            }
                        }
                        y[i] = s;
                    }
                }
            });
        }
    }

    /** Outcome of one PCG solve. */
    record Solve(int iterations, double relativeResidual, double[] residualHistory) {}

    @Override
    public String name() {
        return "levin";
    }

    /** Whether a hint edit warm-starts from the previous solution (on by default; off for comparisons). */
    public void setWarmStart(boolean on) {
        this.warmStart = on;
    }

    @Override
    public Result colorize(LabImage grey, List<Hint> allHints, Settings s, ProgressListener progress) {
        long t0 = System.nanoTime();
        List<Hint> hints = WorkingGrid.inside(allHints, grey.width(), grey.height());
        Map<String, Number> stats = new LinkedHashMap<>();
        WorkingGrid grid = new WorkingGrid(grey, s.workingSize());
        if (grey != image || !s.equals(cachedSettings)) {
            image = grey;
            cachedSettings = s;
            previous = null;
            closeLevels();
            levels = new ArrayList<>();
            levels.add(new Level(grid.w, grid.h, grid.l));
            while (Math.max(levels.get(levels.size() - 1).w, levels.get(levels.size() - 1).h) > COARSEST) {
                Level top = levels.get(levels.size() - 1);
                int nw = Math.max(1, (top.w + 1) / 2), nh = Math.max(1, (top.h + 1) / 2);
                levels.add(new Level(nw, nh, Resample.downArea(top.l, top.w, top.h, nw, nh)));
            }
            stats.put("setupMs", (System.nanoTime() - t0) / 1e6);
        }
        int n = grid.size();
        float[][] ab;
        if (hints.isEmpty()) {
            ab = new float[][] {new float[n], new float[n]};
        } else if (previous != null && warmStart) {
            // a hint edit: the last solution is already close everywhere but near the edit
            ab = solveLevel(levels.get(0), grid, hints, previous, s, stats, progress);
        } else {
            // cold: coarse to fine, each level starting from the one below
            float[][] guess = null;
            for (int li = levels.size() - 1; li >= 0; li--) {
                Level lv = levels.get(li);
                if (guess != null) {
                    Level below = levels.get(li + 1);
                    guess = new float[][] {Resample.bilinear(guess[0], below.w, below.h, lv.w, lv.h),
                        Resample.bilinear(guess[1], below.w, below.h, lv.w, lv.h)};
                } else {
                    guess = meanHintColour(hints, lv.w * lv.h);
                }
                guess = solveLevel(lv, grid, hints, guess, s, li == 0 ? stats : new LinkedHashMap<>(), progress);
            }
            ab = guess;
        }
        previous = ab;
        long t1 = System.nanoTime();
        stats.put("solveMs", (t1 - t0) / 1e6);
        float[][] full = grid.upsample(ab[0], ab[1], s.guidedRadius(), s.guidedEps());
        stats.put("upsampleMs", (System.nanoTime() - t1) / 1e6);
        stats.put("totalMs", (System.nanoTime() - t0) / 1e6);
        progress.progress(1, "done");
        return new Result(grey.width(), grey.height(), full[0], full[1], stats);
    }

    private static float[][] meanHintColour(List<Hint> hints, int n) {
        double a = 0, b = 0;
        for (Hint h : hints) {
            a += h.a();
            b += h.b();
        }
        float[] pa = new float[n], pb = new float[n];
        java.util.Arrays.fill(pa, (float) (a / hints.size()));
        java.util.Arrays.fill(pb, (float) (b / hints.size()));
        return new float[][] {pa, pb};
    }

    /** Fixes the hinted pixels of one level and solves for a and b from the given start. */
    private float[][] solveLevel(Level lv, WorkingGrid grid, List<Hint> hints, float[][] start, Settings s,
            Map<String, Number> stats, ProgressListener progress) {
        int n = lv.w * lv.h;
        boolean[] fixed = new boolean[n];
        float[] fa = start[0].clone(), fb = start[1].clone();
        double sx = (double) lv.w / grid.fullW, sy = (double) lv.h / grid.fullH;
        for (Hint h : hints) {
            // the level pixels the hint's square touches (at least the one under its centre)
            int x0 = (int) Math.floor(h.x0() * sx), y0 = (int) Math.floor(h.y0() * sy);
            int x1 = Math.max(x0 + 1, (int) Math.ceil((h.x0() + h.size()) * sx));
            int y1 = Math.max(y0 + 1, (int) Math.ceil((h.y0() + h.size()) * sy));
            for (int y = Math.max(0, y0); y < Math.min(lv.h, y1); y++) {
                for (int x = Math.max(0, x0); x < Math.min(lv.w, x1); x++) {
                    fixed[y * lv.w + x] = true;
                    fa[y * lv.w + x] = h.a();
                    fb[y * lv.w + x] = h.b();
                }
            }
        }
        Solve ra = solve(device, lv, fa, fixed, s.maxIterations(), s.tolerance(), progress);
        Solve rb = solve(device, lv, fb, fixed, s.maxIterations(), s.tolerance(), progress);
        stats.put("iterationsA", ra.iterations());
        stats.put("iterationsB", rb.iterations());
        stats.put("residualA", ra.relativeResidual());
        stats.put("residualB", rb.relativeResidual());
        return new float[][] {fa, fb};
    }

    /** PCG on the device when there is one, on the host otherwise; in place on x. */
    static Solve solve(Device d, Level lv, float[] x, boolean[] fixed, int maxIter, double tol,
            ProgressListener progress) {
        if (d == null) {
            return pcg(lv, x, fixed, maxIter, tol, progress);
        }
        float[] free = new float[x.length];
        for (int i = 0; i < free.length; i++) {
            free[i] = fixed[i] ? 0f : 1f;
        }
        try (DevicePcg pcg = new DevicePcg(d, lv.stencil(d), lv.invDiag(d), lv.w, lv.h, free)) {
            return pcg.solve(x, maxIter, tol, progress);
        }
    }

    @Override
    public void close() {
        closeLevels();
        levels = null;
        image = null;
        previous = null;
    }

    private void closeLevels() {
        if (levels != null) {
            levels.forEach(Level::close);
        }
    }

    /**
     * Jacobi-preconditioned CG on the free pixels, in place on x (fixed entries hold the hints).
     * Stops when |r| ≤ tol·|b|, b = -(A x_fixed) the right-hand side the fixed pixels induce, so the
     * test does not depend on the start.
     */
    static Solve pcg(Level lv, float[] x, boolean[] fixed, int maxIter, double tol, ProgressListener progress) {
        int n = x.length;
        float[] z = new float[n], ax = new float[n], r = new float[n], p = new float[n], q = new float[n];
        // |b|: the operator applied to the fixed values alone
        float[] onlyFixed = new float[n];
        for (int i = 0; i < n; i++) {
            onlyFixed[i] = fixed[i] ? x[i] : 0f;
        }
        lv.apply(ax, onlyFixed, z, fixed);
        double bNorm = Math.sqrt(dot(ax, ax));
        // r = -(A x) on the free pixels
        lv.apply(ax, x, z, fixed);
        for (int i = 0; i < n; i++) {
            r[i] = -ax[i];
        }
        double rNorm = Math.sqrt(dot(r, r));
        List<Double> history = new ArrayList<>();
        history.add(bNorm == 0 ? 0 : rNorm / bNorm);
        if (bNorm == 0 || rNorm <= tol * bNorm) {
            return new Solve(0, history.get(0), new double[] {history.get(0)});
        }
        float[] zz = new float[n];
        for (int i = 0; i < n; i++) {
            zz[i] = fixed[i] ? 0f : r[i] / lv.diag[i];
            p[i] = zz[i];
        }
        double rz = dot(r, zz);
        int it = 0;
        while (it < maxIter) {
            if ((it & 31) == 0 && progress.cancelled()) {
                throw new ColorizationCancelledException("levin");
            }
            lv.apply(q, p, z, fixed);
            double pq = dot(p, q);
            if (pq <= 0) {
                break;
            }
            float alpha = (float) (rz / pq);
            for (int i = 0; i < n; i++) {
                x[i] += alpha * p[i];
                r[i] -= alpha * q[i];
            }
            it++;
            rNorm = Math.sqrt(dot(r, r));
            history.add(rNorm / bNorm);
            if (rNorm <= tol * bNorm) {
                break;
            }
            for (int i = 0; i < n; i++) {
                zz[i] = fixed[i] ? 0f : r[i] / lv.diag[i];
            }
            double rzNew = dot(r, zz);
            float beta = (float) (rzNew / rz);
            rz = rzNew;
            for (int i = 0; i < n; i++) {
                p[i] = zz[i] + beta * p[i];
            }
        }
        double[] hist = history.stream().mapToDouble(Double::doubleValue).toArray();
        return new Solve(it, hist[hist.length - 1], hist);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** For tests: one PCG solve at full resolution of {@code grey} from a given start, on the host. */
    static Solve solveForTest(LabImage grey, List<Hint> hints, float[] start, int maxIter, double tol) {
        return solveForTest(null, grey, hints, start, maxIter, tol);
    }

    /** For tests: as above, on {@code d} (null: the host). */
    static Solve solveForTest(Device d, LabImage grey, List<Hint> hints, float[] start, int maxIter, double tol) {
        Level lv = new Level(grey.width(), grey.height(), grey.l());
        boolean[] fixed = new boolean[start.length];
        for (Hint h : hints) {
            for (int y = h.y0(); y < h.y0() + h.size(); y++) {
                for (int x = h.x0(); x < h.x0() + h.size(); x++) {
                    if (x >= 0 && y >= 0 && x < lv.w && y < lv.h) {
                        fixed[y * lv.w + x] = true;
                        start[y * lv.w + x] = h.a();
                    }
                }
            }
        }
        try (lv) {
            return solve(d, lv, start, fixed, maxIter, tol, ProgressListener.NONE);
        }
    }
}
