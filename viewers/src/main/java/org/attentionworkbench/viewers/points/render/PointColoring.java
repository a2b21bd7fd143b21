package org.attentionworkbench.viewers.points.render;

import java.util.Arrays;

/**
 * Per-point opaque ARGB colours from plain arrays, for {@link PointBatch}: RGB bytes, a scalar field
 * through a 256-entry colour table (the app passes {@code Colormap.table()}) and a value range, a
 * categorical field through a fixed 20-colour palette or the ASPRS classification colours, normals,
 * and height along an axis. Also CloudCompare-like relative ranges ({@link #percentileRange}).
 */
public final class PointColoring {
    /** Colour of points whose scalar is NaN: a neutral grey. */
    public static final int NAN_GREY = 0xFF808080;

    /**
     * The categorical palette: Tableau 20 (the matplotlib {@code tab20} colours, pairs of a strong and a
     * light tone). Category c gets entry {@code c mod 20} (negative c wraps too).
     */
    public static final int[] PALETTE_20 = {
        0xFF1F77B4, 0xFFAEC7E8, 0xFFFF7F0E, 0xFFFFBB78, 0xFF2CA02C, 0xFF98DF8A, 0xFFD62728, 0xFFFF9896,
        0xFF9467BD, 0xFFC5B0D5, 0xFF8C564B, 0xFFC49C94, 0xFFE377C2, 0xFFF7B6D2, 0xFF7F7F7F, 0xFFC7C7C7,
        0xFFBCBD22, 0xFFDBDB8D, 0xFF17BECF, 0xFF9EDAE5,
    };

    /**
     * ASPRS LAS classification colours for codes 0..18 (names from the LAS 1.4 specification, colours
     * chosen in the spirit of CloudCompare's and Potree's classification schemes): 0 never classified and
     * 1 unassigned grey, 2 ground brown, 3/4/5 low/medium/high vegetation greens, 6 building orange-red,
     * 7 low point (noise) magenta, 8 reserved/model key point, 9 water blue, 10 rail, 11 road surface,
     * 12 reserved/overlap, 13–16 wire guard/conductor/tower/connector, 17 bridge deck, 18 high noise.
     * Other codes use {@link #PALETTE_20}.
     */
    public static final int[] ASPRS_CLASSES = {
        0xFFA0A0A0, 0xFFC8C8C8, 0xFFAA7F4C, 0xFF9ACD32, 0xFF3CB371, 0xFF006400, 0xFFE8553C, 0xFFFF00FF,
        0xFFFFD700, 0xFF1E90FF, 0xFF8B4513, 0xFF505050, 0xFFFFFF99, 0xFFFFA500, 0xFFFFC0CB, 0xFF8A2BE2,
        0xFF00CED1, 0xFFD2B48C, 0xFFFF1493,
    };

    private PointColoring() {
    }

