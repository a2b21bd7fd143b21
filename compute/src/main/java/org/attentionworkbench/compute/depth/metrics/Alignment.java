package org.attentionworkbench.compute.depth.metrics;

/**
 * How a prediction is brought to the ground truth's scale before scoring. Metric-depth models use
 * {@link #NONE}; relative models need one of the others, fitted over the valid pixels only.
 */
public enum Alignment {
    /** Score the prediction as it is (metric depth). */
    NONE,
    /** Multiply by median(gt) / median(pred): the usual protocol for scale-ambiguous depth. */
    MEDIAN,
    /** Scale s and shift t minimising Σ(s·p + t − g)², on depth: for a prediction that is affine in depth. */
    LEAST_SQUARES_DEPTH,
    /**
     * The prediction is relative inverse depth (MiDaS, Depth Anything): fit s, t minimising
     * Σ(s·p + t − 1/g)², then depth = 1/(s·p + t). This is the MiDaS evaluation protocol; fitting in
     * depth instead would be wrong because 1/(a·x + b) is not affine in x.
     */
    LEAST_SQUARES_INVERSE
}
