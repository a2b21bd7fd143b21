package org.attentionworkbench.compute.panorama.blend;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.attentionworkbench.compute.panorama.Blend;
import org.attentionworkbench.compute.panorama.Equirect;
import org.attentionworkbench.compute.panorama.ErpMap;
import org.attentionworkbench.compute.panorama.FrustumWeights;
import org.attentionworkbench.compute.panorama.TangentLayout;
import org.attentionworkbench.compute.panorama.Tangents;

/**
 * Per-patch depth maps → one ERP depth map, by any {@link Blend}. Non-finite patch pixels (a model's
 * holes, disparities that aligned to ≤ 0) are left out instead of spreading NaN. The result's
 * {@link ErpMap#weight} is the summed (frustum) weight: 0 marks a pixel no patch saw, which MEAN and
 * FRUSTUM leave at 0 and POISSON fills smoothly from its neighbours.
 */
public final class PanoramaBlending {
    private PanoramaBlending() {}

    public static ErpMap blend(List<float[]> depth, TangentLayout layout, Equirect grid, Blend blend,
            BooleanSupplier cancelled) {
        return switch (blend) {
            case MEAN -> weighted(depth, layout, grid, false);
            case FRUSTUM -> weighted(depth, layout, grid, true);
            case POISSON -> PoissonBlend.blend(depth, layout, grid, PoissonBlend.FIDELITY, cancelled);
        };
    }

    /** MEAN or FRUSTUM with non-finite pixels weighted 0. */
    static ErpMap weighted(List<float[]> depth, TangentLayout layout, Equirect grid, boolean frustum) {
        if (depth.size() != layout.size()) {
            throw new IllegalArgumentException("got " + depth.size() + " depth maps for layout " + layout);
        }
        List<float[]> clean = new ArrayList<>();
        List<float[]> weights = new ArrayList<>();
        for (int p = 0; p < layout.size(); p++) {
            float[] d = depth.get(p);
            float[] w = frustum ? FrustumWeights.of(layout.patch(p)) : filled(d.length, 1);
            if (w.length != d.length) {
                throw new IllegalArgumentException("depth map " + p + " has " + d.length + " values, patch is "
                        + layout.patch(p).height() + "×" + layout.patch(p).width());
            }
            float[] c = d.clone();
            for (int i = 0; i < c.length; i++) {
                if (!Float.isFinite(c[i])) {
                    c[i] = 0;
                    w[i] = 0;
                }
            }
            clean.add(c);
            weights.add(w);
        }
        return Tangents.toErp(clean, 1, layout, grid, weights);
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
