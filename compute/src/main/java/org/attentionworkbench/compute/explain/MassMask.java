package org.attentionworkbench.compute.explain;

import java.util.Arrays;

/**
 * DINO's attention masks (facebookresearch/dino visualize_attention.py, {@code --threshold}): keep the
 * smallest set of cells that together hold a given share of the map's mass.
 *
 * <p>DINO sorts ascending, normalises to sum 1, takes the cumulative sum and keeps the cells where it
 * exceeds 1 − share. Read from the top that is the same set: walking the cells from largest down, a cell
 * is kept while the mass of the larger cells before it is still below the share.
 */
public final class MassMask {
    private MassMask() {}

    /**
     * @param grid  non-negative values (a class-token map over the patches, say)
     * @param share fraction of the mass to keep, in [0, 1]
     * @return true for the kept cells; ties are broken by position (earlier first), all false for share 0
     *         or a map with no mass
     */
    public static boolean[] keep(float[] grid, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share " + share + " outside [0, 1]");
        }
        int n = grid.length;
        boolean[] kept = new boolean[n];
        double total = 0;
        for (float v : grid) {
            if (v < 0 || Float.isNaN(v)) {
                throw new IllegalArgumentException("mass mask needs non-negative values, got " + v);
            }
            total += v;
        }
        if (total == 0 || share == 0) {
            return kept;
        }
        // largest first: negate the sortable bits so an ascending primitive sort gives descending values,
        // position in the low half breaks ties
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            int bits = grid[i] == 0 ? 0 : Float.floatToIntBits(grid[i]); // −0 as +0
            keys[i] = ((long) -bits << 32) | i;
        }
        Arrays.sort(keys);
        double before = 0;
        for (long key : keys) {
            if (before >= share) {
                break;
            }
            int i = (int) key;
            if (grid[i] == 0) {
                break; // DINO never keeps an empty cell: its cumulative sum there is still 0
            }
            kept[i] = true;
            before += grid[i] / total;
        }
        return kept;
    }

    /** How many cells {@link #keep} kept. */
    public static int count(boolean[] mask) {
        int c = 0;
        for (boolean b : mask) {
            c += b ? 1 : 0;
        }
        return c;
    }
}
