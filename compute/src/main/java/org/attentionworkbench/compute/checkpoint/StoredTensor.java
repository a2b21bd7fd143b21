package org.attentionworkbench.compute.checkpoint;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * Where a tensor's elements are: a little-endian byte region (mapped lazily), the element offset of the
 * first element inside it, and element strides (null when row-major contiguous). The reader has checked
 * that every element the view reaches lies inside the region.
 */
record StoredTensor(TensorEntry entry, Supplier<ByteBuffer> region, long offset, long[] strides) {

    static StoredTensor contiguous(TensorEntry entry, Supplier<ByteBuffer> region) {
        return new StoredTensor(entry, region, 0, null);
    }

    boolean isContiguous() {
        return strides == null || java.util.Arrays.equals(strides, Layout.contiguousStrides(entry.shape()));
    }
}
