package org.attentionworkbench.compute.panorama;

/** How overlapping patches are merged back into an ERP map. */
public enum Blend {
    /**
     * OmniFusion's rule: every covering patch contributes its bilinear sample with its four corner
     * weights, all weights L1-normalised together, so overlapping patches are averaged equally.
     */
    MEAN,
    /**
     * 360MonoDepth's {@code frustum}: as MEAN, but each patch pixel weighs by its distance to the
     * patch border ({@link FrustumWeights}), so a patch fades out towards its edges and seams vanish.
     */
    FRUSTUM,
    /**
     * 360MonoDepth's gradient-domain blend: the map whose forward differences best match the
     * frustum-weighted patch gradients, held to the FRUSTUM map by a fidelity term
     * ({@code compute.panorama.blend.PoissonBlend}).
     */
    POISSON
}
