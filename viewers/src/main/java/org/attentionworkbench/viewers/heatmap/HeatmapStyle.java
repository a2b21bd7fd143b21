package org.attentionworkbench.viewers.heatmap;

import java.util.Objects;

/**
 * How a grid of values becomes colours: colormap, value range (null = auto, the data's finite
 * min..max), opacity of the overlay in [0, 1], and resampling.
 */
public record HeatmapStyle(Colormap colormap, ValueRange range, double opacity, Interpolation interpolation) {
    public static final HeatmapStyle DEFAULT = new HeatmapStyle(Colormap.VIRIDIS, null, 0.6, Interpolation.BILINEAR);

    public HeatmapStyle {
        Objects.requireNonNull(colormap, "colormap");
        Objects.requireNonNull(interpolation, "interpolation");
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("opacity must be in [0, 1]: " + opacity);
        }
    }

    public HeatmapStyle withColormap(Colormap c) { return new HeatmapStyle(c, range, opacity, interpolation); }
    public HeatmapStyle withRange(ValueRange r) { return new HeatmapStyle(colormap, r, opacity, interpolation); }
    public HeatmapStyle withOpacity(double o) { return new HeatmapStyle(colormap, range, o, interpolation); }
    public HeatmapStyle withInterpolation(Interpolation i) { return new HeatmapStyle(colormap, range, opacity, i); }
}
