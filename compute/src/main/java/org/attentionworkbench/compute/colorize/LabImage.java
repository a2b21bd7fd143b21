package org.attentionworkbench.compute.colorize;

import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.parallel.Parallel;

/**
 * An image in L*a*b*, planar, row-major, at its own (full) resolution. A grey image has a and b
 * null: only L is known, and it is what every method keeps.
 *
 * <p>Legend: W×H pixels, index i = y·W + x.
 */
public record LabImage(int width, int height, float[] l, float[] a, float[] b) {
    public LabImage {
        int n = width * height;
        if (width <= 0 || height <= 0 || l.length != n || (a != null && a.length != n) || (b != null && b.length != n)
                || (a == null) != (b == null)) {
            throw new IllegalArgumentException("Lab image " + width + "×" + height + " with planes of the wrong size");
        }
    }

    /** Converts an 8-bit sRGB image (exact formulas). */
    public static LabImage fromRgb(RgbImage img) {
        int n = img.width() * img.height();
        float[] l = new float[n], a = new float[n], b = new float[n];
        int[] px = img.rgb();
        Parallel.forRange(0, n, 4096, (from, to) -> {
            for (int i = from; i < to; i++) {
                double[] lab = Lab.fromRgb8(px[i]);
                l[i] = (float) lab[0];
                a[i] = (float) lab[1];
                b[i] = (float) lab[2];
            }
        });
        return new LabImage(img.width(), img.height(), l, a, b);
    }

    public boolean isGrey() {
        return a == null;
    }

    /** The same L with the colour stripped (the input every method sees). */
    public LabImage grey() {
        return new LabImage(width, height, l, null, null);
    }

    /** Full-resolution L recombined with the given ab planes, gamut-clipped to 8-bit sRGB (fast path). */
    public RgbImage toRgb(float[] aPlane, float[] bPlane) {
        int n = width * height;
        int[] out = new int[n];
        Parallel.forRange(0, n, 8192, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = Lab.toRgb8(l[i], aPlane == null ? 0f : aPlane[i], bPlane == null ? 0f : bPlane[i]);
            }
        });
        return new RgbImage(width, height, out);
    }

    /** This image's own colours as 8-bit sRGB. */
    public RgbImage toRgb() {
        return toRgb(a, b);
    }

    /** Mean chroma √(a² + b²) over the image; 0 for grey (a grey file read as RGB gives ~0). */
    public double meanChroma() {
        if (a == null) {
            return 0;
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m += Math.hypot(a[i], b[i]);
        }
        return m / a.length;
    }
}
