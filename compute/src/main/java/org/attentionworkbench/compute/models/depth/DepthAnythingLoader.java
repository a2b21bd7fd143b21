package org.attentionworkbench.compute.models.depth;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attentionworkbench.compute.checkpoint.Checkpoint;
import org.attentionworkbench.compute.checkpoint.CheckpointException;
import org.attentionworkbench.compute.checkpoint.Checkpoints;
import org.attentionworkbench.compute.checkpoint.TensorEntry;
import org.attentionworkbench.compute.io.JsonText;
import org.attentionworkbench.compute.models.vit.PosInterpolation;
import org.attentionworkbench.compute.models.vit.ViTLayout;
import org.attentionworkbench.compute.models.vit.ViTLoader;
import org.attentionworkbench.compute.models.vit.ViTOptions;
import org.attentionworkbench.compute.tensor.HostTensor;

/**
 * Reads Depth Anything V2 in its two layouts: HF transformers ({@code DepthAnythingForDepthEstimation}:
 * a folder with model.safetensors, config.json, preprocessor_config.json) and the original repo's
 * {@code depth_anything_v2_vit{s,b,l}.pth} (and the metric ones, same keys). The backbone goes through
 * {@link ViTLoader}; neck and head weights are kept under the HF names ({@code neck.…}, {@code head.…}).
 */
public final class DepthAnythingLoader {
    private DepthAnythingLoader() {}

    /** The neck/head configuration, the backbone, and neck/head weights under HF names. */
    public record Loaded(DepthAnythingConfig config, ViTLoader.Loaded backbone, Map<String, HostTensor> head) {}

    static final float[] V2_FACTORS = {4, 2, 1, 0.5f};

    /** A folder (or its model.safetensors) in the HF layout, or an original .pth. */
    public static Loaded load(Path path, DepthOptions options) {
        if (Files.isDirectory(path)) {
            return loadHf(path, options);
        }
        if (!Files.isRegularFile(path)) {
            throw new CheckpointException(path, "no such Depth Anything checkpoint (a folder with model.safetensors "
                    + "and config.json, or a depth_anything_v2_*.pth)");
        }
        if (Files.isRegularFile(path.resolveSibling("config.json"))
                && path.getFileName().toString().endsWith(".safetensors")) {
            return loadHf(path.getParent() == null ? Path.of(".") : path.getParent(), options);
        }
        return loadOriginal(path, options);
    }

    // ----------------------------------------------------------------------------- HF layout

