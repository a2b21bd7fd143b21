package org.attentionworkbench.compute.models.depth;

/** What the values of a {@link DepthMap} mean. */
public enum DepthKind {
    /** Affine-invariant inverse depth (disparity up to scale and shift): larger is closer. */
    RELATIVE_INVERSE,
    /** Depth along the optical axis in metres (metric heads: sigmoid × max depth). */
    METRIC_METRES
}
