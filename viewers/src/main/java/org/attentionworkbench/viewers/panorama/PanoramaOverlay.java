package org.attentionworkbench.viewers.panorama;

import java.util.Objects;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.heatmap.ValueRange;

/**
 * A scalar map over the whole sphere (e.g. depth), any equirectangular resolution, in the view's
 * {@link ErpConvention}: {@code values[row * width + col]}, row 0 the top. NaN is transparent.
 * Drawn through a colormap over {@code range} (null = the finite min..max) at {@code opacity}.
 * {@code title} labels the legend (null: no legend).
 */
public record PanoramaOverlay(float[] values, int width, int height, Colormap colormap, ValueRange range,
        double opacity, String title) {
    public PanoramaOverlay {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(colormap, "colormap");
        if (width < 2 || height < 2 || (long) width * height != values.length) {
            throw new IllegalArgumentException("overlay of " + values.length + " values is not " + width + "×"
                    + height);
        }
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("opacity must be in [0, 1], got " + opacity);
        }
        range = ValueRange.orAuto(range, values);
    }

    public PanoramaOverlay withOpacity(double o) {
        return new PanoramaOverlay(values, width, height, colormap, range, o, title);
    }

    /** Bilinear value at a fractional pixel position (columns wrap with {@code period}, rows clamp); NaN-aware. */
    float sample(double column, double row, int period) {
        int x0 = (int) Math.floor(column);
        int y0 = (int) Math.floor(row);
        double ax = column - x0, ay = row - y0;
        int x1 = Math.floorMod(x0 + 1, period);
        x0 = Math.floorMod(x0, period);
        int y1 = Math.min(Math.max(y0 + 1, 0), height - 1);
        y0 = Math.min(Math.max(y0, 0), height - 1);
        float a = values[y0 * width + x0], b = values[y0 * width + x1];
        float c = values[y1 * width + x0], d = values[y1 * width + x1];
        if (Float.isNaN(a) || Float.isNaN(b) || Float.isNaN(c) || Float.isNaN(d)) {
            // nearest for edges of holes, so holes stay sharp
            return values[(ay < 0.5 ? y0 : y1) * width + (ax < 0.5 ? x0 : x1)];
        }
        return (float) ((a * (1 - ax) + b * ax) * (1 - ay) + (c * (1 - ax) + d * ax) * ay);
    }
}
