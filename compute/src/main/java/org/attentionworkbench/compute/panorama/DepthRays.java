package org.attentionworkbench.compute.panorama;

/**
 * Planar ↔ radial depth on a tangent patch. A perspective depth model gives z, the distance along
 * the patch's optical axis; the panorama needs r, the distance along each pixel's ray. The ray through
 * tangent-plane point (x, y) is (x, y, 1)·z, so r = z·√(1 + x² + y²) (360MonoDepth's
 * {@code subdepthmap_tang2erp}). Maps are h×w for one patch; NaN and ±∞ pass through scaled.
 */
public final class DepthRays {
    private DepthRays() {}

    /** z along the axis → r along the ray, per pixel of {@code patch}. */
    public static float[] radialFromPlanar(float[] planarDepth, TangentPatch patch) {
        return scale(planarDepth, patch, true);
    }

    /** r along the ray → z along the axis, per pixel of {@code patch}. */
    public static float[] planarFromRadial(float[] radialDepth, TangentPatch patch) {
        return scale(radialDepth, patch, false);
    }

    private static float[] scale(float[] depth, TangentPatch patch, boolean toRadial) {
        int w = patch.width();
        int h = patch.height();
        if (depth.length != w * h) {
            throw new IllegalArgumentException("depth map has " + depth.length + " floats, patch is " + h + "×" + w);
        }
        float[] out = new float[depth.length];
        for (int r = 0; r < h; r++) {
            double y = patch.y(r);
            for (int c = 0; c < w; c++) {
                double x = patch.x(c);
                double f = Math.sqrt(1 + x * x + y * y);
                int i = r * w + c;
                out[i] = (float) (toRadial ? depth[i] * f : depth[i] / f);
            }
        }
        return out;
    }
}
