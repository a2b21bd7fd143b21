package org.attentionworkbench.compute.models.vit;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checkpoint layouts of the ViT family and their key names, mapped onto one internal naming:
 * {@code patch.weight [D, C, P, P]}, {@code patch.bias}, {@code cls}, {@code reg}, {@code pos},
 * {@code blocks.i.{norm1, qkv | q, k, v, proj, ls1, norm2, fc1, fc2, ls2}.*}, {@code norm.*},
 * {@code head.*} or {@code head0.* head2.*} (two-layer head).
 */
public enum ViTLayout {
    /** timm / DeiT {@code vit_*} (also DINO's backbone, which uses the same names). */
    TIMM("timm", PosInterpolation.TIMM, 1e-6f, ViTLayout::timmKey),
    /** facebookresearch/dino backbone: timm names, no classifier, DINO's position interpolation. */
    DINO("dino", PosInterpolation.DINO, 1e-6f, ViTLayout::timmKey),
    /** facebookresearch/dinov2: patch 14, layer scale, optional register tokens. */
    DINOV2("dinov2", PosInterpolation.DINOV2, 1e-6f, ViTLayout::timmKey),
    /** HF transformers ViTModel / ViTForImageClassification (separate q, k, v). */
    HF("hf", PosInterpolation.HF, 1e-12f, ViTLayout::hfKey),
    /** lucidrains vit-pytorch, 2020 layout (Linear patch embedding, PreNorm residuals, MLP head). */
    VIT_PYTORCH("vit-pytorch", PosInterpolation.TIMM, 1e-5f, ViTLayout::vitPytorchKey);

    private final String id;
    private final PosInterpolation posInterp;
    private final float defaultEps;
    private final Function<String, String> mapper;

    ViTLayout(String id, PosInterpolation posInterp, float defaultEps, Function<String, String> mapper) {
        this.id = id;
        this.posInterp = posInterp;
        this.defaultEps = defaultEps;
        this.mapper = mapper;
    }

    public String id() {
        return id;
    }

    public PosInterpolation posInterpolation() {
        return posInterp;
    }

    public float defaultEps() {
        return defaultEps;
    }

    /** Internal name of a checkpoint key, or null when the key is not part of the model we run. */
    public String internalName(String key) {
        return mapper.apply(key);
    }

