package org.attentionworkbench.compute.panorama.depth;

import org.attentionworkbench.compute.panorama.TangentPatch;

/**
 * Any perspective depth model, seen by the panorama pipeline: one tangent image in, its depth out.
 * Implementations may be called from one thread at a time only.
 */
public interface PatchDepthEstimator {
    /**
     * @param index the patch's position in its layout (0-based)
     * @param patch its geometry; the image is {@code patch.height()} × {@code patch.width()}
     * @param rgbChw the tangent image, 3×h×w floats in [0, 1] (R, G, B planes)
     * @return depth of the same h×w size, in the patch's planar frame
     */
    PatchDepth estimate(int index, TangentPatch patch, float[] rgbChw) throws Exception;
}
