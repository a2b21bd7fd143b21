package org.attentionworkbench.compute.nn;

import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * y = x · Wᵀ + b over the last axis; W comes as PyTorch stores it (O, I).
 *
 * <p>Legend: I input width, O output width, x [..., I], y [..., O].
 *
 * <p>The device holds Wᵀ (I, O), transposed once at load and uploaded as a weight: the Java
 * backend keeps it in its GEMM's panel layout, so a pass packs nothing and streams each weight
 * from memory once (ViT-S/16's 48 layer GEMMs, one thread, weights cold as in a forward pass:
 * 65 → 53 ms); OpenCL reads it row by row.
 */
public final class Linear implements AutoCloseable {
    private final Device device;
    private final Tensor weight; // Wᵀ (I, O)
    private final Tensor bias;   // (O) or null

    public Linear(Device device, float[] weight, float[] bias, int out, int in) {
        this.device = device;
        this.weight = device.uploadWeight(transpose(weight, out, in), in, out);
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
        // side by side on the host, then one upload: a device may hold weights in a layout of its own
        float[] weight = new float[in * out];
        float[] bias = anyBias ? new float[out] : null;
        int col = 0;
        for (Linear p : parts) {
            float[] w = device.download(p.weight);
            for (int r = 0; r < in; r++) {
                System.arraycopy(w, r * p.out(), weight, r * out + col, p.out());
            }
            if (p.bias != null) {
                System.arraycopy(device.download(p.bias), 0, bias, col, p.out());
            }
            col += p.out();
        }
        return new Linear(device, device.uploadWeight(weight, in, out),
                bias == null ? null : device.upload(bias, out));
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
