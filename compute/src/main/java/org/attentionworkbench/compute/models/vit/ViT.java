package org.attentionworkbench.compute.models.vit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.nn.Captured;
import org.attentionworkbench.compute.nn.LayerNorm;
import org.attentionworkbench.compute.nn.Linear;
import org.attentionworkbench.compute.nn.Scratch;
import org.attentionworkbench.compute.nn.SelfAttention;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.HostTensor;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * One Vision Transformer for the whole family (timm, DINO, DINOv2, HF, vit-pytorch), driven by
 * {@link ViTConfig}; weights under the internal names of {@link ViTLayout}.
 *
 * <p>Legend: B batch, C channels, H×W pixels, P patch, G = (H/P)·(W/P) patches, R registers,
 * T = prefix + G tokens, D width, L layers.
 */
public final class ViT implements AutoCloseable {
    private final Device device;
    private final ViTConfig cfg;
    private final Linear patchEmbed;       // the (D, C, P, P) convolution as a Linear over (C·P·P) patch rows
    private final float[] prefix;          // (prefix, D): class token (+ its position) then registers
    private final float[] posGrid;         // (D, gridH, gridW) trained patch position embedding
    private final Map<Long, Tensor> posCache = new HashMap<>(); // (G, D) per patch grid
    private final Map<Integer, Tensor> prefixCache = new HashMap<>(); // (B, prefix, D) per batch size
    private final Scratch scratch;         // intermediates of every pass, reused across passes
    private final Block[] blocks;          // (L)
    private final LayerNorm norm;          // final norm or null
    private final Linear head;             // (classes, D) or null
    private final Linear head0;            // two-layer head: (hidden, D)
    private final Linear head2;            // two-layer head: (classes, hidden)

    private record Block(LayerNorm norm1, SelfAttention attn, LayerNorm norm2, Linear fc1, Linear fc2) {}

    public ViT(Device device, ViTLoader.Loaded loaded) {
        this.device = device;
        this.cfg = loaded.config();
        Map<String, HostTensor> w = loaded.weights();
        this.scratch = new Scratch(device);
        int d = cfg.dim();
        int patchPixels = cfg.channels() * cfg.patch() * cfg.patch();
        patchEmbed = new Linear(device, w.get("patch.weight").data(), orZeros(w, "patch.bias", d), d, patchPixels);
        // prefix tokens and position embedding stay on the host: tiny, and resampled per input grid
        prefix = ViTEmbeddings.prefix(cfg, w);
        posGrid = ViTEmbeddings.positionGrid(cfg, w);
        blocks = new Block[cfg.depth()];
        for (int i = 0; i < cfg.depth(); i++) {
            String b = "blocks." + i + ".";
            blocks[i] = new Block(
                    layerNorm(w, b + "norm1"),
                    new SelfAttention(device, linear(w, b + "q"), linear(w, b + "k"), linear(w, b + "v"),
                            linear(w, b + "proj"), cfg.heads(), cfg.attnScale(), scratch),
                    layerNorm(w, b + "norm2"),
                    linear(w, b + "fc1"),
                    linear(w, b + "fc2"));
        }
        norm = cfg.finalNorm() ? layerNorm(w, "norm") : null;
        head = cfg.classes() > 0 && cfg.headHidden() == 0 ? linear(w, "head") : null;
        head0 = cfg.headHidden() > 0 ? linear(w, "head0") : null;
        head2 = cfg.headHidden() > 0 ? linear(w, "head2") : null;
    }

    public ViTConfig config() {
        return cfg;
    }

    public Device device() {
        return device;
    }

    /**
     * What a forward pass returns, on the host.
     *
     * @param logits  (B, classes) or null without a head
     * @param tokens  final tokens (B, T, D), after the final norm when there is one
     * @param layers  per layer what was captured (null entries for layers not asked for)
     * @param gridH   patch rows of this input
     * @param gridW   patch columns of this input
     */
    public record Output(HostTensor logits, HostTensor tokens, List<Captured> layers, int gridH, int gridW) {}

    /**
     * pixels (B, C, H, W), normalised as the model expects → logits, tokens and captured maps. One
     * pass at a time: the intermediates live in an arena shared by the passes.
     */
    public Output forward(Tensor pixels, CaptureRequest capture) {
        int b = pixels.dim(0);
        int gh = pixels.dim(2) / cfg.patch();
        int gw = pixels.dim(3) / cfg.patch();
        List<Captured> captured = new ArrayList<>();
        Tensor x = runBlocks(pixels, capture, captured, null, blocks.length);
        if (norm != null) {
            norm.forward(x, x);
        }
        HostTensor tokens = new HostTensor(x.shape(), device.download(x));
        HostTensor logits = cfg.classes() > 0 ? classify(x, b) : null;
        return new Output(logits, tokens, captured, gh, gw);
    }

