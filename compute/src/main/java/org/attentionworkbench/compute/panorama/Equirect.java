package org.attentionworkbench.compute.panorama;

/**
 * An equirectangular (ERP) grid of {@code width} × {@code height} pixels and its one pixel convention,
 * copied from OmniFusion so that its checkpoints see exactly the grids they were trained on
 * ({@code grid_sample(..., align_corners=True, padding_mode='border')}, {@code lat = linspace(−π/2, π/2, H)}):
 * <ul>
 *   <li>column 0 is λ = −180°, column W−1 is λ = +180° (endpoints, not pixel centres: the first and
 *       last columns are the same meridian);</li>
 *   <li>row 0 is φ = −90° and is the <b>top</b> of the image, row H−1 is φ = +90° (φ grows downwards).</li>
 * </ul>
 * Ordinary panorama files put pixel centres at (c + 0.5)·360/W − 180; read with this convention they
 * are stretched by W/(W−1), under a pixel at the edges. A map is a {@code float[]} of C×H×W, channel-major.
 */
public record Equirect(int width, int height) {
    /** Largest number of floats one map may hold (keeps bad sizes from becoming an OutOfMemoryError). */
    public static final long MAX_FLOATS = 1L << 30;

    public Equirect {
        if (width < 2 || height < 2) {
            throw new IllegalArgumentException("an equirectangular map needs at least 2×2 pixels, got "
                    + width + "×" + height);
        }
        if ((long) width * height > MAX_FLOATS) {
            throw new IllegalArgumentException("equirectangular map " + width + "×" + height + " is too large");
        }
    }

    /** Longitude (radians) of a fractional column. */
    public double longitude(double column) {
        return -Math.PI + 2 * Math.PI * column / (width - 1);
    }

    /** Latitude (radians, downwards positive) of a fractional row. */
    public double latitude(double row) {
        return -Math.PI / 2 + Math.PI * row / (height - 1);
    }

    /** Fractional column of a longitude; −π gives 0, +π gives W−1. */
    public double column(double lon) {
        return (lon + Math.PI) / (2 * Math.PI) * (width - 1);
    }

    /** Fractional row of a latitude; −π/2 gives 0 (top), +π/2 gives H−1. */
    public double row(double lat) {
        return (lat + Math.PI / 2) / Math.PI * (height - 1);
    }

    /** Checks that {@code map} holds {@code channels}×H×W floats. */
    public void requireMap(float[] map, int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("channel count must be ≥ 1, got " + channels);
        }
        long expected = (long) channels * width * height;
        if (expected > MAX_FLOATS) {
            throw new IllegalArgumentException(channels + "×" + height + "×" + width + " map is too large");
        }
        if (map.length != expected) {
            throw new IllegalArgumentException("equirectangular map has " + map.length + " floats, expected "
                    + channels + "×" + height + "×" + width + " = " + expected);
        }
    }

    /**
     * Bilinear sample of channel {@code channel} at a fractional (column, row). Columns wrap around
     * with period W−1 (column W−1 is column 0 again), so the ±180° seam is seamless; rows are clamped
     * to [0, H−1] at the poles, like OmniFusion's border padding.
     */
    public float sample(float[] map, int channel, double column, double row) {
        int period = width - 1;
        double u = column - period * Math.floor(column / period);
        double v = Math.max(0, Math.min(height - 1, row));
        int c0 = Math.min((int) u, period - 1);
        int r0 = Math.min((int) v, height - 2);
        double fu = u - c0;
        double fv = v - r0;
        int base = channel * width * height + r0 * width + c0;
        double top = map[base] * (1 - fu) + map[base + 1] * fu;
        double bottom = map[base + width] * (1 - fu) + map[base + width + 1] * fu;
        return (float) (top * (1 - fv) + bottom * fv);
    }

    /** Bilinear sample at a longitude/latitude (radians). */
    public float sampleAt(float[] map, int channel, double lon, double lat) {
        return sample(map, channel, column(lon), row(lat));
    }

    /**
     * A one-channel map on this grid resampled onto {@code target} (bilinear; both grids put their first
     * and last columns and rows on the same meridians and poles, so this is align_corners=True). The same
     * array when the sizes agree.
     */
    public float[] resample(float[] map, Equirect target) {
        requireMap(map, 1);
        if (target.width == width && target.height == height) {
            return map;
        }
        int tw = target.width, th = target.height;
        float[] out = new float[tw * th];
        for (int y = 0; y < th; y++) {
            double fy = y * (height - 1) / (double) (th - 1);
            int y0 = Math.min((int) fy, height - 1), y1 = Math.min(y0 + 1, height - 1);
            double wy = fy - y0;
            for (int x = 0; x < tw; x++) {
                double fx = x * (width - 1) / (double) (tw - 1);
                int x0 = Math.min((int) fx, width - 1), x1 = Math.min(x0 + 1, width - 1);
                double wx = fx - x0;
                double top = map[y0 * width + x0] * (1 - wx) + map[y0 * width + x1] * wx;
                double bottom = map[y1 * width + x0] * (1 - wx) + map[y1 * width + x1] * wx;
                out[y * tw + x] = (float) (top * (1 - wy) + bottom * wy);
            }
        }
        return out;
    }
}
