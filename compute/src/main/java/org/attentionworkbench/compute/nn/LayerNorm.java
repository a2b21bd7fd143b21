package org.attentionworkbench.compute.nn;

import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/** Layer norm over the last axis (D) with learned gamma/beta (D). */
public final class LayerNorm implements AutoCloseable {
    private final Device device;
    private final Tensor gamma; // (D)
    private final Tensor beta;  // (D)
    private final float eps;

    public LayerNorm(Device device, float[] gamma, float[] beta, float eps) {
        this.device = device;
        this.gamma = device.upload(gamma, gamma.length);
        this.beta = device.upload(beta, beta.length);
        this.eps = eps;
    }

    public void forward(Tensor y, Tensor x) {
        device.layerNorm(y, x, gamma, beta, eps);
    }

    @Override
    public void close() {
        gamma.close();
        beta.close();
    }
}
