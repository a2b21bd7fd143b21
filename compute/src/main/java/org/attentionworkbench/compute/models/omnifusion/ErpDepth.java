package org.attentionworkbench.compute.models.omnifusion;

import java.util.List;

/**
 * OmniFusion's ERP depth, H×W row-major in metres (the units of the training set: Stanford2D3D and
 * Matterport3D radial depth), in {@link org.attentionworkbench.compute.panorama.Equirect}'s pixel
 * convention. {@code depth} is the last iteration's; {@code iterations} holds every iteration's map
 * (the last is {@code depth}); {@code confidence} is the merged confidence (H×W) of the last
 * iteration when the model ran with it, else null. Pixels no patch covers are 0.
 */
public record ErpDepth(int height, int width, float[] depth, float[] confidence, List<float[]> iterations) {
    public float at(int row, int column) {
        return depth[row * width + column];
    }
}
