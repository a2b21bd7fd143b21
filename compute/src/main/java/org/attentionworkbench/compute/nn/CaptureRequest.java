package org.attentionworkbench.compute.nn;

import java.util.BitSet;

/**
 * What a forward pass should keep for the views, per layer. Capture is a request, never a global
 * mode: a pass with {@link #none()} keeps nothing and may take fused paths.
 *
 * @param layers    layers whose attention probabilities are kept
 * @param qkv       keep q, k, v of those layers too
 * @param tokens    keep each of those layers' output tokens
 */
public record CaptureRequest(BitSet layers, boolean qkv, boolean tokens) {
    public CaptureRequest {
        layers = (BitSet) layers.clone();
    }

    public static CaptureRequest none() {
        return new CaptureRequest(new BitSet(), false, false);
    }

    /** Attention maps of every layer. */
    public static CaptureRequest allAttention(int depth) {
        BitSet b = new BitSet();
        b.set(0, depth);
        return new CaptureRequest(b, false, false);
    }

    /** Everything of every layer. */
    public static CaptureRequest everything(int depth) {
        BitSet b = new BitSet();
        b.set(0, depth);
        return new CaptureRequest(b, true, true);
    }

    public boolean wants(int layer) {
        return layers.get(layer);
    }

    public boolean isEmpty() {
        return layers.isEmpty();
    }

    @Override
    public BitSet layers() {
        return (BitSet) layers.clone();
    }
}