    static Loaded loadHf(Path dir, DepthOptions options) {
        Path cfgPath = dir.resolve("config.json");
        Path weights = dir.resolve("model.safetensors");
        if (!Files.isRegularFile(cfgPath)) {
            throw new CheckpointException(dir, "HF Depth Anything folder without config.json");
        }
        if (!Files.isRegularFile(weights)) {
            throw new CheckpointException(dir, "HF Depth Anything folder without model.safetensors");
        }
        JsonObject cfg = readJson(cfgPath);
        JsonObject bb = cfg.has("backbone_config") && cfg.get("backbone_config").isJsonObject()
                ? cfg.getAsJsonObject("backbone_config") : null;
        if (bb == null) {
            throw new CheckpointException(cfgPath, "config key 'backbone_config' is missing (not a Depth Anything config)");
        }
        // transformers writes only the values that differ from the class defaults: Dinov2Config has 12 heads
        int heads = options.heads() > 0 ? options.heads() : intKey(cfgPath, bb, "backbone_config.num_attention_heads",
                "num_attention_heads", 12);
        float eps = (float) doubleKey(cfgPath, bb, "layer_norm_eps", 1e-6);
        int[] outBlocks = options.outBlocks();
        if (outBlocks == null) {
            int[] stages = intsKey(cfgPath, bb, "backbone_config.out_indices", "out_indices");
            if (stages == null) {
                stages = stageNames(cfgPath, bb);
            }
            outBlocks = new int[stages.length];
            for (int i = 0; i < stages.length; i++) {
                outBlocks[i] = stages[i] - 1; // HF stage k is the output of block k − 1 (stage 0 the embeddings)
            }
        }
        float[] factors = cfg.has("reassemble_factors") ? floats(cfgPath, cfg, "reassemble_factors") : V2_FACTORS;
        String type = cfg.has("depth_estimation_type") ? cfg.get("depth_estimation_type").getAsString() : "relative";
        DepthKind kind = options.kind() != null ? options.kind() : switch (type) {
            case "relative" -> DepthKind.RELATIVE_INVERSE;
            case "metric" -> DepthKind.METRIC_METRES;
            default -> throw new CheckpointException(cfgPath, "config key 'depth_estimation_type' is '" + type
                    + "', expected relative or metric");
        };
        float maxDepth = !Float.isNaN(options.maxDepth()) ? options.maxDepth()
                : (float) doubleKey(cfgPath, cfg, "max_depth", 1.0);
        if (cfg.has("head_in_index") && cfg.get("head_in_index").getAsInt() != -1) {
            throw new CheckpointException(cfgPath, "config key 'head_in_index' is " + cfg.get("head_in_index")
                    + "; only -1 (the last fusion stage, as every released model) is supported");
        }
        DepthPreprocess.Recipe recipe = hfRecipe(dir.resolve("preprocessor_config.json"), options);
        try (Checkpoint ckpt = Checkpoints.open(weights)) {
            Map<String, HostTensor> head = new LinkedHashMap<>();
            List<String> unexpected = new ArrayList<>();
            for (TensorEntry e : ckpt.entries()) {
                String k = e.name();
                if (k.startsWith("neck.") || k.startsWith("head.")) {
                    head.put(k, new HostTensor(e.shape(), ckpt.readFloats(k)));
                } else if (!k.startsWith("backbone.")) {
                    unexpected.add(k);
                }
            }
            if (!unexpected.isEmpty()) {
                throw new CheckpointException(weights, "keys not part of a Depth Anything model: " + abbreviate(unexpected));
            }
            ViTOptions vo = ViTOptions.defaults().withLayout(ViTLayout.HF).withEps(eps).withPosInterp(PosInterpolation.HF);
            ViTLoader.Loaded backbone = ViTLoader.load(ckpt.subtree("backbone"), heads > 0 ? vo.withHeads(heads) : vo);
            DepthAnythingConfig c = configure(weights.toString(), backbone, head, outBlocks, factors, kind, maxDepth, recipe);
            checkConfigWidths(cfgPath, cfg, c);
            return new Loaded(c, backbone, head);
        }
    }

