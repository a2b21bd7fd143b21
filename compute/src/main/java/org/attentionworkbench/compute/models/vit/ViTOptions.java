package org.attentionworkbench.compute.models.vit;

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
