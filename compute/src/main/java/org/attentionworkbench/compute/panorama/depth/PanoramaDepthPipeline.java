package org.attentionworkbench.compute.panorama.depth;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.attentionworkbench.compute.models.depth.DepthKind;
import org.attentionworkbench.compute.panorama.DepthRays;
import org.attentionworkbench.compute.panorama.ErpMap;
import org.attentionworkbench.compute.panorama.TangentLayout;
import org.attentionworkbench.compute.panorama.TangentPatch;
import org.attentionworkbench.compute.panorama.Tangents;
import org.attentionworkbench.compute.panorama.align.AlignedPatches;
import org.attentionworkbench.compute.panorama.align.PatchAligner;
import org.attentionworkbench.compute.panorama.blend.PanoramaBlending;

/**
 * ERP image → seamless ERP radial depth with any perspective depth model: cut the panorama into tangent
 * patches, run the model on each, bring every patch's inverse depth onto one scale across the overlaps
 * ({@link PatchAligner}), turn planar into radial depth and blend ({@link PanoramaBlending}).
 */
public final class PanoramaDepthPipeline {
    private PanoramaDepthPipeline() {}

    /**
     * @throws CancellationException when the listener cancels
     * @throws IllegalArgumentException when the model returns a map of the wrong size or patches do not overlap
     * @throws Exception what the estimator throws
     */
    public static PanoramaDepthResult run(PanoramaDepthRequest request, PatchDepthEstimator estimator,
            PanoramaDepthListener listener) throws Exception {
        long start = System.nanoTime();
        PanoramaDepthListener l = listener == null ? PanoramaDepthListener.NONE : listener;
        TangentLayout layout = request.layout();
        l.stage("patches");
        check(l);
        float[][] images = Tangents.toPatches(request.rgbChw(), 3, request.grid(), layout);
        List<PatchDepth> raw = new ArrayList<>();
        List<float[]> inverse = new ArrayList<>();
        boolean metric = false;
        for (int p = 0; p < layout.size(); p++) {
            check(l);
            TangentPatch patch = layout.patch(p);
            PatchDepth d = estimator.estimate(p, patch, images[p]);
            if (d == null || d.width() != patch.width() || d.height() != patch.height()) {
                throw new IllegalArgumentException("the depth model returned " + (d == null ? "nothing"
                        : d.width() + "×" + d.height()) + " for patch " + p + " of " + patch.width() + "×"
                        + patch.height());
            }
            if (p > 0 && (d.kind() == DepthKind.METRIC_METRES) != metric) {
                throw new IllegalArgumentException("the depth model mixed metric and relative patches");
            }
            metric = d.kind() == DepthKind.METRIC_METRES;
            raw.add(d);
            inverse.add(planarInverse(d));
            l.patchEstimated(p, layout.size(), patch, d);
        }
        l.stage("align");
        AlignedPatches aligned = PatchAligner.align(inverse, layout, request.alignment(), l::cancelled);
        List<float[]> alignedInverse = aligned.inverseDepth();
        if (metric) {
            alignedInverse = keepMedian(inverse, alignedInverse);
        }
        List<float[]> radial = new ArrayList<>();
        for (int p = 0; p < layout.size(); p++) {
            float[] inv = alignedInverse.get(p);
            float[] z = new float[inv.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = inv[i] > 0 ? 1 / inv[i] : Float.NaN;
            }
            radial.add(DepthRays.radialFromPlanar(z, layout.patch(p)));
        }
        l.stage("blend");
        check(l);
        ErpMap map = PanoramaBlending.blend(radial, layout, request.grid(), request.blend(), l::cancelled);
        return new PanoramaDepthResult(request.grid(), map.values(), map.weight(), List.copyOf(raw), aligned,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Planar inverse depth of a patch: relative models give it; metric ones give z, inverted (z ≤ 0 → NaN). */
    static float[] planarInverse(PatchDepth d) {
        if (d.kind() == DepthKind.RELATIVE_INVERSE) {
            return d.values().clone();
        }
        float[] out = new float[d.values().length];
        for (int i = 0; i < out.length; i++) {
            float z = d.values()[i];
            out[i] = z > 0 && Float.isFinite(z) ? 1 / z : Float.NaN;
        }
        return out;
    }

    /** One global factor so the aligned inverse depth keeps the input's median: a metric model keeps its metres. */
    private static List<float[]> keepMedian(List<float[]> input, List<float[]> aligned) {
        double ratio = median(input) / median(aligned);
        if (!(ratio > 0) || !Double.isFinite(ratio)) {
            return aligned;
        }
        List<float[]> out = new ArrayList<>();
        for (float[] a : aligned) {
            float[] s = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                s[i] = (float) (a[i] * ratio);
            }
            out.add(s);
        }
        return out;
    }

    private static double median(List<float[]> maps) {
        int n = 0;
        for (float[] m : maps) {
            n += m.length;
        }
        float[] all = new float[n];
        int k = 0;
        for (float[] m : maps) {
            for (float v : m) {
                if (Float.isFinite(v)) {
                    all[k++] = v;
                }
            }
        }
        if (k == 0) {
            return Double.NaN;
        }
        float[] f = java.util.Arrays.copyOf(all, k);
        java.util.Arrays.sort(f);
        return f[k / 2];
    }

    private static void check(PanoramaDepthListener l) {
        if (l.cancelled()) {
            throw new CancellationException("panorama depth cancelled");
        }
    }
}
