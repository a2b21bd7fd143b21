package org.attentionworkbench.compute.tensor;

import java.util.Arrays;

/** A float32 array on the host with its shape: weights on their way to a device, captured maps. */
public record HostTensor(int[] shape, float[] data) {
    public HostTensor {
        if (Shapes.size(shape) != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not fit " + data.length
                    + " values");
        }
    }

    public int dim(int axis) {
        return shape[Shapes.axis(axis, shape.length)];
    }

    public HostTensor reshape(int... newShape) {
        return new HostTensor(Shapes.reshape(data.length, newShape), data);
    }

    @Override
    public String toString() {
        return "HostTensor" + Arrays.toString(shape);
    }
}
