package org.attentionworkbench.compute.tensor;

/** Element-wise activation functions, with the exact definitions both backends follow. */
public enum Activation {
    /** max(0, x). */
    RELU,
    /** min(max(0, x), 6) as in MobileNetV2. */
    RELU6,
    /** Exact GELU: x * 0.5 * (1 + erf(x / sqrt(2))), as torch.nn.GELU() and BERT. */
    GELU
}
