package org.attentionworkbench.compute.nn;

import org.attentionworkbench.compute.device.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * Multi-head self-attention with optional capture of what a view needs.
 *
 * <p>Legend: B batch, N tokens, D width, H heads, Dh = D / H head width.
 * The q, k and v projections are stacked into one (3D, D) layer, so a pass projects with one GEMM.
 * Without a mask the heads run through the device's fused attention, which writes the
 * probabilities [B, H, N, N] only when a view keeps them; with a mask (added to the scores) they
 * go through GEMM, softmax and GEMM.
 */
public final class SelfAttention implements AutoCloseable {
    private final Device device;
    private final Linear qkv;   // (3D, D): q, k, v stacked
    private final Linear proj;  // (D, D)
    private final int heads;
    private final float scale;  // multiplies q·kᵀ (usually Dh^-0.5)
    private final Scratch scratch;
    private final boolean ownsScratch;

    /** With an arena of its own; the q, k and v layers are stacked and closed. */
    public SelfAttention(Device device, Linear q, Linear k, Linear v, Linear proj, int heads, float scale) {
        this(device, q, k, v, proj, heads, scale, new Scratch(device), true);
    }

    /** Sharing a model's arena with the other layers; the q, k and v layers are stacked and closed. */
    public SelfAttention(Device device, Linear q, Linear k, Linear v, Linear proj, int heads, float scale,
            Scratch scratch) {
        this(device, q, k, v, proj, heads, scale, scratch, false);
    }

    private SelfAttention(Device device, Linear q, Linear k, Linear v, Linear proj, int heads, float scale,
            Scratch scratch, boolean ownsScratch) {
        if (q.out() % heads != 0) {
            throw new IllegalArgumentException("width " + q.out() + " is not divisible by " + heads + " heads");
        }
        this.device = device;
        this.qkv = Linear.stack(device, q, k, v);
        q.close();
        k.close();
        v.close();
        this.proj = proj;
        this.heads = heads;
        this.scale = scale;
        this.scratch = scratch;
        this.ownsScratch = ownsScratch;
    }

    public int heads() {
        return heads;
    }

    /**
     * y [B, N, D] = attention(x [B, N, D]); when {@code capture} is non-null, the layer's attention
     * probabilities [B, H, N, N] and, if asked, q, k, v [B, H, N, Dh] are copied to it. {@code mask}
     * (broadcast onto the scores [B, H, N, N]) may be null.
     */
    public void forward(Tensor y, Tensor x, Tensor mask, LayerCapture capture) {
        forward(y, x, mask, capture, false);
    }

    /** As above; with {@code accumulate} the result is added to y (a residual add in the projection). */
    public void forward(Tensor y, Tensor x, Tensor mask, LayerCapture capture, boolean accumulate) {
        int b = x.dim(0), n = x.dim(1), d = proj.in(), dh = d / heads;
        // 1. q, k, v in one GEMM [B, N, 3, H, Dh], one permute to [3, B, H, N, Dh], then apart
        Tensor packed = scratch.get("attn.qkv", b, n, 3, heads, dh);
        Tensor split = scratch.get("attn.qkvHeads", 3, b, heads, n, dh);
        try (Tensor flat = packed.reshape(b, n, 3 * d)) {
            qkv.forward(flat, x);
        }
        device.permute(split, packed, 2, 0, 3, 1, 4);
        Tensor qh = head(split, 0, "attn.q", b, n, dh);
        Tensor kh = head(split, 1, "attn.k", b, n, dh);
        Tensor vh = head(split, 2, "attn.v", b, n, dh);
        // 2. context = softmax(scale · q·kᵀ (+ mask)) · v per head
        Tensor ctx = scratch.get("attn.ctx", b, heads, n, dh);
        Tensor probs = capture != null || mask != null ? scratch.get("attn.probs", b, heads, n, n) : null;
        if (mask == null) {
            device.attention(ctx, probs, qh, kh, vh, scale);
        } else {
            device.gemm(probs, qh, false, kh, true, null, scale);
            device.add(probs, probs, mask);
            device.softmaxRows(probs, probs);
            device.matmul(ctx, probs, vh);
        }
        // 3. heads merged back into the width, output projection
        Tensor merged = scratch.get("attn.merged", b, n, heads, dh);
        device.permute(merged, ctx, 0, 2, 1, 3);
        try (Tensor m = merged.reshape(b, n, d)) {
            proj.forward(y, m, null, accumulate);
        }
        // 4. what the views keep
        if (capture != null) {
            capture.attention(device.download(probs), b, heads, n);
            if (capture.wantsQkv()) {
                capture.qkv(device.download(qh), device.download(kh), device.download(vh), dh);
            }
        }
        qh.close();
        kh.close();
        vh.close();
    }

    /** Part {@code i} of the split projections as a [B, H, N, Dh] view of its own arena tensor. */
    private Tensor head(Tensor split, int i, String role, int b, int n, int dh) {
        Tensor part = scratch.get(role, 1, b, heads, n, dh);
        device.slice(part, split, 0, i);
        return part.reshape(b, heads, n, dh);
    }

    @Override
    public void close() {
        qkv.close();
        proj.close();
        if (ownsScratch) {
            scratch.close();
        }
    }
}
