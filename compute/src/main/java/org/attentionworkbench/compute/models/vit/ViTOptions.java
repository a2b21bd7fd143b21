package org.attentionworkbench.compute.models.vit;

import java.util.Set;
import org.attentionworkbench.compute.checkpoint.CheckpointException;
import org.attentionworkbench.compute.checkpoint.HfConfig;

/**
 * What a checkpoint's shapes cannot tell: filled from config.json, a model card or the user.
 * Zero / NaN / null mean "infer or use the layout's default".
 *
 * @param layout       layout, or null to detect from key names
 * @param heads        attention heads (default: D / 64, the convention of ViT-S/B/L and DINOv2)
 * @param eps          layer-norm epsilon
 * @param scaleByWidth scale q·kᵀ by D^-0.5 instead of Dh^-0.5 (vit-pytorch 2020)
 * @param channels     input channels (needed for vit-pytorch's flattened patch embedding)
 * @param patch        patch size (needed for vit-pytorch's flattened patch embedding)
 * @param posInterp    position-embedding resampling rule
 */
public record ViTOptions(ViTLayout layout, int heads, float eps, Boolean scaleByWidth, int channels, int patch,
        PosInterpolation posInterp) {

    /** Largest patch side and input channel count accepted from a config or card (real ones: 8-32, 1-4). */
    public static final int MAX_PATCH = 1024;
    public static final int MAX_CHANNELS = 16;
    /** Largest image side a config may ask for; ViTs are trained at 224-518. */
    public static final int MAX_IMAGE_SIZE = 4096;
    /** HF hidden_act values that mean the exact (erf) GELU the engine runs. */
    private static final Set<String> GELU = Set.of("gelu", "gelu_python");

    /** Refuses values no model has (a negative head count must not silently mean "infer"). */
    public ViTOptions {
        if (heads < 0) {
            throw new IllegalArgumentException("heads must be positive (0 to infer), not " + heads);
        }
        if (!Float.isNaN(eps) && !(eps > 0 && eps < 1)) {
            throw new IllegalArgumentException("layer-norm eps must be a finite number between 0 and 1, not " + eps);
        }
        if (channels < 0 || channels > MAX_CHANNELS) {
            throw new IllegalArgumentException("channels must be 1 to " + MAX_CHANNELS + " (0 to infer), not "
                    + channels);
        }
        if (patch < 0 || patch > MAX_PATCH) {
            throw new IllegalArgumentException("patch must be 1 to " + MAX_PATCH + " (0 to infer), not " + patch);
        }
    }

    /**
     * The options a Hugging Face config.json gives, each field checked: positive integers, a hidden size
     * the heads divide, a finite positive eps, the GELU activation the engine runs. Errors name the file
     * and the key.
     */
    public static ViTOptions fromConfig(HfConfig cfg, ViTOptions base) {
        int heads = positive(cfg, "num_attention_heads", Integer.MAX_VALUE);
        int hidden = positive(cfg, "hidden_size", Integer.MAX_VALUE);
        positive(cfg, "num_hidden_layers", Integer.MAX_VALUE);
        positive(cfg, "intermediate_size", Integer.MAX_VALUE);
        int channels = positive(cfg, "num_channels", MAX_CHANNELS);
        int patch = positive(cfg, "patch_size", MAX_PATCH);
        int image = positive(cfg, "image_size", MAX_IMAGE_SIZE);
        if (heads > 0 && hidden > 0 && hidden % heads != 0) {
            throw new CheckpointException(cfg.file(), "config: hidden_size " + hidden
                    + " is not a multiple of num_attention_heads " + heads);
        }
        if (patch > 0 && image > 0 && patch > image) {
            throw new CheckpointException(cfg.file(), "config: patch_size " + patch + " exceeds image_size " + image);
        }
        float eps = Float.NaN;
        if (cfg.has("layer_norm_eps")) {
            double e = cfg.getDouble("layer_norm_eps");
            eps = (float) e; // checked as the engine holds it: 1e-122 becomes 0, 0.999999999 becomes 1
            if (!(eps > 0 && eps < 1)) {
                throw new CheckpointException(cfg.file(), "config key 'layer_norm_eps' is " + e
                        + ", expected a finite number between 0 and 1 that float32 holds (" + Float.MIN_VALUE
                        + " ... " + Math.nextDown(1f) + ")");
            }
        }
        if (cfg.has("hidden_act") && !GELU.contains(cfg.getString("hidden_act"))) {
            throw new CheckpointException(cfg.file(), "config key 'hidden_act' is '" + cfg.getString("hidden_act")
                    + "'; the engine runs the exact GELU (\"gelu\") only");
        }
        if (cfg.has("qkv_bias")) {
            cfg.getBoolean("qkv_bias");
        }
        ViTOptions o = base;
        o = heads > 0 ? o.withHeads(heads) : o;
        o = Float.isNaN(eps) ? o : o.withEps(eps);
        o = channels > 0 ? o.withChannels(channels) : o;
        return patch > 0 ? o.withPatch(patch) : o;
    }

    /** The config's image_size, 0 when absent (checked by {@link #fromConfig}). */
    public static int imageSize(HfConfig cfg) {
        return positive(cfg, "image_size", MAX_IMAGE_SIZE);
    }

    /** An integer key that must be 1..max when present; 0 when absent. */
    private static int positive(HfConfig cfg, String key, int max) {
        if (!cfg.has(key)) {
            return 0;
        }
        int v = cfg.getInt(key);
        if (v <= 0 || v > max) {
            throw new CheckpointException(cfg.file(), "config key '" + key + "' is " + v + ", expected 1"
                    + (max == Integer.MAX_VALUE ? " or more" : " to " + max));
        }
        return v;
    }

    /** Checks what a config says against the shapes the checkpoint has (a config for another model). */
    public static void checkShapes(HfConfig cfg, ViTConfig loaded) {
        StringBuilder wrong = new StringBuilder();
        mismatch(wrong, cfg, "hidden_size", loaded.dim());
        mismatch(wrong, cfg, "num_hidden_layers", loaded.depth());
        mismatch(wrong, cfg, "intermediate_size", loaded.mlpHidden());
        if (wrong.length() > 0) {
            throw new CheckpointException(cfg.file(), "config does not describe this checkpoint:" + wrong);
        }
    }

    private static void mismatch(StringBuilder wrong, HfConfig cfg, String key, int actual) {
        if (cfg.has(key) && cfg.getInt(key) != actual) {
            wrong.append(' ').append(key).append(' ').append(cfg.getInt(key)).append(" but the weights have ")
                    .append(actual).append(';');
        }
    }

    public static ViTOptions defaults() {
        return new ViTOptions(null, 0, Float.NaN, null, 0, 0, null);
    }

    public ViTOptions withLayout(ViTLayout l) {
        return new ViTOptions(l, heads, eps, scaleByWidth, channels, patch, posInterp);
    }

    public ViTOptions withHeads(int h) {
        return new ViTOptions(layout, h, eps, scaleByWidth, channels, patch, posInterp);
    }

    public ViTOptions withEps(float e) {
        return new ViTOptions(layout, heads, e, scaleByWidth, channels, patch, posInterp);
    }

    public ViTOptions withScaleByWidth(boolean b) {
        return new ViTOptions(layout, heads, eps, b, channels, patch, posInterp);
    }

    public ViTOptions withChannels(int c) {
        return new ViTOptions(layout, heads, eps, scaleByWidth, c, patch, posInterp);
    }

    public ViTOptions withPatch(int p) {
        return new ViTOptions(layout, heads, eps, scaleByWidth, channels, p, posInterp);
    }

    public ViTOptions withPosInterp(PosInterpolation p) {
        return new ViTOptions(layout, heads, eps, scaleByWidth, channels, patch, p);
    }
}
