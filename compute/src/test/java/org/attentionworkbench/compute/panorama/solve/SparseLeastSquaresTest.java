package org.attentionworkbench.compute.panorama.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class SparseLeastSquaresTest {
    /** Fitting a line y = a + b·t to four weighted points: the closed-form weighted normal equations. */
    @Test
    void solvesAWeightedLineFit() {
        double[] t = {0, 1, 2, 3};
        double[] y = {1.1, 2.9, 5.2, 6.8};
        double[] w = {1, 2, 0.5, 1};
        SparseLeastSquares ls = new SparseLeastSquares(2);
        double sw = 0, st = 0, stt = 0, sy = 0, sty = 0;
        for (int i = 0; i < 4; i++) {
            ls.addRow2(0, 1, 1, t[i], y[i], w[i]);
            sw += w[i];
            st += w[i] * t[i];
            stt += w[i] * t[i] * t[i];
            sy += w[i] * y[i];
            sty += w[i] * t[i] * y[i];
        }
        double det = sw * stt - st * st;
        double a = (stt * sy - st * sty) / det;
        double b = (sw * sty - st * sy) / det;
        SparseLeastSquares.Solution s = ls.solve(null, 1e-12, 100, null);
        assertEquals(a, s.x()[0], 1e-9);
        assertEquals(b, s.x()[1], 1e-9);
        assertEquals(4, ls.rows());
    }

    /** A 1-D Poisson problem with many rows (growing the buffers) and a fixed end. */
    @Test
    void solvesALongChain() {
        int n = 5000;
        SparseLeastSquares ls = new SparseLeastSquares(n);
        ls.addRow(new int[] {0}, new double[] {1}, 1, 2, 1);
        for (int i = 0; i + 1 < n; i++) {
            ls.addRow2(i + 1, 1, i, -1, 0.001, 1); // x[i+1] − x[i] = 0.001
        }
        double[] x = ls.solve(null, 1e-12, 20000, null).x();
        assertEquals(2 + 0.001 * (n - 1), x[n - 1], 1e-6);
    }

    @Test
    void stopsWhenCancelled() {
        SparseLeastSquares ls = new SparseLeastSquares(2);
        ls.addRow2(0, 1, 1, 1, 3, 1);
        assertThrows(CancellationException.class, () -> ls.solve(null, 1e-12, 10, () -> true));
    }

    @Test
    void rejectsBadRows() {
        SparseLeastSquares ls = new SparseLeastSquares(2);
        assertThrows(IndexOutOfBoundsException.class, () -> ls.addRow2(0, 1, 2, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> ls.addRow2(0, 1, 1, 1, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> ls.addRow2(0, 1, 1, 1, 0, -1));
    }
}
