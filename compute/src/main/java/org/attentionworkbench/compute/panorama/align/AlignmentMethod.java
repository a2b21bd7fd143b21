package org.attentionworkbench.compute.panorama.align;

/** How per-patch relative inverse depth is brought onto one common scale before blending. */
public enum AlignmentMethod {
    /** Take every patch as it is (a metric model whose patches already agree). */
    NONE,
    /** One scale and one offset per patch, by linear least squares on overlap correspondences. */
    AFFINE,
    /** AFFINE, then a coarse bilinear grid of scales and offsets per patch (360MonoDepth's deformable alignment). */
    GRID
}
