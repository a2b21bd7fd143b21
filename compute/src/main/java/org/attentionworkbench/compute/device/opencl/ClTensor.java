package org.attentionworkbench.compute.device.opencl;

import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Shapes;
import org.attentionworkbench.compute.tensor.Tensor;

/** A tensor in an OpenCL buffer. Views made by {@link #reshape} share the refcounted buffer. */
public final class ClTensor extends Tensor {
    private final OpenClDevice device;
    private final ClBuffer buffer;
    private boolean closed;

    ClTensor(OpenClDevice device, ClBuffer buffer, int[] shape) {
        super(shape);
        this.device = device;
        this.buffer = buffer;
    }

    @Override
    public Device device() {
        return device;
    }

    /** The cl_mem handle; fails on a closed view so a use-after-close is an exception, not a crash. */
    long mem() {
        if (closed || buffer.released()) {
            throw new IllegalStateException("tensor " + this + " is closed");
        }
        return buffer.mem;
    }

    @Override
    public Tensor reshape(int... newShape) {
        int[] s = Shapes.reshape(size(), newShape);
        mem();
        return new ClTensor(device, buffer.retain(), s);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            buffer.release();
        }
    }
}
