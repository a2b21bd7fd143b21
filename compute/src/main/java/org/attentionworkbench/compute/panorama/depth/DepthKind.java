package org.attentionworkbench.compute.panorama.depth;

/** What a {@link PatchDepth}'s numbers mean. */
public enum DepthKind {
    /** Affine-invariant inverse depth (disparity), larger = closer: MiDaS, Depth Anything relative heads. */
    RELATIVE_INVERSE,
    /** Planar depth z in metres: metric heads. */
    METRIC_METRES
}
