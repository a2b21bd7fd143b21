package org.attentionworkbench.compute.nn;

import org.attentionworkbench.compute.device.Device;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * y = x · Wᵀ + b over the last axis; W comes as PyTorch stores it (O, I).
 *
 * <p>Legend: I input width, O output width, x [..., I], y [..., O].
 *
 * <p>The device holds Wᵀ (I, O), transposed once at load: the GEMM then reads B row by row, which
 * its packing copies with vector loads, instead of gathering a transposed B on every pass (ViT-S
 * shapes, Java backend: 10-40% faster per GEMM).
 */
public final class Linear implements AutoCloseable {
    private final Device device;
    private final Tensor weight; // Wᵀ (I, O)
    private final Tensor bias;   // (O) or null

    public Linear(Device device, float[] weight, float[] bias, int out, int in) {
        this.device = device;
        this.weight = device.upload(transpose(weight, out, in), in, out);
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
        Tensor weight = device.allocate(in, out);
        Tensor bias = anyBias ? device.allocate(out) : null;
        int col = 0;
        for (Linear p : parts) {
            device.place(weight, p.weight, 1, col);
            if (p.bias != null) {
                device.place(bias, p.bias, 0, col);
            }
            col += p.out();
        }
        return new Linear(device, weight, bias);
    }

    public int in() {
        return weight.dim(0);
    }

    public int out() {
        return weight.dim(1);
    }

    /** y [..., O] = x [..., I] · Wᵀ + b. */
    public void forward(Tensor y, Tensor x) {
        forward(y, x, null, false);
    }

    /**
     * y = act(x · Wᵀ + b), or y += x · Wᵀ + b with {@code accumulate} (a residual add), in the
     * GEMM's own pass over y; act null for none.
     */
    public void forward(Tensor y, Tensor x, Activation act, boolean accumulate) {
        Tensor x2 = x.reshape(-1, in());
        Tensor y2 = y.reshape(-1, out());
        device.linear(y2, x2, weight, bias, act, accumulate);
        x2.close();
        y2.close();
    }

    /** (rows, cols) row-major → (cols, rows). */
    private static float[] transpose(float[] a, int rows, int cols) {
        if (a.length != rows * cols) {
            throw new IllegalArgumentException("weight of " + a.length + " values for (" + rows + ", " + cols + ")");
        }
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

    @Override
    public void close() {
        weight.close();
        if (bias != null) {
            bias.close();
        }
    }
}