    /** From RGB bytes, 3 per point (unsigned). */
    public static int[] rgb(byte[] rgb) {
        int n = rgb.length / 3;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = 0xFF000000 | (rgb[3 * i] & 0xFF) << 16 | (rgb[3 * i + 1] & 0xFF) << 8 | rgb[3 * i + 2] & 0xFF;
        }
        return out;
    }

    /**
     * A scalar field through a colour table: value v goes to entry {@code ⌊t × 256⌋} clamped to 0..255
     * with {@code t = (v − lo) / (hi − lo)} (as {@code Colormap.index}), so values outside [lo, hi] take the
     * end colours; NaN gives {@link #NAN_GREY}. When hi ≤ lo every value at or above lo takes the last
     * entry and below lo the first.
     */
    public static int[] scalar(float[] values, int[] table, float lo, float hi) {
        if (table.length != 256) {
            throw new IllegalArgumentException("colour table must have 256 entries: " + table.length);
        }
        int[] out = new int[values.length];
        double scale = hi > lo ? 256.0 / ((double) hi - lo) : 0;
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (v != v) {
                out[i] = NAN_GREY;
                continue;
            }
            int index;
            if (scale == 0) {
                index = v >= lo ? 255 : 0;
            } else {
                double t = (v - (double) lo) * scale;
                index = t < 0 ? 0 : t >= 255 ? 255 : (int) t;
            }
            out[i] = 0xFF000000 | table[index];
        }
        return out;
    }

    /** Categories (e.g. a label or segment field) through {@link #PALETTE_20}. */
    public static int[] categorical(int[] codes) {
        int[] out = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = PALETTE_20[Math.floorMod(codes[i], PALETTE_20.length)];
        }
        return out;
    }

    /** Categories stored as floats (scalar fields are): rounded to the nearest integer; NaN gives grey. */
    public static int[] categorical(float[] codes) {
        int[] out = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            float c = codes[i];
            out[i] = c != c ? NAN_GREY : PALETTE_20[Math.floorMod(Math.round(c), PALETTE_20.length)];
        }
        return out;
    }

    /** LAS classification codes through {@link #ASPRS_CLASSES} (codes above 18 through the palette). */
    public static int[] classification(float[] codes) {
        int[] out = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            float c = codes[i];
            if (c != c) {
                out[i] = NAN_GREY;
                continue;
            }
            int code = Math.round(c);
            out[i] = code >= 0 && code < ASPRS_CLASSES.length ? ASPRS_CLASSES[code]
                    : PALETTE_20[Math.floorMod(code, PALETTE_20.length)];
        }
        return out;
    }

    /**
     * Normals (3 floats per point) as colours: each component n in [-1, 1] to {@code round((n + 1) / 2 × 255)}
     * (clamped; NaN components give 128), x red, y green, z blue.
     */
    public static int[] normals(float[] normals) {
        int n = normals.length / 3;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = 0xFF000000 | channel(normals[3 * i]) << 16 | channel(normals[3 * i + 1]) << 8
                    | channel(normals[3 * i + 2]);
        }
        return out;
    }

    private static int channel(float n) {
        if (n != n) {
            return 128;
        }
        double c = Math.round((n + 1.0) / 2 * 255);
        return (int) Math.max(0, Math.min(255, c));
    }

    /** Height of each point along a direction (xyz interleaved): the dot product with the unit axis. */
    public static float[] height(float[] xyz, double[] axis) {
        double norm = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
        if (!(norm > 0) || !Double.isFinite(norm)) {
            throw new IllegalArgumentException("height axis must be a non-zero vector");
        }
        double ax = axis[0] / norm;
        double ay = axis[1] / norm;
        double az = axis[2] / norm;
        int n = xyz.length / 3;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (xyz[3 * i] * ax + xyz[3 * i + 1] * ay + xyz[3 * i + 2] * az);
        }
        return out;
    }

    /**
     * The values at the {@code loPercent} and {@code hiPercent} percentiles (0..100) of the non-NaN
     * values, linearly interpolated between ranks (numpy's default): {@code [lo, hi]}. All NaN or empty:
     * {@code [NaN, NaN]}. For CloudCompare-like relative ranges (e.g. 2..98 % to ignore outliers).
     */
    public static float[] percentileRange(float[] values, double loPercent, double hiPercent) {
        if (!(loPercent >= 0 && loPercent <= hiPercent && hiPercent <= 100)) {
            throw new IllegalArgumentException("need 0 <= lo <= hi <= 100: " + loPercent + ", " + hiPercent);
        }
        float[] sorted = new float[values.length];
        int m = 0;
        for (float v : values) {
            if (v == v) {
                sorted[m++] = v;
            }
        }
        if (m == 0) {
            return new float[] {Float.NaN, Float.NaN};
        }
        Arrays.sort(sorted, 0, m);
        return new float[] {at(sorted, m, loPercent), at(sorted, m, hiPercent)};
    }

    private static float at(float[] sorted, int m, double percent) {
        double pos = percent / 100 * (m - 1);
        int i = (int) Math.floor(pos);
        if (i >= m - 1) {
            return sorted[m - 1];
        }
        double f = pos - i;
        return (float) (sorted[i] + f * ((double) sorted[i + 1] - sorted[i]));
    }
}
