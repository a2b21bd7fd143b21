package org.attentionworkbench.compute.panorama.depth;

import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.models.depth.DepthMap;
import org.attentionworkbench.compute.models.depth.DepthModel;
import org.attentionworkbench.compute.panorama.TangentPatch;

/**
 * A perspective depth model (Depth Anything V2, …) run on each tangent patch. The patch is handed over as
 * the 8-bit picture a pinhole camera would have taken, so the model's own preprocessing (its resize to a
 * multiple of 14, its normalisation) and its resize back to the patch size apply unchanged.
 */
public final class ModelPatchEstimator implements PatchDepthEstimator, AutoCloseable {
    private final DepthModel model;

    public ModelPatchEstimator(DepthModel model) {
        this.model = model;
    }

    public DepthModel model() {
        return model;
    }

    @Override
    public PatchDepth estimate(int index, TangentPatch patch, float[] rgbChw) {
        RgbImage image = toImage(rgbChw, patch.width(), patch.height());
        DepthMap d = model.predict(image);
        return new PatchDepth(d.values(), d.width(), d.height(), d.kind());
    }

    /** [3, h, w] floats in [0, 1] → packed 8-bit RGB (rounded, clamped; NaN → 0). */
    static RgbImage toImage(float[] chw, int width, int height) {
        int n = width * height;
        if (chw.length != 3 * n) {
            throw new IllegalArgumentException("patch has " + chw.length + " values, expected 3×" + height + "×" + width);
        }
        int[] rgb = new int[n];
        for (int i = 0; i < n; i++) {
            rgb[i] = byteOf(chw[i]) << 16 | byteOf(chw[n + i]) << 8 | byteOf(chw[2 * n + i]);
        }
        return new RgbImage(width, height, rgb);
    }

    private static int byteOf(float v) {
        return v > 0 ? Math.min(255, Math.round(v * 255f)) : 0;
    }

    @Override
    public void close() {
        model.close();
    }
}
