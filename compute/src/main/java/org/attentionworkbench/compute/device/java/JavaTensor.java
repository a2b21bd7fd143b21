package org.attentionworkbench.compute.device.java;

import org.attentionworkbench.compute.device.Device;
import org.attentionworkbench.compute.tensor.Shapes;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * A tensor of the Java backend: a row-major view over a heap {@code float[]}. Reshapes share the
 * array; closing is only bookkeeping (the garbage collector owns the memory), so it is cheap.
 */
final class JavaTensor extends Tensor {
    /** The shared array and how many views of it are still open. */
    static final class Storage {
        final float[] data;
        int openViews;

        Storage(float[] data) {
            this.data = data;
        }
    }

    private final JavaDevice device;
    private final Storage storage;
    private boolean closed;

    JavaTensor(JavaDevice device, Storage storage, int[] shape) {
        super(shape);
        if (size() != storage.data.length) {
            throw new IllegalArgumentException("shape does not match storage of " + storage.data.length);
        }
        this.device = device;
        this.storage = storage;
        storage.openViews++;
    }

    @Override
    public Device device() {
        return device;
    }

    /** The backing array; fails once this view is closed. */
    float[] data() {
        if (closed) {
            throw new IllegalStateException("tensor " + this + " is closed");
        }
        return storage.data;
    }

    @Override
    public Tensor reshape(int... newShape) {
        if (closed) {
            throw new IllegalStateException("tensor " + this + " is closed");
        }
        return new JavaTensor(device, storage, Shapes.reshape(size(), newShape));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            storage.openViews--;
        }
    }

    boolean isClosed() {
        return closed;
    }
}
