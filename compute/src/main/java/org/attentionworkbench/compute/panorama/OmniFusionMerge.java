package org.attentionworkbench.compute.panorama;

import java.util.Arrays;

/**
 * OmniFusion's {@code pers2equi_v3.py} exactly, for its checkpoints: patches → ERP with the weights
 * computed once per (layout, ERP size) and kept, as OmniFusion caches them in {@code ./grid}.
 *
 * <p>It differs from {@link Tangents#toErp} (align-corners pixels) in three ways the checkpoints were
 * trained with: a tangent-plane x maps to column (x/extent + 1)·size/2, so +extent lands on column
 * {@code size} and not size−1; a patch covers an ERP pixel when 0 &lt; column &lt; size and
 * 0 &lt; row &lt; size (strict) and cos c &gt; 0; the far corner x0+1 / y0+1 is clamped to size−1,
 * so in the last column the weight (x0+1−x) is negative and dropped like every weight ≤ 1e-5. The kept
 * weights of all covering patches are L1-normalised together. For 3 rows the merge uses latitudes
 * ±59.6° (pers2equi's table), not the ±60° that equi2pers samples at.
 */
public final class OmniFusionMerge {
    private final Equirect grid;
    private final int patches;
    private final int size;
    /** CSR over ERP pixels: entries start[i] … start[i+1]−1 belong to pixel i. */
    private final int[] start;
    private final int[] patch;
    private final int[] at;
    private final float[] weight;

    private OmniFusionMerge(Equirect grid, int patches, int size, int[] start, int[] patch, int[] at, float[] weight) {
        this.grid = grid;
        this.patches = patches;
        this.size = size;
        this.start = start;
        this.patch = patch;
        this.at = at;
        this.weight = weight;
    }

    /** The merge of OmniFusion's {@code rows}-row layout with square patches of {@code size} pixels. */
    public static OmniFusionMerge create(int rows, double fovDegrees, int size, Equirect grid) {
        TangentLayout layout = TangentLayout.omnifusion(rows, fovDegrees, size);
        double extent = TangentLayout.omnifusionExtent(fovDegrees);
        int n = layout.size();
        int w = grid.width();
        int plane = w * grid.height();
        // per pixel, the candidate (patch, index, weight) triples before normalisation
        int[] count = new int[plane];
        int[][] pAt = new int[plane][];
        double[][] pW = new double[plane][];
        double[] xy = new double[2];
        for (int p = 0; p < n; p++) {
            TangentPatch tp = layout.patch(p);
            double lat0 = rows == 3 && tp.lat0() != 0 ? Math.copySign(Math.toRadians(59.6), tp.lat0()) : tp.lat0();
            for (int r = 0; r < grid.height(); r++) {
                double lat = grid.latitude(r);
                for (int c = 0; c < w; c++) {
                    if (!Gnomonic.forward(grid.longitude(c), lat, tp.lon0(), lat0, xy)) {
                        continue;
                    }
                    double u = (xy[0] / extent + 1) * 0.5 * size;
                    double v = (xy[1] / extent + 1) * 0.5 * size;
                    if (!(u > 0 && u < size && v > 0 && v < size)) {
                        continue;
                    }
                    int x0 = (int) Math.floor(u), y0 = (int) Math.floor(v);
                    int x1 = Math.min(x0 + 1, size - 1), y1 = Math.min(y0 + 1, size - 1);
                    int pixel = r * w + c;
                    add(pAt, pW, count, pixel, p * size * size + y0 * size + x0, (x1 - u) * (y1 - v));
                    add(pAt, pW, count, pixel, p * size * size + y1 * size + x0, (x1 - u) * (v - y0));
                    add(pAt, pW, count, pixel, p * size * size + y0 * size + x1, (u - x0) * (y1 - v));
                    add(pAt, pW, count, pixel, p * size * size + y1 * size + x1, (u - x0) * (v - y0));
                }
            }
        }
        int[] start = new int[plane + 1];
        for (int i = 0; i < plane; i++) {
            start[i + 1] = start[i] + count[i];
        }
        int total = start[plane];
        int[] patchOf = new int[total];
        int[] at = new int[total];
        float[] weight = new float[total];
        for (int i = 0; i < plane; i++) {
            double sum = 0;
            for (int k = 0; k < count[i]; k++) {
                sum += pW[i][k];
            }
            for (int k = 0; k < count[i]; k++) {
                int e = start[i] + k;
                patchOf[e] = pAt[i][k] / (size * size);
                at[e] = pAt[i][k] % (size * size);
                weight[e] = (float) (pW[i][k] / Math.max(sum, 1e-12));
            }
        }
        return new OmniFusionMerge(grid, n, size, start, patchOf, at, weight);
    }

    private static void add(int[][] pAt, double[][] pW, int[] count, int pixel, int index, double w) {
        if (!(w > Tangents.MIN_WEIGHT)) {
            return;
        }
        int k = count[pixel];
        if (pAt[pixel] == null) {
            pAt[pixel] = new int[8];
            pW[pixel] = new double[8];
        } else if (k == pAt[pixel].length) {
            pAt[pixel] = Arrays.copyOf(pAt[pixel], 2 * k);
            pW[pixel] = Arrays.copyOf(pW[pixel], 2 * k);
        }
        pAt[pixel][k] = index;
        pW[pixel][k] = w;
        count[pixel] = k + 1;
    }

    public Equirect grid() {
        return grid;
    }

    public int patches() {
        return patches;
    }

    public int size() {
        return size;
    }

    /**
     * Merges one channel: {@code values} holds every patch's size×size map, patch after patch
     * ([n, size, size], as a model's [n, 1, size, size] output). Returns H×W; pixels no patch covers are 0.
     */
    public float[] merge(float[] values) {
        if (values.length != patches * size * size) {
            throw new IllegalArgumentException("got " + values.length + " values, expected " + patches + " patches of "
                    + size + "×" + size);
        }
        int plane = size * size;
        float[] out = new float[start.length - 1];
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (int e = start[i]; e < start[i + 1]; e++) {
                s += weight[e] * values[patch[e] * plane + at[e]];
            }
            out[i] = (float) s;
        }
        return out;
    }
}
