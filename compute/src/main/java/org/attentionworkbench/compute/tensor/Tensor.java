package org.attentionworkbench.compute.tensor;

import java.util.Arrays;

/**
 * A dense, row-major float32 array that lives on one {@link Device}.
 *
 * <p>Tensors are always contiguous. {@link #reshape} returns a view over the same storage; the
 * storage is released when the last view is closed. Data moves between host and device only through
 * {@link Device#upload} and {@link Device#download}, so host copies stay visible in the code.
 */
public abstract class Tensor implements AutoCloseable {
    private final int[] shape;
    private final long size;

    protected Tensor(int[] shape) {
        this.shape = shape.clone();
        this.size = Shapes.size(this.shape);
    }

    public abstract Device device();

    /** A view with another shape over the same storage; one dimension may be -1 (inferred). */
    public abstract Tensor reshape(int... newShape);

    /** Releases this view; the storage goes when no view is left open. */
    @Override
    public abstract void close();

    public final int[] shape() {
        return shape.clone();
    }

    public final int rank() {
        return shape.length;
    }

    /** Size of one axis; negative axes count from the end ({@code dim(-1)} is the last). */
    public final int dim(int axis) {
        return shape[Shapes.axis(axis, shape.length)];
    }

    /** Number of elements. */
    public final long size() {
        return size;
    }

    /** Copies the tensor to a new host array (a device-to-host transfer). */
    public final float[] toArray() {
        return device().download(this);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape) + " on " + device().info().id();
    }
}
