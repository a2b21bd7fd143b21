package org.attentionworkbench.app.depth360;

import java.util.Objects;
import org.attentionworkbench.compute.panorama.Equirect;
import org.attentionworkbench.compute.panorama.Gnomonic;
import org.attentionworkbench.compute.panorama.TangentLayout;

/**
 * A finished depth map of the shown panorama, in the engine's {@link Equirect} convention (column 0 and
 * W−1 at ∓180°, row 0 looking up).
 *
 * @param depth H×W radial depth in the model's units (metres when {@code metric}, else one arbitrary scale)
 * @param weight H×W blend weight; 0 marks a pixel no patch saw (its depth means nothing)
 * @param layout the tangent patches used, or null (OmniFusion runs its own)
 */
public record PanoramaDepth(Equirect grid, float[] depth, float[] weight, boolean metric, String modelLabel,
        TangentLayout layout, long millis) {
    public PanoramaDepth {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(modelLabel, "modelLabel");
        grid.requireMap(depth, 1);
        grid.requireMap(weight, 1);
    }

    /** True where the pixel has a depth (seen by a patch, finite, > 0). */
    public boolean covered(int index) {
        float d = depth[index];
        return weight[index] > 0 && d > 0 && Float.isFinite(d);
    }

    public boolean[] coveredMask() {
        boolean[] m = new boolean[depth.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = covered(i);
        }
        return m;
    }

    /**
     * The raw depth along (lon, lat) in radians (latitude up, as the viewer gives it): bilinear between the
     * four surrounding pixels when all have depth, else the nearest one's; NaN where it has none.
     */
    public double depthAt(double lon, double lat) {
        double col = grid.column(Gnomonic.wrapLongitude(lon));
        double row = grid.row(-Math.max(-Math.PI / 2, Math.min(Math.PI / 2, lat)));
        int w = grid.width(), h = grid.height(), period = w - 1;
        int c0 = Math.min((int) Math.floor(col), period - 1), r0 = Math.min((int) Math.floor(row), h - 2);
        double fc = col - c0, fr = row - r0;
        int c1 = (c0 + 1) % period, r1 = r0 + 1;
        int[] idx = {r0 * w + c0, r0 * w + c1, r1 * w + c0, r1 * w + c1};
        if (covered(idx[0]) && covered(idx[1]) && covered(idx[2]) && covered(idx[3])) {
            return (depth[idx[0]] * (1 - fc) + depth[idx[1]] * fc) * (1 - fr)
                    + (depth[idx[2]] * (1 - fc) + depth[idx[3]] * fc) * fr;
        }
        int nearest = (fr < 0.5 ? r0 : r1) * w + (fc < 0.5 ? c0 : c1);
        return covered(nearest) ? depth[nearest] : Double.NaN;
    }
}
