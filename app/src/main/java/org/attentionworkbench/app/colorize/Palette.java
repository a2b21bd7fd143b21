package org.attentionworkbench.app.colorize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attentionworkbench.compute.colorize.Lab;

/**
 * The picker's colour sources, as plain pixel arithmetic: the ab gamut at one lightness (as in
 * Zhang et al.'s ideepcolor GUI), and the colours a result already has around a pixel.
 */
public final class Palette {
    /** Half-width of the ab square the gamut shows (a, b in [-RANGE, RANGE]). */
    public static final float RANGE = 110f;
    /** Suggestions are gathered in a square this many result pixels either side of the pick. */
    static final int SUGGEST_RADIUS = 24;
    /** ab bin width (Lab units) for grouping similar colours. */
    static final float BIN = 8f;

    private Palette() {}

    /**
     * The sRGB gamut slice at lightness {@code l} as a size×size ARGB image: a to the right, b up;
     * colours outside sRGB are transparent.
     */
    public static int[] gamut(double l, int size) {
        int[] out = new int[size * size];
        for (int j = 0; j < size; j++) {
            double b = toAb(size - 1 - j, size);
            for (int i = 0; i < size; i++) {
                double a = toAb(i, size);
                double[] lin = Lab.toLinear(l, a, b);
                boolean inside = lin[0] >= -1e-4 && lin[0] <= 1.0001 && lin[1] >= -1e-4 && lin[1] <= 1.0001
                        && lin[2] >= -1e-4 && lin[2] <= 1.0001;
                out[j * size + i] = inside ? 0xFF000000 | Lab.toRgb8Exact(l, a, b) : 0;
            }
        }
        return out;
    }

    /** ab at the centre of gamut pixel index {@code i} (column for a, flipped row for b). */
    public static double toAb(double i, int size) {
        return ((i + 0.5) / size * 2 - 1) * RANGE;
    }

    /** Gamut pixel coordinate (fractional) of an ab value: the inverse of {@link #toAb}. */
    public static double toPixel(double ab, int size) {
        return (ab / RANGE + 1) / 2 * size;
    }

    /** Opaque ARGB of a colour at a lightness. */
    public static int argb(double l, AbColour c) {
        return 0xFF000000 | Lab.toRgb8Exact(l, c.a(), c.b());
    }

    /**
     * Up to {@code k} colours of {@code r} around full-resolution pixel (x, y): ab binned, bins by
     * pixel count, each bin's mean; near-grey pixels form one bin like any other.
     */
    public static List<AbColour> suggestions(ColorizeResult r, int x, int y, int k) {
        int centre = r.index(x, y);
        int cx = centre % r.width(), cy = centre / r.width();
        Map<Long, double[]> bins = new HashMap<>(); // key → {count, sum a, sum b}
        for (int gy = Math.max(0, cy - SUGGEST_RADIUS); gy <= Math.min(r.height() - 1, cy + SUGGEST_RADIUS); gy++) {
            for (int gx = Math.max(0, cx - SUGGEST_RADIUS); gx <= Math.min(r.width() - 1, cx + SUGGEST_RADIUS); gx++) {
                int i = gy * r.width() + gx;
                long key = ((long) Math.round(r.a()[i] / BIN) << 32) ^ (Math.round(r.b()[i] / BIN) & 0xFFFFFFFFL);
                double[] s = bins.computeIfAbsent(key, kk -> new double[3]);
                s[0]++;
                s[1] += r.a()[i];
                s[2] += r.b()[i];
            }
        }
        List<double[]> sorted = new ArrayList<>(bins.values());
        sorted.sort(Comparator.comparingDouble((double[] s) -> -s[0]));
        List<AbColour> out = new ArrayList<>();
        for (double[] s : sorted.subList(0, Math.min(k, sorted.size()))) {
            out.add(new AbColour((float) (s[1] / s[0]), (float) (s[2] / s[0])));
        }
        return out;
    }
}
