package org.attentionworkbench.compute.panorama.align;

/** One patch's alignment as found by AFFINE: aligned = scale·input + offset, in the input's own units. */
public record PatchAffine(double scale, double offset) {
    public double apply(double value) {
        return scale * value + offset;
    }
}
