package org.attentionworkbench.compute.panorama;

import java.util.List;
import java.util.stream.IntStream;

/** Resampling between an ERP map and the tangent patches of a {@link TangentLayout}. */
public final class Tangents {
    /** Corner weights at or below this are dropped before normalising, as in OmniFusion's pers2equi. */
    static final double MIN_WEIGHT = 1e-5;

    private Tangents() {}

    /**
     * ERP map (C×H×W) → one C×h×w map per patch: each patch pixel's tangent-plane point is taken back
     * to (λ, φ) and the ERP map is sampled there bilinearly (longitude wraps, poles clamp).
     */
    public static float[][] toPatches(float[] erp, int channels, Equirect grid, TangentLayout layout) {
        grid.requireMap(erp, channels);
        float[][] out = new float[layout.size()][];
        double[] lonLat = new double[2];
        for (int p = 0; p < layout.size(); p++) {
            TangentPatch patch = layout.patch(p);
            int w = patch.width();
            int h = patch.height();
            requireSize(channels, w, h);
            float[] map = new float[channels * w * h];
            for (int r = 0; r < h; r++) {
                double y = patch.y(r);
                for (int c = 0; c < w; c++) {
                    Gnomonic.inverse(patch.x(c), y, patch.lon0(), patch.lat0(), lonLat);
                    double col = grid.column(lonLat[0]);
                    double row = grid.row(lonLat[1]);
                    for (int ch = 0; ch < channels; ch++) {
                        map[ch * w * h + r * w + c] = grid.sample(erp, ch, col, row);
                    }
                }
            }
            out[p] = map;
        }
        return out;
    }

    /**
     * Patches (each C×h×w, in layout order) → ERP map of the given grid. For each ERP pixel and each
     * patch whose plane it projects onto (cos c > 0) inside the patch rectangle, the four bilinear
     * corner weights are collected; weights ≤ 1e-5 are dropped and the rest L1-normalised across all
     * patches, so each covering patch adds its bilinear sample with equal weight. Pixels no patch
     * covers stay 0 with weight 0.
     */
    public static ErpMap toErp(List<float[]> patches, int channels, TangentLayout layout, Equirect grid,
            Blend blend) {
        return switch (blend) {
            case MEAN -> toErp(patches, channels, layout, grid, (List<float[]>) null);
            case FRUSTUM -> toErp(patches, channels, layout, grid, FrustumWeights.of(layout));
            case POISSON -> throw new IllegalArgumentException(
                    "Poisson blending solves for the whole map: use compute.panorama.blend.PanoramaBlending");
        };
    }

