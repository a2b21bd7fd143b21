package org.attentionworkbench.compute.models.vit;

/**
 * How a layout resamples its position-embedding grid to another patch grid; each is PyTorch's
 * {@code F.interpolate(mode="bicubic", align_corners=False)} called the way that codebase calls it.
 *
 * @param byScaleFactor  true: called with {@code scale_factor = (new + offset) / old} (DINO, DINOv2,
 *                       older HF), which also changes the sampling positions; false: called with
 *                       {@code size = new} (timm, current HF)
 * @param offset         the +0.1 DINO adds to the new grid size to dodge float rounding (0 if none)
 * @param antialias      {@code antialias=True} (timm's resample_abs_pos_embed, DINOv2 with registers)
 */
public record PosInterpolation(boolean byScaleFactor, float offset, boolean antialias) {
    /** timm {@code resample_abs_pos_embed}: size, antialias. */
    public static final PosInterpolation TIMM = new PosInterpolation(false, 0f, true);
    /** facebookresearch/dino {@code interpolate_pos_encoding}: scale factor with +0.1. */
    public static final PosInterpolation DINO = new PosInterpolation(true, 0.1f, false);
    /** facebookresearch/dinov2 (original release): scale factor with offset 0.1, no antialias. */
    public static final PosInterpolation DINOV2 = new PosInterpolation(true, 0.1f, false);
    /** facebookresearch/dinov2 models with registers (hub *_reg): size, antialias, no offset. */
    public static final PosInterpolation DINOV2_REG = new PosInterpolation(false, 0f, true);
    /** HF transformers ViT {@code interpolate_pos_encoding} (4.4x): size, no antialias. */
    public static final PosInterpolation HF = new PosInterpolation(false, 0f, false);

    /** Resamples grid [C, h, w] to [C, nh, nw]. */
    public float[] resample(float[] grid, int channels, int h, int w, int nh, int nw) {
        if (h == nh && w == nw) {
            return grid.clone();
        }
        // PyTorch maps output to input positions with 1/scale_factor when one is given, else in/out
        double scaleH = byScaleFactor ? 1.0 / ((nh + offset) / h) : (double) h / nh;
        double scaleW = byScaleFactor ? 1.0 / ((nw + offset) / w) : (double) w / nw;
        return Bicubic.resize(grid, channels, h, w, nh, nw, scaleH, scaleW, antialias);
    }
}
