package org.attentionworkbench.compute.panorama.align;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.attentionworkbench.compute.panorama.Gnomonic;
import org.attentionworkbench.compute.panorama.TangentLayout;
import org.attentionworkbench.compute.panorama.TangentPatch;

/**
 * Overlap correspondences (360MonoDepth's {@code erp_ico_pixel_corr}, subsampled): a regular grid of
 * pixels of every patch A is taken to the sphere and projected gnomonically into every other patch B;
 * a pixel counts where it lands inside B on B's front hemisphere and both depths there are finite.
 */
final class Correspondences {
    private Correspondences() {}

    static List<Correspondence> find(TangentLayout layout, List<float[]> depth, int samplesPerPatch,
            BooleanSupplier cancelled) {
        List<Correspondence> out = new ArrayList<>();
        double[] lonLat = new double[2];
        double[] xy = new double[2];
        int n = layout.size();
        for (int a = 0; a < n; a++) {
            if (cancelled != null && cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled while matching patch overlaps");
            }
            TangentPatch pa = layout.patch(a);
            float[] da = depth.get(a);
            int stride = Math.max(1, (int) Math.round(Math.sqrt((double) pa.width() * pa.height() / samplesPerPatch)));
            for (int r = stride / 2; r < pa.height(); r += stride) {
                double y = pa.y(r);
                for (int c = stride / 2; c < pa.width(); c += stride) {
                    float va = da[r * pa.width() + c];
                    if (!Float.isFinite(va)) {
                        continue;
                    }
                    double x = pa.x(c);
                    double ga = 1 / Math.sqrt(1 + x * x + y * y);
                    Gnomonic.inverse(x, y, pa.lon0(), pa.lat0(), lonLat);
                    for (int b = 0; b < n; b++) {
                        if (b == a) {
                            continue;
                        }
                        TangentPatch pb = layout.patch(b);
                        if (!Gnomonic.forward(lonLat[0], lonLat[1], pb.lon0(), pb.lat0(), xy)) {
                            continue;
                        }
                        double ub = pb.column(xy[0]);
                        double vb = pb.row(xy[1]);
                        if (!(ub >= 0 && ub <= pb.width() - 1 && vb >= 0 && vb <= pb.height() - 1)) {
                            continue;
                        }
                        double vbValue = bilinear(depth.get(b), pb, ub, vb);
                        if (!Double.isFinite(vbValue)) {
                            continue;
                        }
                        double gb = 1 / Math.sqrt(1 + xy[0] * xy[0] + xy[1] * xy[1]);
                        out.add(new Correspondence(a, c, r, va, ga, b, ub, vb, vbValue, gb));
                    }
                }
            }
        }
        return out;
    }

    /** Bilinear sample of an h×w patch map at a fractional pixel inside it; NaN if a corner is not finite. */
    static double bilinear(float[] map, TangentPatch patch, double u, double v) {
        int w = patch.width();
        int c0 = Math.min((int) u, w - 2);
        int r0 = Math.min((int) v, patch.height() - 2);
        double fu = u - c0;
        double fv = v - r0;
        int i = r0 * w + c0;
        double top = map[i] * (1 - fu) + map[i + 1] * fu;
        double bottom = map[i + w] * (1 - fu) + map[i + w + 1] * fu;
        return top * (1 - fv) + bottom * fv;
    }
}