    public static ViTLayout fromId(String id) {
        for (ViTLayout l : values()) {
            if (l.id.equalsIgnoreCase(id) || l.name().equalsIgnoreCase(id)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown ViT layout '" + id + "' (known: timm, dino, dinov2, hf, vit-pytorch)");
    }

    /** Guesses the layout from key names; null when none fits. */
    public static ViTLayout detect(Collection<String> keys) {
        boolean timmNames = keys.contains("patch_embed.proj.weight");
        if (keys.contains("patch_to_embedding.weight")) {
            return VIT_PYTORCH;
        }
        if (keys.stream().anyMatch(k -> k.endsWith("embeddings.patch_embeddings.projection.weight"))) {
            return HF;
        }
        if (timmNames && (keys.contains("mask_token") || keys.contains("register_tokens"))) {
            return DINOV2;
        }
        if (timmNames) {
            return keys.contains("head.weight") ? TIMM : DINO;
        }
        return null;
    }

    /** Maps every key; keys that belong to no part of the model map to null. */
    public Map<String, String> mapAll(Collection<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : keys) {
            out.put(k, internalName(k));
        }
        return out;
    }

    private static final Pattern TIMM_BLOCK = Pattern.compile("blocks\\.(\\d+)\\.(.+)");

    private static String timmKey(String k) {
        switch (k) {
            case "patch_embed.proj.weight": return "patch.weight";
            case "patch_embed.proj.bias": return "patch.bias";
            case "cls_token": return "cls";
            case "pos_embed": return "pos";
            case "reg_token", "register_tokens": return "reg";
            case "norm.weight": return "norm.weight";
            case "norm.bias": return "norm.bias";
            case "head.weight": return "head.weight";
            case "head.bias": return "head.bias";
            case "mask_token": return null; // DINOv2 training-only token
            default: break;
        }
        Matcher m = TIMM_BLOCK.matcher(k);
        if (!m.matches()) {
            return "?" + k;
        }
        String rest = m.group(2)
                .replace("attn.qkv.", "qkv.")
                .replace("attn.proj.", "proj.")
                .replace("mlp.fc1.", "fc1.")
                .replace("mlp.fc2.", "fc2.")
                .replace("ls1.gamma", "ls1")
                .replace("ls2.gamma", "ls2");
        return "blocks." + m.group(1) + "." + rest;
    }

    private static final Pattern HF_LAYER = Pattern.compile("(?:vit\\.)?encoder\\.layer\\.(\\d+)\\.(.+)");

    private static String hfKey(String k) {
        String s = k.startsWith("vit.") ? k.substring(4) : k;
        switch (s) {
            case "embeddings.cls_token": return "cls";
            case "embeddings.position_embeddings": return "pos";
            case "embeddings.patch_embeddings.projection.weight": return "patch.weight";
            case "embeddings.patch_embeddings.projection.bias": return "patch.bias";
            case "embeddings.mask_token": return null;
            case "layernorm.weight": return "norm.weight";
            case "layernorm.bias": return "norm.bias";
            case "classifier.weight": return "head.weight";
            case "classifier.bias": return "head.bias";
            case "pooler.dense.weight", "pooler.dense.bias": return null; // ViTModel pooler: not used for maps
            default: break;
        }
        Matcher m = HF_LAYER.matcher(k);
        if (!m.matches()) {
            return "?" + k;
        }
        String rest = m.group(2)
                .replace("layernorm_before.", "norm1.")
                .replace("attention.attention.query.", "q.")
                .replace("attention.attention.key.", "k.")
                .replace("attention.attention.value.", "v.")
                .replace("attention.output.dense.", "proj.")
                .replace("layernorm_after.", "norm2.")
                .replace("intermediate.dense.", "fc1.")
                .replace("output.dense.", "fc2.")
                // HF Dinov2Model (Depth Anything's backbone): pre-norm names, mlp.*, layer scale
                .replace("mlp.fc1.", "fc1.")
                .replace("mlp.fc2.", "fc2.")
                .replace("layer_scale1.lambda1", "ls1")
                .replace("layer_scale2.lambda1", "ls2");
        return "blocks." + m.group(1) + "." + rest;
    }

    private static final Pattern VP_LAYER = Pattern.compile("transformer\\.layers\\.(\\d+)\\.([01])\\.fn\\.(.+)");

    private static String vitPytorchKey(String k) {
        switch (k) {
            case "patch_to_embedding.weight": return "patch.weight";
            case "patch_to_embedding.bias": return "patch.bias";
            case "cls_token": return "cls";
            case "pos_embedding": return "pos";
            case "mlp_head.0.weight": return "head0.weight";
            case "mlp_head.0.bias": return "head0.bias";
            case "mlp_head.2.weight": return "head2.weight";
            case "mlp_head.2.bias": return "head2.bias";
            default: break;
        }
        Matcher m = VP_LAYER.matcher(k);
        if (!m.matches()) {
            return "?" + k;
        }
        boolean attn = m.group(2).equals("0");
        String rest = m.group(3);
        String mapped;
        if (rest.startsWith("norm.")) {
            mapped = (attn ? "norm1." : "norm2.") + rest.substring(5);
        } else if (attn) {
            mapped = rest.replace("fn.to_qkv.", "qkv.").replace("fn.to_out.0.", "proj.").replace("fn.to_out.", "proj.");
        } else {
            mapped = rest.replace("fn.net.0.", "fc1.").replace("fn.net.2.", "fc2.")
                    .replace("fn.net.3.", "fc2."); // versions with Dropout between
        }
        return "blocks." + m.group(1) + "." + mapped;
    }
}
