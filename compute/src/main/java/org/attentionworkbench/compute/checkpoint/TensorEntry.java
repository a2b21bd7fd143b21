package org.attentionworkbench.compute.checkpoint;

import java.util.Arrays;

/**
 * One tensor of a checkpoint as the file describes it: name, element type and row-major logical shape
 * (a strided PyTorch view reports its logical shape; {@link Checkpoint#readFloats} materialises it).
 */
public record TensorEntry(String name, DType dtype, int[] shape) {
    public TensorEntry {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements (product of the shape; 1 for a scalar). */
    public long size() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Bytes of the contiguous data. */
    public long byteSize() {
        return size() * dtype.bytes();
    }

    public int rank() {
        return shape.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorEntry e && e.name.equals(name) && e.dtype == dtype && Arrays.equals(e.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}
