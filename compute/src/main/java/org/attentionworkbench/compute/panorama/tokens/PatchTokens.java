package org.attentionworkbench.compute.panorama.tokens;

import java.util.Arrays;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.panorama.ErpPixels;
import org.attentionworkbench.compute.panorama.Gnomonic;
import org.attentionworkbench.compute.panorama.TangentLayout;
import org.attentionworkbench.compute.panorama.TangentPatch;

/**
 * Tokens of a model run on one tangent patch, placed on the sphere. The patch is shown to the model as
 * a {@code width × height} picture ({@link #render}); the model resizes it whole (no crop) and cuts it
 * into a {@code gridH × gridW} token grid, so token (i, j) sees the picture's area
 * [j·w/gridW, (j+1)·w/gridW) × [i·h/gridH, (i+1)·h/gridH) in pixel-area coordinates, where pixel c's
 * sample (at tangent x = {@link TangentPatch#x}(c)) sits at area coordinate c + 0.5.
 *
 * <p>Latitudes are {@link org.attentionworkbench.compute.panorama.Equirect}'s (down positive), as in
 * {@link TangentPatch}; ERP maps are written in the caller's {@link ErpPixels} convention.
 */
public final class PatchTokens {
    private PatchTokens() {}

    /** Colour of the panorama along (lon, lat), Equirect latitude; packed 0xRRGGBB. */
    @FunctionalInterface
    public interface Colours {
        int rgb(double lon, double lat);
    }

    /** Index of the patch whose tangent point is nearest (lon, lat) on the sphere. */
    public static int nearestPatch(TangentLayout layout, double lon, double lat) {
        int best = -1;
        double bestCos = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < layout.size(); i++) {
            TangentPatch p = layout.patch(i);
            double cos = Gnomonic.cosC(lon, lat, p.lon0(), p.lat0());
            if (cos > bestCos) {
                bestCos = cos;
                best = i;
            }
        }
        return best;
    }

    /** The token (row-major index in the grid) that sees (lon, lat), or -1 where the patch does not. */
    public static int tokenAt(TangentPatch patch, int gridH, int gridW, double lon, double lat) {
        checkGrid(gridH, gridW);
        double[] xy = new double[2];
        if (!Gnomonic.forward(lon, lat, patch.lon0(), patch.lat0(), xy)) {
            return -1;
        }
        return cell(patch, gridH, gridW, xy[0], xy[1]);
    }

    /**
     * A per-token map ({@code gridH × gridW}, row-major) on the sphere: a {@code width × height} ERP map
     * in {@code pixels}' convention where each pixel the patch sees takes the value of the token that
     * sees it (nearest token: the picture the model saw, cell by cell), NaN elsewhere.
     */
    public static float[] toErp(float[] grid, int gridH, int gridW, TangentPatch patch, int width, int height,
            ErpPixels pixels) {
        checkGrid(gridH, gridW);
        if (grid.length != gridH * gridW) {
            throw new IllegalArgumentException("token map has " + grid.length + " values, grid is " + gridH + "×" + gridW);
        }
        if (width < 2 || height < 2 || (long) width * height > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("bad ERP size " + width + "×" + height);
        }
        float[] out = new float[width * height];
        Arrays.fill(out, Float.NaN);
        double[] xy = new double[2];
        for (int r = 0; r < height; r++) {
            double lat = -pixels.elevation(r, height);
            for (int c = 0; c < width; c++) {
                double lon = pixels.longitude(c, width);
                if (!Gnomonic.forward(lon, lat, patch.lon0(), patch.lat0(), xy)) {
                    continue;
                }
                int t = cell(patch, gridH, gridW, xy[0], xy[1]);
                if (t >= 0) {
                    out[r * width + c] = grid[t];
                }
            }
        }
        return out;
    }

    /** The patch as the pinhole picture the model is shown: pixel (c, r) is the panorama along its ray. */
    public static RgbImage render(TangentPatch patch, Colours colours) {
        int w = patch.width(), h = patch.height();
        int[] rgb = new int[w * h];
        double[] ll = new double[2];
        for (int r = 0; r < h; r++) {
            double y = patch.y(r);
            for (int c = 0; c < w; c++) {
                Gnomonic.inverse(patch.x(c), y, patch.lon0(), patch.lat0(), ll);
                rgb[r * w + c] = colours.rgb(ll[0], ll[1]) & 0xffffff;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    // the token whose area holds tangent point (x, y), or -1 outside the picture
    private static int cell(TangentPatch patch, int gridH, int gridW, double x, double y) {
        double ax = patch.column(x) + 0.5, ay = patch.row(y) + 0.5;
        if (!(ax >= 0 && ax < patch.width() && ay >= 0 && ay < patch.height())) {
            return -1;
        }
        int j = Math.min(gridW - 1, (int) (ax * gridW / patch.width()));
        int i = Math.min(gridH - 1, (int) (ay * gridH / patch.height()));
        return i * gridW + j;
    }

    private static void checkGrid(int gridH, int gridW) {
        if (gridH < 1 || gridW < 1) {
            throw new IllegalArgumentException("token grid must be at least 1×1, got " + gridH + "×" + gridW);
        }
    }
}
