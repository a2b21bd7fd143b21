package org.attentionworkbench.compute.panorama;

/**
 * One tangent image: tangent point (λ0, φ0) in radians, its rectangle [xMin, xMax] × [yMin, yMax]
 * on the tangent plane, and its size in pixels. Pixels sit on the rectangle's corners and edges
 * (align_corners=True, as OmniFusion and 360MonoDepth sample): column 0 is x = xMin, column
 * width−1 is x = xMax; row 0 is y = yMin (the top, since y grows downwards).
 */
public record TangentPatch(double lon0, double lat0, double xMin, double xMax, double yMin, double yMax,
        int width, int height) {

    public TangentPatch {
        if (width < 2 || height < 2) {
            throw new IllegalArgumentException("a tangent patch needs at least 2×2 pixels, got " + width + "×" + height);
        }
        if (!(xMin < xMax) || !(yMin < yMax)) {
            throw new IllegalArgumentException("empty tangent-plane extent x [" + xMin + ", " + xMax + "], y ["
                    + yMin + ", " + yMax + "]");
        }
        if (!Double.isFinite(lon0) || !Double.isFinite(lat0) || Math.abs(lat0) > Math.PI / 2) {
            throw new IllegalArgumentException("bad tangent point (" + lon0 + ", " + lat0 + ")");
        }
    }

    /** Tangent-plane x of a (fractional) column. */
    public double x(double column) {
        return xMin + (xMax - xMin) * column / (width - 1);
    }

    /** Tangent-plane y of a (fractional) row. */
    public double y(double row) {
        return yMin + (yMax - yMin) * row / (height - 1);
    }

    /** Fractional column of a tangent-plane x (inside the patch when in [0, width−1]). */
    public double column(double x) {
        return (x - xMin) / (xMax - xMin) * (width - 1);
    }

    /** Fractional row of a tangent-plane y (inside the patch when in [0, height−1]). */
    public double row(double y) {
        return (y - yMin) / (yMax - yMin) * (height - 1);
    }

    public double lon0Degrees() {
        return Math.toDegrees(lon0);
    }

    public double lat0Degrees() {
        return Math.toDegrees(lat0);
    }
}
