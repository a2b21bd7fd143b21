package org.attentionworkbench.compute.colorize;

/**
 * CIE L*a*b* (D65 white, 2° observer) from and to sRGB, with the formulas of
 * {@code skimage.color.rgb2lab / lab2rgb}: the sRGB transfer function (0.04045 / 0.0031308 knees,
 * exponent 2.4), the sRGB→XYZ matrix, and the CIE f(t) with the (6/29)³ knee.
 *
 * <p>Legend: r, g, b in [0, 1] (sRGB, gamma-encoded); L in [0, 100]; a, b roughly [-128, 127].
 * The exact conversions work in double; {@link #toRgb8} is the fast path for 8-bit display
 * (the transfer function read from a table, within one level of the exact result).
 */
public final class Lab {
    /** D65 reference white (skimage's "D65", "2"). */
    static final double XN = 0.95047, YN = 1.0, ZN = 1.08883;
    private static final double DELTA = 6.0 / 29.0;
    private static final double DELTA3 = DELTA * DELTA * DELTA;
    private static final int LUT = 1 << 14;
    /** linear [0, 1] → sRGB 8-bit, sampled at LUT+1 points. */
    private static final float[] ENCODE = new float[LUT + 1];

    private static final double[] XYZ_FROM_RGB = {0.412453, 0.357580, 0.180423, 0.212671, 0.715160, 0.072169,
        0.019334, 0.119193, 0.950227};
    private static final double[] RGB_FROM_XYZ = invert3(XYZ_FROM_RGB);
    private static final float[] RGB_FROM_XYZ_F = new float[9];

    static {
        for (int i = 0; i < 9; i++) {
            RGB_FROM_XYZ_F[i] = (float) RGB_FROM_XYZ[i];
        }
        for (int i = 0; i <= LUT; i++) {
            ENCODE[i] = (float) (encode((double) i / LUT) * 255.0);
        }
    }

    private Lab() {}

    private static double[] invert3(double[] m) {
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
        double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        return new double[] {(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
            (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
            (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det};
    }

    /** sRGB (gamma-encoded, [0, 1]) → linear light. */
    public static double decode(double c) {
        return c > 0.04045 ? Math.pow((c + 0.055) / 1.055, 2.4) : c / 12.92;
    }

    /** linear light → sRGB (gamma-encoded); the input is not clipped. */
    public static double encode(double c) {
        return c > 0.0031308 ? 1.055 * Math.pow(c, 1 / 2.4) - 0.055 : c * 12.92;
    }

    private static double f(double t) {
        return t > DELTA3 ? Math.cbrt(t) : t / (3 * DELTA * DELTA) + 4.0 / 29.0;
    }

    private static double fInv(double t) {
        return t > DELTA ? t * t * t : 3 * DELTA * DELTA * (t - 4.0 / 29.0);
    }

    /** sRGB in [0, 1] → {L, a, b}. */
    public static double[] fromRgb(double r, double g, double b) {
        double lr = decode(r), lg = decode(g), lb = decode(b);
        // sRGB primaries, D65 (the matrix skimage uses)
        double[] m = XYZ_FROM_RGB;
        double x = m[0] * lr + m[1] * lg + m[2] * lb;
        double y = m[3] * lr + m[4] * lg + m[5] * lb;
        double z = m[6] * lr + m[7] * lg + m[8] * lb;
        double fx = f(x / XN), fy = f(y / YN), fz = f(z / ZN);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    /** {L, a, b} → linear-light RGB before gamut clipping (may leave [0, 1]). */
    public static double[] toLinear(double l, double a, double b) {
        double fy = (l + 16) / 116;
        double fx = fy + a / 500;
        double fz = Math.max(0, fy - b / 200); // as skimage: z never negative
        double x = fInv(fx) * XN, y = fInv(fy) * YN, z = fInv(fz) * ZN;
        // the exact inverse of the matrix above (skimage's rgb_from_xyz = inv(xyz_from_rgb))
        double[] m = RGB_FROM_XYZ;
        return new double[] {m[0] * x + m[1] * y + m[2] * z, m[3] * x + m[4] * y + m[5] * z,
            m[6] * x + m[7] * y + m[8] * z};
    }

    /** {L, a, b} → sRGB in [0, 1], clipped to the gamut per channel (as skimage.lab2rgb). */
    public static double[] toRgb(double l, double a, double b) {
        double[] lin = toLinear(l, a, b);
        for (int i = 0; i < 3; i++) {
            lin[i] = Math.min(1, Math.max(0, encode(Math.max(0, lin[i]))));
        }
        return lin;
    }

    /** Packed 0xRRGGBB → {L, a, b}. */
    public static double[] fromRgb8(int rgb) {
        return fromRgb(((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0, (rgb & 0xFF) / 255.0);
    }

    /** {L, a, b} → packed 0xRRGGBB, exact path. */
    public static int toRgb8Exact(double l, double a, double b) {
        double[] c = toRgb(l, a, b);
        return pack(c[0] * 255, c[1] * 255, c[2] * 255);
    }

    /** {L, a, b} → packed 0xRRGGBB, fast path (float, table transfer function; ±1 level). */
    public static int toRgb8(float l, float a, float b) {
        float fy = (l + 16f) / 116f;
        float fx = fy + a / 500f;
        float fz = Math.max(0f, fy - b / 200f);
        float x = fInvF(fx) * (float) XN, y = fInvF(fy), z = fInvF(fz) * (float) ZN;
        float[] m = RGB_FROM_XYZ_F;
        float r = m[0] * x + m[1] * y + m[2] * z;
        float g = m[3] * x + m[4] * y + m[5] * z;
        float bl = m[6] * x + m[7] * y + m[8] * z;
        return pack(enc(r), enc(g), enc(bl));
    }

    private static float fInvF(float t) {
        return t > (float) DELTA ? t * t * t : (float) (3 * DELTA * DELTA) * (t - 4f / 29f);
    }

    /** Linear → 8-bit level by linear interpolation in the table; clipped to [0, 255]. */
    private static float enc(float c) {
        if (c <= 0f) {
            return 0f;
        }
        if (c >= 1f) {
            return 255f;
        }
        float p = c * LUT;
        int i = (int) p;
        float t = p - i;
        return ENCODE[i] + t * (ENCODE[Math.min(LUT, i + 1)] - ENCODE[i]);
    }

    private static int pack(double r, double g, double b) {
        return level(r) << 16 | level(g) << 8 | level(b);
    }

    private static int level(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
