package org.attentionworkbench.compute.models.vit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attentionworkbench.compute.checkpoint.Checkpoint;
import org.attentionworkbench.compute.checkpoint.CheckpointException;
import org.attentionworkbench.compute.checkpoint.TensorEntry;
import org.attentionworkbench.compute.tensor.HostTensor;

/**
 * Reads a ViT-family checkpoint into the internal naming, infers the configuration from shapes and
 * options, and checks every key: one error lists what is missing, unexpected or mis-shaped.
 */
public final class ViTLoader {
    private ViTLoader() {}

    /** The configuration and the weights under internal names (qkv split, layer scale folded). */
    public record Loaded(ViTConfig config, Map<String, HostTensor> weights) {}

    public static Loaded load(Checkpoint source, ViTOptions options) {
        Checkpoint ckpt = unwrap(source);
        List<String> keys = ckpt.entries().stream().map(TensorEntry::name).toList();
        ViTLayout layout = options.layout() != null ? options.layout() : ViTLayout.detect(keys);
        if (layout == null) {
            throw new CheckpointException(ckpt.file(), "not a ViT checkpoint in a known layout (timm, DINO, "
                    + "DINOv2, HF transformers, vit-pytorch); first keys: " + keys.subList(0, Math.min(8, keys.size())));
        }
        // 1. map names, collect what the model does not know
        Map<String, HostTensor> w = new LinkedHashMap<>();
        List<String> unexpected = new ArrayList<>();
        for (String k : keys) {
            String name = layout.internalName(k);
            if (name == null) {
                continue;
            }
            if (name.startsWith("?")) {
                unexpected.add(k);
                continue;
            }
            w.put(name, new HostTensor(ckpt.entry(k).shape(), ckpt.readFloats(k)));
        }
        if (!unexpected.isEmpty()) {
            throw new CheckpointException(ckpt.file(), "keys not part of a " + layout.id() + " ViT: "
                    + abbreviate(unexpected));
        }
        // 2. shapes the config follows from
        // the tensors whose dims the config is read from must have the ranks those reads assume
        String badRank = ranks(w, "patch.weight", 2, 4, "pos", 2, 3, "reg", 2, 3, "cls", 1, 3,
                "blocks.0.fc1.weight", 2, 2, "head.weight", 2, 2, "head0.weight", 2, 2, "head2.weight", 2, 2);
        if (badRank != null) {
            throw new CheckpointException(ckpt.file(), layout.id() + " layout: " + badRank);
        }
        HostTensor patch = require(ckpt, w, "patch.weight", layout);
        int dim = patch.dim(0);
        if (dim <= 0 || patch.data().length == 0) {
            throw new CheckpointException(ckpt.file(), "patch embedding " + Arrays.toString(patch.shape())
                    + " is empty (" + layout.id() + " layout)");
        }
        int depth = 0;
        while (w.containsKey("blocks." + depth + ".norm1.weight")) {
            depth++;
        }
        if (depth == 0) {
            throw new CheckpointException(ckpt.file(), "no transformer blocks found (" + layout.id() + " layout)");
        }
        int channels;
        int p;
        if (patch.shape().length == 2) { // vit-pytorch: Linear over flattened (p1, p2, c) patches
            int flat = patch.dim(1);
            channels = options.channels() > 0 ? options.channels() : (isSquare(flat / 3) && flat % 3 == 0 ? 3 : 1);
            p = options.patch() > 0 ? options.patch() : (int) Math.round(Math.sqrt(flat / (double) channels));
            if (p * p * channels != flat) {
                throw new CheckpointException(ckpt.file(), "patch embedding of width " + flat
                        + " does not fit patch " + p + " × " + p + " × " + channels + " channels");
            }
            w.put("patch.weight", linearPatchToConv(patch, dim, p, channels));
        } else {
            channels = patch.dim(1);
            p = patch.dim(2);
        }
        if (layout == ViTLayout.VIT_PYTORCH && options.heads() == 0) {
            // vit-pytorch models choose heads freely (ViT4MNIST: width 64, 8 heads): D/64 would be a guess
            throw new CheckpointException(ckpt.file(), "vit-pytorch checkpoint: its head count cannot be read from "
                    + "the weights; give it in a model card (\"heads\", with \"scaleByWidth\" and \"preprocess\", "
                    + "see samples/models/vit4mnist.json) or config.json (num_attention_heads)");
        }
        int heads = options.heads() > 0 ? options.heads() : dim / 64;
        if (heads <= 0 || dim % heads != 0) {
            throw new CheckpointException(ckpt.file(), "cannot infer the head count for width " + dim
                    + "; give it in config.json or the model card (heads)");
        }
        boolean cls = w.containsKey("cls");
        int registers = w.containsKey("reg") ? w.get("reg").dim(-2) : 0;
        HostTensor pos = require(ckpt, w, "pos", layout);
        int posTokens = pos.dim(-2);
        boolean posCoversClass = cls && !isSquare(posTokens) && isSquare(posTokens - 1);
        int grid = posTokens - (posCoversClass ? 1 : 0);
        if (!isSquare(grid)) {
            throw new CheckpointException(ckpt.file(), "position embedding with " + posTokens
                    + " tokens is not a square patch grid");
        }
        int side = (int) Math.round(Math.sqrt(grid));
        boolean finalNorm = w.containsKey("norm.weight");
        int headHidden = w.containsKey("head0.weight") ? w.get("head0.weight").dim(0) : 0;
        int classes = headHidden > 0 ? require(ckpt, w, "head2.weight", layout).dim(0)
                : w.containsKey("head.weight") ? w.get("head.weight").dim(0) : 0;
        int mlpHidden = require(ckpt, w, "blocks.0.fc1.weight", layout).dim(0);
        float eps = Float.isNaN(options.eps()) ? layout.defaultEps() : options.eps();
        boolean byWidth = options.scaleByWidth() != null ? options.scaleByWidth() : layout == ViTLayout.VIT_PYTORCH;
        float scale = (float) Math.pow(byWidth ? dim : dim / (double) heads, -0.5);
        PosInterpolation interp = options.posInterp() != null ? options.posInterp()
                : layout == ViTLayout.DINOV2 && registers > 0 ? PosInterpolation.DINOV2_REG
                : layout.posInterpolation();
        ViTConfig cfg = new ViTConfig(layout, channels, p, dim, depth, heads, mlpHidden, eps, scale, cls, registers,
                posCoversClass, side, side, interp, finalNorm, headHidden, classes);

        // 3. per-block tensors: split fused qkv, fold layer scale, check shapes
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            String b = "blocks." + i + ".";
            HostTensor qkv = w.remove(b + "qkv.weight");
            HostTensor qkvBias = w.remove(b + "qkv.bias");
            if (qkv != null && !Arrays.equals(qkv.shape(), new int[] {3 * dim, dim})) {
                problems.add(b + "qkv.weight is " + Arrays.toString(qkv.shape()) + ", expected [" + 3 * dim + ", "
                        + dim + "]");
            } else if (qkvBias != null && !Arrays.equals(qkvBias.shape(), new int[] {3 * dim})) {
                problems.add(b + "qkv.bias is " + Arrays.toString(qkvBias.shape()) + ", expected [" + 3 * dim + "]");
            } else if (qkv != null) {
                split(w, b, "weight", qkv, dim);
                if (qkvBias != null) {
                    split(w, b, "bias", qkvBias, dim);
                }
            }
            fold(w, problems, b + "ls1", b + "proj");
            fold(w, problems, b + "ls2", b + "fc2");
            expect(w, problems, b + "norm1.weight", dim);
            expect(w, problems, b + "norm1.bias", dim);
            for (String m : List.of("q", "k", "v", "proj")) {
                expect(w, problems, b + m + ".weight", dim, dim);
            }
            expect(w, problems, b + "norm2.weight", dim);
            expect(w, problems, b + "norm2.bias", dim);
            expect(w, problems, b + "fc1.weight", mlpHidden, dim);
            expect(w, problems, b + "fc2.weight", dim, mlpHidden);
        }
        if (!problems.isEmpty()) {
            throw new CheckpointException(ckpt.file(), layout.id() + " layout: " + String.join("; ", problems));
        }
        return new Loaded(cfg, w);
    }

    /** Training checkpoints wrap the state dict: {"model": …}, {"state_dict": …}, DINO's {"teacher": …}. */
    private static Checkpoint unwrap(Checkpoint c) {
        List<String> keys = c.entries().stream().map(TensorEntry::name).toList();
        if (ViTLayout.detect(keys) != null) {
            return c;
        }
        for (String prefix : List.of("teacher", "model", "state_dict", "module", "backbone")) {
            if (keys.stream().anyMatch(k -> k.startsWith(prefix + "."))) {
                return unwrap(c.subtree(prefix));
            }
        }
        return c;
    }

    /** For (name, min rank, max rank) triples: the first present tensor whose rank is outside its range. */
    private static String ranks(Map<String, HostTensor> w, Object... spec) {
        for (int i = 0; i < spec.length; i += 3) {
            HostTensor t = w.get((String) spec[i]);
            if (t != null && (t.shape().length < (int) spec[i + 1] || t.shape().length > (int) spec[i + 2])) {
                return spec[i] + " has shape " + Arrays.toString(t.shape()) + ", expected " + spec[i + 1]
                        + (spec[i + 1].equals(spec[i + 2]) ? "" : " to " + spec[i + 2]) + " dimensions";
            }
        }
        return null;
    }

    private static HostTensor require(Checkpoint c, Map<String, HostTensor> w, String name, ViTLayout layout) {
        HostTensor t = w.get(name);
        if (t == null) {
            throw new CheckpointException(c.file(), "missing " + name + " (" + layout.id() + " layout)");
        }
        return t;
    }

    private static void expect(Map<String, HostTensor> w, List<String> problems, String name, int... shape) {
        HostTensor t = w.get(name);
        if (t == null) {
            problems.add("missing " + name);
        } else if (!Arrays.equals(t.shape(), shape)) {
            problems.add(name + " is " + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(shape));
        }
    }

    /** Fused (3D, …) qkv rows → q, k, v. */
    private static void split(Map<String, HostTensor> w, String block, String part, HostTensor qkv, int dim) {
        int rowLen = qkv.data().length / (3 * dim);
        String[] names = {"q", "k", "v"};
        for (int j = 0; j < 3; j++) {
            float[] d = Arrays.copyOfRange(qkv.data(), j * dim * rowLen, (j + 1) * dim * rowLen);
            w.put(block + names[j] + "." + part, rowLen == 1 ? new HostTensor(new int[] {dim}, d)
                    : new HostTensor(new int[] {dim, rowLen}, d));
        }
    }

    /** gamma ⊙ (W x + b) = (diag(gamma) W) x + gamma ⊙ b: layer scale folded into the linear before it. */
    private static void fold(Map<String, HostTensor> w, List<String> problems, String gammaName, String linear) {
        HostTensor gamma = w.remove(gammaName);
        if (gamma == null) {
            return;
        }
        HostTensor weight = w.get(linear + ".weight");
        HostTensor bias = w.get(linear + ".bias");
        if (weight == null || weight.shape().length != 2 || gamma.data().length != weight.dim(0)
                || (bias != null && bias.data().length != weight.dim(0))) {
            problems.add(gammaName + " " + Arrays.toString(gamma.shape()) + " does not fit " + linear + " "
                    + (weight == null ? "(missing)" : Arrays.toString(weight.shape())));
            return;
        }
        int rows = weight.dim(0);
        int cols = weight.dim(1);
        float[] nw = weight.data().clone();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                nw[r * cols + c] *= gamma.data()[r];
            }
        }
        w.put(linear + ".weight", new HostTensor(weight.shape(), nw));
        if (bias != null) {
            float[] nb = bias.data().clone();
            for (int r = 0; r < rows; r++) {
                nb[r] *= gamma.data()[r];
            }
            w.put(linear + ".bias", new HostTensor(bias.shape(), nb));
        }
    }

    /** vit-pytorch's Linear over (p1, p2, c)-flattened patches as a conv weight [D, C, P, P]. */
    private static HostTensor linearPatchToConv(HostTensor lin, int dim, int p, int channels) {
        float[] src = lin.data();
        float[] dst = new float[src.length];
        for (int o = 0; o < dim; o++) {
            for (int y = 0; y < p; y++) {
                for (int x = 0; x < p; x++) {
                    for (int c = 0; c < channels; c++) {
                        dst[((o * channels + c) * p + y) * p + x] = src[o * p * p * channels + (y * p + x) * channels + c];
                    }
                }
            }
        }
        return new HostTensor(new int[] {dim, channels, p, p}, dst);
    }

    private static boolean isSquare(int n) {
        int r = (int) Math.round(Math.sqrt(n));
        return n > 0 && r * r == n;
    }

    private static String abbreviate(List<String> keys) {
        return keys.size() <= 12 ? keys.toString() : keys.subList(0, 12) + " and " + (keys.size() - 12) + " more";
    }

    /** Weights in the order they are uploaded; a plain map view for tests. */
    static Map<String, int[]> shapes(Map<String, HostTensor> w) {
        Map<String, int[]> out = new HashMap<>();
        w.forEach((k, v) -> out.put(k, v.shape()));
        return out;
    }
}
