package org.attentionworkbench.compute.device.java;

import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Shapes;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * A tensor of the Java backend: a row-major view over a heap {@code float[]}. Reshapes share the
 * array; closing is only bookkeeping (the garbage collector owns the memory), so it is cheap.
 */
final class JavaTensor extends Tensor {
    /**
     * The shared values and how many views of them are still open. A weight (K×N, from
     * {@link JavaDevice#uploadWeight}) is held in {@link Sgemm}'s panel layout instead, and only
     * read: its row-major values are unpacked on first use, which a forward pass never needs.
     */
    static final class Storage {
        private float[] data;
        private final float[] panels;
        private final int k, n;
        int openViews;

        Storage(float[] data) {
            this.data = data;
            this.panels = null;
            this.k = 0;
            this.n = 0;
        }

        private Storage(float[] panels, int k, int n) {
            this.panels = panels;
            this.k = k;
            this.n = n;
        }

        /** A K×N row-major matrix repacked for {@link Sgemm#gemmPacked}. */
        static Storage weight(float[] rowMajor, int k, int n) {
            return new Storage(Sgemm.packPanels(rowMajor, 0, k, n), k, n);
        }

        long size() {
            return panels != null ? (long) k * n : data.length;
        }

        /** The row-major values (unpacked once for a weight). */
        float[] data() {
            if (data == null) {
                data = new float[k * n];
                Sgemm.unpackPanels(panels, k, n, data, 0);
            }
            return data;
        }

        /** The weight's panels, or null when this is not a weight. */
        float[] panels() {
            return panels;
        }
    }

    private final JavaDevice device;
    private final Storage storage;
    private boolean closed;

    JavaTensor(JavaDevice device, Storage storage, int[] shape) {
        super(shape);
        if (size() != storage.size()) {
            throw new IllegalArgumentException("shape does not match storage of " + storage.size());
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
        return storage.data();
    }

    /** The panels of a weight, or null for any other tensor. */
    float[] panels() {
        if (closed) {
            throw new IllegalStateException("tensor " + this + " is closed");
        }
        return storage.panels();
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
