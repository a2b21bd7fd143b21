package org.attentionworkbench.compute.nn;

import org.attentionworkbench.compute.device.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * y = x · Wᵀ + b over the last axis, with W stored as PyTorch stores it.
 *
 * <p>Legend: I input width, O output width, x [..., I], y [..., O].
 */
public final class Linear implements AutoCloseable {
    private final Device device;
    private final Tensor weight; // (O, I)
    private final Tensor bias;   // (O) or null

    public Linear(Device device, float[] weight, float[] bias, int out, int in) {
        this.device = device;
        this.weight = device.upload(weight, out, in);
        this.bias = bias == null ? null : device.upload(bias, out);
    }

    private Linear(Device device, Tensor weight, Tensor bias) {
        this.device = device;
        this.weight = weight;
        this.bias = bias;
    }

    /**
     * One layer computing all of {@code parts} on the same input, their outputs side by side
     * (weights stacked along O, a missing bias as zeros): one GEMM instead of several. The parts
     * stay open; the caller closes them.
     */
    public static Linear stack(Device device, Linear... parts) {
        int in = parts[0].in();
        int out = 0;
        boolean anyBias = false;
        for (Linear p : parts) {
            if (p.in() != in) {
                throw new IllegalArgumentException("stack: input widths differ (" + in + " vs " + p.in() + ")");
            }
            out += p.out();
            anyBias |= p.bias != null;
        }
        Tensor weight = device.allocate(out, in);
        Tensor bias = anyBias ? device.allocate(out) : null;
        int row = 0;
        for (Linear p : parts) {
            device.place(weight, p.weight, 0, row);
            if (p.bias != null) {
                device.place(bias, p.bias, 0, row);
            }
            row += p.out();
        }
        return new Linear(device, weight, bias);
    }

    public int in() {
        return weight.dim(1);
    }

    public int out() {
        return weight.dim(0);
    }

    /** y [..., O] = x [..., I] · Wᵀ + b. */
    public void forward(Tensor y, Tensor x) {
        Tensor x2 = x.reshape(-1, in());
        Tensor y2 = y.reshape(-1, out());
        device.gemm(y2, x2, false, weight, true, bias, 1f);
        x2.close();
        y2.close();
    }

    @Override
    public void close() {
        weight.close();
        if (bias != null) {
            bias.close();
        }
    }
}