    /** out_features ["stage3", "stage6", …] → {3, 6, …}, when a config gives names instead of out_indices. */
    private static int[] stageNames(Path cfgPath, JsonObject bb) {
        if (!bb.has("out_features") || !bb.get("out_features").isJsonArray()) {
            throw new CheckpointException(cfgPath, "config key 'backbone_config.out_indices' (or out_features) is missing");
        }
        JsonArray a = bb.getAsJsonArray("out_features");
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            String n = a.get(i).isJsonPrimitive() ? a.get(i).getAsString() : "";
            if (!n.matches("stage\\d{1,3}")) {
                throw new CheckpointException(cfgPath, "config key 'backbone_config.out_features' holds '" + n
                        + "', expected stageN");
            }
            out[i] = Integer.parseInt(n.substring(5));
        }
        return out;
    }

    private static DepthPreprocess.Recipe hfRecipe(Path path, DepthOptions options) {
        int size = options.inputSize() > 0 ? options.inputSize() : 518;
        if (!Files.isRegularFile(path)) {
            return DepthPreprocess.Recipe.of(DepthPreprocess.Codebase.HF, size);
        }
        JsonObject p = readJson(path);
        int h = size;
        int w = size;
        if (options.inputSize() == 0 && p.has("size") && p.get("size").isJsonObject()) {
            h = intKey(path, p.getAsJsonObject("size"), "size.height", "height", size);
            w = intKey(path, p.getAsJsonObject("size"), "size.width", "width", size);
        }
        int multiple = intKey(path, p, "ensure_multiple_of", "ensure_multiple_of", 1);
        boolean keep = !p.has("keep_aspect_ratio") || p.get("keep_aspect_ratio").getAsBoolean();
        int resample = intKey(path, p, "resample", "resample", 3);
        if (resample != 3) {
            throw new CheckpointException(path, "key 'resample' is " + resample
                    + "; only 3 (PIL bicubic, as the released processors) is supported");
        }
        if (p.has("do_pad") && p.get("do_pad").getAsBoolean()) {
            throw new CheckpointException(path, "key 'do_pad' is true; padding is not supported");
        }
        float[] mean = p.has("image_mean") ? floats(path, p, "image_mean") : DepthPreprocess.IMAGENET_MEAN;
        float[] std = p.has("image_std") ? floats(path, p, "image_std") : DepthPreprocess.IMAGENET_STD;
        if (mean.length != 3 || std.length != 3) {
            throw new CheckpointException(path, "image_mean and image_std need 3 values each");
        }
        return new DepthPreprocess.Recipe(DepthPreprocess.Codebase.HF, h, w, multiple, keep, mean, std);
    }

    /** config.json's widths, where it states them, must be the weights' (a mismatched config is a wrong pair of files). */
    private static void checkConfigWidths(Path cfgPath, JsonObject cfg, DepthAnythingConfig c) {
        if (cfg.has("neck_hidden_sizes")) {
            int[] n = intsKey(cfgPath, cfg, "neck_hidden_sizes", "neck_hidden_sizes");
            if (!Arrays.equals(n, c.neck())) {
                throw new CheckpointException(cfgPath, "config key 'neck_hidden_sizes' is " + Arrays.toString(n)
                        + " but the weights have " + Arrays.toString(c.neck()));
            }
        }
        for (String[] kv : new String[][] {{"fusion_hidden_size", "" + c.fusion()}, {"head_hidden_size", "" + c.headHidden()}}) {
            if (cfg.has(kv[0]) && cfg.get(kv[0]).getAsInt() != Integer.parseInt(kv[1])) {
                throw new CheckpointException(cfgPath, "config key '" + kv[0] + "' is " + cfg.get(kv[0])
                        + " but the weights have " + kv[1]);
            }
        }
    }

    // ----------------------------------------------------------------------------- original layout

    private static final Pattern PROJECT = Pattern.compile("depth_head\\.projects\\.(\\d)\\.(weight|bias)");
    private static final Pattern RESIZE = Pattern.compile("depth_head\\.resize_layers\\.(\\d)\\.(weight|bias)");
    private static final Pattern LAYER_RN = Pattern.compile("depth_head\\.scratch\\.layer(\\d)_rn\\.weight");
    private static final Pattern REFINE = Pattern.compile(
            "depth_head\\.scratch\\.refinenet(\\d)\\.(out_conv|resConfUnit([12])\\.conv([12]))\\.(weight|bias)");

    /** An original-repo key under its HF name (convert_depth_anything_to_hf.py's mapping), or null if unknown. */
    static String hfName(String k) {
        Matcher m;
        if ((m = PROJECT.matcher(k)).matches()) {
            return "neck.reassemble_stage.layers." + m.group(1) + ".projection." + m.group(2);
        }
        if ((m = RESIZE.matcher(k)).matches()) {
            return "neck.reassemble_stage.layers." + m.group(1) + ".resize." + m.group(2);
        }
        if ((m = LAYER_RN.matcher(k)).matches()) {
            return "neck.convs." + (Integer.parseInt(m.group(1)) - 1) + ".weight";
        }
        if ((m = REFINE.matcher(k)).matches()) {
            int layer = 4 - Integer.parseInt(m.group(1));
            String part = m.group(2).equals("out_conv") ? "projection"
                    : "residual_layer" + m.group(3) + ".convolution" + m.group(4);
            return "neck.fusion_stage.layers." + layer + "." + part + "." + m.group(5);
        }
        return switch (k) {
            case "depth_head.scratch.output_conv1.weight" -> "head.conv1.weight";
            case "depth_head.scratch.output_conv1.bias" -> "head.conv1.bias";
            case "depth_head.scratch.output_conv2.0.weight" -> "head.conv2.weight";
            case "depth_head.scratch.output_conv2.0.bias" -> "head.conv2.bias";
            case "depth_head.scratch.output_conv2.2.weight" -> "head.conv3.weight";
            case "depth_head.scratch.output_conv2.2.bias" -> "head.conv3.bias";
            default -> null;
        };
    }

    static Loaded loadOriginal(Path file, DepthOptions options) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        DepthKind kind = options.kind() != null ? options.kind()
                : name.contains("metric") ? DepthKind.METRIC_METRES : DepthKind.RELATIVE_INVERSE;
        float maxDepth = options.maxDepth();
        if (Float.isNaN(maxDepth)) {
            if (kind == DepthKind.RELATIVE_INVERSE) {
                maxDepth = 1f;
            } else if (name.contains("hypersim")) {
                maxDepth = 20f; // the repo's indoor metric models
            } else if (name.contains("vkitti")) {
                maxDepth = 80f; // outdoor
            } else {
                throw new CheckpointException(file, "a metric Depth Anything checkpoint whose range the file name does "
                        + "not tell (hypersim: 20 m, vkitti: 80 m); give max depth");
            }
        }
        try (Checkpoint opened = Checkpoints.open(file)) {
            Checkpoint ckpt = opened;
            List<String> keys = ckpt.entries().stream().map(TensorEntry::name).toList();
            for (String prefix : List.of("model", "state_dict", "module")) {
                if (!keys.contains("pretrained.pos_embed") && keys.stream().anyMatch(k -> k.startsWith(prefix + ".pretrained."))) {
                    ckpt = ckpt.subtree(prefix);
                    keys = ckpt.entries().stream().map(TensorEntry::name).toList();
                }
            }
            if (keys.stream().noneMatch(k -> k.startsWith("pretrained.")) || keys.stream().noneMatch(k -> k.startsWith("depth_head."))) {
                throw new CheckpointException(file, "not a Depth Anything checkpoint: no pretrained.* (DINOv2) and "
                        + "depth_head.* (DPT) keys; first keys: " + keys.subList(0, Math.min(6, keys.size())));
            }
            Map<String, HostTensor> head = new LinkedHashMap<>();
            List<String> unexpected = new ArrayList<>();
            for (String k : keys) {
                if (k.startsWith("pretrained.")) {
                    continue;
                }
                String hf = hfName(k);
                if (hf == null) {
                    unexpected.add(k);
                } else {
                    head.put(hf, new HostTensor(ckpt.entry(k).shape(), ckpt.readFloats(k)));
                }
            }
            if (!unexpected.isEmpty()) {
                throw new CheckpointException(file, "keys not part of a Depth Anything V2 model: " + abbreviate(unexpected));
            }
            Checkpoint bb = ckpt.subtree("pretrained");
            int width = bb.contains("pos_embed") ? bb.entry("pos_embed").shape()[bb.entry("pos_embed").shape().length - 1] : 0;
            int heads = options.heads() > 0 ? options.heads() : switch (width) {
                case 384 -> 6;   // vits
                case 768 -> 12;  // vitb
                case 1024 -> 16; // vitl
                case 1536 -> 24; // vitg
                default -> throw new CheckpointException(file, "backbone width " + width
                        + " is not ViT-S/B/L/G (384/768/1024/1536); give the head count");
            };
            ViTOptions vo = ViTOptions.defaults().withLayout(ViTLayout.DINOV2).withHeads(heads).withEps(1e-6f)
                    .withPosInterp(PosInterpolation.DINOV2);
            ViTLoader.Loaded backbone = ViTLoader.load(bb, vo);
            int[] outBlocks = options.outBlocks();
            if (outBlocks == null) {
                outBlocks = switch (backbone.config().depth()) { // dpt.py intermediate_layer_idx
                    case 12 -> new int[] {2, 5, 8, 11};
                    case 24 -> new int[] {4, 11, 17, 23};
                    case 40 -> new int[] {9, 19, 29, 39};
                    default -> throw new CheckpointException(file, "backbone of " + backbone.config().depth()
                            + " blocks is not ViT-S/B/L/G (12/24/40); give the blocks the neck reads");
                };
            }
            int size = options.inputSize() > 0 ? options.inputSize() : 518;
            DepthPreprocess.Recipe recipe = DepthPreprocess.Recipe.of(DepthPreprocess.Codebase.ORIGINAL, size);
            DepthAnythingConfig c = configure(file.toString(), backbone, head, outBlocks, V2_FACTORS, kind, maxDepth, recipe);
            return new Loaded(c, backbone, head);
        }
    }

    // ----------------------------------------------------------------------------- shared

    /** Reads the widths off the shapes and checks every neck/head tensor; one error lists all problems. */
    static DepthAnythingConfig configure(String file, ViTLoader.Loaded backbone, Map<String, HostTensor> w,
            int[] outBlocks, float[] factors, DepthKind kind, float maxDepth, DepthPreprocess.Recipe recipe) {
        int d = backbone.config().dim();
        int depth = backbone.config().depth();
        if (outBlocks.length != 4 || factors.length != 4) {
            throw new CheckpointException(file, "the DPT neck needs 4 stages; got blocks " + Arrays.toString(outBlocks)
                    + " and factors " + Arrays.toString(factors));
        }
        for (int i = 0; i < 4; i++) {
            if (outBlocks[i] < 0 || outBlocks[i] >= depth || (i > 0 && outBlocks[i] <= outBlocks[i - 1])) {
                throw new CheckpointException(file, "blocks " + Arrays.toString(outBlocks)
                        + " are not ascending indices of the " + depth + " backbone blocks");
            }
        }
        if (!backbone.weights().containsKey("norm.weight")) {
            throw new CheckpointException(file, "missing the backbone's final layer norm (backbone.layernorm / pretrained.norm)");
        }
        if (backbone.config().channels() != 3) {
            throw new CheckpointException(file, "backbone takes " + backbone.config().channels() + " channels, not RGB");
        }
        List<String> problems = new ArrayList<>();
        int[] neck = new int[4];
        for (int i = 0; i < 4; i++) {
            HostTensor p = w.get("neck.reassemble_stage.layers." + i + ".projection.weight");
            neck[i] = p != null && p.shape().length == 4 ? p.dim(0) : -1;
            if (neck[i] <= 0) {
                problems.add(p == null ? "missing neck.reassemble_stage.layers." + i + ".projection.weight"
                        : "neck.reassemble_stage.layers." + i + ".projection.weight is " + Arrays.toString(p.shape()));
            }
        }
        HostTensor conv0 = w.get("neck.convs.0.weight");
        int fusion = conv0 != null && conv0.shape().length == 4 ? conv0.dim(0) : -1;
        HostTensor c1 = w.get("head.conv1.weight");
        HostTensor c2 = w.get("head.conv2.weight");
        int mid = c1 != null && c1.shape().length == 4 ? c1.dim(0) : -1;
        int hidden = c2 != null && c2.shape().length == 4 ? c2.dim(0) : -1;
        if (fusion <= 0 || mid <= 0 || hidden <= 0 || !problems.isEmpty()) {
            problems.add(0, "cannot read the neck widths: neck.convs.0.weight " + shape(conv0) + ", head.conv1.weight "
                    + shape(c1) + ", head.conv2.weight " + shape(c2));
            throw new CheckpointException(file, "Depth Anything: " + String.join("; ", problems));
        }
        for (int i = 0; i < 4; i++) {
            String r = "neck.reassemble_stage.layers." + i + ".";
            expect(w, problems, r + "projection.weight", neck[i], d, 1, 1);
            expect(w, problems, r + "projection.bias", neck[i]);
            float f = factors[i];
            if (f > 1) {
                if (f != Math.rint(f)) {
                    problems.add("reassemble factor " + f + " is not an integer");
                    continue;
                }
                expect(w, problems, r + "resize.weight", neck[i], neck[i], (int) f, (int) f);
                expect(w, problems, r + "resize.bias", neck[i]);
            } else if (f < 1) {
                if (f <= 0 || 1 / f != Math.rint(1 / f)) {
                    problems.add("reassemble factor " + f + " is not 1/n");
                    continue;
                }
                expect(w, problems, r + "resize.weight", neck[i], neck[i], 3, 3);
                expect(w, problems, r + "resize.bias", neck[i]);
            }
            expect(w, problems, "neck.convs." + i + ".weight", fusion, neck[i], 3, 3);
            String fl = "neck.fusion_stage.layers." + i + ".";
            expect(w, problems, fl + "projection.weight", fusion, fusion, 1, 1);
            expect(w, problems, fl + "projection.bias", fusion);
            for (int unit = i == 0 ? 2 : 1; unit <= 2; unit++) { // layers.0.residual_layer1 exists but is unused
                for (int conv = 1; conv <= 2; conv++) {
                    String cn = fl + "residual_layer" + unit + ".convolution" + conv + ".";
                    expect(w, problems, cn + "weight", fusion, fusion, 3, 3);
                    expect(w, problems, cn + "bias", fusion);
                }
            }
        }
        expect(w, problems, "head.conv1.weight", mid, fusion, 3, 3);
        expect(w, problems, "head.conv1.bias", mid);
        expect(w, problems, "head.conv2.weight", hidden, mid, 3, 3);
        expect(w, problems, "head.conv2.bias", hidden);
        expect(w, problems, "head.conv3.weight", 1, hidden, 1, 1);
        expect(w, problems, "head.conv3.bias", 1);
        if (!problems.isEmpty()) {
            throw new CheckpointException(file, "Depth Anything: " + String.join("; ", problems));
        }
        return new DepthAnythingConfig(outBlocks, neck, factors, fusion, mid, hidden, kind, maxDepth, recipe);
    }

    private static String shape(HostTensor t) {
        return t == null ? "(missing)" : Arrays.toString(t.shape());
    }

    private static void expect(Map<String, HostTensor> w, List<String> problems, String name, int... shape) {
        HostTensor t = w.get(name);
        if (t == null) {
            problems.add("missing " + name);
        } else if (!Arrays.equals(t.shape(), shape)) {
            problems.add(name + " is " + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(shape));
        }
    }

    private static JsonObject readJson(Path p) {
        try {
            if (Files.size(p) > (1 << 20)) {
                throw new CheckpointException(p, "JSON file of " + Files.size(p) + " bytes is too large for a config");
            }
            JsonElement e = JsonText.parse(Files.readString(p, StandardCharsets.UTF_8), 32);
            if (!e.isJsonObject()) {
                throw new CheckpointException(p, "not a JSON object");
            }
            return e.getAsJsonObject();
        } catch (IOException e) {
            throw new CheckpointException(p, "cannot read: " + e, e);
        } catch (RuntimeException e) {
            if (e instanceof CheckpointException ce) {
                throw ce;
            }
            throw new CheckpointException(p, "not valid JSON: " + e.getMessage(), e);
        }
    }

    private static int intKey(Path file, JsonObject o, String label, String key, int fallback) {
        if (!o.has(key) || o.get(key).isJsonNull()) {
            if (fallback > 0) {
                return fallback;
            }
            throw new CheckpointException(file, "config key '" + label + "' is missing");
        }
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber() || e.getAsDouble() != Math.rint(e.getAsDouble())
                || e.getAsDouble() <= 0 || e.getAsDouble() > 1 << 20) {
            throw new CheckpointException(file, "config key '" + label + "' is " + e + ", expected a positive integer");
        }
        return e.getAsInt();
    }

    private static double doubleKey(Path file, JsonObject o, String key, double fallback) {
        if (!o.has(key) || o.get(key).isJsonNull()) {
            return fallback;
        }
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber() || !(e.getAsDouble() > 0)
                || Double.isInfinite(e.getAsDouble())) {
            throw new CheckpointException(file, "config key '" + key + "' is " + e + ", expected a positive number");
        }
        return e.getAsDouble();
    }

    private static int[] intsKey(Path file, JsonObject o, String label, String key) {
        if (!o.has(key) || o.get(key).isJsonNull()) {
            return null;
        }
        float[] f = floats(file, o, key);
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            if (f[i] != Math.rint(f[i])) {
                throw new CheckpointException(file, "config key '" + label + "' holds " + f[i] + ", expected integers");
            }
            out[i] = (int) f[i];
        }
        return out;
    }

    private static float[] floats(Path file, JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (!e.isJsonArray()) {
            throw new CheckpointException(file, "config key '" + key + "' is " + e + ", expected a list of numbers");
        }
        JsonArray a = e.getAsJsonArray();
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement x = a.get(i);
            if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()) {
                throw new CheckpointException(file, "config key '" + key + "' is " + e + ", expected a list of numbers");
            }
            out[i] = x.getAsFloat();
        }
        return out;
    }

    private static String abbreviate(List<String> keys) {
        return keys.size() <= 10 ? keys.toString() : keys.subList(0, 10) + " and " + (keys.size() - 10) + " more";
    }
}