    /**
     * As {@link #toErp(List, int, TangentLayout, Equirect, Blend)} with MEAN, but every patch pixel's
     * four corner weights are multiplied by its weight in {@code pixelWeights} (one h×w map per patch;
     * null: all 1), so the result is a weighted average. Weights must be finite and ≥ 0.
     */
    public static ErpMap toErp(List<float[]> patches, int channels, TangentLayout layout, Equirect grid,
            List<float[]> pixelWeights) {
        if (pixelWeights != null && pixelWeights.size() != layout.size()) {
            throw new IllegalArgumentException("got " + pixelWeights.size() + " weight maps for layout " + layout);
        }
        if (patches.size() != layout.size()) {
            throw new IllegalArgumentException("got " + patches.size() + " patches for layout " + layout);
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channel count must be ≥ 1, got " + channels);
        }
        for (int p = 0; p < patches.size(); p++) {
            TangentPatch patch = layout.patch(p);
            requireSize(channels, patch.width(), patch.height());
            if (patches.get(p).length != channels * patch.width() * patch.height()) {
                throw new IllegalArgumentException("patch " + p + " has " + patches.get(p).length + " floats, expected "
                        + channels + "×" + patch.height() + "×" + patch.width());
            }
        }
        int width = grid.width();
        int height = grid.height();
        if ((long) channels * width * height > Equirect.MAX_FLOATS) {
            throw new IllegalArgumentException(channels + "×" + height + "×" + width + " map is too large");
        }
        int plane = width * height;
        double[] sum = new double[channels * plane];
        double[] weight = new double[plane];
        for (int p = 0; p < layout.size(); p++) {
            TangentPatch patch = layout.patch(p);
            float[] pw = pixelWeights == null ? null : pixelWeights.get(p);
            if (pw != null && pw.length != patch.width() * patch.height()) {
                throw new IllegalArgumentException("weight map " + p + " has " + pw.length + " floats, patch is "
                        + patch.height() + "×" + patch.width());
            }
        }
        // rows in parallel, patches in layout order within a row: every pixel sums in the same order as
        // a single thread would, and no two threads write the same pixel
        IntStream.range(0, height).parallel().forEach(r -> {
            double lat = grid.latitude(r);
            double[] xy = new double[2];
            for (int p = 0; p < layout.size(); p++) {
                TangentPatch patch = layout.patch(p);
                if (Math.abs(lat - patch.lat0()) > reach(patch)) {
                    continue; // the whole row is farther from the tangent point than any patch corner
                }
                float[] map = patches.get(p);
                float[] pw = pixelWeights == null ? null : pixelWeights.get(p);
                int w = patch.width();
                int h = patch.height();
                for (int c = 0; c < width; c++) {
                    if (!Gnomonic.forward(grid.longitude(c), lat, patch.lon0(), patch.lat0(), xy)) {
                        continue;
                    }
                    double u = patch.column(xy[0]);
                    double v = patch.row(xy[1]);
                    if (!(u >= 0 && u <= w - 1 && v >= 0 && v <= h - 1)) {
                        continue;
                    }
                    int c0 = Math.min((int) u, w - 2);
                    int r0 = Math.min((int) v, h - 2);
                    double fu = u - c0;
                    double fv = v - r0;
                    int pixel = r * width + c;
                    int at = r0 * w + c0;
                    addCorner(map, channels, w * h, at, (1 - fu) * (1 - fv) * at(pw, at), sum, weight, pixel, plane);
                    addCorner(map, channels, w * h, at + 1, fu * (1 - fv) * at(pw, at + 1), sum, weight, pixel, plane);
                    addCorner(map, channels, w * h, at + w, (1 - fu) * fv * at(pw, at + w), sum, weight, pixel, plane);
                    addCorner(map, channels, w * h, at + w + 1, fu * fv * at(pw, at + w + 1), sum, weight, pixel, plane);
                }
            }
        });
        float[] values = new float[channels * plane];
        float[] weights = new float[plane];
        for (int i = 0; i < plane; i++) {
            weights[i] = (float) weight[i];
            if (weight[i] > 0) {
                for (int ch = 0; ch < channels; ch++) {
                    values[ch * plane + i] = (float) (sum[ch * plane + i] / weight[i]);
                }
            }
        }
        return new ErpMap(grid, channels, values, weights);
    }

    /** Largest angle (radians) between the tangent point and any point of the patch rectangle. */
    private static double reach(TangentPatch patch) {
        double x = Math.max(Math.abs(patch.xMin()), Math.abs(patch.xMax()));
        double y = Math.max(Math.abs(patch.yMin()), Math.abs(patch.yMax()));
        return Math.atan(Math.hypot(x, y)) + 1e-9;
    }

    private static double at(float[] weights, int i) {
        return weights == null ? 1 : weights[i];
    }

    private static void addCorner(float[] map, int channels, int patchPlane, int at, double w,
            double[] sum, double[] weight, int pixel, int plane) {
        if (w <= MIN_WEIGHT) {
            return;
        }
        weight[pixel] += w;
        for (int ch = 0; ch < channels; ch++) {
            sum[ch * plane + pixel] += w * map[ch * patchPlane + at];
        }
    }

    private static void requireSize(int channels, int w, int h) {
        if ((long) channels * w * h > Equirect.MAX_FLOATS) {
            throw new IllegalArgumentException("patch " + channels + "×" + h + "×" + w + " is too large");
        }
    }
}
