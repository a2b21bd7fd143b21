package org.attentionworkbench.compute.nn;

/** Receives what one layer's attention computed, on the host. */
public interface LayerCapture {
    /** Attention probabilities, row-major [B, H, N, N]. */
    void attention(float[] probs, int batch, int heads, int tokens);

    /** Whether q, k, v are wanted too (they cost a copy each). */
    boolean wantsQkv();

    /** q, k, v, each row-major [B, H, N, Dh]. */
    void qkv(float[] q, float[] k, float[] v, int headDim);
}
