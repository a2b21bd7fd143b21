package org.attentionworkbench.compute.nn;

import org.attentionworkbench.compute.device.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * Multi-head self-attention with optional capture of what a view needs.
 *
 * <p>Legend: B batch, N tokens, D width, H heads, Dh = D / H head width.
 * Fused qkv projections of checkpoints are split into q, k and v at load time.
 */
public final class SelfAttention implements AutoCloseable {
    private final Device device;
    private final Linear q;     // (D, D)
    private final Linear k;     // (D, D)
    private final Linear v;     // (D, D)
    private final Linear proj;  // (D, D)
    private final int heads;
    private final float scale;  // multiplies q·kᵀ (usually Dh^-0.5)

    public SelfAttention(Device device, Linear q, Linear k, Linear v, Linear proj, int heads, float scale) {
        if (q.out() % heads != 0) {
            throw new IllegalArgumentException("width " + q.out() + " is not divisible by " + heads + " heads");
        }
        this.device = device;
        this.q = q;
        this.k = k;
        this.v = v;
        this.proj = proj;
        this.heads = heads;
        this.scale = scale;
    }

    public int heads() {
        return heads;
    }

    /**
     * y [B, N, D] = attention(x [B, N, D]); when {@code capture} is non-null, the layer's attention
     * probabilities [B, H, N, N] and, if asked, q, k, v [B, H, N, Dh] are copied to it.
     */
    public void forward(Tensor y, Tensor x, Tensor mask, LayerCapture capture) {
        int b = x.dim(0), n = x.dim(1), d = q.out(), dh = d / heads;
        try (Tensor qh = project(q, x, b, n, dh);
                Tensor kh = project(k, x, b, n, dh);
                Tensor vh = project(v, x, b, n, dh);
                Tensor probs = device.allocate(b, heads, n, n);
                Tensor ctx = device.allocate(b, heads, n, dh);
                Tensor merged = device.allocate(b, n, heads, dh)) {
            // scores = scale · q·kᵀ (+ mask), then softmax over keys
            device.gemm(probs, qh, false, kh, true, null, scale);
            if (mask != null) {
                device.add(probs, probs, mask);
            }
            device.softmaxRows(probs, probs);
            // context = probs · v, heads merged back into the width
            device.matmul(ctx, probs, vh);
            device.permute(merged, ctx, 0, 2, 1, 3);
            try (Tensor m = merged.reshape(b, n, d)) {
                proj.forward(y, m);
            }
            if (capture != null) {
                capture.attention(device.download(probs), b, heads, n);
                if (capture.wantsQkv()) {
                    capture.qkv(device.download(qh), device.download(kh), device.download(vh), dh);
                }
            }
        }
    }

    /** x [B, N, D] → projected and split into heads [B, H, N, Dh]. */
    private Tensor project(Linear lin, Tensor x, int b, int n, int dh) {
        Tensor out = device.allocate(b, heads, n, dh);
        try (Tensor flat = device.allocate(b, n, heads, dh); Tensor flat3 = flat.reshape(b, n, heads * dh)) {
            lin.forward(flat3, x);
            device.permute(out, flat, 0, 2, 1, 3);
        }
        return out;
    }

    @Override
    public void close() {
        q.close();
        k.close();
        v.close();
        proj.close();
    }
}
