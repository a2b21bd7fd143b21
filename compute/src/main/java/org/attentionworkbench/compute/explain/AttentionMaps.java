package org.attentionworkbench.compute.explain;

import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.compute.models.AttentionExport;
import org.attentionworkbench.compute.models.vit.ViT;
import org.attentionworkbench.compute.models.vit.ViTConfig;
import org.attentionworkbench.compute.nn.Captured;
import org.attentionworkbench.compute.tensor.HostTensor;

/**
 * An immutable view over the attention of one input: float32 [L, H, N, N], rows are queries and
 * columns keys, each row a softmax. Token order: {@code prefix} special tokens (class token,
 * registers) and then {@code gridH × gridW} patches row-major; text has no grid (gridH = gridW = 0).
 *
 * <p>Legend: L layers, H heads, N tokens, q query, k key, G = gridH·gridW patches.
 *
 * <p>Every accessor reads the backing array in place and allocates only its result, and each has a
 * form that writes into a caller's array, so hover updates in a viewer allocate nothing.
 */
public final class AttentionMaps {
    private final float[] data;
    private final int layers;
    private final int heads;
    private final int tokens;
    private final int prefix;
    private final int gridH;
    private final int gridW;

    /**
     * @param data    [L, H, N, N] row-major; kept, not copied (callers hand over ownership)
     * @param prefix  special tokens before the patches
     * @param gridH   patch rows, 0 for text
     * @param gridW   patch columns, 0 for text
     */
    public AttentionMaps(float[] data, int layers, int heads, int tokens, int prefix, int gridH, int gridW) {
        if (layers <= 0 || heads <= 0 || tokens <= 0) {
            throw new IllegalArgumentException("layers, heads and tokens must be positive: L" + layers + " H" + heads
                    + " N" + tokens);
        }
        if ((long) layers * heads * tokens * tokens != data.length) {
            throw new IllegalArgumentException("attention has " + data.length + " values, [L" + layers + ", H" + heads
                    + ", N" + tokens + ", N" + tokens + "] needs " + (long) layers * heads * tokens * tokens);
        }
        if (gridH < 0 || gridW < 0 || (gridH == 0) != (gridW == 0)) {
            throw new IllegalArgumentException("grid " + gridH + "x" + gridW + ": both positive, or both 0 for text");
        }
        if (prefix < 0 || (gridH > 0 && prefix + gridH * gridW != tokens) || prefix > tokens) {
            throw new IllegalArgumentException("prefix " + prefix + " + grid " + gridH + "x" + gridW + " != " + tokens
                    + " tokens");
        }
        this.data = data;
        this.layers = layers;
        this.heads = heads;
        this.tokens = tokens;
        this.prefix = prefix;
        this.gridH = gridH;
        this.gridW = gridW;
    }

    /** The captured layers of batch item 0, in layer order (layers not captured are left out). */
    public static AttentionMaps fromVit(ViT.Output out, ViTConfig cfg) {
        List<Captured> captured = new ArrayList<>();
        for (Captured c : out.layers()) {
            if (c != null && c.attention() != null) {
                captured.add(c);
            }
        }
        if (captured.isEmpty()) {
            throw new IllegalArgumentException("no attention captured: run with CaptureRequest.allAttention(depth)");
        }
        HostTensor all = AttentionExport.stack(captured);
        return new AttentionMaps(all.data(), all.dim(0), all.dim(1), all.dim(2), cfg.prefixTokens(), out.gridH(),
                out.gridW());
    }

    public int layers() {
        return layers;
    }

    public int heads() {
        return heads;
    }

    public int tokens() {
        return tokens;
    }

    public int prefix() {
        return prefix;
    }

    public int gridH() {
        return gridH;
    }

    public int gridW() {
        return gridW;
    }

    /** Whether the tokens after the prefix form a patch grid (false for text). */
    public boolean hasGrid() {
        return gridH > 0;
    }

    /** The backing [L, H, N, N] array itself: read it, never write it. */
    public float[] data() {
        return data;
    }

    /** Offset of row (l, h, q) in {@link #data()}. */
    public int offset(int l, int h, int q) {
        return ((l * heads + h) * tokens + q) * tokens;
    }

    public float get(int l, int h, int q, int k) {
        check(l, h);
        return data[offset(l, h, token(q)) + token(k)];
    }

