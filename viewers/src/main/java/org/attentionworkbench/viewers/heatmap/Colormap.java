package org.attentionworkbench.viewers.heatmap;

import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;

/**
 * Perceptual colormaps as exact 256-entry tables (generated from matplotlib's published data by
 * tools/viewers/gen_colormaps.py). A value t in [0, 1] picks entry {@code floor(t * 256)}, clamped
 * to 255 — matplotlib's own lookup rule — so a map here and the same map in a notebook agree.
 */
public enum Colormap {
    VIRIDIS("Viridis", ColormapTables.VIRIDIS),
    INFERNO("Inferno", ColormapTables.INFERNO),
    TURBO("Turbo", ColormapTables.TURBO),
    GREY("Grey", ColormapTables.GREY);

    public static final int SIZE = 256;

    private final String displayName;
    /** Opaque ARGB, so that callers only have to swap the alpha byte. */
    private final int[] argb = new int[SIZE];

    Colormap(String displayName, int[] rgb) {
        this.displayName = displayName;
        for (int i = 0; i < SIZE; i++) {
            argb[i] = 0xff000000 | rgb[i];
        }
    }

    /** Opaque ARGB colour for t in [0, 1]; values outside are clamped; NaN gives transparent 0. */
    public int argb(double t) {
        if (Double.isNaN(t)) {
            return 0;
        }
        return argb[index(t)];
    }

    /** Opaque ARGB colour of table entry i (0..255). */
    public int argbAt(int i) {
        return argb[i];
    }

    /** Table index for t in [0, 1], clamped (NaN is the caller's business). */
    public static int index(double t) {
        int i = (int) (t * SIZE);
        return i < 0 ? 0 : Math.min(i, SIZE - 1);
    }

    /** A copy of the table, opaque ARGB. */
    public int[] table() {
        return argb.clone();
    }

    /** A horizontal ramp, 0 on the left, 1 on the right. */
    public Image swatch(int w, int h) {
        return ramp(w, h, false);
    }

    /** A ramp w x h; vertical ones have 1 at the top (as a legend reads). */
    public WritableImage ramp(int w, int h, boolean vertical) {
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("swatch size must be positive: " + w + "x" + h);
        }
        WritableImage img = new WritableImage(w, h);
        PixelWriter pw = img.getPixelWriter();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // The first and last pixels show the table's ends exactly.
                double t = vertical ? 1 - frac(y, h) : frac(x, w);
                pw.setArgb(x, y, argb(t));
            }
        }
        return img;
    }

    private static double frac(int i, int n) {
        return n > 1 ? i / (double) (n - 1) : 0.5;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
