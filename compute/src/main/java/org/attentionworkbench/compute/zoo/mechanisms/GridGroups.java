package org.attentionworkbench.compute.zoo.mechanisms;

/**
 * Groups of token indices on a rows × cols raster grid: tiles (windows, pooling cells), adaptive
 * pooling regions, rows and columns. Tiles at the right and bottom edges are smaller when the grid
 * does not divide (ragged), so every default works on any N.
 */
final class GridGroups {
    private GridGroups() {}

    /** bh × bw tiles in raster order of tiles, tokens in raster order inside each; edge tiles ragged. */
    static int[][] tiles(int rows, int cols, int bh, int bw) {
        int tr = (rows + bh - 1) / bh;
        int tc = (cols + bw - 1) / bw;
        int[][] out = new int[tr * tc][];
        for (int a = 0; a < tr; a++) {
            for (int b = 0; b < tc; b++) {
                int r0 = a * bh;
                int c0 = b * bw;
                int h = Math.min(bh, rows - r0);
                int w = Math.min(bw, cols - c0);
                int[] g = new int[h * w];
                for (int r = 0; r < h; r++) {
                    for (int c = 0; c < w; c++) {
                        g[r * w + c] = (r0 + r) * cols + c0 + c;
                    }
                }
                out[a * tc + b] = g;
            }
        }
        return out;
    }

    /** PyTorch's adaptive pooling regions: cell i covers [⌊i·in/out⌋, ⌈(i+1)·in/out⌉) on each axis. */
    static int[][] adaptive(int rows, int cols, int outR, int outC) {
        int[][] out = new int[outR * outC][];
        for (int a = 0; a < outR; a++) {
            int r0 = a * rows / outR;
            int r1 = ((a + 1) * rows + outR - 1) / outR;
            for (int b = 0; b < outC; b++) {
                int c0 = b * cols / outC;
                int c1 = ((b + 1) * cols + outC - 1) / outC;
                int[] g = new int[(r1 - r0) * (c1 - c0)];
                int at = 0;
                for (int r = r0; r < r1; r++) {
                    for (int c = c0; c < c1; c++) {
                        g[at++] = r * cols + c;
                    }
                }
                out[a * outC + b] = g;
            }
        }
        return out;
    }

    static int[][] rows(int rows, int cols) {
        return tiles(rows, cols, 1, cols);
    }

    static int[][] cols(int rows, int cols) {
        int[][] out = new int[cols][rows];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                out[c][r] = r * cols + c;
            }
        }
        return out;
    }

    /** Consecutive segments of length s over a sequence of n (the last one shorter). */
    static int[][] segments(int n, int s) {
        return tiles(1, n, 1, s);
    }

    /** The m×N mean-pooling matrix of these groups (row g averages group g). */
    static double[] meanPool(int[][] groups, int n) {
        double[] p = new double[groups.length * n];
        for (int g = 0; g < groups.length; g++) {
            for (int j : groups[g]) {
                p[g * n + j] = 1.0 / groups[g].length;
            }
        }
        return p;
    }

    /** round(√n), at least 1: the default segment length or cluster count. */
    static int sqrt(int n) {
        return Math.max(1, (int) Math.round(Math.sqrt(n)));
    }

    /**
     * Default segment length near √n: the divisor of n closest to √n when it is at least √n/2 (so the
     * segments are even, as the reference code requires), else round(√n) with a shorter last segment.
     */
    static int segmentLength(int n) {
        double root = Math.sqrt(n);
        int best = 1;
        for (int s = 1; s <= n; s++) {
            if (n % s == 0 && Math.abs(s - root) < Math.abs(best - root)) {
                best = s;
            }
        }
        return best >= root / 2 ? best : sqrt(n);
    }
}
