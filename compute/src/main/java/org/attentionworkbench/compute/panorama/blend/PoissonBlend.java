package org.attentionworkbench.compute.panorama.blend;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.attentionworkbench.compute.panorama.Equirect;
import org.attentionworkbench.compute.panorama.ErpMap;
import org.attentionworkbench.compute.panorama.FrustumWeights;
import org.attentionworkbench.compute.panorama.TangentLayout;
import org.attentionworkbench.compute.panorama.Tangents;
import org.attentionworkbench.compute.panorama.solve.SparseLeastSquares;

/**
 * 360MonoDepth's gradient-domain blend ({@code blending.py}, shared research depth360.md §2): the ERP
 * map X minimising Σ_i ‖w_i ⊙ (∇X − ∇D_i)‖² + λ‖X − F‖², with ∇ forward differences (longitude wraps),
 * D_i patch i resampled onto the ERP grid, w_i its frustum weight and F the frustum-weighted average
 * (360MonoDepth holds X to the nearest patch; the average is seamless already and as faithful). Per
 * difference the patch terms collapse to one row: weight Σ w_i², target Σ w_i²·∇D_i / Σ w_i².
 * Differences no patch sees get a tiny pull to 0, so uncovered pixels are filled smoothly (and keep
 * weight 0 in the result). Solved by {@link SparseLeastSquares} (CG on the normal equations).
 *
 * <p>In {@link Equirect}'s convention column W−1 is column 0's meridian again, so the unknowns are
 * columns 0…W−2 and the last column is copied from the first.
 */
public final class PoissonBlend {
    /** 360MonoDepth's fidelity weight λ (main.py). */
    public static final double FIDELITY = 0.1;
    /** Weight of a difference no patch sees (fills uncovered pixels without pulling covered ones). */
    static final double EMPTY = 1e-4;
    static final double TOLERANCE = 1e-7;
    static final int MAX_ITERATIONS = 3000;

    private PoissonBlend() {}

    public static ErpMap blend(List<float[]> depth, TangentLayout layout, Equirect grid, double fidelity,
            BooleanSupplier cancelled) {
        if (!(fidelity > 0) || !Double.isFinite(fidelity)) {
            throw new IllegalArgumentException("Poisson fidelity weight must be finite and > 0, got " + fidelity);
        }
        ErpMap target = PanoramaBlending.weighted(depth, layout, grid, true);
        int width = grid.width();
        int height = grid.height();
        int period = width - 1;
        int plane = width * height;
        double[] gx = new double[plane];
        double[] wx = new double[plane];
        double[] gy = new double[plane];
        double[] wy = new double[plane];
        for (int p = 0; p < layout.size(); p++) {
            check(cancelled);
            float[] d = depth.get(p);
            float[] frustum = FrustumWeights.of(layout.patch(p));
            float[] valid = new float[d.length];
            float[] twoChannels = new float[2 * d.length];
            for (int i = 0; i < d.length; i++) {
                boolean ok = Float.isFinite(d[i]);
                valid[i] = ok ? 1 : 0;
                twoChannels[i] = ok ? d[i] : 0;
                twoChannels[d.length + i] = frustum[i];
            }
            TangentLayout single = new TangentLayout(layout.name() + "#" + p, List.of(layout.patch(p)));
            ErpMap one = Tangents.toErp(List.of(twoChannels), 2, single, grid, List.of(valid));
            float[] v = one.values();
            float[] cover = one.weight();
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < period; c++) {
                    int i = r * width + c;
                    if (!(cover[i] > 0.5)) {
                        continue;
                    }
                    int right = i + 1; // column c + 1 ≤ W − 1, the wrap is column W − 1 itself
                    if (cover[right] > 0.5) {
                        double w = 0.5 * (v[plane + i] + v[plane + right]);
                        gx[i] += w * w * (v[right] - v[i]);
                        wx[i] += w * w;
                    }
                    if (r + 1 < height) {
                        int down = i + width;
                        if (cover[down] > 0.5) {
                            double w = 0.5 * (v[plane + i] + v[plane + down]);
                            gy[i] += w * w * (v[down] - v[i]);
                            wy[i] += w * w;
                        }
                    }
                }
            }
        }
        int unknowns = height * period;
        SparseLeastSquares ls = new SparseLeastSquares(unknowns);
        double[] start = new double[unknowns];
        double mean = 0;
        int covered = 0;
        for (int i = 0; i < plane; i++) {
            if (target.weight()[i] > 0) {
                mean += target.values()[i];
                covered++;
            }
        }
        mean = covered > 0 ? mean / covered : 0;
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < period; c++) {
                int i = r * width + c;
                int u = r * period + c;
                int uRight = r * period + (c + 1) % period;
                boolean seen = target.weight()[i] > 0;
                start[u] = seen ? target.values()[i] : mean;
                if (seen) {
                    ls.addRow(new int[] {u}, new double[] {1}, 1, target.values()[i], fidelity);
                }
                ls.addRow2(uRight, 1, u, -1, wx[i] > 0 ? gx[i] / wx[i] : 0, wx[i] > 0 ? wx[i] : EMPTY);
                if (r + 1 < height) {
                    int uDown = u + period;
                    ls.addRow2(uDown, 1, u, -1, wy[i] > 0 ? gy[i] / wy[i] : 0, wy[i] > 0 ? wy[i] : EMPTY);
                }
            }
        }
        check(cancelled);
        double[] x = ls.solve(start, TOLERANCE, MAX_ITERATIONS, cancelled).x();
        float[] values = new float[plane];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                values[r * width + c] = (float) x[r * period + (c % period)];
            }
        }
        return new ErpMap(grid, 1, values, target.weight().clone());
    }

    private static void check(BooleanSupplier cancelled) {
        if (cancelled != null && cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled during Poisson blending");
        }
    }
}
