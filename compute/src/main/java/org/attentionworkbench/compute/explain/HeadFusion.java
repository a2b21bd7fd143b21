package org.attentionworkbench.compute.explain;

/** How the heads of one layer are fused into one map (vit-explain's {@code head_fusion}). */
public enum HeadFusion {
    /** Average over heads: the Abnar and Zuidema default. */
    MEAN,
    /** Element-wise minimum: only what every head attends to survives. */
    MIN,
    /** Element-wise maximum: what any head attends to; vit-explain's sharpest maps. */
    MAX
}
