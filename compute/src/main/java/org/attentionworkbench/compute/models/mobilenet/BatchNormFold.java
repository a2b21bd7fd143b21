package org.attentionworkbench.compute.models.mobilenet;

/**
 * Folds an inference-mode BatchNorm into the convolution before it.
 *
 * <p>Dimension legend: Cout output channels, P = Cin/groups·kh·kw weights per output channel.
 *
 * <p>BN(conv(x)) = γ·(w·x + b − μ)/√(var + eps) + β, so with s = γ/√(var + eps) the folded
 * convolution has w' = w·s and b' = β + (b − μ)·s (b = 0 for torchvision's bias-free convs).
 * The arithmetic is done in double and rounded once per value, so the folded network differs from
 * conv-then-BN only by float rounding.
 */
public final class BatchNormFold {
    private BatchNormFold() {}

    /** Folded weight and bias of one conv + BN pair. */
    public record Folded(float[] weight, float[] bias) {}

    /**
     * @param weight [Cout, P] conv weights (not modified)
     * @param bias   Cout conv biases, or null for none
     */
    public static Folded fold(float[] weight, float[] bias, float[] gamma, float[] beta, float[] mean, float[] var,
            double eps) {
        int cout = gamma.length;
        if (beta.length != cout || mean.length != cout || var.length != cout || weight.length % cout != 0) {
            throw new IllegalArgumentException("BatchNorm of " + cout + " channels does not match conv weights of "
                    + weight.length + " values");
        }
        int per = weight.length / cout;
        float[] w = new float[weight.length];
        float[] b = new float[cout];
        for (int c = 0; c < cout; c++) {
            // 1. the per-channel scale γ/√(var + eps)
            double s = gamma[c] / Math.sqrt((double) var[c] + eps);
            // 2. scale the channel's weights; shift its bias
            for (int i = 0; i < per; i++) {
                w[c * per + i] = (float) (weight[c * per + i] * s);
            }
            double b0 = bias == null ? 0 : bias[c];
            b[c] = (float) (beta[c] + (b0 - mean[c]) * s);
        }
        return new Folded(w, b);
    }
}
