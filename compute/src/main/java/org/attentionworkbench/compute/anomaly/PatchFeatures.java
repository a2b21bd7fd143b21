package org.attentionworkbench.compute.anomaly;

/**
 * Patch features of one image on a grid: row-major [gridH·gridW, dim], each row L2-normalised
 * (so a dot product is a cosine similarity).
 */
public record PatchFeatures(int gridH, int gridW, int dim, float[] data) {
    public PatchFeatures {
        if (gridH <= 0 || gridW <= 0 || dim <= 0 || data.length != (long) gridH * gridW * dim) {
            throw new IllegalArgumentException("patch features " + gridH + "×" + gridW + "×" + dim + " with "
                    + data.length + " values");
        }
    }

    public int patches() {
        return gridH * gridW;
    }

    /** Several images' patches stacked into one [Σ patches, dim] block (a memory bank's raw material). */
    public static float[] stack(java.util.List<PatchFeatures> all) {
        int dim = all.get(0).dim();
        int total = 0;
        for (PatchFeatures f : all) {
            if (f.dim() != dim) {
                throw new IllegalArgumentException("patch features of dim " + f.dim() + " and " + dim);
            }
            total += f.patches();
        }
        float[] out = new float[total * dim];
        int at = 0;
        for (PatchFeatures f : all) {
            System.arraycopy(f.data(), 0, out, at, f.data().length);
            at += f.data().length;
        }
        return out;
    }

    /** Normalises each row of [rows, dim] to unit L2 length in place (zero rows stay zero). */
    static void normaliseRows(float[] x, int rows, int dim) {
        for (int r = 0; r < rows; r++) {
            double ss = 0;
            for (int i = 0; i < dim; i++) {
                float v = x[r * dim + i];
                ss += v * v;
            }
            if (ss > 0) {
                float inv = (float) (1 / Math.sqrt(ss));
                for (int i = 0; i < dim; i++) {
                    x[r * dim + i] *= inv;
                }
            }
        }
    }
}
