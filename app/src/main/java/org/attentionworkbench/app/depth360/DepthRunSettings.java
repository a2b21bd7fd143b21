package org.attentionworkbench.app.depth360;

import java.util.Objects;
import org.attentionworkbench.compute.panorama.Blend;
import org.attentionworkbench.compute.panorama.align.AlignmentMethod;
import org.attentionworkbench.compute.panorama.depth.PanoramaLayouts;

/**
 * One depth run's settings: the model, the tangent layout ({@link PanoramaLayouts#NAMES}), the per-patch
 * alignment, the blending, the ERP width the pipeline runs at (height = width / 2) and the patch width
 * (0 = the layout's default). OmniFusion ignores layout, alignment and blend (its own come from the
 * checkpoint).
 */
public record DepthRunSettings(DepthModelChoice model, String layout, AlignmentMethod alignment, Blend blend, int width,
        int patchSize, long seed) {
    /** Widths offered on the page. */
    public static final int[] WIDTHS = {512, 1024, 2048};
    public static final int DEFAULT_WIDTH = 1024;

    public DepthRunSettings {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(alignment, "alignment");
        Objects.requireNonNull(blend, "blend");
        if (!PanoramaLayouts.NAMES.contains(layout)) {
            throw new IllegalArgumentException("unknown layout '" + layout + "': use one of " + PanoramaLayouts.NAMES);
        }
        if (width < 16 || width > 8192 || width % 2 != 0) {
            throw new IllegalArgumentException("depth width must be even and in 16..8192, got " + width);
        }
        if (patchSize < 0) {
            throw new IllegalArgumentException("patch size must be ≥ 0, got " + patchSize);
        }
    }

    /** The page's defaults for a model: 18 patches, grid alignment, Poisson blending, 1024 wide. */
    public static DepthRunSettings defaults(DepthModelChoice model) {
        return new DepthRunSettings(model, "18", AlignmentMethod.GRID, Blend.POISSON, DEFAULT_WIDTH, 0, 1);
    }

    public int height() {
        return width / 2;
    }
}
