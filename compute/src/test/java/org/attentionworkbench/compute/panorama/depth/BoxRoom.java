package org.attentionworkbench.compute.panorama.depth;

import org.attentionworkbench.compute.panorama.Equirect;
import org.attentionworkbench.compute.panorama.Gnomonic;
import org.attentionworkbench.compute.panorama.TangentPatch;

/**
 * An empty 6 × 4 × 3 m box seen from (2, 1.5, 1.4): exact radial depth for any ray, written here by
 * trigonometry so the tests do not lean on the code under test. Axes as in samples.rooms: x at λ = 90°,
 * y at λ = 0, z up; latitude in {@link Equirect}'s convention (downwards positive).
 */
public final class BoxRoom {
    public static final double W = 6, D = 4, H = 3, CX = 2, CY = 1.5, CZ = 1.4;

    private BoxRoom() {}

    public static double depth(double lon, double lat) {
        double e = -lat;
        double[] r = {Math.cos(e) * Math.sin(lon), Math.cos(e) * Math.cos(lon), Math.sin(e)};
        double[] lo = {-CX, -CY, -CZ};
        double[] hi = {W - CX, D - CY, H - CZ};
        double best = Double.POSITIVE_INFINITY;
        for (int a = 0; a < 3; a++) {
            if (r[a] > 1e-12) {
                best = Math.min(best, hi[a] / r[a]);
            } else if (r[a] < -1e-12) {
                best = Math.min(best, lo[a] / r[a]);
            }
        }
        return best;
    }

    public static float[] erp(Equirect grid) {
        float[] out = new float[grid.width() * grid.height()];
        for (int r = 0; r < grid.height(); r++) {
            for (int c = 0; c < grid.width(); c++) {
                out[r * grid.width() + c] = (float) depth(grid.longitude(c), grid.latitude(r));
            }
        }
        return out;
    }

    /** Exact planar depth z of every pixel of a patch. */
    public static float[] planar(TangentPatch patch) {
        float[] out = new float[patch.width() * patch.height()];
        double[] ll = new double[2];
        for (int r = 0; r < patch.height(); r++) {
            for (int c = 0; c < patch.width(); c++) {
                double x = patch.x(c);
                double y = patch.y(r);
                Gnomonic.inverse(x, y, patch.lon0(), patch.lat0(), ll);
                out[r * patch.width() + c] = (float) (depth(ll[0], ll[1]) / Math.sqrt(1 + x * x + y * y));
            }
        }
        return out;
    }
}
