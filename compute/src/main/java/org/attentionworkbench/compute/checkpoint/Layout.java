package org.attentionworkbench.compute.checkpoint;

/** Shape and stride arithmetic with overflow checks, so a forged size fails instead of wrapping. */
final class Layout {
    private Layout() {}

    /** Row-major strides in elements. */
    static long[] contiguousStrides(int[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return strides;
    }

    /** Product of dims, or -1 when a dim is negative or the product overflows a long. */
    static long checkedSize(long[] dims) {
        long n = 1;
        for (long d : dims) {
            if (d < 0) {
                return -1;
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return n;
    }

    /**
     * Converts file dims to an int shape, failing with the file and key for negative, over-large or
     * overflowing dims, and for byte sizes beyond {@code Long.MAX_VALUE}.
     */
    static int[] toShape(String file, String key, long[] dims, DType dtype) {
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
                throw CheckpointException.forKey(file, key, "dimension " + i + " is " + dims[i]
                        + " (negative or above 2^31-1)");
            }
            shape[i] = (int) dims[i];
        }
        long n = checkedSize(dims);
        if (n < 0 || n > Long.MAX_VALUE / 8) {
            throw CheckpointException.forKey(file, key, "shape " + java.util.Arrays.toString(dims)
                    + " overflows");
        }
        return shape;
    }

    /**
     * Number of elements a strided view reaches from its first element: 1 + sum((dim-1)*stride), 0 for an
     * empty view, -1 on overflow or a negative stride.
     */
    static long reach(int[] shape, long[] strides) {
        long last = 0;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 0) {
                return 0;
            }
            if (strides[i] < 0) {
                return -1;
            }
            try {
                last = Math.addExact(last, Math.multiplyExact((long) shape[i] - 1, strides[i]));
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return last + 1;
    }
}
