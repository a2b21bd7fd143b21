package org.attentionworkbench.compute.panorama;

/** How overlapping patches are merged back into an ERP map. */
public enum Blend {
    /**
     * OmniFusion's rule: every covering patch contributes its bilinear sample with its four corner
     * weights, all weights L1-normalised together, so overlapping patches are averaged equally.
     */
    MEAN
}
