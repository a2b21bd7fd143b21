package org.attentionworkbench.compute.panorama;

import java.util.ArrayList;
import java.util.List;

/**
 * 360MonoDepth's frustum blending weight for one patch pixel: its distance to the nearest patch
 * border, normalised by half the shorter side, rising linearly from the border and flat (1) over the
 * central part ({@link #PLATEAU} of the way in). Border pixels keep a small weight so a pixel seen
 * only at a patch edge is still covered.
 */
public final class FrustumWeights {
    /** Normalised border distance from which the weight is 1. */
    public static final double PLATEAU = 0.5;
    /** Weight on the patch border itself. */
    public static final double EDGE = 1e-3;

    private FrustumWeights() {}

    /** The h×w weight map of {@code patch}. */
    public static float[] of(TangentPatch patch) {
        int w = patch.width();
        int h = patch.height();
        double half = (Math.min(w, h) - 1) / 2.0;
        float[] out = new float[w * h];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double d = Math.min(Math.min(c, w - 1 - c), Math.min(r, h - 1 - r)) / half;
                out[r * w + c] = (float) Math.max(EDGE, Math.min(1, d / PLATEAU));
            }
        }
        return out;
    }

    /** One weight map per patch of {@code layout}. */
    public static List<float[]> of(TangentLayout layout) {
        List<float[]> out = new ArrayList<>();
        for (TangentPatch p : layout.patches()) {
            out.add(of(p));
        }
        return out;
    }
}
