package org.attentionworkbench.compute.panorama.solve;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * A sparse linear least-squares problem min Σ_k w_k·(a_k·x − b_k)², built row by row and solved
 * matrix-free by conjugate gradients on the normal equations (CGNR) with a Jacobi preconditioner.
 * Small and dependency-free on purpose: the panorama problems (patch alignment grids, Poisson
 * blending over half a million ERP pixels) are well conditioned by their regularisers, and CG
 * needs only the rows, never the assembled normal matrix. (EJML's sparse solvers are direct
 * factorisations of an assembled matrix; this stays lighter for the Poisson case.)
 */
public final class SparseLeastSquares {
    private final int unknowns;
    private int rows;
    private int entries;
    private int[] rowStart = new int[1025];
    private int[] column = new int[4096];
    private double[] value = new double[4096];
    private double[] rhs = new double[1024];

    public SparseLeastSquares(int unknowns) {
        if (unknowns < 1) {
            throw new IllegalArgumentException("a least-squares problem needs at least one unknown, got " + unknowns);
        }
        this.unknowns = unknowns;
    }

    public int unknowns() {
        return unknowns;
    }

    public int rows() {
        return rows;
    }

    /**
     * Adds the residual √weight·(Σ coef[i]·x[index[i]] − target); the first {@code count} entries of
     * the arrays are used. A zero weight adds nothing.
     */
    public void addRow(int[] index, double[] coef, int count, double target, double weight) {
        if (!(weight >= 0) || !Double.isFinite(weight) || !Double.isFinite(target)) {
            throw new IllegalArgumentException("row weight must be finite and ≥ 0, target finite: " + weight + ", " + target);
        }
        if (weight == 0) {
            return;
        }
        double sw = Math.sqrt(weight);
        if (rows >= rhs.length) {
            rhs = Arrays.copyOf(rhs, rhs.length * 2);
            rowStart = Arrays.copyOf(rowStart, rhs.length + 1);
        }
        if (entries + count > column.length) {
            int n = Math.max(column.length * 2, entries + count);
            column = Arrays.copyOf(column, n);
            value = Arrays.copyOf(value, n);
        }
        for (int i = 0; i < count; i++) {
            if (index[i] < 0 || index[i] >= unknowns) {
                throw new IndexOutOfBoundsException("unknown " + index[i] + " of " + unknowns);
            }
            column[entries] = index[i];
            value[entries++] = sw * coef[i];
        }
        rhs[rows++] = sw * target;
        rowStart[rows] = entries;
    }

    /** Convenience for a two-entry row w·(ca·x[a] + cb·x[b] − target)². */
    public void addRow2(int a, double ca, int b, double cb, double target, double weight) {
        addRow(new int[] {a, b}, new double[] {ca, cb}, 2, target, weight);
    }

    /** The result of {@link #solve}: the unknowns, iterations run and the final relative residual of the normal equations. */
    public record Solution(double[] x, int iterations, double relativeResidual) {}

    /**
     * Preconditioned CG on AᵀW A x = AᵀW b from {@code start} (or zeros), until the normal-equation
     * residual falls below {@code tolerance} relative to its start or after {@code maxIterations}.
     * Unknowns that no row touches keep their start value.
     *
     * @param cancelled polled every iteration; throws {@link CancellationException} when true
     */
    public Solution solve(double[] start, double tolerance, int maxIterations, BooleanSupplier cancelled) {
        double[] x = start == null ? new double[unknowns] : start.clone();
        if (x.length != unknowns) {
            throw new IllegalArgumentException("start has " + x.length + " values for " + unknowns + " unknowns");
        }
        double[] diag = new double[unknowns];
        for (int e = 0; e < entries; e++) {
            diag[column[e]] += value[e] * value[e];
        }
        double[] ax = new double[rows];
        multiply(x, ax);
        for (int r = 0; r < rows; r++) {
            ax[r] = rhs[r] - ax[r];
        }
        double[] g = new double[unknowns]; // Aᵀ(b − Ax): the negative gradient
        multiplyTransposed(ax, g);
        double[] z = new double[unknowns];
        precondition(g, diag, z);
        double[] p = z.clone();
        double gz = dot(g, z);
        double g0 = Math.sqrt(dot(g, g));
        if (g0 == 0) {
            return new Solution(x, 0, 0);
        }
        double[] ap = new double[rows];
        double[] atap = new double[unknowns];
        int it = 0;
        double rel = 1;
        while (it < maxIterations) {
            if (cancelled != null && cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled during the least-squares solve");
            }
            multiply(p, ap);
            double pap = dot(ap, ap);
            if (!(pap > 0)) {
                break;
            }
            double alpha = gz / pap;
            for (int i = 0; i < unknowns; i++) {
                x[i] += alpha * p[i];
            }
            multiplyTransposed(ap, atap);
            for (int i = 0; i < unknowns; i++) {
                g[i] -= alpha * atap[i];
            }
            it++;
            rel = Math.sqrt(dot(g, g)) / g0;
            if (rel < tolerance) {
                break;
            }
            precondition(g, diag, z);
            double gzNew = dot(g, z);
            double beta = gzNew / gz;
            gz = gzNew;
            for (int i = 0; i < unknowns; i++) {
                p[i] = z[i] + beta * p[i];
            }
        }
        return new Solution(x, it, rel);
    }

    private void multiply(double[] x, double[] out) {
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
                s += value[e] * x[column[e]];
            }
            out[r] = s;
        }
    }

    private void multiplyTransposed(double[] y, double[] out) {
        Arrays.fill(out, 0);
        for (int r = 0; r < rows; r++) {
            double v = y[r];
            if (v == 0) {
                continue;
            }
            for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
                out[column[e]] += value[e] * v;
            }
        }
    }

    private static void precondition(double[] g, double[] diag, double[] z) {
        for (int i = 0; i < g.length; i++) {
            z[i] = diag[i] > 0 ? g[i] / diag[i] : 0;
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
