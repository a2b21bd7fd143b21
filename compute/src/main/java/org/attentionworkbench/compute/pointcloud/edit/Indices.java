package org.attentionworkbench.compute.pointcloud.edit;

/** Index arrays from a per-point test, sized exactly (a bit mask first, then the indices). */
final class Indices {
    /** The test a selection runs on each point. */
    @FunctionalInterface
    interface PointTest {
        boolean test(int i);
    }

    private Indices() {}

    /** Indices i in [0, n) where {@code test} holds, ascending. */
    static int[] where(int n, PointTest test) {
        java.util.BitSet mask = new java.util.BitSet(n);
        for (int i = 0; i < n; i++) {
            if (test.test(i)) {
                mask.set(i);
            }
        }
        int[] out = new int[mask.cardinality()];
        for (int i = mask.nextSetBit(0), k = 0; i >= 0; i = mask.nextSetBit(i + 1)) {
            out[k++] = i;
        }
        return out;
    }
}
