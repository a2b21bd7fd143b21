package org.attentionworkbench.compute.colorize;

/**
 * The a, b pairs that some sRGB colour has at some lightness: the outline of the sRGB gamut seen from
 * above the L axis. A hint carries a, b only (its L is the image's own), so this is the most a hint
 * colour can mean; anything farther out is moved back onto the outline along its hue.
 *
 * <p>Built once from the surface of the RGB cube (the outline of a projected solid comes from its
 * surface): the largest chroma per hue bin. Within about one ab unit of the true outline.
 */
public final class SrgbAbGamut {
    /** Nominal CIE a, b range: beyond it a value is a wrong unit or scale, not a colour. */
    public static final float AB_LIMIT = 128f;
    private static final int BINS = 720;
    private static final int STEPS = 256; // samples per cube face side
    /** Slack for the sampling, so that every sRGB colour counts as inside. */
    private static final double TOLERANCE = 0.25;

    private SrgbAbGamut() {}

    /** Built on first use (a few tens of milliseconds). */
    private static final class Outline {
        static final float[] MAX_CHROMA = build();
    }

    /** The largest chroma sRGB reaches at this hue (radians, atan2(b, a)). */
    public static float maxChroma(double hue) {
        float[] max = Outline.MAX_CHROMA;
        // linear between the two nearest bin centres
        double t = (hue + Math.PI) / (2 * Math.PI) * BINS - 0.5;
        int lo = (int) Math.floor(t);
        double f = t - lo;
        return (float) ((1 - f) * max[Math.floorMod(lo, BINS)] + f * max[Math.floorMod(lo + 1, BINS)]);
    }

    /** True when (a, b) lies within the outline. */
    public static boolean contains(float a, float b) {
        return Math.hypot(a, b) <= maxChroma(Math.atan2(b, a)) + TOLERANCE;
    }

    /** (a, b) itself when inside the outline, else the point on the outline with the same hue. */
    public static float[] clamp(float a, float b) {
        double c = Math.hypot(a, b);
        double limit = maxChroma(Math.atan2(b, a));
        if (c <= limit + TOLERANCE) {
            return new float[] {a, b};
        }
        double k = limit / c;
        return new float[] {(float) (a * k), (float) (b * k)};
    }

    private static int bin(double hue) {
        double t = (hue + Math.PI) / (2 * Math.PI); // [0, 1]
        return Math.min(BINS - 1, Math.max(0, (int) (t * BINS)));
    }

    private static float[] build() {
        float[] max = new float[BINS];
        double[] rgb = new double[3];
        for (int axis = 0; axis < 3; axis++) {
            for (int side = 0; side <= 1; side++) {
                for (int i = 0; i <= STEPS; i++) {
                    for (int j = 0; j <= STEPS; j++) {
                        rgb[axis] = side;
                        rgb[(axis + 1) % 3] = (double) i / STEPS;
                        rgb[(axis + 2) % 3] = (double) j / STEPS;
                        double[] lab = Lab.fromRgb(rgb[0], rgb[1], rgb[2]);
                        int bin = bin(Math.atan2(lab[2], lab[1]));
                        max[bin] = (float) Math.max(max[bin], Math.hypot(lab[1], lab[2]));
                    }
                }
            }
        }
        return max;
    }
}
