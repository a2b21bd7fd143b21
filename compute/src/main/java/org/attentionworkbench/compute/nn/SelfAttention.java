package org.attentionworkbench.compute.nn;

import java.util.Arrays;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * Multi-head self-attention with optional capture of what a view needs.
 *
 * <p>Legend: B batch, N tokens, D width, H heads, Dh = D / H head width.
 * The q, k and v projections are stacked into one (3D, D) layer, so a pass projects with one GEMM
 * into [B, N, 3·D]. Without a mask the device's self-attention op reads the heads straight from that
 * and writes the merged context [B, N, D] (no permutes or slices), and the probabilities
 * [B, H, N, N] only when a view keeps them; with a mask (added to the scores) the heads are split
 * apart and go through GEMM, softmax and GEMM.
 */
public final class SelfAttention implements AutoCloseable {
    private final Device device;
    private final Linear qkv;   // (3D, D): q, k, v stacked
    private final Linear proj;  // (D, D)
    private final int heads;
    private final float scale;  // multiplies q·kᵀ (usually Dh^-0.5)
    private final Scratch scratch;
    private final boolean ownsScratch;
    /** Whether the device computes in host arrays, so kept maps can be written in place ({@link Device#wrap}). */
    private final boolean hostMemory;

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
        try (Tensor probe = device.wrap(new float[0], 0)) {
            this.hostMemory = probe != null;
        }
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
        int b = x.dim(0), n = x.dim(1), d = proj.in();
        // 1. q, k, v in one GEMM: [B, N, 3·D], q | k | v, each heads-major
        Tensor packed = scratch.get("attn.qkv", b, n, 3 * d);
        qkv.forward(packed, x);
        // 2. context = softmax(scale · q·kᵀ (+ mask)) · v per head, heads merged into [B, N, D]
        Tensor merged = scratch.get("attn.merged", b, n, d);
        float[] maps = null;
        if (mask == null) {
            maps = attend(merged, packed, capture != null);
        } else {
            attendMasked(merged, packed, mask);
        }
        // 3. output projection
        proj.forward(y, merged, null, accumulate);
        // 4. what the views keep
        if (capture != null) {
            capture.attention(maps != null ? maps : device.download(scratch.get("attn.probs", b, heads, n, n)), b,
                    heads, n);
            if (capture.wantsQkv()) {
                keepQkv(capture, packed, b, n, d / heads);
            }
        }
    }

    /**
     * The fused op straight from the packed projection. When the maps are kept, on a device that
     * computes in host memory they are written into a fresh array handed back here (no copy);
     * elsewhere into the arena's probabilities, downloaded by the caller (null returned).
     */
    private float[] attend(Tensor merged, Tensor packed, boolean keep) {
        int b = packed.dim(0), n = packed.dim(1);
        if (!keep) {
            device.selfAttention(merged, null, packed, heads, scale);
            return null;
        }
        if (hostMemory) {
            long size = (long) b * heads * n * n;
            if (size > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("attention maps of " + b + " × " + heads + " heads × " + n + "² tokens ("
                        + size + " floats) do not fit one array: use a smaller input or keep fewer maps");
            }
            float[] maps = new float[(int) size];
            try (Tensor probs = device.wrap(maps, b, heads, n, n)) {
                device.selfAttention(merged, probs, packed, heads, scale);
            }
            return maps;
        }
        device.selfAttention(merged, scratch.get("attn.probs", b, heads, n, n), packed, heads, scale);
        return null;
    }

    /** With a mask added to the scores: heads apart, GEMM, softmax, GEMM, heads merged back. */
    private void attendMasked(Tensor merged, Tensor packed, Tensor mask) {
        int b = packed.dim(0), n = packed.dim(1), dh = packed.dim(2) / (3 * heads);
        Tensor split = splitHeads(packed);
        Tensor qh = head(split, 0, "attn.q", b, n, dh);
        Tensor kh = head(split, 1, "attn.k", b, n, dh);
        Tensor vh = head(split, 2, "attn.v", b, n, dh);
        Tensor probs = scratch.get("attn.probs", b, heads, n, n);
        Tensor ctx = scratch.get("attn.ctx", b, heads, n, dh);
        device.gemm(probs, qh, false, kh, true, null, scale);
        device.add(probs, probs, mask);
        device.softmaxRows(probs, probs);
        device.matmul(ctx, probs, vh);
        try (Tensor m = merged.reshape(b, n, heads, dh)) {
            device.permute(m, ctx, 0, 2, 1, 3);
        }
        qh.close();
        kh.close();
        vh.close();
    }

    /** q, k and v [B, H, N, Dh] for a view that asked: one permute and one download, split on the host. */
    private void keepQkv(LayerCapture capture, Tensor packed, int b, int n, int dh) {
        float[] all = device.download(splitHeads(packed));
        int part = all.length / 3;
        capture.qkv(Arrays.copyOfRange(all, 0, part), Arrays.copyOfRange(all, part, 2 * part),
                Arrays.copyOfRange(all, 2 * part, 3 * part), dh);
    }

    /** The packed projection [B, N, 3, H, Dh] permuted to [3, B, H, N, Dh] in the arena. */
    private Tensor splitHeads(Tensor packed) {
        int b = packed.dim(0), n = packed.dim(1), dh = packed.dim(2) / (3 * heads);
        Tensor split = scratch.get("attn.qkvHeads", 3, b, heads, n, dh);
        try (Tensor p = packed.reshape(b, n, 3, heads, dh)) {
            device.permute(split, p, 2, 0, 3, 1, 4);
        }
        return split;
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