    /**
     * What {@link #forwardHidden} returns.
     *
     * @param states  per requested block, in the order asked, its output tokens (B, T, D) on the
     *                device, before the final norm; the caller closes them
     * @param layers  per block run what was captured (null entries for blocks not asked for)
     */
    public record Hidden(List<Tensor> states, List<Captured> layers, int gridH, int gridW) {}

    /**
     * Runs the blocks up to the last of {@code afterBlocks} (0-based, ascending) and keeps each of
     * those blocks' output tokens on the device (dense-prediction heads such as DPT read several).
     */
    public Hidden forwardHidden(Tensor pixels, CaptureRequest capture, int... afterBlocks) {
        for (int i = 0; i < afterBlocks.length; i++) {
            if (afterBlocks[i] < 0 || afterBlocks[i] >= blocks.length || (i > 0 && afterBlocks[i] <= afterBlocks[i - 1])) {
                throw new IllegalArgumentException("blocks " + java.util.Arrays.toString(afterBlocks)
                        + " are not ascending indices below " + blocks.length);
            }
        }
        List<Captured> captured = new ArrayList<>();
        List<Tensor> states = new ArrayList<>();
        runBlocks(pixels, capture, captured, (x, i) -> {
            if (java.util.Arrays.binarySearch(afterBlocks, i) >= 0) {
                Tensor copy = device.allocate(x.shape());
                device.copy(copy, x);
                states.add(copy);
            }
        }, afterBlocks.length == 0 ? 0 : afterBlocks[afterBlocks.length - 1] + 1);
        return new Hidden(states, captured, pixels.dim(2) / cfg.patch(), pixels.dim(3) / cfg.patch());
    }

    /** Embedding then blocks 0 … count-1 on the scratch tokens x (B, T, D), which it returns. */
    private Tensor runBlocks(Tensor pixels, CaptureRequest capture, List<Captured> captured,
            java.util.function.ObjIntConsumer<Tensor> afterBlock, int count) {
        int b = pixels.dim(0);
        int gh = pixels.dim(2) / cfg.patch();
        int gw = pixels.dim(3) / cfg.patch();
        int t = cfg.prefixTokens() + gh * gw;
        int d = cfg.dim();
        Tensor x = scratch.get("vit.x", b, t, d);
        Tensor h = scratch.get("vit.h", b, t, d);
        Tensor mlp = scratch.get("vit.mlp", b, t, cfg.mlpHidden());
        embed(x, pixels, b, gh, gw);
        for (int i = 0; i < count; i++) {
            Block blk = blocks[i];
            Captured.Sink sink = capture.wants(i) ? new Captured.Sink(capture.qkv()) : null;
            if (sink != null && capture.tokens()) {
                sink.input(new HostTensor(x.shape(), device.download(x)));
            }
            // x = x + attn(norm1(x))
            // (the residual adds and GELU run in the GEMMs' epilogues)
            blk.norm1().forward(h, x);
            blk.attn().forward(x, h, null, sink, true);
            // x = x + fc2(gelu(fc1(norm2(x))))
            blk.norm2().forward(h, x);
            blk.fc1().forward(mlp, h, Activation.GELU, false);
            blk.fc2().forward(x, mlp, null, true);
            if (sink != null && capture.tokens()) {
                sink.tokens(new HostTensor(x.shape(), device.download(x)));
            }
            captured.add(sink == null ? null : sink.build());
            if (afterBlock != null) {
                afterBlock.accept(x, i);
            }
        }
        return x;
    }

    /** Patch embedding, position embedding, then [class, registers, patches] into x (B, T, D). */
    private void embed(Tensor x, Tensor pixels, int b, int gh, int gw) {
        int d = cfg.dim();
        int g = gh * gw;
        int p = cfg.patch();
        int c = cfg.channels();
        Tensor patches = scratch.get("vit.patches", b, g, d);
        Tensor pre = cfg.prefixTokens() == 0 ? null : prefixCache.computeIfAbsent(b,
                key -> device.upload(repeat(prefix, key), key, cfg.prefixTokens(), d));
        // The patch convolution (kernel = stride, unpadded) as each patch's pixels in one (C, P, P) row
        // and a Linear on the packed-weight GEMM, writing tokens (B, G, D) directly: ViT-S/16, hot,
        // 0.29-0.32 ms against 0.38 for the convolution alone, before the permute its (B, D, G) output needed.
        Tensor grid = cropToGrid(pixels, gh * p, gw * p);
        Tensor rows = scratch.get("vit.patchRows", b, gh, gw, c, p, p);
        try (Tensor blocks6 = grid.reshape(b, c, gh, p, gw, p);
                Tensor rowsFlat = rows.reshape(b, g, c * p * p)) {
            device.permute(rows, blocks6, 0, 2, 4, 1, 3, 5);
            patchEmbed.forward(patches, rowsFlat);
        }
        device.add(patches, patches, position(gh, gw));
        if (pre != null) {
            device.place(x, pre, 1, 0);
        }
        device.place(x, patches, 1, cfg.prefixTokens());
    }

