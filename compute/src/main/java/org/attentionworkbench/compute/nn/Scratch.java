package org.attentionworkbench.compute.nn;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * The intermediate tensors of a model's forward passes, kept between passes: one tensor per role
 * (such as "attn.probs"), allocated on first use and again only when the role's shape changes (a new
 * batch size or image size). Saves an allocation per op and pass: zeroed heap arrays on the Java
 * backend, clCreateBuffer plus a fill on OpenCL.
 *
 * <p>Layers that run one after another share one arena (their roles are reused, not multiplied by
 * depth). Tensors from {@link #get} belong to the arena: callers close only their reshaped views.
 * Contents are left over from the last use, so every role must be fully written before it is read.
 * Like its device, an arena is used by one thread at a time.
 */
public final class Scratch implements AutoCloseable {
    private final Device device;
    private final Map<String, Tensor> tensors = new HashMap<>();

    public Scratch(Device device) {
        this.device = device;
    }

    /** The role's tensor with this shape; the previous one goes if its shape differed. */
    public Tensor get(String role, int... shape) {
        Tensor t = tensors.get(role);
        if (t == null || !Arrays.equals(t.shape(), shape)) {
            if (t != null) {
                t.close();
            }
            t = device.allocate(shape);
            tensors.put(role, t);
        }
        return t;
    }

    @Override
    public void close() {
        tensors.values().forEach(Tensor::close);
        tensors.clear();
    }
}