    /** Where query q looks: [N]. */
    public float[] row(int l, int h, int q) {
        return row(l, h, q, new float[tokens]);
    }

    public float[] row(int l, int h, int q, float[] dst) {
        check(l, h);
        System.arraycopy(data, offset(l, h, token(q)), dst, 0, tokens);
        return dst;
    }

    /** The reverse view, who attends to key k: [N] over queries. */
    public float[] column(int l, int h, int k) {
        return column(l, h, k, new float[tokens]);
    }

    public float[] column(int l, int h, int k, float[] dst) {
        check(l, h);
        int base = offset(l, h, 0) + token(k);
        for (int q = 0; q < tokens; q++) {
            dst[q] = data[base + q * tokens];
        }
        return dst;
    }

    /** Row q of layer l with the heads fused: [N]. */
    public float[] fusedRow(int l, int q, HeadFusion f) {
        return fusedRow(l, q, f, new float[tokens]);
    }

    public float[] fusedRow(int l, int q, HeadFusion f, float[] dst) {
        check(l, 0);
        token(q);
        // heads outer, keys inner: every pass reads one contiguous row, which the JIT vectorises
        System.arraycopy(data, offset(l, 0, q), dst, 0, tokens);
        for (int h = 1; h < heads; h++) {
            int o = offset(l, h, q);
            switch (f) {
                case MEAN -> {
                    for (int k = 0; k < tokens; k++) {
                        dst[k] += data[o + k];
                    }
                }
                case MIN -> {
                    for (int k = 0; k < tokens; k++) {
                        dst[k] = Math.min(dst[k], data[o + k]);
                    }
                }
                case MAX -> {
                    for (int k = 0; k < tokens; k++) {
                        dst[k] = Math.max(dst[k], data[o + k]);
                    }
                }
            }
        }
        if (f == HeadFusion.MEAN) {
            float hs = heads;
            for (int k = 0; k < tokens; k++) {
                dst[k] /= hs;
            }
        }
        return dst;
    }

    /** Column k of layer l with the heads fused: [N] over queries. */
    public float[] fusedColumn(int l, int k, HeadFusion f) {
        return fusedColumn(l, k, f, new float[tokens]);
    }

    public float[] fusedColumn(int l, int k, HeadFusion f, float[] dst) {
        check(l, 0);
        token(k);
        for (int q = 0; q < tokens; q++) {
            int o = offset(l, 0, q) + k;
            int step = tokens * tokens; // from one head's row q to the next head's
            float acc = data[o];
            for (int h = 1; h < heads; h++) {
                float v = data[o + h * step];
                acc = switch (f) {
                    case MEAN -> acc + v;
                    case MIN -> Math.min(acc, v);
                    case MAX -> Math.max(acc, v);
                };
            }
            dst[q] = f == HeadFusion.MEAN ? acc / heads : acc;
        }
        return dst;
    }

    /** The patch part of a per-token vector: [gridH·gridW] row-major, the prefix dropped. */
    public float[] patchGrid(float[] tokenVector) {
        return patchGrid(tokenVector, new float[gridH * gridW]);
    }

    public float[] patchGrid(float[] tokenVector, float[] dst) {
        if (!hasGrid()) {
            throw new IllegalStateException("these maps have no patch grid (text)");
        }
        if (tokenVector.length < tokens) {
            throw new IllegalArgumentException("vector of " + tokenVector.length + " values for " + tokens + " tokens");
        }
        System.arraycopy(tokenVector, prefix, dst, 0, gridH * gridW);
        return dst;
    }

    /** DINO's per-head map: where token 0 (the class token) looks, over the patch grid. */
    public float[] clsMap(int l, int h) {
        if (!hasGrid()) {
            throw new IllegalStateException("these maps have no patch grid (text)");
        }
        check(l, h);
        float[] dst = new float[gridH * gridW];
        System.arraycopy(data, offset(l, h, 0) + prefix, dst, 0, dst.length);
        return dst;
    }

    private void check(int l, int h) {
        if (l < 0 || l >= layers || h < 0 || h >= heads) {
            throw new IndexOutOfBoundsException("layer " + l + " head " + h + " outside L" + layers + " H" + heads);
        }
    }

    private int token(int t) {
        if (t < 0 || t >= tokens) {
            throw new IndexOutOfBoundsException("token " + t + " outside N" + tokens);
        }
        return t;
    }
}
