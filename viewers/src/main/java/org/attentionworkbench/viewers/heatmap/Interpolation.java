package org.attentionworkbench.viewers.heatmap;

/** How a coarse grid is resampled to pixels. */
public enum Interpolation {
    /** Each cell is a flat block. */
    NEAREST,
    /**
     * Bilinear on values with half-pixel centres, as PyTorch's
     * {@code interpolate(mode="bilinear", align_corners=False)}: cell centres sit at
     * {@code (i + 0.5) * W / gw}, and the border half-cells are flat.
     */
    BILINEAR
}