    /** The pixels on the patch grid: as they are, or without the right and bottom remainders (as a stride-P conv). */
    private Tensor cropToGrid(Tensor pixels, int h, int w) {
        Tensor t = pixels;
        if (t.dim(2) != h) {
            Tensor rowsCut = scratch.get("vit.cropRows", t.dim(0), t.dim(1), h, t.dim(3));
            device.slice(rowsCut, t, 2, 0);
            t = rowsCut;
        }
        if (t.dim(3) != w) {
            Tensor colsCut = scratch.get("vit.cropCols", t.dim(0), t.dim(1), h, w);
            device.slice(colsCut, t, 3, 0);
            t = colsCut;
        }
        return t;
    }

    /** Patch position embedding for a grid (G, D), resampled as the layout does and cached. */
    private Tensor position(int gh, int gw) {
        return posCache.computeIfAbsent(((long) gh << 32) | gw, key -> {
            int d = cfg.dim();
            float[] grid = cfg.posInterp().resample(posGrid, d, cfg.gridH(), cfg.gridW(), gh, gw);
            int g = gh * gw;
            float[] tokens = new float[g * d]; // (D, G) → (G, D)
            for (int c = 0; c < d; c++) {
                for (int i = 0; i < g; i++) {
                    tokens[i * d + c] = grid[c * g + i];
                }
            }
            return device.upload(tokens, g, d);
        });
    }

    /** Head on the class token (or the mean of the patch tokens when there is none). */
    private HostTensor classify(Tensor x, int b) {
        int d = cfg.dim();
        Tensor pooled = scratch.get("vit.pooled", b, 1, d);
        Tensor logits = scratch.get("vit.logits", b, cfg.classes());
        if (cfg.classToken()) {
            device.slice(pooled, x, 1, 0);
        } else {
            Tensor patches = scratch.get("vit.patchTokens", b, x.dim(1) - cfg.prefixTokens(), d);
            try (Tensor mean = pooled.reshape(b, d)) {
                device.slice(patches, x, 1, cfg.prefixTokens());
                device.mean(mean, patches, 1);
            }
        }
        try (Tensor p2 = pooled.reshape(b, d)) {
            if (head != null) {
                head.forward(logits, p2);
            } else {
                Tensor hidden = scratch.get("vit.headHidden", b, cfg.headHidden());
                head0.forward(hidden, p2);
                device.activate(hidden, hidden, Activation.GELU);
                head2.forward(logits, hidden);
            }
        }
        return new HostTensor(logits.shape(), device.download(logits));
    }

    private LayerNorm layerNorm(Map<String, HostTensor> w, String name) {
        return new LayerNorm(device, w.get(name + ".weight").data(), orZeros(w, name + ".bias", cfg.dim()), cfg.eps());
    }

    private Linear linear(Map<String, HostTensor> w, String name) {
        HostTensor weight = w.get(name + ".weight");
        HostTensor bias = w.get(name + ".bias");
        return new Linear(device, weight.data(), bias == null ? null : bias.data(), weight.dim(0), weight.dim(1));
    }

    private static float[] orZeros(Map<String, HostTensor> w, String name, int n) {
        HostTensor t = w.get(name);
        return t == null ? new float[n] : t.data();
    }

    private static float[] repeat(float[] a, int times) {
        float[] out = new float[a.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(a, 0, out, i * a.length, a.length);
        }
        return out;
    }

    @Override
    public void close() {
        patchEmbed.close();
        posCache.values().forEach(Tensor::close);
        prefixCache.values().forEach(Tensor::close);
        for (Block blk : blocks) {
            blk.norm1().close();
            blk.attn().close();
            blk.norm2().close();
            blk.fc1().close();
            blk.fc2().close();
        }
        scratch.close();
        for (AutoCloseable c : new AutoCloseable[] {norm, head, head0, head2}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
